/**
 * The client's address, as rate limits key it: the socket's remote address, or the first
 * X-Forwarded-For hop when API_TRUST_PROXY says a proxy sets it (otherwise a client could
 * pick a fresh address per attempt by sending the header).
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('X-Forwarded-For')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests has no socket; every such request shares one address.
    return 'unknown';
  }
}

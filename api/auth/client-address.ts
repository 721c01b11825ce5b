/**
 * The client's address, as rate limits key it: the socket's remote address, or, when
 * API_TRUST_PROXY says one proxy sits in front of the API, the X-Forwarded-For hop that proxy
 * appended (the rightmost). Every hop left of it came from the client, who can write anything
 * there: keying limits on the leftmost entry let a client pick a fresh address per attempt.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    // Several X-Forwarded-For headers arrive joined by commas; the proxy's hop is still last.
    const forwarded = c.req.header('X-Forwarded-For')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests has no socket; every such request shares one address.
    return 'unknown';
  }
}

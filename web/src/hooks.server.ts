/** Adds the security headers (lib/server/security-headers.ts) to every response the server renders. */
import { env } from '$env/dynamic/public';
import { env as privateEnv } from '$env/dynamic/private';
import type { Handle } from '@sveltejs/kit';
import { securityHeaders, withApiOrigin } from '$lib/server/security-headers';

const DEFAULT_API_URL = 'http://127.0.0.1:3000';

export const handle: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  const apiUrl = env.PUBLIC_API_URL || DEFAULT_API_URL;
  for (const [name, value] of Object.entries(securityHeaders({ origin: privateEnv.ORIGIN })))
    response.headers.set(name, value);
  const policy = response.headers.get('content-security-policy');
  if (policy) response.headers.set('content-security-policy', withApiOrigin(policy, apiUrl));
  return response;
};

/**
 * Security headers for every page the web server renders. The Content-Security-Policy itself
 * comes from `kit.csp` (svelte.config.js, with nonces for SvelteKit's scripts); its connect-src
 * names a placeholder for the API, replaced here with the API's origin of this deployment
 * (PUBLIC_API_URL), since one build serves every environment.
 */
export const API_ORIGIN_PLACEHOLDER = 'https://kizo-api.invalid';

export function securityHeaders(options: { origin: string | undefined }): Record<string, string> {
  const headers: Record<string, string> = {
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  // HSTS only means something, and is only safe to send, behind TLS.
  if (options.origin?.startsWith('https://'))
    headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
  return headers;
}

/** The policy kit.csp produced, with the API's real origin in place of the placeholder. */
export function withApiOrigin(policy: string, apiUrl: string): string {
  let origin: string;
  try {
    origin = new URL(apiUrl).origin;
  } catch {
    origin = "'self'";
  }
  return policy.replaceAll(API_ORIGIN_PLACEHOLDER, origin);
}

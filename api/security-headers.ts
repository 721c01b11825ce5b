/**
 * Security headers on every API answer (Hono's secureHeaders): a JSON API loads nothing and is
 * framed by nobody, so its policy is `default-src 'none'` (the /docs page's own inline style
 * aside); no sniffing, no referrer; HSTS only when the API is published over TLS.
 */
import { secureHeaders } from 'hono/secure-headers';

export function apiSecurityHeaders(publicUrl: string) {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      styleSrc: ["'unsafe-inline'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    strictTransportSecurity: publicUrl.startsWith('https://') ? 'max-age=31536000; includeSubDomains' : false,
    // The web app calls the API from another origin, with CORS: resource isolation would refuse it.
    crossOriginResourcePolicy: false,
    crossOriginEmbedderPolicy: false,
  });
}

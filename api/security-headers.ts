/**
 * Security headers on every API answer (Hono's secureHeaders): a JSON API loads nothing and is
 * framed by nobody, so its policy is `default-src 'none'`; no sniffing, no referrer; HSTS only
 * when the API is published over TLS. The /docs page alone may run Redoc, served from here.
 */
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { DOCS_PATH } from './openapi';

const LOCKED = { frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] };

export function apiSecurityHeaders(publicUrl: string): MiddlewareHandler {
  const common = {
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    strictTransportSecurity: publicUrl.startsWith('https://') ? 'max-age=31536000; includeSubDomains' : false,
    // The web app calls the API from another origin, with CORS: resource isolation would refuse it.
    crossOriginResourcePolicy: false,
    crossOriginEmbedderPolicy: false,
  } as const;
  const api = secureHeaders({ ...common, contentSecurityPolicy: { defaultSrc: ["'none'"], ...LOCKED } });
  const docs = secureHeaders({
    ...common,
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      // Redoc styles its page inline and renders its search in a web worker.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      workerSrc: ['blob:'],
      ...LOCKED,
    },
  });
  return (c, next) => (c.req.path === DOCS_PATH ? docs(c, next) : api(c, next));
}

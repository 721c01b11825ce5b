/**
 * The OpenAPI 3.1 document (generated from the routes' zod schemas) and a readable docs page
 * rendered from it on the server, so the docs need no script or CDN. The description publishes
 * the policies clients depend on: idempotency, money format, errors, rate limits.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Config } from '../common/config';
import { CONFIRM_TRIES_MAX } from '../transfers/bank-accounts';
import type { AppEnv } from './router';

export const OPENAPI_PATH = '/openapi.json';
export const DOCS_PATH = '/docs';

/** The document describes itself and the docs page too, so every route the app serves is in it. */
export const openApiRoute = createRoute({
  method: 'get',
  path: OPENAPI_PATH,
  tags: ['operations'],
  summary: 'This OpenAPI 3.1 document',
  responses: {
    200: {
      description: 'The document',
      content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
    },
  },
});

export const docsRoute = createRoute({
  method: 'get',
  path: DOCS_PATH,
  tags: ['operations'],
  summary: 'Readable API documentation (HTML)',
  responses: { 200: { description: 'The docs page', content: { 'text/html': { schema: z.string() } } } },
});

/** Redoc's standalone bundle, served from node_modules: the docs page loads nothing from elsewhere. */
export const REDOC_SCRIPT_PATH = '/docs/redoc.standalone.js';
const REDOC_BUNDLE = fileURLToPath(
  new URL('../node_modules/redoc/bundles/redoc.standalone.js', import.meta.url),
);
let redocScript: Promise<string> | undefined;
export const readRedocScript = (): Promise<string> => (redocScript ??= readFile(REDOC_BUNDLE, 'utf8'));

export const redocScriptRoute = createRoute({
  method: 'get',
  path: REDOC_SCRIPT_PATH,
  tags: ['operations'],
  summary: 'The script that renders /docs (Redoc)',
  responses: {
    200: { description: 'JavaScript', content: { 'application/javascript': { schema: z.string() } } },
  },
});

export const metricsRoute = createRoute({
  method: 'get',
  path: '/metrics',
  tags: ['operations'],
  summary: 'Prometheus metrics (text exposition format)',
  responses: { 200: { description: 'Metrics', content: { 'text/plain': { schema: z.string() } } } },
});

export function apiDescription(config: Config): string {
  return `Kizo: a wallet whose every money movement is a durable Temporal workflow.

**Money.** Amounts are integers in minor units (cents) carried as strings of digits (\`"2500"\` is 25.00 EUR). Never floats.

**Authentication.** \`POST /v1/auth/signup\` or \`/v1/auth/login\` return a short-lived access token (JWT, ${config.ACCESS_TOKEN_TTL_SECONDS} s) for \`Authorization: Bearer <token>\` and a single-use refresh token (valid ${config.REFRESH_TOKEN_TTL_SECONDS} s). Each refresh returns a new refresh token; presenting a used one again ends the whole session (reuse detection). Roles: \`user\`, \`admin\`.

**Rate limits** (shared by every API replica): at most ${config.LOGIN_ATTEMPTS_PER_ACCOUNT_MAX} failed logins per account and client address together (the owner signing in from elsewhere is not locked out) and ${config.LOGIN_ATTEMPTS_PER_ADDRESS_MAX} logins per address per ${config.LOGIN_RATE_WINDOW_SECONDS} s; ${config.SIGNUPS_PER_ADDRESS_PER_HOUR_MAX} sign-ups per address an hour; ${config.REFRESHES_PER_ADDRESS_PER_MINUTE_MAX} refreshes per address and ${config.MONEY_REQUESTS_PER_USER_PER_MINUTE_MAX} money requests per user a minute. Beyond: 429 with \`Retry-After\`.

**Who may move what.** Deposits collect only from, and withdrawals pay out only to, the caller's own verified bank accounts (\`GET /v1/bank-accounts\`): a linked IBAN is verified once its user confirms the two micro-deposits the bank sent to it (\`POST /v1/bank-accounts/{accountRef}/confirm\`, ${CONFIRM_TRIES_MAX} tries), and whoever confirms an IBAN owns it (every other link of it is voided); holder-name checks are limited to ${config.BANK_HOLDER_CHECKS_PER_USER_PER_HOUR_MAX} per user and ${config.BANK_HOLDER_CHECKS_PER_ACCOUNT_PER_HOUR_MAX} per IBAN an hour (429 with \`Retry-After\`); per-movement and 24-hour limits apply (\`GET /v1/limits\`). Large transfers and withdrawals, and the first payout to an account, wait for an admin who is neither party.

**Idempotency** (IETF Idempotency-Key draft). Every money-moving POST (\`/v1/deposits\`, \`/v1/transfers\`, \`/v1/withdrawals\`) requires an \`Idempotency-Key\` header (8-128 of \`[A-Za-z0-9._:-]\`; use a fresh UUID per intended movement, and the same key for its retries). Keys are scoped per user and kept for ${config.IDEMPOTENCY_KEY_TTL_HOURS} hours (in PostgreSQL: they survive restarts).
- Missing or malformed key: 400.
- Same key, same body, first request finished: the first response (success or refusal) is replayed with header \`Idempotent-Replayed: true\`.
- Same key, different body (or endpoint): 422 \`idempotency-key-reused\`.
- Same key while the first request is still being processed: 409 \`idempotency-key-in-flight\` with \`Retry-After\`.
- Server faults (5xx) do not store the key, so a retry runs again, and joins the same workflow: money moves at most once.

**Acceptance.** A money-moving POST answers 202 once its workflow has accepted the request (funds held) or 422 when refused (\`insufficient-funds\`, ...). Bank legs continue in the background; follow \`status\` on \`GET /v1/transfers/{id}\`.

**Errors** are RFC 9457 \`application/problem+json\` with a stable \`type\` URI under \`https://kizo.dev/problems/\`; validation errors list \`errors: [{ path, message }]\`. Request bodies are limited to ${config.API_BODY_LIMIT_BYTES} bytes (413).

**Verified email.** Sign-up mails a link that verifies the address (\`POST /v1/auth/verify-email\`). Until then nobody can name the user by email (only by handle: an unverified email answers as an unregistered one), it grants no admin role, and withdrawals answer 403 \`email-not-verified\`.

**Admins.** An account with a verified email becomes admin with \`npm run user:promote -- <email>\`, or by listing its email in \`KIZO_ADMIN_EMAILS\` (applied when the address is verified and at a later login).`;
}

const TAGS = [
  {
    name: 'auth',
    description: 'Sign-up, login, token refresh, logout, email verification and password reset (public)',
  },
  {
    name: 'account',
    description: 'The signed-in user, logging out everywhere, the password, the email, sessions',
  },
  { name: 'wallets', description: 'Balances and statements' },
  { name: 'transfers', description: 'Money sent to other people, and every transfer of the caller' },
  { name: 'deposits', description: "Top-ups from the caller's bank accounts" },
  { name: 'withdrawals', description: "Payouts to the caller's bank accounts, and their cancel" },
  { name: 'bank accounts', description: "The caller's accounts at the bank" },
  { name: 'limits', description: 'Deposit and withdrawal limits and what is left of them' },
  {
    name: 'payment-requests',
    description: 'Asking another user for money, and paying, declining or cancelling a request',
  },
  { name: 'schedules', description: 'Scheduled and recurring transfers (Temporal Schedules)' },
  { name: 'contacts', description: 'Saved and recent recipients, and a name lookup before sending' },
  { name: 'events', description: "The caller's live events (server-sent events from the outbox)" },
  {
    name: 'webhooks',
    description: "Signed deliveries of the caller's events to their HTTPS endpoints (docs/webhooks.md)",
  },
  { name: 'admin', description: 'Reviews, lists and reports for admins' },
  { name: 'operations', description: 'Health, metrics and this document (public)' },
];

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * The name an operation gets from its method and path, e.g. `postWithdrawalsIdCancel`: stable
 * as long as the route is, and what generated clients call it.
 */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .replace(/^\/v1\//, '/')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return method + words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('');
}

export function openApiDocument(app: OpenAPIHono<AppEnv>, config: Config) {
  const document = app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Kizo API',
      version: '1.0.0',
      description: apiDescription(config), // OpenAPI 3.1's SPDX `identifier`; the generator's types know only 3.0's fields.
      license: { name: 'Proprietary', identifier: 'LicenseRef-Kizo-Proprietary' } as { name: string },
    },
    servers: [{ url: config.API_PUBLIC_URL }],
    tags: TAGS,
  });
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = (item as Record<string, { operationId?: string; security?: unknown[] } | undefined>)[
        method
      ];
      if (!operation) continue;
      operation.operationId ??= operationIdOf(method, path);
      // A route that declares no bearer token is public: say so, rather than inherit nothing.
      operation.security ??= [];
    }
  }
  return document;
}

export function registerSecurityScheme(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'Access token from /v1/auth/login, /signup or /refresh',
  });
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!,
  );

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; description?: string }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string }>;
}

/** A plain HTML page listing every operation with its parameters, body schema and responses. */
export function renderDocsPage(document: {
  info: { title: string; description?: string };
  paths?: object;
}): string {
  // The generator's path items are loosely typed; the page reads only these documented fields.
  const paths = (document.paths ?? {}) as Record<string, Record<string, Operation>>;
  const sections = Object.entries(paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => {
      const parameters = (operation.parameters ?? [])
        .map(
          (parameter) =>
            `<li><code>${escapeHtml(parameter.name)}</code> (${parameter.in}${parameter.required ? ', required' : ''}) ${escapeHtml(parameter.description ?? '')}</li>`,
        )
        .join('');
      const body = operation.requestBody?.content?.['application/json']?.schema;
      const responses = Object.entries(operation.responses ?? {})
        .map(([status, response]) => `<li><b>${status}</b> ${escapeHtml(response.description ?? '')}</li>`)
        .join('');
      return `<section><h3><span class="m">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code>${operation.security?.length ? ' 🔒' : ''}</h3>
<p>${escapeHtml(operation.summary ?? '')}</p>${operation.description ? `<p>${escapeHtml(operation.description)}</p>` : ''}
${parameters ? `<h4>Parameters</h4><ul>${parameters}</ul>` : ''}${body ? `<h4>Body</h4><pre>${escapeHtml(JSON.stringify(body, null, 2))}</pre>` : ''}
<h4>Responses</h4><ul>${responses}</ul></section>`;
    }),
  );
  const intro = escapeHtml(document.info.description ?? '').replace(/\n/g, '<br>');
  // Redoc renders the document; without scripts, the plain list below is the page.
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(document.info.title)}</title>
<style>body{margin:0}noscript{display:block;font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2330}
section{border-top:1px solid #dde;padding:.5rem 0}.m{background:#1d2330;color:#fff;border-radius:4px;padding:0 .4rem;font-size:.85em}
pre{background:#f4f5f8;padding:.75rem;overflow:auto}code{font-size:.95em}</style></head>
<body><redoc spec-url="${OPENAPI_PATH}" hide-download-button="false"></redoc><script src="${REDOC_SCRIPT_PATH}"></script>
<noscript><h1>${escapeHtml(document.info.title)}</h1><p><a href="${OPENAPI_PATH}">OpenAPI 3.1 document</a></p><p>${intro}</p>${sections.join('\n')}</noscript></body></html>`;
}

/**
 * The Hono API: routers per resource mounted under /v1, each route declared once with zod
 * schemas that both validate requests and generate the OpenAPI 3.1 document. Cross-cutting
 * concerns are middleware here: strict CORS for the web app's origin, a body size limit,
 * authentication and roles per path prefix, and one error handler that renders problem+json
 * and never leaks stack traces or SQL.
 */
import type { Client } from '@temporalio/client';
import { createBankClient, type BankClient } from '../bank-client/client';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import pino, { type Logger } from 'pino';
import type { Config } from '../common/config';
import { httpObservability, metricsEndpoint } from '../common/http-observability';
import type { Database } from '../prisma/client';
import { requireAdmin, requireUser } from './auth/middleware';
import { IDEMPOTENT_REPLAYED_HEADER } from './idempotency/idempotent';
import { createIdempotencyStore, type IdempotencyStore } from './idempotency/store';
import {
  docsRoute,
  metricsRoute,
  openApiDocument,
  openApiRoute,
  readRedocScript,
  redocScriptRoute,
  registerSecurityScheme,
  renderDocsPage,
} from './openapi';
import { ProblemError, problemResponse, PROBLEM_TYPE_BASE } from './problem';
import { adminRoutes } from './routes/admin';
import { depositRoutes } from './routes/deposits';
import { withdrawalRoutes } from './routes/withdrawals';
import { resolveJwtSecret } from './auth/jwt-secret';
import { consume, createRateLimits } from './auth/rate-limits';
import { createRefreshTokenStore } from './auth/refresh-tokens';
import type pg from 'pg';
import { authRoutes } from './routes/auth';
import { healthRoutes } from './routes/health';
import { meRoutes } from './routes/me';
import { transferRoutes } from './routes/transfers';
import { walletRoutes } from './routes/wallets';
import { reportReconciliationFrom } from './reconciliation-metrics';
import { apiSecurityHeaders } from './security-headers';
import { bankAccountRoutes } from './routes/bank-accounts';
import { limitRoutes } from './routes/limits';
import { createRouter } from './router';
import { paymentRequestRoutes } from './routes/payment-requests';
import { scheduleRoutes } from './routes/schedules';
import { contactRoutes } from './routes/contacts';
import { statementRoutes } from './routes/statements';
import { webhookRoutes } from './routes/webhooks';
import { eventRoutes } from './routes/events';
import type { EventHub } from './live/event-hub';
import { createMailer, type Mailer } from '../mail/mailer';
import { createAccountMail } from './auth/account-mail';
import { createEmailTokens } from './auth/email-tokens';
import { meSecurityRoutes } from './routes/me-security';

export interface ApiDependencies {
  db: Database;
  temporal: Client;
  config: Config;
  logger?: Logger;
  /** The bank client reconciliation reads records with; built from BANK_URL when omitted. */
  bank?: BankClient;
  /** Where the rate-limit counters live (a pool on this database), shared by every replica; in memory when omitted. */
  rateLimitStore?: pg.Pool;
  /** This process's listener of the outbox, for live streams; GET /v1/events answers 503 without one. */
  eventHub?: EventHub;
  /** Outgoing mail; an SMTP mailer from the configuration when omitted. */
  mailer?: Mailer;
}

/** Money-moving routes: each POST counts against the caller's per-minute limit. */
const MONEY_PREFIXES = [
  '/v1/transfers',
  '/v1/deposits',
  '/v1/withdrawals',
  '/v1/payment-requests',
  '/v1/schedules',
] as const;

/** Path prefixes that need a signed-in user; the admin prefix needs the admin role too. */
const AUTHENTICATED_PREFIXES = [
  '/v1/me',
  '/v1/wallets',
  '/v1/transfers',
  '/v1/deposits',
  '/v1/withdrawals',
  '/v1/bank-accounts',
  '/v1/limits',
  '/v1/payment-requests',
  '/v1/schedules',
  '/v1/contacts',
  '/v1/events',
  '/v1/statements',
  '/v1/webhooks',
  '/v1/admin',
] as const;

export function createApp(dependencies: ApiDependencies) {
  const { db, temporal, config } = dependencies;
  const logger = dependencies.logger ?? pino({ level: config.LOG_LEVEL, name: 'api' });
  const bank =
    dependencies.bank ?? createBankClient({ baseUrl: config.BANK_URL, timeoutMs: config.BANK_TIMEOUT_MS });
  const idempotency: IdempotencyStore = createIdempotencyStore(db, {
    ttlHours: config.IDEMPOTENCY_KEY_TTL_HOURS,
    lockTimeoutSeconds: config.IDEMPOTENCY_LOCK_TIMEOUT_SECONDS,
  });
  reportReconciliationFrom(db);
  const app = createRouter();
  registerSecurityScheme(app);

  // First, so the request span, latency histogram and request log cover everything below.
  app.use('*', httpObservability({ service: 'api', logger }));
  app.use('*', apiSecurityHeaders(config.API_PUBLIC_URL));
  app.get('/metrics', metricsEndpoint);
  // Plain Hono route (Prometheus text), documented by hand so the document lists every route.
  app.openAPIRegistry.registerPath(metricsRoute);
  app.use(
    '*',
    cors({
      // Only the web app may call from a browser; other origins get no CORS headers at all.
      origin: (origin) => (origin === config.WEB_ORIGIN ? origin : null),
      allowMethods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Last-Event-ID'],
      exposeHeaders: [IDEMPOTENT_REPLAYED_HEADER, 'Retry-After'],
      maxAge: 600,
    }),
  );
  app.use(
    '*',
    bodyLimit({
      maxSize: config.API_BODY_LIMIT_BYTES,
      onError: (c) =>
        problemResponse(c, {
          type: `${PROBLEM_TYPE_BASE}payload-too-large`,
          title: 'Request body too large',
          status: 413,
          detail: `the limit is ${config.API_BODY_LIMIT_BYTES} bytes`,
        }),
    }),
  );

  const jwtSecret = resolveJwtSecret(config);
  const refreshTokens = createRefreshTokenStore(db, config.REFRESH_TOKEN_TTL_SECONDS);
  const authenticate = requireUser(db, jwtSecret);
  // `/*` matches the prefix itself too: registering both ran the check (and its query) twice.
  for (const prefix of AUTHENTICATED_PREFIXES) app.use(`${prefix}/*`, authenticate);
  app.use('/v1/admin/*', requireAdmin);
  const rateLimits = createRateLimits(config, dependencies.rateLimitStore);
  const emailTokens = createEmailTokens(db);
  const accountMail = createAccountMail(
    dependencies.mailer ?? createMailer(config, logger),
    emailTokens,
    config,
  );
  for (const prefix of MONEY_PREFIXES) {
    // `/*` matches the prefix itself too: one count per request.
    app.use(`${prefix}/*`, async (c, next) => {
      if (c.req.method === 'POST') await consume(rateLimits.money, c.get('user').id, 'money requests');
      await next();
    });
  }

  app.route('/', healthRoutes({ db, temporal, timeoutMs: config.READINESS_TIMEOUT_MS }));
  app.route(
    '/v1/auth',
    authRoutes({ db, config, jwtSecret, refreshTokens, rateLimits, emailTokens, accountMail, logger }),
  );
  app.route('/v1/me', meRoutes({ db, refreshTokens, rateLimits, accountMail }));
  app.route('/v1/me', meSecurityRoutes({ db, refreshTokens, rateLimits, accountMail }));
  app.route('/v1/wallets', walletRoutes({ db }));
  app.route('/v1/transfers', transferRoutes({ db, temporal, config, idempotency }));
  app.route('/v1/deposits', depositRoutes({ db, temporal, config, idempotency }));
  app.route('/v1/withdrawals', withdrawalRoutes({ db, temporal, config, idempotency }));
  app.route(
    '/v1/bank-accounts',
    bankAccountRoutes({ db, bank, config, jwtSecret, rateLimitStore: dependencies.rateLimitStore }),
  );
  app.route('/v1/limits', limitRoutes({ db, config }));
  app.route('/v1/payment-requests', paymentRequestRoutes({ db, temporal, config, idempotency }));
  app.route('/v1/schedules', scheduleRoutes({ db, temporal, config, idempotency }));
  app.route('/v1/contacts', contactRoutes({ db }));
  app.route('/v1/statements', statementRoutes({ db }));
  app.route('/v1/webhooks', webhookRoutes({ db, temporal, config }));
  app.route('/v1/events', eventRoutes({ db, config, hub: dependencies.eventHub }));
  app.route('/v1/admin', adminRoutes({ db, temporal, config, bank }));

  const document = () => openApiDocument(app, config);
  app.openapi(openApiRoute, (c) => c.json(document(), 200));
  app.openapi(docsRoute, (c) => c.html(renderDocsPage(document()), 200));
  app.openapi(redocScriptRoute, async (c) =>
    c.body(await readRedocScript(), 200, {
      'Content-Type': 'application/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=86400',
    }),
  );

  app.notFound((c) =>
    problemResponse(c, {
      type: `${PROBLEM_TYPE_BASE}not-found`,
      title: 'Not found',
      status: 404,
      instance: c.req.path,
    }),
  );
  app.onError((error, c) => {
    if (error instanceof ProblemError) return problemResponse(c, error.toProblem(c.req.path), error.headers);
    if (error instanceof HTTPException) return problemResponse(c, httpProblem(error, c.req.path));
    logger.error({ err: error, method: c.req.method, path: c.req.path }, 'unhandled error');
    return problemResponse(c, {
      type: `${PROBLEM_TYPE_BASE}internal`,
      title: 'Internal error',
      status: 500,
      instance: c.req.path,
    });
  });
  return app;
}

/** Hono's own exceptions (bad JSON, wrong media type) as problems with stable types. */
function httpProblem(error: HTTPException, instance: string) {
  if (error.status === 400 && /JSON/i.test(error.message)) {
    return {
      type: `${PROBLEM_TYPE_BASE}malformed-json`,
      title: 'Malformed JSON in request body',
      status: 400,
      instance,
    };
  }
  if (error.status === 415) {
    return {
      type: `${PROBLEM_TYPE_BASE}unsupported-media-type`,
      title: 'Send Content-Type: application/json',
      status: 415,
      instance,
    };
  }
  return {
    type: `${PROBLEM_TYPE_BASE}http-${error.status}`,
    title: error.message || 'Request failed',
    status: error.status,
    instance,
  };
}

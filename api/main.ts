/**
 * API process entry: `tsx api/main.ts`. Reads the configuration, connects PostgreSQL and
 * Temporal, serves on API_PORT, purges expired idempotency keys and ended sessions every minute, and shuts down
 * cleanly on SIGINT/SIGTERM.
 */
import { serve } from '@hono/node-server';
import pg from 'pg';
import { config } from '../common/config';
import { createLogger } from '../common/logger';
import { startTelemetry } from '../common/telemetry';
import { createDatabase } from '../prisma/client';
import { createTemporalClient } from '../temporal/client';
import { createApp } from './app';
import { resolveJwtSecret } from './auth/jwt-secret';
import { createRefreshTokenStore } from './auth/refresh-tokens';
import { createIdempotencyStore } from './idempotency/store';
import { createEventHub } from './live/event-hub';

/**
 * How often expired idempotency keys and ended sessions are swept; each sweep deletes in
 * batches until none is left (bounded, so one sweep cannot run for ever).
 */
const PURGE_INTERVAL_MS = 60 * 1000;
const PURGE_BATCH = 1_000;
const PURGE_BATCHES_MAX = 100;
/** Ended sessions are kept this long for investigations (reuse detection, logouts). */
const SESSION_KEEP_DAYS = 30;

const settings = config();
startTelemetry('kizo-api');
const logger = createLogger('api', { level: settings.LOG_LEVEL });
if (!settings.DATABASE_URL) {
  logger.fatal('DATABASE_URL is not set: the API needs the database');
  process.exit(2);
}
let jwtSecret: string;
try {
  jwtSecret = resolveJwtSecret(settings);
} catch (error) {
  logger.fatal((error as Error).message);
  process.exit(2);
}
const db = createDatabase(settings.DATABASE_URL);
const temporal = await createTemporalClient({
  address: settings.TEMPORAL_ADDRESS,
  namespace: settings.TEMPORAL_NAMESPACE,
});
// A few connections of their own for the shared rate-limit counters (rate-limiter-flexible takes a pg pool).
const rateLimitStore = new pg.Pool({ connectionString: settings.DATABASE_URL, max: 4 });
rateLimitStore.on('error', (error) => logger.warn({ err: error }, 'rate-limit store connection dropped'));
const eventHub = createEventHub({ connectionString: settings.DATABASE_URL, logger });
const server = serve({
  fetch: createApp({
    db,
    temporal,
    config: { ...settings, JWT_SECRET: jwtSecret },
    logger,
    rateLimitStore,
    eventHub,
  }).fetch,
  port: settings.API_PORT,
  hostname: settings.API_HOST,
});
logger.info(`api listening on http://${settings.API_HOST}:${settings.API_PORT} (docs at /docs)`);

const idempotency = createIdempotencyStore(db, {
  ttlHours: settings.IDEMPOTENCY_KEY_TTL_HOURS,
  lockTimeoutSeconds: settings.IDEMPOTENCY_LOCK_TIMEOUT_SECONDS,
});
const sessions = createRefreshTokenStore(db, settings.REFRESH_TOKEN_TTL_SECONDS);
const purge = setInterval(() => {
  const batches = { batch: PURGE_BATCH, batchesMax: PURGE_BATCHES_MAX };
  idempotency
    .purgeExpired(batches)
    .catch((error: unknown) => logger.warn({ err: error }, 'idempotency purge failed'));
  sessions
    .purge({ ...batches, keepDays: SESSION_KEEP_DAYS })
    .catch((error: unknown) => logger.warn({ err: error }, 'session purge failed'));
}, PURGE_INTERVAL_MS);
purge.unref();

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    clearInterval(purge);
    server.close();
    void temporal.connection
      .close()
      .then(() => Promise.all([db.$disconnect(), rateLimitStore.end(), eventHub.close()]));
  });
}

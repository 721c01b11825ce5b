/**
 * API process entry: `tsx api/main.ts`. Reads the configuration, connects PostgreSQL and
 * Temporal, serves on API_PORT, purges expired idempotency keys periodically, and shuts down
 * cleanly on SIGINT/SIGTERM.
 */
import { serve } from '@hono/node-server';
import { config } from '../common/config';
import { createLogger } from '../common/logger';
import { startTelemetry } from '../common/telemetry';
import { createDatabase } from '../prisma/client';
import { createTemporalClient } from '../temporal/client';
import { createApp } from './app';
import { createIdempotencyStore } from './idempotency/store';

/** Expired idempotency keys deleted per sweep, and how often the sweep runs. */
const PURGE_BATCH_MAX = 1000;
const PURGE_INTERVAL_MS = 10 * 60 * 1000;

const settings = config();
startTelemetry('kizo-api');
const logger = createLogger('api', { level: settings.LOG_LEVEL });
if (!settings.DATABASE_URL) {
  logger.fatal('DATABASE_URL is not set: the API needs the database');
  process.exit(2);
}
const db = createDatabase(settings.DATABASE_URL);
const temporal = await createTemporalClient({ address: settings.TEMPORAL_ADDRESS, namespace: settings.TEMPORAL_NAMESPACE });
const server = serve({ fetch: createApp({ db, temporal, config: settings, logger }).fetch, port: settings.API_PORT, hostname: settings.API_HOST });
logger.info(`api listening on http://${settings.API_HOST}:${settings.API_PORT} (docs at /docs)`);

const idempotency = createIdempotencyStore(db, {
  ttlHours: settings.IDEMPOTENCY_KEY_TTL_HOURS,
  lockTimeoutSeconds: settings.IDEMPOTENCY_LOCK_TIMEOUT_SECONDS,
});
const purge = setInterval(() => {
  idempotency.purgeExpired(PURGE_BATCH_MAX).catch((error: unknown) => logger.warn({ err: error }, 'idempotency purge failed'));
}, PURGE_INTERVAL_MS);
purge.unref();

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    clearInterval(purge);
    server.close();
    void temporal.connection.close().then(() => db.$disconnect());
  });
}

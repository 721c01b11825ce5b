/**
 * Worker process entry: `tsx temporal/worker-main.ts`. Starts tracing and the Temporal runtime
 * (pino logs, SDK metrics) before any connection, serves /metrics on WORKER_METRICS_PORT, and
 * stops cleanly on SIGINT/SIGTERM.
 */
import { createBankClient } from '../bank-client/client';
import { config } from '../common/config';
import { createLogger } from '../common/logger';
import { startTelemetry } from '../common/telemetry';
import { createDatabase } from '../prisma/client';
import { createTemporalClient } from './client';
import { freePort } from '../common/free-port';
import { ensureReconciliationSchedule } from './reconciliation-schedule';
import { ensureMonthlyStatementsSchedule } from './monthly-statements-schedule';
import { ensureWebhookDispatcher } from './webhook-dispatcher';
import { createKizoWorker } from './worker';
import { startWorkerMetricsServer } from './worker-metrics';
import { installWorkerRuntime } from './worker-runtime';

const settings = config();
const telemetry = startTelemetry('kizo-worker');
const logger = createLogger('worker', { level: settings.LOG_LEVEL });
if (!settings.DATABASE_URL) {
  logger.fatal('DATABASE_URL is not set: the worker needs the ledger database');
  process.exit(2);
}
// The SDK's exporter stays on loopback and Prometheus reads it through our /metrics, so any free
// port will do; a fixed default would clash when several workers share a host.
const sdkMetricsPort = settings.WORKER_SDK_METRICS_PORT ?? (await freePort());
installWorkerRuntime({ logger, sdkMetricsAddress: `127.0.0.1:${sdkMetricsPort}` });
const metrics = await startWorkerMetricsServer({
  host: settings.WORKER_METRICS_HOST,
  port: settings.WORKER_METRICS_PORT,
  sdkMetricsUrl: `http://127.0.0.1:${sdkMetricsPort}/metrics`,
});
const db = createDatabase(settings.DATABASE_URL);
const { worker, connection } = await createKizoWorker({
  address: settings.TEMPORAL_ADDRESS,
  namespace: settings.TEMPORAL_NAMESPACE,
  db,
  bank: createBankClient({ baseUrl: settings.BANK_URL, timeoutMs: settings.BANK_TIMEOUT_MS }),
  benchWorkflows: settings.KIZO_BENCH_WORKFLOWS === 'on',
});
{
  const client = await createTemporalClient({
    address: settings.TEMPORAL_ADDRESS,
    namespace: settings.TEMPORAL_NAMESPACE,
  });
  logger.info(
    `webhook dispatcher ${await ensureWebhookDispatcher(client, { intervalMs: settings.WEBHOOK_DISPATCH_INTERVAL_MS })}`,
  );
  if (settings.RECONCILIATION_SCHEDULE === 'on') {
    const outcome = await ensureReconciliationSchedule(client, {
      intervalMs: settings.RECONCILIATION_INTERVAL_MS,
    });
    logger.info({ intervalMs: settings.RECONCILIATION_INTERVAL_MS }, `reconciliation schedule ${outcome}`);
  }
  if (settings.MONTHLY_STATEMENTS_SCHEDULE === 'on')
    logger.info(`monthly statements schedule ${await ensureMonthlyStatementsSchedule(client)}`);
  await client.connection.close();
}
// At info whatever LOG_LEVEL says: supervisors and scripts/stack.ts wait for this line.
logger
  .child({}, { level: 'info' })
  .info(
    { metrics: metrics.url },
    `worker polling ${settings.TEMPORAL_ADDRESS}, bank at ${settings.BANK_URL}`,
  );
await worker.run();
await connection.close();
await db.$disconnect();
await metrics.close();
await telemetry.shutdown();

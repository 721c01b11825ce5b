/**
 * The scheduled reconciliation's result as Prometheus gauges, read from its latest recorded run
 * at each scrape: every API replica reports the same numbers, whichever worker ran it. The
 * alert KizoReconciliationMismatch fires on the first, KizoReconciliationStale on the second.
 */
import { Gauge } from 'prom-client';
import { metricsRegistry } from '../common/metrics';
import type { Database } from '../prisma/client';

let source: Database | undefined;
/** Both gauges of one scrape share one read: the read is reused for this long. */
const READ_REUSE_MS = 1_000;
let lastRead: { atMs: number; run: ReturnType<typeof readLatestRun> } | undefined;

function readLatestRun() {
  // A scrape while the database is down reports the other metrics, not a failed /metrics.
  return (
    source?.reconciliationRun
      .findFirst({ orderBy: { id: 'desc' }, select: { mismatchCount: true, checkedAt: true } })
      .catch(() => undefined) ?? Promise.resolve(undefined)
  );
}

function latestRun() {
  const nowMs = Date.now();
  if (!lastRead || nowMs - lastRead.atMs > READ_REUSE_MS) lastRead = { atMs: nowMs, run: readLatestRun() };
  return lastRead.run;
}

new Gauge({
  name: 'kizo_reconciliation_mismatches',
  help: 'Mismatches between the bank and the ledger found by the latest scheduled reconciliation',
  registers: [metricsRegistry],
  async collect() {
    const run = await latestRun();
    if (run) this.set(run.mismatchCount);
  },
});

new Gauge({
  name: 'kizo_reconciliation_last_run_timestamp_seconds',
  help: 'When the latest scheduled reconciliation checked (Unix time)',
  registers: [metricsRegistry],
  async collect() {
    const run = await latestRun();
    if (run) this.set(run.checkedAt.getTime() / 1000);
  },
});

/** Points the gauges at a database; the API calls it once it has one. */
export function reportReconciliationFrom(db: Database): void {
  source = db;
  lastRead = undefined;
}

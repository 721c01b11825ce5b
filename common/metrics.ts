/**
 * Prometheus metrics (prom-client) for Kizo's own code, in one registry per process: HTTP
 * request latency by matched route, transfer outcomes, bank call latency and ledger posting
 * latency. The API serves it at /metrics, the bank too, and the worker on WORKER_METRICS_PORT
 * (temporal/worker-metrics.ts, merged with the Temporal SDK's own metrics). Label values are
 * bounded sets (route patterns, kinds, outcomes), never ids or raw paths.
 */
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { FINAL_STATUSES } from './transfer-status';

/** 5 ms to 10 s: fine enough below 100 ms for P50, and up to the bank timeout for P99. */
export const LATENCY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 10];

export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'kizo_' });

export const httpRequestDuration = new Histogram({
  name: 'kizo_http_request_duration_seconds',
  help: 'HTTP requests served, by service, method, matched route pattern and status code',
  labelNames: ['service', 'method', 'route', 'status'] as const,
  buckets: LATENCY_BUCKETS_SECONDS,
  registers: [metricsRegistry],
});

export const transfersStarted = new Counter({
  name: 'kizo_transfers_started_total',
  help: 'Transfers recorded as started, by kind (P2P, DEPOSIT, WITHDRAWAL)',
  labelNames: ['kind'] as const,
  registers: [metricsRegistry],
});

export const transfersFinished = new Counter({
  name: 'kizo_transfers_finished_total',
  help: 'Transfers that reached a final status, by kind and outcome (completed, failed, cancelled, compensated)',
  labelNames: ['kind', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const bankCallDuration = new Histogram({
  name: 'kizo_bank_call_duration_seconds',
  help: 'Calls to the bank, by operation and outcome (accepted, refused, rejected, unavailable, not_found)',
  labelNames: ['operation', 'outcome'] as const,
  buckets: LATENCY_BUCKETS_SECONDS,
  registers: [metricsRegistry],
});

export const ledgerPostingDuration = new Histogram({
  name: 'kizo_ledger_posting_duration_seconds',
  help: 'Ledger postings (one SQL transaction each), by operation and outcome (ok, refused, error)',
  labelNames: ['operation', 'outcome'] as const,
  buckets: LATENCY_BUCKETS_SECONDS,
  registers: [metricsRegistry],
});

/** From a transfer's start to its final status: the time-to-settle SLO (docs/observability.md). */
export const transferSettleSeconds = new Histogram({
  name: 'kizo_transfer_settle_seconds',
  help: "Seconds from a transfer's start to its final status, by kind and outcome",
  labelNames: ['kind', 'outcome'] as const,
  buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600, 6 * 3600, 24 * 3600],
  registers: [metricsRegistry],
});

/**
 * Counts a status a transfer reached. Only final statuses count as outcomes; a retried status
 * activity may count twice, which rates tolerate (the database stays the record of truth).
 */
export function countTransferStatus(kind: string, status: string, startedAt?: Date): void {
  if (!FINAL_STATUSES.has(status)) return;
  transfersFinished.inc({ kind, outcome: status.toLowerCase() });
  if (startedAt)
    transferSettleSeconds.observe(
      { kind, outcome: status.toLowerCase() },
      Math.max(0, (Date.now() - startedAt.getTime()) / 1000),
    );
}

/** Times `work` into `histogram`, labelling the outcome `classify` gives its result or error. */
export async function timed<T>(
  histogram: Histogram<'operation' | 'outcome'>,
  operation: string,
  work: () => Promise<T>,
  classify: (error: unknown) => string,
): Promise<T> {
  const stop = histogram.startTimer({ operation });
  try {
    const result = await work();
    stop({ outcome: classify(undefined) });
    return result;
  } catch (error) {
    stop({ outcome: classify(error) });
    throw error;
  }
}

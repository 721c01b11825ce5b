/**
 * The worker process's Temporal Runtime: routes the SDK's own logs (worker, workflow and
 * activity loggers) to pino, and exposes the SDK's metrics (task slots, poll latency, schedule-
 * to-start, workflow completions...) in Prometheus format. Runtime.install must run before the
 * first NativeConnection is made, and only once per process.
 */
import {
  ApplicationFailure,
  ApplicationFailureCategory,
  type LogLevel,
  type LogMetadata,
} from '@temporalio/common';
import { transferIdOf } from '../common/ids';
import { TRANSFER_KIND_DESCRIPTORS } from '../transfers/kinds';
import { Runtime, type Logger as TemporalLogger } from '@temporalio/worker';
import type { Logger } from '../common/logger';
import { LATENCY_BUCKETS_SECONDS } from '../common/metrics';

const PINO_LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** The SDK's message for an activity attempt that failed (a refusal among them). */
const ACTIVITY_FAILED = 'Activity failed';

const TRANSFER_ID_PREFIXES = Object.values(TRANSFER_KIND_DESCRIPTORS).map(
  (descriptor) => `${descriptor.idPrefix}-`,
);

/**
 * The fields of an SDK log line: its metadata (workflowId, activityType...) with the transfer's id
 * when the workflow is a transfer's, and without the activity's task token (a credential to
 * complete the activity, and noise).
 */
function fieldsOf(meta: LogMetadata | undefined): Record<string, unknown> {
  const { taskToken: _taskToken, ...fields } = (meta ?? {}) as Record<string, unknown>;
  const workflowId = typeof fields.workflowId === 'string' ? fields.workflowId : undefined;
  if (workflowId && TRANSFER_ID_PREFIXES.some((prefix) => workflowId.startsWith(prefix)))
    fields.transferId = transferIdOf(workflowId);
  return fields;
}

/**
 * Temporal's Logger interface over a pino logger. A business refusal (a BENIGN ApplicationFailure:
 * insufficient funds, a limit, the bank's no) is the system working: one line at info with its
 * type and reason, not a warning with a stack trace.
 */
export function temporalLogger(logger: Logger): TemporalLogger {
  const log = (level: LogLevel, message: string, meta?: LogMetadata) => {
    // The SDK logs every activation and activity at debug; a line pino drops costs nothing here
    // (its fields hash the workflow id). A failed activity may still be written at info.
    if (
      !logger.isLevelEnabled(PINO_LEVELS[level]) &&
      !(message === ACTIVITY_FAILED && logger.isLevelEnabled('info'))
    )
      return;
    const fields = fieldsOf(meta);
    const error = fields.error;
    if (
      message === ACTIVITY_FAILED &&
      error instanceof ApplicationFailure &&
      error.category === ApplicationFailureCategory.BENIGN
    ) {
      const { error: _error, ...rest } = fields;
      logger.info({ ...rest, failureType: error.type, reason: error.message }, 'activity refused');
      return;
    }
    // pino serialises errors (message, type, stack) under `err` only.
    const { error: failure, ...rest } = fields;
    logger[PINO_LEVELS[level]](failure === undefined ? fields : { ...rest, err: failure }, message);
  };
  return {
    log,
    trace: (message, meta) => log('TRACE', message, meta),
    debug: (message, meta) => log('DEBUG', message, meta),
    info: (message, meta) => log('INFO', message, meta),
    warn: (message, meta) => log('WARN', message, meta),
    error: (message, meta) => log('ERROR', message, meta),
  };
}

/** SDK latency histograms given Kizo's buckets (names without the `temporal_` prefix). */
const SDK_LATENCY_HISTOGRAMS = [
  'workflow_task_schedule_to_start_latency',
  'workflow_task_execution_latency',
  'workflow_task_replay_latency',
  'activity_schedule_to_start_latency',
  'activity_execution_latency',
  'local_activity_execution_latency',
] as const;

export interface WorkerRuntimeOptions {
  logger: Logger;
  /** host:port for the SDK's Prometheus exporter; omitted: no SDK metrics. */
  sdkMetricsAddress?: string;
}

export function installWorkerRuntime(options: WorkerRuntimeOptions): void {
  Runtime.install({
    logger: temporalLogger(options.logger),
    telemetryOptions: {
      ...(options.sdkMetricsAddress
        ? {
            metrics: {
              prometheus: {
                bindAddress: options.sdkMetricsAddress,
                countersTotalSuffix: true,
                useSecondsForDurations: true,
                // The SDK's default buckets put every workflow task of a healthy worker in the
                // first one; these are the API's, fine enough to show a tail (npm run bench -- tail).
                histogramBucketOverrides: Object.fromEntries(
                  SDK_LATENCY_HISTOGRAMS.map((name) => [name, [...LATENCY_BUCKETS_SECONDS]]),
                ),
              },
            },
          }
        : {}),
    },
  });
}

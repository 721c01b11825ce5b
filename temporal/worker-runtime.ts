/**
 * The worker process's Temporal Runtime: routes the SDK's own logs (worker, workflow and
 * activity loggers) to pino, and exposes the SDK's metrics (task slots, poll latency, schedule-
 * to-start, workflow completions...) in Prometheus format. Runtime.install must run before the
 * first NativeConnection is made, and only once per process.
 */
import type { LogLevel, LogMetadata } from '@temporalio/common';
import { Runtime, type Logger as TemporalLogger } from '@temporalio/worker';
import type { Logger } from '../common/logger';

const PINO_LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** Temporal's Logger interface over a pino logger; metadata (workflowId, activityType...) become fields. */
export function temporalLogger(logger: Logger): TemporalLogger {
  const log = (level: LogLevel, message: string, meta?: LogMetadata) => logger[PINO_LEVELS[level]]({ ...meta }, message);
  return {
    log,
    trace: (message, meta) => log('TRACE', message, meta),
    debug: (message, meta) => log('DEBUG', message, meta),
    info: (message, meta) => log('INFO', message, meta),
    warn: (message, meta) => log('WARN', message, meta),
    error: (message, meta) => log('ERROR', message, meta),
  };
}

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
        ? { metrics: { prometheus: { bindAddress: options.sdkMetricsAddress, countersTotalSuffix: true, useSecondsForDurations: true } } }
        : {}),
    },
  });
}

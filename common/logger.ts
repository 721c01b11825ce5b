/**
 * pino JSON logs for every process (API, worker, bank). Each line carries the active span's
 * trace_id and span_id, so an operator can jump from a log line to its trace, plus any fields
 * bound for the current request or activity (transferId, workflowId) through `withLogFields`.
 * Secrets never reach the output: authorization headers, cookies, passwords and tokens are
 * redacted by path, whatever object they are logged in.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import { pino, type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger } from 'pino';

/** Fields that describe the work in hand; the mixin copies them onto every line. */
export interface LogFields {
  transferId?: string;
  workflowId?: string;
}

const SECRET_KEYS = [
  'password',
  'refreshToken',
  'accessToken',
  'token',
  'authorization',
  'Authorization',
  'cookie',
  'Cookie',
  'set-cookie',
];

/**
 * Redacted paths: each secret key at the top level and up to three levels down (pino's
 * redaction takes explicit paths, and our logged objects nest as `req.headers.authorization`
 * or `req.body.password` at most).
 */
export const REDACTED_PATHS: readonly string[] = SECRET_KEYS.flatMap((key) => {
  const quoted = key.includes('-') ? `["${key}"]` : `.${key}`;
  return [quoted.startsWith('.') ? key : quoted, `*${quoted}`, `*.*${quoted}`, `*.*.*${quoted}`];
});

const fieldsStorage = new AsyncLocalStorage<LogFields>();

/** Runs `work` with `fields` on every log line it writes, including from callbacks it starts. */
export function withLogFields<T>(fields: LogFields, work: () => T): T {
  return fieldsStorage.run({ ...fieldsStorage.getStore(), ...fields }, work);
}

/**
 * Adds fields to the current scope once they become known (the API learns a transfer id in the
 * middle of a request); lines already written keep what they had.
 */
export function addLogFields(fields: LogFields): void {
  const store = fieldsStorage.getStore();
  if (store) Object.assign(store, fields);
}

/** The fields bound to the current scope (a copy). */
export function currentLogFields(): LogFields {
  return { ...fieldsStorage.getStore() };
}

function traceMixin(): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(fieldsStorage.getStore() ?? {}))
    if (typeof value === 'string') fields[key] = value;
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (spanContext && isSpanContextValid(spanContext)) {
    fields.trace_id = spanContext.traceId;
    fields.span_id = spanContext.spanId;
  }
  return fields;
}

/** Tests run quiet unless LOG_LEVEL says otherwise; everything else logs at info. */
export function defaultLogLevel(environment: NodeJS.ProcessEnv = process.env): string {
  if (environment.LOG_LEVEL) return environment.LOG_LEVEL;
  return environment.NODE_ENV === 'test' ? 'warn' : 'info';
}

/**
 * How lines look: JSON for machines (files, Loki), or pretty for a person at a terminal.
 * LOG_FORMAT=json|pretty decides; unset, a terminal in development gets pretty lines.
 */
export function logFormat(
  environment: NodeJS.ProcessEnv = process.env,
  isTerminal = Boolean(process.stdout.isTTY),
): 'json' | 'pretty' {
  if (environment.LOG_FORMAT === 'json' || environment.LOG_FORMAT === 'pretty') return environment.LOG_FORMAT;
  return isTerminal && environment.NODE_ENV !== 'production' && environment.NODE_ENV !== 'test'
    ? 'pretty'
    : 'json';
}

export interface CreateLoggerOptions {
  level?: string;
  /** Where lines go; stdout by default (tests pass a stream to read them back). */
  destination?: DestinationStream;
}

/** A process's root logger; `name` becomes the `service` field (api, worker, bank). */
export function createLogger(name: string, options: CreateLoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? defaultLogLevel(),
      base: { service: name },
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: traceMixin,
      redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
    },
    options.destination ??
      (logFormat() === 'pretty'
        ? pretty({
            sync: true,
            colorize: Boolean(process.stdout.isTTY),
            ignore: 'pid,hostname',
            translateTime: 'SYS:HH:MM:ss.l',
          })
        : undefined),
  );
}

/**
 * OpenTelemetry tracing for one process (API, worker or bank). Call `startTelemetry` first
 * thing in the entry point. It exports spans over OTLP only when an endpoint is configured
 * with the standard variables (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,
 * protocol from OTEL_EXPORTER_OTLP_[TRACES_]PROTOCOL: http/protobuf, the default, or http/json).
 * Without one, nothing is sent (local runs do not spam connection errors) and nothing is recorded:
 * spans are sampled out, so they still carry trace ids into log lines and across services, but
 * build no attributes and events nobody will read. With an endpoint, the SDK's sampler applies
 * (OTEL_TRACES_SAMPLER, default: every trace). OTEL_SDK_DISABLED=true turns all of it off.
 *
 * Instrumented: PostgreSQL through node-postgres (Prisma's adapter uses it) and outgoing fetch
 * (undici). Incoming HTTP is traced by a Hono middleware (common/http-observability.ts), and
 * Temporal by its interceptors (temporal/tracing.ts), which need this module's span processor.
 */
import { createRequire } from 'node:module';
import { OTLPTraceExporter as OtlpJsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { detectResourcesSync, envDetectorSync, Resource } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  AlwaysOffSampler,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  NoopSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

/** Span attribute names Kizo adds, so a trace can be found from a transfer and back. */
export const SPAN_ATTRIBUTES = {
  transferId: 'kizo.transfer_id',
  workflowId: 'temporal.workflow_id',
} as const;

export const OTLP_PROTOCOLS = ['http/protobuf', 'http/json'] as const;
export type OtlpProtocol = (typeof OTLP_PROTOCOLS)[number];

export interface TelemetrySettings {
  enabled: boolean;
  /** Null when no endpoint is configured: spans are made but not exported. */
  protocol: OtlpProtocol | null;
  /** The traces URL: the signal-specific endpoint as is, or the base endpoint + /v1/traces. */
  tracesUrl: string | null;
  /** OTEL_TRACES_EXPORTER=console: spans printed on stdout, to see a trace locally without a collector. */
  console?: boolean;
}

/** Reads the OTEL_* variables the way the SDK will, failing loudly on a protocol we do not ship. */
export function telemetrySettings(environment: NodeJS.ProcessEnv = process.env): TelemetrySettings {
  const value = (name: string) => (environment[name] ?? '').trim();
  if (value('OTEL_SDK_DISABLED').toLowerCase() === 'true')
    return { enabled: false, protocol: null, tracesUrl: null };
  if (value('OTEL_TRACES_EXPORTER') === 'console')
    return { enabled: true, protocol: null, tracesUrl: null, console: true };
  const hasEndpoint =
    value('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT') !== '' || value('OTEL_EXPORTER_OTLP_ENDPOINT') !== '';
  if (!hasEndpoint || value('OTEL_TRACES_EXPORTER') === 'none')
    return { enabled: true, protocol: null, tracesUrl: null };
  const protocol =
    value('OTEL_EXPORTER_OTLP_TRACES_PROTOCOL') || value('OTEL_EXPORTER_OTLP_PROTOCOL') || 'http/protobuf';
  if (!(OTLP_PROTOCOLS as readonly string[]).includes(protocol)) {
    throw new Error(
      `Invalid configuration: OTEL_EXPORTER_OTLP_PROTOCOL must be one of ${OTLP_PROTOCOLS.join(', ')}, got ${protocol}`,
    );
  }
  const tracesUrl =
    value('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT') ||
    `${value('OTEL_EXPORTER_OTLP_ENDPOINT').replace(/\/+$/, '')}/v1/traces`;
  return { enabled: true, protocol: protocol as OtlpProtocol, tracesUrl };
}

export interface Telemetry {
  /** The processor every span of this process goes through; the worker hands it to workflow spans too. */
  spanProcessor: SpanProcessor;
  resource: Resource;
  /** Sends spans still buffered (tests call it before reading what was exported). */
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

let started: Telemetry | undefined;

function exporterFor(protocol: OtlpProtocol, url: string): SpanExporter {
  // The URL is passed so the environment given to startTelemetry wins; headers and timeout still come from OTEL_*.
  return protocol === 'http/json' ? new OtlpJsonTraceExporter({ url }) : new OtlpProtoTraceExporter({ url });
}

/**
 * Starts tracing for this process once; later calls return the same instance. `serviceName`
 * is the default for `service.name` (OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES win).
 */
export function startTelemetry(serviceName: string, environment: NodeJS.ProcessEnv = process.env): Telemetry {
  if (started) return started;
  const settings = telemetrySettings(environment);
  const resource = Resource.default()
    .merge(new Resource({ [ATTR_SERVICE_NAME]: serviceName, 'service.namespace': 'kizo' }))
    .merge(detectResourcesSync({ detectors: [envDetectorSync] }));
  const exporter = settings.console
    ? new ConsoleSpanExporter()
    : settings.protocol && settings.tracesUrl
      ? exporterFor(settings.protocol, settings.tracesUrl)
      : null;
  const spanProcessor: SpanProcessor = exporter ? new BatchSpanProcessor(exporter) : new NoopSpanProcessor();
  if (!settings.enabled) {
    started = { spanProcessor, resource, forceFlush: async () => {}, shutdown: async () => {} };
    return started;
  }
  const sdk = new NodeSDK({
    resource,
    autoDetectResources: false,
    // A processor is always given, so the SDK registers a tracer provider (trace ids for logs) and
    // never falls back to its own env-driven exporters; empty log processors keep OTLP logs off.
    spanProcessors: [spanProcessor],
    // Nobody reads a span that goes nowhere, so none is recorded (no attributes, events or
    // processing); sampled-out spans keep their ids. With an exporter, OTEL_TRACES_SAMPLER decides.
    ...(exporter ? {} : { sampler: new AlwaysOffSampler() }),
    logRecordProcessors: [],
    instrumentations: [
      // requireParentSpan: a query outside any request or activity (pool warm-up) is not worth a trace.
      new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }),
      new UndiciInstrumentation({ requireParentforSpans: true }),
    ],
  });
  sdk.start();
  hookNodePostgres();
  started = {
    spanProcessor,
    resource,
    forceFlush: () => spanProcessor.forceFlush(),
    shutdown: () => sdk.shutdown(),
  };
  return started;
}

/**
 * The instrumentation patches node-postgres when it is `require`d; our code and Prisma's adapter
 * `import` it (ESM), which the require hook never sees. Requiring it once here lets the hook patch
 * the CommonJS module the ESM wrapper re-exports, so every Client and Pool is traced, whichever
 * was loaded first.
 */
function hookNodePostgres(): void {
  const require = createRequire(import.meta.url);
  for (const name of ['pg', 'pg-pool']) {
    try {
      require(name);
    } catch {
      // pg-pool is pg's own dependency; when it is not resolvable from here, pool spans are simply absent.
    }
  }
}

/** The running telemetry, or a no-op one when the process never started it (tests, tools). */
export function currentTelemetry(): Pick<Telemetry, 'spanProcessor' | 'resource'> {
  return started ?? { spanProcessor: new NoopSpanProcessor(), resource: Resource.default() };
}

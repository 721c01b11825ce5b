/**
 * Goal: with no OTLP endpoint nothing is recorded, yet every span keeps its ids. A span is not
 * recording but has a valid trace id, its children join the same trace, and the context it
 * propagates (HTTP and Temporal headers) names that trace as not sampled. So log lines still
 * link the API, the worker and the bank, at no recording cost. With an endpoint, spans are
 * recorded and exported (telemetry.test.ts).
 */
import { context, isSpanContextValid, propagation, trace } from '@opentelemetry/api';
import { afterAll, describe, expect, it } from 'vitest';
import { startTelemetry } from '../../common/telemetry';

const telemetry = startTelemetry('kizo-sampling-test', {});

afterAll(async () => {
  await telemetry.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
});

describe('telemetry without an exporter', () => {
  it('samples spans out but keeps their trace ids for logs and propagation', () => {
    const tracer = trace.getTracer('kizo-sampling-test');
    tracer.startActiveSpan('parent', (parent) => {
      const child = tracer.startSpan('child');
      const carrier: Record<string, string> = {};
      propagation.inject(context.active(), carrier);
      child.end();
      parent.end();

      expect(parent.isRecording()).toBe(false);
      expect(child.isRecording()).toBe(false);
      expect(isSpanContextValid(parent.spanContext())).toBe(true);
      expect(child.spanContext().traceId).toBe(parent.spanContext().traceId);
      expect(carrier.traceparent).toBe(
        `00-${parent.spanContext().traceId}-${parent.spanContext().spanId}-00`,
      );
    });
  });
});

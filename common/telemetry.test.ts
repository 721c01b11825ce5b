/**
 * Goal: the OTEL_* variables mean what the OpenTelemetry specification says: console prints
 * spans locally, none exports nothing, an endpoint exports OTLP, a protocol we do not ship fails.
 */
import { describe, expect, it } from 'vitest';
import { telemetrySettings } from './telemetry';

describe('telemetry settings', () => {
  it('reads the exporter from the standard variables', () => {
    expect(telemetrySettings({ OTEL_TRACES_EXPORTER: 'console' })).toMatchObject({
      enabled: true,
      console: true,
    });
    expect(telemetrySettings({})).toEqual({ enabled: true, protocol: null, tracesUrl: null });
    expect(
      telemetrySettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://tempo:4318/', OTEL_TRACES_EXPORTER: 'none' }),
    ).toMatchObject({ protocol: null });
    expect(telemetrySettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://tempo:4318/' })).toEqual({
      enabled: true,
      protocol: 'http/protobuf',
      tracesUrl: 'http://tempo:4318/v1/traces',
    });
    expect(() =>
      telemetrySettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://x', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }),
    ).toThrow(/must be one of/);
    expect(telemetrySettings({ OTEL_SDK_DISABLED: 'true' }).enabled).toBe(false);
  });
});

/**
 * Goal: every log line is JSON that carries the active trace (trace_id, span_id) and the
 * transfer it is about, and never a secret: authorization headers, cookies, passwords and
 * tokens are redacted wherever they sit. Also checks the HTTP middleware shared by the API and
 * the bank: it continues the caller's trace, names spans and metrics by the route pattern
 * (never the raw path) and logs one redacted line per request.
 */
import { context, trace } from '@opentelemetry/api';
import { node, tracing } from '@opentelemetry/sdk-node';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpObservability } from '../../common/http-observability';
import { addLogFields, createLogger, withLogFields, type Logger } from '../../common/logger';
import { metricsRegistry } from '../../common/metrics';

const exporter = new tracing.InMemorySpanExporter();
const provider = new node.NodeTracerProvider({ spanProcessors: [new tracing.SimpleSpanProcessor(exporter)] });

function capture(): { logger: Logger; lines: () => Record<string, unknown>[]; raw: () => string } {
  const chunks: string[] = [];
  const logger = createLogger('test', {
    level: 'info',
    destination: { write: (line: string) => chunks.push(line) },
  });
  return {
    logger,
    raw: () => chunks.join(''),
    lines: () => chunks.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

beforeAll(() => {
  provider.register();
});

afterAll(async () => {
  await provider.shutdown();
  trace.disable();
  context.disable();
});

describe('logger', () => {
  it('redacts authorization, cookies, passwords and tokens at any depth', () => {
    const { logger, raw, lines } = capture();
    logger.info(
      {
        password: 'SECRET-1',
        accessToken: 'SECRET-2',
        req: {
          headers: {
            authorization: 'Bearer SECRET-3',
            Authorization: 'Bearer SECRET-4',
            cookie: 'sid=SECRET-5',
            'user-agent': 'kept',
          },
          body: { email: 'a@example.test', password: 'SECRET-6', refreshToken: 'SECRET-7' },
        },
        tokens: { pair: { accessToken: 'SECRET-8', refreshToken: 'SECRET-9' } },
      },
      'login',
    );
    expect(raw()).not.toMatch(/SECRET-/);
    const [line] = lines();
    expect(line).toMatchObject({
      msg: 'login',
      level: 'info',
      service: 'test',
      password: '[redacted]',
      req: {
        headers: { authorization: '[redacted]', 'user-agent': 'kept' },
        body: { email: 'a@example.test', password: '[redacted]' },
      },
    });
  });

  it('adds trace_id and span_id of the active span, and the bound transfer id', () => {
    const { logger, lines } = capture();
    logger.info('outside any span');
    const span = trace.getTracer('test').startSpan('work');
    context.with(trace.setSpan(context.active(), span), () =>
      withLogFields({ transferId: 'transfer-1' }, () => {
        logger.info('inside');
        addLogFields({ workflowId: 'workflow-1' });
        logger.info('after the workflow id was learned');
      }),
    );
    span.end();
    const [outside, inside, later] = lines();
    expect(outside).not.toHaveProperty('trace_id');
    expect(outside).not.toHaveProperty('transferId');
    expect(inside).toMatchObject({
      trace_id: span.spanContext().traceId,
      span_id: span.spanContext().spanId,
      transferId: 'transfer-1',
    });
    expect(inside).not.toHaveProperty('workflowId');
    expect(later).toMatchObject({ transferId: 'transfer-1', workflowId: 'workflow-1' });
  });
});

describe('httpObservability middleware', () => {
  const callerTraceId = '4bf92f3577b34da6a3ce929d0e0e4736';

  async function request(logger: Logger) {
    const app = new Hono();
    app.use('*', httpObservability({ service: 'test', logger }));
    app.get('/v1/things/:id', (c) => {
      addLogFields({ transferId: c.req.param('id') });
      return c.json({ ok: true });
    });
    exporter.reset();
    return app.request('/v1/things/abc-123', {
      headers: {
        Authorization: 'Bearer SECRET-TOKEN',
        traceparent: `00-${callerTraceId}-00f067aa0ba902b7-01`,
      },
    });
  }

  it("continues the caller's trace and names the span by the route pattern", async () => {
    const response = await request(capture().logger);
    expect(response.status).toBe(200);
    const [span] = exporter.getFinishedSpans();
    expect(span?.name).toBe('GET /v1/things/:id');
    expect(span?.spanContext().traceId).toBe(callerTraceId);
    expect(span?.parentSpanId).toBe('00f067aa0ba902b7');
    expect(span?.attributes['http.route']).toBe('/v1/things/:id');
    expect(span?.attributes['http.response.status_code']).toBe(200);
  });

  it('logs one redacted line per request, with the trace and the transfer id the handler found', async () => {
    const log = capture();
    await request(log.logger);
    expect(log.raw()).not.toContain('SECRET-TOKEN');
    const [line, ...others] = log.lines();
    expect(others).toEqual([]);
    expect(line).toMatchObject({
      msg: 'request',
      trace_id: callerTraceId,
      transferId: 'abc-123',
      req: { method: 'GET', route: '/v1/things/:id', headers: { authorization: '[redacted]' } },
      res: { status: 200 },
    });
  });

  it('records latency by route pattern and status, never by raw path', async () => {
    await request(capture().logger);
    const text = await metricsRegistry.getSingleMetricAsString('kizo_http_request_duration_seconds');
    expect(text).toMatch(
      /kizo_http_request_duration_seconds_count\{service="test",method="GET",route="\/v1\/things\/:id",status="200"\} [1-9]/,
    );
    expect(text).not.toContain('abc-123');
  });
});

describe('matched route labels', () => {
  it('names a route registered before later middleware by its own pattern, and unknown paths "unmatched"', async () => {
    const app = new Hono();
    app.use('*', httpObservability({ service: 'labels', logger: capture().logger }));
    app.get('/metrics-like', (c) => c.text('ok'));
    app.use('*', async (_c, next) => next());
    app.get('/v1/items/:id', (c) => c.text('ok'));
    await app.request('/metrics-like');
    await app.request('/v1/items/42');
    await app.request('/nowhere/7');
    const text = await metricsRegistry.getSingleMetricAsString('kizo_http_request_duration_seconds');
    const count = (route: string, status: number) =>
      new RegExp(`_count\\{service="labels",method="GET",route="${route}",status="${status}"\\} 1\\b`).test(
        text,
      );
    expect(count('/metrics-like', 200)).toBe(true);
    expect(count('/v1/items/:id', 200)).toBe(true);
    expect(count('unmatched', 404)).toBe(true);
    expect(text).not.toContain('nowhere');
  });
});

/**
 * One Hono middleware that makes an HTTP service observable, used by the API and the bank:
 * a SERVER span that continues the caller's trace (W3C traceparent), named by the matched
 * route pattern; the request-duration histogram by route and status; and one JSON log line per
 * request (with trace_id, and transferId when a handler learned one). A middleware rather than
 * the http instrumentation because only the router knows the route pattern.
 */
import {
  context,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type TextMapGetter,
} from '@opentelemetry/api';
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { currentLogFields, withLogFields, type Logger } from './logger';
import { httpRequestDuration, metricsRegistry } from './metrics';

const headerGetter: TextMapGetter<Context> = {
  keys: (c) => Object.keys(c.req.header()),
  get: (c, key) => c.req.header(key),
};

/**
 * The route pattern of the handler the request matched, or "unmatched" (never the raw path: it
 * holds ids). Middleware patterns end in `*` and are skipped; a request stopped by middleware
 * (401, 413) still counts under the route it was meant for.
 */
export function matchedRoute(c: Context): string {
  const handlers = matchedRoutes(c).filter((route) => route.method !== 'ALL' && !route.path.endsWith('*'));
  return handlers.at(-1)?.path ?? 'unmatched';
}

export interface HttpObservabilityOptions {
  /** `service` label and tracer name: api, bank. */
  service: string;
  logger: Logger;
}

export function httpObservability(options: HttpObservabilityOptions): MiddlewareHandler {
  const tracer = trace.getTracer(`kizo-${options.service}`);
  return async (c, next) => {
    const parent = propagation.extract(context.active(), c, headerGetter);
    const method = c.req.method;
    const started = performance.now();
    await tracer.startActiveSpan(
      method,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'url.path': c.req.path } },
      parent,
      (span) =>
        withLogFields({}, async () => {
          try {
            await next();
          } finally {
            const route = matchedRoute(c);
            const status = c.res.status;
            const durationSeconds = (performance.now() - started) / 1000;
            span.updateName(`${method} ${route}`);
            span.setAttribute('http.route', route);
            span.setAttribute('http.response.status_code', status);
            if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
            httpRequestDuration.observe(
              { service: options.service, method, route, status: String(status) },
              durationSeconds,
            );
            const level = status >= 500 ? 'error' : 'info';
            options.logger[level](
              {
                req: { method, path: c.req.path, route, headers: c.req.header() },
                res: { status },
                durationMs: Math.round(durationSeconds * 1000 * 10) / 10,
                ...currentLogFields(),
              },
              'request',
            );
            span.end();
          }
        }),
    );
  };
}

/** GET /metrics: this process's registry in Prometheus text format. */
export async function metricsEndpoint(c: Context): Promise<Response> {
  return c.body(await metricsRegistry.metrics(), 200, { 'Content-Type': metricsRegistry.contentType });
}

/**
 * Builds the mock bank's HTTP app from its store and fault injector. No listening socket here:
 * bank/server.ts serves it, and tests may call `app.request()` directly.
 */
import { Hono } from 'hono';
import { httpObservability, metricsEndpoint } from '../common/http-observability';
import { createLogger } from '../common/logger';
import { createControlRoutes } from './control-routes';
import type { BankFaults } from './faults';
import { createMoneyRoutes, unavailable } from './money-routes';
import { problem } from './problem';
import type { BankStore } from './store';

export interface BankAppOptions {
  /** Mounts /control; off in production (see bank/server.ts for the default). */
  controls?: boolean;
  /** Where unexpected errors go; the caller only ever sees a bare 500 problem. */
  logError?: (error: unknown) => void;
}

export function createBankApp(store: BankStore, faults: BankFaults, options: BankAppOptions = {}): Hono {
  const app = new Hono();
  // Server spans continue the worker's trace (traceparent from the traced fetch); request log and latency histogram.
  app.use('*', httpObservability({ service: 'bank', logger: createLogger('bank') }));
  app.get('/metrics', metricsEndpoint);
  app.get('/healthz', (c) => c.json({ status: 'ok', outage: faults.inOutage() }));

  // Latency and outages hit every /v1 call, reads included: a bank that is down is down.
  app.use('/v1/*', async (c, next) => {
    await faults.sleep(faults.settings().latencyMs);
    if (faults.inOutage()) return unavailable(c, faults, 'injected fault: outage');
    await next();
  });
  app.route('/v1', createMoneyRoutes(store, faults));
  if (options.controls ?? true) app.route('/control', createControlRoutes(faults, store));

  app.notFound((c) => problem(c, 'NO_ROUTE', `no route ${c.req.method} ${c.req.path}`));
  app.onError((error, c) => {
    (options.logError ?? console.error)(error);
    return problem(c, 'INTERNAL', 'unexpected error; it has been logged');
  });
  return app;
}

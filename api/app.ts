/**
 * The Hono API: routes per resource mounted under /v1, one error handler that renders
 * problem+json and never leaks stack traces or SQL.
 */
import type { Client } from '@temporalio/client';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Config } from '../common/config';
import type { Database } from '../prisma/client';
import { ProblemError, problemResponse, PROBLEM_TYPE_BASE } from './problem';
import { transfersRoutes } from './routes/transfers';

export interface ApiDependencies {
  db: Database;
  temporal: Client;
  config: Config;
}

export function createApp(dependencies: ApiDependencies) {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.route('/v1/transfers', transfersRoutes(dependencies));

  app.notFound((c) =>
    problemResponse(c, { type: `${PROBLEM_TYPE_BASE}not-found`, title: 'Not found', status: 404, instance: c.req.path }),
  );
  app.onError((error, c) => {
    if (error instanceof ProblemError) return problemResponse(c, error.toProblem(c.req.path));
    if (error instanceof HTTPException) {
      return problemResponse(c, { type: `${PROBLEM_TYPE_BASE}http-${error.status}`, title: error.message || 'Request failed', status: error.status });
    }
    console.error(error);
    return problemResponse(c, { type: `${PROBLEM_TYPE_BASE}internal`, title: 'Internal error', status: 500 });
  });
  return app;
}

export type AppType = ReturnType<typeof createApp>;

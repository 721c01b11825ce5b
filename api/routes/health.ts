/**
 * Liveness and readiness for orchestrators: /healthz answers while the process runs;
 * /readyz also checks PostgreSQL and Temporal (each bounded by READINESS_TIMEOUT_MS) and
 * answers 503 problem+json naming what is down, so a load balancer stops sending traffic.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Client } from '@temporalio/client';
import type { Database } from '../../prisma/client';
import { ProblemError } from '../problem';
import { createRouter } from '../router';
import { problemDoc } from '../schemas';

const Checks = z.object({ status: z.literal('ok'), checks: z.record(z.string(), z.literal('ok')) });

const healthz = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['operations'],
  summary: 'Liveness: the process is up',
  responses: {
    200: {
      description: 'Up',
      content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } },
    },
  },
});

const readyz = createRoute({
  method: 'get',
  path: '/readyz',
  tags: ['operations'],
  summary: 'Readiness: PostgreSQL and Temporal answer',
  responses: {
    200: { description: 'Ready', content: { 'application/json': { schema: Checks } } },
    503: problemDoc('A dependency is down (`not-ready`, with `checks`)'),
  },
});

function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function healthRoutes({
  db,
  temporal,
  timeoutMs,
}: {
  db: Database;
  temporal: Client;
  timeoutMs: number;
}) {
  const app = createRouter();
  app.openapi(healthz, (c) => c.json({ status: 'ok' as const }, 200));
  app.openapi(readyz, async (c) => {
    const probes = {
      postgres: () => db.$queryRaw`SELECT 1`,
      temporal: () => temporal.workflowService.getSystemInfo({}),
    };
    const results = await Promise.all(
      Object.entries(probes).map(async ([name, probe]) => {
        try {
          await withTimeout(probe(), timeoutMs);
          return [name, 'ok'] as const;
        } catch {
          return [name, 'down'] as const;
        }
      }),
    );
    const checks = Object.fromEntries(results);
    if (results.some(([, result]) => result !== 'ok')) {
      const down = results.filter(([, result]) => result !== 'ok').map(([name]) => name);
      throw new ProblemError(
        503,
        'not-ready',
        'Not ready',
        `down: ${down.join(', ')}`,
        { checks },
        { 'Retry-After': '5' },
      );
    }
    return c.json({ status: 'ok' as const, checks: checks as Record<string, 'ok'> }, 200);
  });
  return app;
}

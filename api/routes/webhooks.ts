/**
 * Webhook endpoints of the signed-in user: register an HTTPS URL and the event types it wants
 * (its signing secret is shown once), list, delete, rotate the secret (the previous one keeps
 * signing for a day), read the delivery log and redeliver. Deliveries are signed
 * (webhooks/signature.ts, docs/webhooks.md) and made by durable workflows (workflows/webhooks.ts).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { Config } from '../../common/config';
import type { Database } from '../../prisma/client';
import { TASK_QUEUE_TRANSFERS } from '../../temporal/task-queues';
import { newWebhookSecret } from '../../webhooks/signature';
import { markRedelivering } from '../../webhooks/store';
import { webhookUrlProblem } from '../../webhooks/url-safety';
import { webhookDeliveryWorkflowId } from '../../workflows/ids';
import { latestUserEventId } from '../live/user-events';
import { ProblemError } from '../problem';
import { createRouter } from '../router';
import { authProblems, IdParam, problemDoc } from '../schemas';

export const WEBHOOK_EVENT_TYPES = [
  'transfer.updated',
  'transfer.received',
  'payment_request.updated',
] as const;
/** How long the secret before a rotation still signs. */
const PREVIOUS_SECRET_HOURS = 24;

const Endpoint = z
  .object({
    id: z.string().uuid(),
    url: z.string(),
    eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
    createdAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('WebhookEndpoint');
const WithSecret = Endpoint.extend({
  secret: z
    .string()
    .openapi({ description: 'Signs every delivery (docs/webhooks.md). Shown only now: keep it.' }),
}).openapi('WebhookEndpointWithSecret');
const Delivery = z
  .object({
    id: z.string().uuid(),
    eventId: z.string(),
    eventType: z.string(),
    status: z.enum(['PENDING', 'DELIVERED', 'FAILED']),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    deliveredAt: z.string().nullable().openapi({ format: 'date-time' }),
    createdAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('WebhookDelivery');
const notFound = { 404: problemDoc("No such endpoint (or delivery) of the caller's") };
const json = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});
const DeliveryParams = IdParam.extend({
  deliveryId: z
    .string()
    .uuid()
    .openapi({ param: { name: 'deliveryId', in: 'path' } }),
});

const create = createRoute({
  method: 'post',
  path: '/',
  tags: ['webhooks'],
  summary: "Register an endpoint for the caller's events",
  description:
    'It receives the events of the types chosen from now on, each once (deduplicate by `Kizo-Event-Id`), signed with its secret.',
  security: [{ bearerAuth: [] }],
  request: {
    body: json(
      z.object({
        url: z.string().max(2048).openapi({ example: 'https://example.com/kizo-webhooks' }),
        eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1).max(WEBHOOK_EVENT_TYPES.length),
      }),
    ),
  },
  responses: {
    201: {
      description: 'The endpoint with its secret',
      content: { 'application/json': { schema: WithSecret } },
    },
    400: problemDoc('Invalid body'),
    ...authProblems,
    422: problemDoc('`webhook-url-refused` (not https, or an internal address) or `too-many-webhooks`'),
  },
});
const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['webhooks'],
  summary: "The caller's endpoints",
  security: [{ bearerAuth: [] }],
  responses: {
    200: {
      description: 'Endpoints (secrets are never shown again)',
      content: { 'application/json': { schema: z.object({ items: z.array(Endpoint) }) } },
    },
    ...authProblems,
  },
});
const remove = createRoute({
  method: 'delete',
  path: '/{id}',
  tags: ['webhooks'],
  summary: 'Delete an endpoint: no more deliveries',
  security: [{ bearerAuth: [] }],
  request: { params: IdParam },
  responses: { 204: { description: 'Deleted' }, ...authProblems, ...notFound },
});
const rotate = createRoute({
  method: 'post',
  path: '/{id}/rotate-secret',
  tags: ['webhooks'],
  summary: 'A new signing secret; the previous one also signs for a day',
  security: [{ bearerAuth: [] }],
  request: { params: IdParam },
  responses: {
    200: {
      description: 'The endpoint with its new secret',
      content: { 'application/json': { schema: WithSecret } },
    },
    ...authProblems,
    ...notFound,
  },
});
const deliveries = createRoute({
  method: 'get',
  path: '/{id}/deliveries',
  tags: ['webhooks'],
  summary: "An endpoint's delivery log, newest first",
  security: [{ bearerAuth: [] }],
  request: { params: IdParam },
  responses: {
    200: {
      description: 'The latest deliveries',
      content: { 'application/json': { schema: z.object({ items: z.array(Delivery) }) } },
    },
    ...authProblems,
    ...notFound,
  },
});
const redeliver = createRoute({
  method: 'post',
  path: '/{id}/deliveries/{deliveryId}/redeliver',
  tags: ['webhooks'],
  summary: 'Deliver an event again (it keeps its event id)',
  security: [{ bearerAuth: [] }],
  request: { params: DeliveryParams },
  responses: {
    202: {
      description: 'The delivery, under way again',
      content: { 'application/json': { schema: Delivery } },
    },
    ...authProblems,
    ...notFound,
  },
});

export function webhookRoutes({ db, temporal, config }: { db: Database; temporal: Client; config: Config }) {
  const app = createRouter();
  const endpointView = (row: { id: string; url: string; eventTypes: string[]; createdAt: Date }) => ({
    id: row.id,
    url: row.url,
    eventTypes: row.eventTypes as (typeof WEBHOOK_EVENT_TYPES)[number][],
    createdAt: row.createdAt.toISOString(),
  });
  const deliveryView = (row: {
    id: string;
    eventId: bigint;
    status: string;
    attempts: number;
    lastStatusCode: number | null;
    lastError: string | null;
    deliveredAt: Date | null;
    createdAt: Date;
    event: { type: string };
  }) => ({
    id: row.id,
    eventId: row.eventId.toString(),
    eventType: row.event.type,
    status: row.status as 'PENDING',
    attempts: row.attempts,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  });
  async function own(id: string, userId: string) {
    const row = await db.webhookEndpoint.findFirst({ where: { id, userId, disabledAt: null } });
    if (!row) throw new ProblemError(404, 'not-found', 'Webhook endpoint not found');
    return row;
  }

  app.openapi(create, async (c) => {
    const userId = c.get('user').id;
    const body = c.req.valid('json');
    const problem = webhookUrlProblem(body.url, config.WEBHOOK_ALLOW_PRIVATE_URLS);
    if (problem)
      throw new ProblemError(422, 'webhook-url-refused', 'This URL cannot receive webhooks', problem);
    if (
      (await db.webhookEndpoint.count({ where: { userId, disabledAt: null } })) >=
      config.WEBHOOK_ENDPOINTS_PER_USER_MAX
    ) {
      throw new ProblemError(
        422,
        'too-many-webhooks',
        'Too many webhook endpoints',
        `you may have ${config.WEBHOOK_ENDPOINTS_PER_USER_MAX}; delete one first`,
      );
    }
    const row = await db.webhookEndpoint.create({
      data: {
        id: randomUUID(),
        userId,
        url: body.url,
        eventTypes: [...new Set(body.eventTypes)],
        secret: newWebhookSecret(),
        cursor: await latestUserEventId(db, userId),
      },
    });
    return c.json({ ...endpointView(row), secret: row.secret }, 201);
  });

  app.openapi(list, async (c) => {
    const rows = await db.webhookEndpoint.findMany({
      where: { userId: c.get('user').id, disabledAt: null },
      orderBy: { createdAt: 'desc' },
    });
    return c.json({ items: rows.map(endpointView) }, 200);
  });

  app.openapi(remove, async (c) => {
    const row = await own(c.req.valid('param').id, c.get('user').id);
    await db.webhookEndpoint.update({ where: { id: row.id }, data: { disabledAt: new Date() } });
    return c.body(null, 204);
  });

  app.openapi(rotate, async (c) => {
    const row = await own(c.req.valid('param').id, c.get('user').id);
    const updated = await db.webhookEndpoint.update({
      where: { id: row.id },
      data: {
        secret: newWebhookSecret(),
        previousSecret: row.secret,
        previousExpiresAt: new Date(Date.now() + PREVIOUS_SECRET_HOURS * 3_600_000),
      },
    });
    return c.json({ ...endpointView(updated), secret: updated.secret }, 200);
  });

  app.openapi(deliveries, async (c) => {
    const row = await own(c.req.valid('param').id, c.get('user').id);
    const rows = await db.webhookDelivery.findMany({
      where: { endpointId: row.id },
      orderBy: [{ createdAt: 'desc' }, { eventId: 'desc' }],
      take: 100,
      include: { event: { select: { type: true } } },
    });
    return c.json({ items: rows.map(deliveryView) }, 200);
  });

  app.openapi(redeliver, async (c) => {
    const { id, deliveryId } = c.req.valid('param');
    const endpoint = await own(id, c.get('user').id);
    const delivery = await db.webhookDelivery.findFirst({
      where: { id: deliveryId, endpointId: endpoint.id },
    });
    if (!delivery) throw new ProblemError(404, 'not-found', 'Delivery not found');
    await markRedelivering(db, deliveryId);
    try {
      await temporal.workflow.start('webhookDeliveryWorkflow', {
        workflowId: `${webhookDeliveryWorkflowId(deliveryId)}-redelivery-${delivery.attempts}`,
        taskQueue: TASK_QUEUE_TRANSFERS,
        args: [{ deliveryId, force: true }],
      });
    } catch (error) {
      // A redelivery of this attempt is already under way.
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    const now = await db.webhookDelivery.findUniqueOrThrow({
      where: { id: deliveryId },
      include: { event: { select: { type: true } } },
    });
    return c.json(deliveryView(now), 202);
  });

  return app;
}

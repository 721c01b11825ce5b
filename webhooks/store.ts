/**
 * The webhook tables, read and written here only: endpoints (with their cursor into the
 * `user_events` outbox) and deliveries, one per endpoint and event (so an event is delivered to
 * an endpoint at most once, whatever retries), with the outcome of their latest attempt.
 */
import type { Database } from '../prisma/client';

/** Events given deliveries per endpoint per dispatch. */
const DISPATCH_BATCH = 500;

/**
 * Gives each active endpoint a delivery for each new event of its user it subscribed to, and
 * moves its cursor past every event it has seen; one statement, so a retried dispatch adds
 * nothing. Answers the deliveries whose workflow has not been started yet.
 */
export async function dispatchNewEvents(db: Database): Promise<string[]> {
  await db.$executeRaw`
    WITH scan AS (
      SELECT ep.id AS endpoint_id, e.id AS event_id, e.type = ANY (ep.event_types) AS wanted
        FROM webhook_endpoints ep
        JOIN LATERAL (SELECT id, type FROM user_events e WHERE e.user_id = ep.user_id AND e.id > ep.cursor ORDER BY e.id LIMIT ${DISPATCH_BATCH}) e ON true
       WHERE ep.disabled_at IS NULL),
    delivered AS (
      INSERT INTO webhook_deliveries (id, endpoint_id, event_id)
      SELECT gen_random_uuid(), endpoint_id, event_id FROM scan WHERE wanted
      ON CONFLICT (endpoint_id, event_id) DO NOTHING)
    UPDATE webhook_endpoints ep SET cursor = seen.last
      FROM (SELECT endpoint_id, max(event_id) AS last FROM scan GROUP BY endpoint_id) seen
     WHERE ep.id = seen.endpoint_id AND ep.cursor < seen.last`;
  const unstarted = await db.webhookDelivery.findMany({
    where: { workflowStartedAt: null },
    orderBy: { createdAt: 'asc' },
    take: DISPATCH_BATCH,
    select: { id: true },
  });
  return unstarted.map((delivery) => delivery.id);
}

export async function markDeliveryStarted(db: Database, deliveryId: string): Promise<void> {
  await db.webhookDelivery.update({ where: { id: deliveryId }, data: { workflowStartedAt: new Date() } });
}

/** What one attempt needs: the endpoint (URL, secrets) and the event. */
export function loadDelivery(db: Database, deliveryId: string) {
  return db.webhookDelivery.findUnique({
    where: { id: deliveryId },
    include: { endpoint: true, event: { select: { id: true, type: true, payload: true, createdAt: true } } },
  });
}

export async function recordAttempt(
  db: Database,
  deliveryId: string,
  outcome: { delivered: boolean; statusCode: number | null; error: string | null },
): Promise<void> {
  await db.webhookDelivery.update({
    where: { id: deliveryId },
    data: {
      attempts: { increment: 1 },
      lastStatusCode: outcome.statusCode,
      lastError: outcome.error,
      ...(outcome.delivered ? { status: 'DELIVERED', deliveredAt: new Date() } : {}),
      updatedAt: new Date(),
    },
  });
}

export async function markDeliveryFailed(db: Database, deliveryId: string): Promise<void> {
  await db.webhookDelivery.updateMany({
    where: { id: deliveryId, status: 'PENDING' },
    data: { status: 'FAILED', updatedAt: new Date() },
  });
}

/** A redelivery starts over: pending again, its workflow started by the caller. */
export async function markRedelivering(db: Database, deliveryId: string): Promise<void> {
  await db.webhookDelivery.update({
    where: { id: deliveryId },
    data: { status: 'PENDING', deliveredAt: null, workflowStartedAt: new Date(), updatedAt: new Date() },
  });
}

/**
 * The `payment_requests` table, read and written here only. The request's workflow writes it
 * (each write idempotent: a retried activity changes nothing, and a final status never moves);
 * the API reads it to list requests and to check who may act on one.
 */
import type { Database } from '../prisma/client';
import { Prisma } from '../prisma/generated/client';
import type { PaymentRequestInput, PaymentRequestStatus } from '../workflows/definitions';

const REQUEST_COLUMNS = Prisma.sql`id, status, requester_id, payer_id, amount_minor, currency, note, expires_at`;

/** Both parties hear of each status a write recorded (the `user_events` outbox), in the same statement. */
const OUTBOX_INSERT = Prisma.sql`
  INSERT INTO user_events (user_id, type, subject_id, payload)
  SELECT party.user_id, 'payment_request.updated', r.id,
         jsonb_build_object('requestId', r.id, 'status', r.status, 'amountMinor', r.amount_minor::text, 'currency', r.currency,
                            'direction', party.direction, 'note', r.note, 'expiresAt', r.expires_at)
    FROM row r CROSS JOIN LATERAL (VALUES (r.requester_id, 'outgoing'), (r.payer_id, 'incoming')) AS party (user_id, direction)`;

export function createPaymentRequestRecords(db: Database) {
  return {
    /** Records the open request once; a repeat is a no-op. */
    async open(input: PaymentRequestInput & { workflowId: string; expiresAt: string }): Promise<void> {
      await db.$executeRaw`
        WITH row AS (
          INSERT INTO payment_requests (id, requester_id, payer_id, currency, amount_minor, note, workflow_id, idempotency_key, expires_at)
          VALUES (${input.requestId}::uuid, ${input.requesterId}::uuid, ${input.payerId}::uuid, ${input.currency}, ${BigInt(input.amountMinor)},
                  ${input.note}, ${input.workflowId}, ${input.idempotencyKey}, ${input.expiresAt}::timestamptz)
          ON CONFLICT (id) DO NOTHING
          RETURNING ${REQUEST_COLUMNS})
        ${OUTBOX_INSERT}`;
    },

    /** Moves the request to a status (never out of a final one). */
    async setStatus(
      requestId: string,
      status: PaymentRequestStatus,
      transferId: string | null,
    ): Promise<void> {
      await db.$executeRaw`
        WITH row AS (
          UPDATE payment_requests SET status = ${status}::"PaymentRequestStatus", transfer_id = ${transferId}::uuid, updated_at = now()
           WHERE id = ${requestId}::uuid AND status IN ('OPEN', 'PAYING') AND status <> ${status}::"PaymentRequestStatus"
          RETURNING ${REQUEST_COLUMNS})
        ${OUTBOX_INSERT}`;
    },
  };
}

/** The requests a user sent or must answer, newest first. */
export function listPaymentRequests(
  db: Database,
  filter: {
    userId: string;
    role?: 'requester' | 'payer';
    status?: PaymentRequestStatus;
    after?: { createdAt: string; id: string };
  },
  limit: number,
) {
  const mine =
    filter.role === 'requester'
      ? { requesterId: filter.userId }
      : filter.role === 'payer'
        ? { payerId: filter.userId }
        : { OR: [{ requesterId: filter.userId }, { payerId: filter.userId }] };
  const after = filter.after
    ? {
        OR: [
          { createdAt: { lt: new Date(filter.after.createdAt) } },
          { createdAt: new Date(filter.after.createdAt), id: { lt: filter.after.id } },
        ],
      }
    : {};
  return db.paymentRequest.findMany({
    where: { AND: [mine, filter.status ? { status: filter.status } : {}, after] },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
  });
}

/** One request if `userId` is its requester or payer. */
export function findPaymentRequest(db: Database, requestId: string, userId: string) {
  return db.paymentRequest.findFirst({
    where: { id: requestId, OR: [{ requesterId: userId }, { payerId: userId }] },
  });
}

/** How many requests a user has open (a bound against spamming others). */
export function countOpenRequests(db: Database, requesterId: string): Promise<number> {
  return db.paymentRequest.count({ where: { requesterId, status: { in: ['OPEN', 'PAYING'] } } });
}

export type PaymentRequestRow = NonNullable<Awaited<ReturnType<typeof findPaymentRequest>>>;

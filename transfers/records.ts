/**
 * The `transfers` table, read and written here only: one row per money movement and an
 * append-only event per status it reaches. The workflows write it (every write idempotent, so a
 * retried activity changes nothing); the API, the statement and the reconciliation read it.
 */
import { countTransferStatus, transfersStarted } from '../common/metrics';
import type { Currency } from '../common/money';
import type { Database } from '../prisma/client';
import { Prisma } from '../prisma/generated/client';
import type { TransferKind, TransferStatus } from '../workflows/definitions';

export interface NewTransfer {
  transferId: string;
  kind: TransferKind;
  userId: string;
  recipientUserId?: string | null;
  /** The user's account at the bank, for deposits and withdrawals. */
  bankAccountRef?: string | null;
  currency: Currency;
  amountMinor: bigint;
  workflowId: string;
  idempotencyKey: string;
  /** Plain text both sides see; the payment request it pays or the schedule whose run it is. */
  note?: string | null;
  paymentRequestId?: string | null;
  scheduleId?: string | null;
}

/** A status a transfer reaches, as the workflows record it (detail shown in its history). */
export interface StatusRecord {
  status: TransferStatus;
  detail: string | null;
  /** Set on FAILED, CANCELLED and COMPENSATED: the reason the API shows. */
  failureReason?: string | null;
}

/** What the `row` CTE of a transfer write returns: the transfer as it is after the write. */
const OUTBOX_COLUMNS = Prisma.sql`id, kind, status, user_id, recipient_user_id, amount_minor, currency, note, bank_unavailable_since, bank_retry_until, created_at`;

/**
 * The outbox rows (`user_events`: api/live/ streams them, webhooks deliver them) of a status a
 * transfer write recorded, inserted by the same statement: the initiator hears of every status,
 * the recipient of a P2P transfer only that the money arrived. Reads the write's `row` (the
 * transfer after it) and `event` (non-empty only when a new status was recorded) CTEs.
 */
const OUTBOX_INSERT = Prisma.sql`
  INSERT INTO user_events (user_id, type, subject_id, payload)
  SELECT party.user_id, party.type, t.id,
         jsonb_build_object('transferId', t.id, 'kind', t.kind, 'status', t.status, 'amountMinor', t.amount_minor::text,
                            'currency', t.currency, 'direction', party.direction, 'note', t.note,
                            'bankUnavailableSince', t.bank_unavailable_since, 'bankRetryUntil', t.bank_retry_until)
    FROM row t
   CROSS JOIN LATERAL (VALUES (t.user_id, 'transfer.updated', 'sent'),
                              (CASE WHEN t.kind = 'P2P' AND t.status = 'COMPLETED' THEN t.recipient_user_id END, 'transfer.received', 'received'))
         AS party (user_id, type, direction)
   WHERE party.user_id IS NOT NULL AND EXISTS (SELECT 1 FROM event)`;

/**
 * Each write is one SQL statement (the row and its event together), because these run inside
 * the workflow task of every transfer: Prisma's upsert and batch took several round trips each.
 */
export function createTransferRecords(db: Database) {
  return {
    /**
     * Inserts the transfer row and its PENDING event once; a repeat with the same id is a no-op.
     * `executor` is a transaction to join (admission's), else the database.
     */
    async create(transfer: NewTransfer, executor: Pick<Database, '$queryRaw'> = db): Promise<void> {
      const inserted = await executor.$queryRaw<{ id: string }[]>`
        WITH row AS (
          INSERT INTO transfers (id, kind, user_id, recipient_user_id, bank_account_ref, currency, amount_minor, workflow_id, idempotency_key,
                                 note, payment_request_id, schedule_id)
          VALUES (${transfer.transferId}::uuid, ${transfer.kind}::"TransferKind", ${transfer.userId}::uuid, ${transfer.recipientUserId ?? null}::uuid,
                  ${transfer.bankAccountRef ?? null}, ${transfer.currency}, ${transfer.amountMinor}, ${transfer.workflowId}, ${transfer.idempotencyKey},
                  ${transfer.note ?? null}, ${transfer.paymentRequestId ?? null}::uuid, ${transfer.scheduleId ?? null}::uuid)
          ON CONFLICT (id) DO NOTHING
          RETURNING ${OUTBOX_COLUMNS}),
        event AS (INSERT INTO transfer_events (transfer_id, status) SELECT id, 'PENDING' FROM row RETURNING transfer_id),
        outbox AS (${OUTBOX_INSERT})
        SELECT transfer_id::text AS id FROM event`;
      if (inserted.length > 0) transfersStarted.inc({ kind: transfer.kind });
    },

    /**
     * Says the bank is not answering (since, and until when the workflow keeps trying), or that
     * it answers again (null); the initiator hears of it on their live stream.
     */
    async setBankOutage(transferId: string, outage: { since: string; until: string } | null): Promise<void> {
      await db.$executeRaw`
        WITH row AS (
          UPDATE transfers SET bank_unavailable_since = ${outage?.since ?? null}::timestamptz, bank_retry_until = ${outage?.until ?? null}::timestamptz, updated_at = now()
           WHERE id = ${transferId}::uuid AND bank_unavailable_since IS DISTINCT FROM ${outage?.since ?? null}::timestamptz
          RETURNING ${OUTBOX_COLUMNS}),
        event AS (SELECT id FROM row)
        ${OUTBOX_INSERT}`;
    },

    /**
     * Moves the row to a status and appends its event (once per status). With `onlyFrom`, only
     * a row at one of those statuses moves: a rerun of a step whose transfer has since moved on
     * (a retried one-step P2P opening after its settlement) records nothing instead of
     * attempting a move back, which the database refuses.
     */
    async setStatus(
      transferId: string,
      { status, detail, failureReason = null }: StatusRecord,
      onlyFrom?: readonly TransferStatus[],
    ): Promise<void> {
      const [row] = await db.$queryRaw<{ kind: TransferKind; created: boolean; created_at: Date }[]>`
        WITH row AS (
          UPDATE transfers SET status = ${status}::"TransferStatus", failure_reason = coalesce(${failureReason}, failure_reason), updated_at = now()
           WHERE id = ${transferId}::uuid AND (${onlyFrom ?? null}::text[] IS NULL OR status::text = ANY(${onlyFrom ?? null}::text[]))
          RETURNING ${OUTBOX_COLUMNS}),
        event AS (
          INSERT INTO transfer_events (transfer_id, status, detail) SELECT id, ${status}::"TransferStatus", ${detail} FROM row
          ON CONFLICT (transfer_id, status) DO NOTHING
          RETURNING transfer_id),
        outbox AS (${OUTBOX_INSERT})
        SELECT row.kind::text AS kind, EXISTS (SELECT 1 FROM event) AS created, row.created_at FROM row`;
      // A transfer refused at admission (not authorized, no linked account, over a limit) has no row.
      if (!row && (status === 'FAILED' || onlyFrom)) return;
      if (!row) throw new Error(`no transfer ${transferId} to move to ${status}`);
      if (row.created) countTransferStatus(row.kind, status, row.created_at);
    },
  };
}

/** What a transfer view needs besides the row: its events in order and its initiator's handle. */
export const TRANSFER_VIEW_INCLUDE = {
  events: { orderBy: { id: 'asc' } },
  user: { select: { handle: true } },
} as const;
export type TransferViewRow = Prisma.TransferGetPayload<{ include: typeof TRANSFER_VIEW_INCLUDE }>;

/**
 * The transfers a user may see: all they started, and of those sent to them only the ones that
 * reached them (never the sender's refused, pending or in-review attempts).
 */
export function visibleTo(userId: string) {
  return { OR: [{ userId }, { recipientUserId: userId, status: 'COMPLETED' as const }] };
}

/** Keyset pagination on (createdAt desc, id desc): rows strictly after the cursor's item. */
export function afterCursor(after: { createdAt: string; id: string } | undefined) {
  if (!after) return {};
  const createdAt = new Date(after.createdAt);
  return { OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: after.id } }] };
}

export interface TransferFilter {
  /** Only what this user may see (undefined: every transfer, for admins). */
  visibleToUserId?: string;
  status?: TransferStatus;
  kind?: TransferKind;
  initiatorId?: string;
  /** P2P transfers between the viewer and this user, either way. */
  counterpartyId?: string;
  /** Created in [from, to). */
  from?: Date;
  to?: Date;
  minAmountMinor?: bigint;
  maxAmountMinor?: bigint;
  after?: { createdAt: string; id: string };
}

/** One page of transfers, newest first, with `limit + 1` rows so the caller knows if more follow. */
export function listTransfers(
  db: Database,
  filter: TransferFilter,
  limit: number,
): Promise<TransferViewRow[]> {
  return db.transfer.findMany({
    where: {
      AND: [
        filter.visibleToUserId ? visibleTo(filter.visibleToUserId) : {},
        filter.status ? { status: filter.status } : {},
        filter.kind ? { kind: filter.kind } : {},
        filter.initiatorId ? { userId: filter.initiatorId } : {},
        filter.counterpartyId
          ? {
              kind: 'P2P' as const,
              OR: [{ userId: filter.counterpartyId }, { recipientUserId: filter.counterpartyId }],
            }
          : {},
        filter.from || filter.to
          ? {
              createdAt: {
                ...(filter.from ? { gte: filter.from } : {}),
                ...(filter.to ? { lt: filter.to } : {}),
              },
            }
          : {},
        filter.minAmountMinor !== undefined || filter.maxAmountMinor !== undefined
          ? {
              amountMinor: {
                ...(filter.minAmountMinor !== undefined ? { gte: filter.minAmountMinor } : {}),
                ...(filter.maxAmountMinor !== undefined ? { lte: filter.maxAmountMinor } : {}),
              },
            }
          : {},
        afterCursor(filter.after),
      ],
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    include: TRANSFER_VIEW_INCLUDE,
  });
}

/** One transfer if `viewerId` may see it (any transfer when `viewerId` is undefined). */
export function findTransfer(
  db: Database,
  transferId: string,
  viewerId: string | undefined,
): Promise<TransferViewRow | null> {
  return db.transfer.findFirst({
    where: { id: transferId, ...(viewerId ? visibleTo(viewerId) : {}) },
    include: TRANSFER_VIEW_INCLUDE,
  });
}

/** What a statement line says of its transfer: kind, parties, bank account. */
export function findTransfersForStatement(db: Database, transferIds: string[]) {
  return db.transfer.findMany({
    where: { id: { in: transferIds } },
    select: {
      id: true,
      kind: true,
      userId: true,
      recipientUserId: true,
      bankAccountRef: true,
      note: true,
      user: { select: { handle: true } },
    },
  });
}

/** Status and bank account of each transfer the bank knows, for the reconciliation. */
export function findTransfersForReconciliation(db: Database, transferIds: string[]) {
  return db.transfer.findMany({
    where: { id: { in: transferIds } },
    select: { id: true, status: true, bankAccountRef: true },
  });
}

/** A query runner: the database, or a transaction to join (admission's, under the user's lock). */
type Executor = Pick<Database, '$queryRaw'>;

/**
 * How much of a user's rolling limit a kind of movement has used, per currency: the one query
 * the worker's admission (which enforces it, under a lock on the user) and the API's
 * `GET /v1/limits` (which shows it) run. Movements that failed, were cancelled or compensated
 * never moved money and do not count.
 */
export type LimitedKind = 'DEPOSIT' | 'WITHDRAWAL';

/** The rolling window limits are counted over. */
export const LIMIT_WINDOW_HOURS = 24;

export async function usedInWindowMinor(
  executor: Executor,
  userId: string,
  kind: LimitedKind,
  currency: string,
): Promise<bigint> {
  const [row] = await executor.$queryRaw<{ used: bigint }[]>`
    SELECT coalesce(sum(amount_minor), 0)::bigint AS used FROM transfers
     WHERE user_id = ${userId}::uuid AND kind = ${kind}::"TransferKind" AND currency = ${currency}
       AND created_at > now() - make_interval(hours => ${LIMIT_WINDOW_HOURS})
       AND status NOT IN ('FAILED', 'CANCELLED', 'COMPENSATED')`;
  return row?.used ?? 0n;
}

/** Whether money already moved between the user and this bank account (a deposit from it or a payout to it). */
export async function hasCompletedBankMovement(
  executor: Executor,
  userId: string,
  bankAccountRef: string,
  excludingTransferId: string,
): Promise<boolean> {
  const [row] = await executor.$queryRaw<{ found: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM transfers
       WHERE user_id = ${userId}::uuid AND bank_account_ref = ${bankAccountRef}
         AND kind IN ('DEPOSIT', 'WITHDRAWAL') AND status = 'COMPLETED' AND id <> ${excludingTransferId}::uuid) AS found`;
  return row?.found ?? false;
}

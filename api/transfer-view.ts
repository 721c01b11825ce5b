/**
 * The JSON shape of a transfer on the wire (the `Transfer` schema): amounts as strings of
 * digits, the counterparty as the other user's handle (P2P) or the bank account reference.
 * Reads only; a user sees a transfer they sent or received, nothing else.
 */
import type { Database } from '../prisma/client';
import { allowedActions, type TransferParty } from '../transfers/kinds';
import { findTransfer, type TransferViewRow } from '../transfers/records';
import {
  CANCEL_REQUESTED_DETAIL,
  FINAL_STATUSES,
  type TransferKind,
  type TransferState,
  type TransferStatus,
} from '../workflows/definitions';

type TransferRow = TransferViewRow;

export type TransferView = ReturnType<typeof toView>;

/** An admin's view (no viewer) reviews; a user sees what they may do as initiator or recipient. */
function partyOf(viewerId: string | undefined, received: boolean): TransferParty {
  return viewerId === undefined ? 'reviewer' : received ? 'recipient' : 'initiator';
}

/**
 * Whether a cancel is recorded and waiting for the bank (a withdrawal voiding its payout while
 * the bank does not answer): its step says so until the withdrawal ends.
 */
function cancelIsRequested(status: TransferStatus, details: Array<string | null>): boolean {
  return !FINAL_STATUSES.has(status) && details.includes(CANCEL_REQUESTED_DETAIL);
}

/** What `party` may do now: a cancel already recorded is not offered again. */
function actionsOf(
  kind: TransferKind,
  status: TransferStatus,
  party: TransferParty,
  cancelRequested: boolean,
) {
  const actions = allowedActions(kind, status, party);
  return cancelRequested ? actions.filter((action) => action !== 'cancel') : actions;
}

/** A user id standing alone (not inside an account reference such as kizo-linked-<id>). */
const UUIDS = /(?<![\w-])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![\w-])/gi;

/** Workflows write people by id ("cancelled by <id>", "approved by <id>"); people read handles. */
function withHandles(text: string | null, handles: Map<string, string>): string | null {
  return (
    text?.replace(UUIDS, (id) => {
      const handle = handles.get(id.toLowerCase());
      return handle ? `@${handle}` : id;
    }) ?? null
  );
}

function toView(row: TransferRow, viewerId: string | undefined, handles: Map<string, string>) {
  const received = viewerId !== undefined && row.userId !== viewerId && row.recipientUserId === viewerId;
  const party = partyOf(viewerId, received);
  const cancelRequested = cancelIsRequested(
    row.status,
    row.events.map((event) => event.detail),
  );
  const counterparty =
    row.kind === 'P2P'
      ? received
        ? row.user.handle
        : (handles.get(row.recipientUserId ?? '') ?? null)
      : row.bankAccountRef;
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    direction: received ? ('received' as const) : ('sent' as const),
    amountMinor: row.amountMinor.toString(),
    currency: row.currency,
    counterparty,
    failureReason: withHandles(row.failureReason, handles),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    // The sender's ids and steps (review, refusals) are none of the recipient's business.
    workflowId: received ? null : row.workflowId,
    allowedActions: actionsOf(row.kind, row.status, party, cancelRequested),
    cancelRequested,
    note: row.note,
    paymentRequestId: row.paymentRequestId,
    scheduleId: received ? null : row.scheduleId,
    // While the bank does not answer a deposit or withdrawal: since when, and until when we keep trying.
    bank:
      !received && row.bankUnavailableSince && !FINAL_STATUSES.has(row.status)
        ? {
            unavailableSince: row.bankUnavailableSince.toISOString(),
            retryingUntil: row.bankRetryUntil?.toISOString() ?? null,
          }
        : null,
    events: row.events
      .filter((event) => !received || event.status === 'COMPLETED')
      .map((event) => ({
        status: event.status,
        detail: received ? null : withHandles(event.detail, handles),
        createdAt: event.createdAt.toISOString(),
      })),
  };
}

/** Handles of the recipients, and of the people (reviewers, cancellers) named by id in details. */
async function recipientHandles(db: Database, rows: TransferRow[]): Promise<Map<string, string>> {
  const named = rows
    .flatMap((row) => [row.failureReason, ...row.events.map((event) => event.detail)])
    .flatMap((text) => text?.match(UUIDS) ?? []);
  const ids = [
    ...new Set([
      ...rows.map((row) => row.recipientUserId).filter((id): id is string => id !== null),
      ...named.map((id) => id.toLowerCase()),
    ]),
  ];
  if (ids.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, handle: true } });
  return new Map(users.map((user) => [user.id, user.handle]));
}

/** Rows to views; `viewerId` decides direction and counterparty (undefined: an admin's view, as the sender). */
export async function toTransferViews(
  db: Database,
  rows: TransferRow[],
  viewerId: string | undefined,
): Promise<TransferView[]> {
  const handles = await recipientHandles(db, rows);
  return rows.map((row) => toView(row, viewerId, handles));
}

/** The transfer if `viewerId` sent or received it (or any transfer when `viewerId` is undefined). */
export async function loadTransferView(
  db: Database,
  transferId: string,
  viewerId: string | undefined,
): Promise<TransferView | undefined> {
  const row = await findTransfer(db, transferId, viewerId);
  if (!row) return undefined;
  const [view] = await toTransferViews(db, [row], viewerId);
  return view;
}

/**
 * The live workflow state is ahead of the row (the row is written by an activity after the
 * state changes), so the answer to a POST takes status and steps from the state.
 */
export function withLiveState(
  view: TransferView,
  state: TransferState,
  viewerId: string | undefined,
): TransferView {
  if (view.status === state.status && state.steps.length <= view.events.length) return view;
  const cancelRequested = cancelIsRequested(
    state.status,
    state.steps.map((step) => step.detail),
  );
  return {
    ...view,
    status: state.status,
    allowedActions: actionsOf(
      view.kind,
      state.status,
      partyOf(viewerId, view.direction === 'received'),
      cancelRequested,
    ),
    cancelRequested,
    failureReason: state.failureReason ?? view.failureReason,
    events: state.steps.map((step) => ({ status: step.status, detail: step.detail, createdAt: step.at })),
  };
}

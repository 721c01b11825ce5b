/**
 * The live state every money-movement workflow keeps: its status, the history of steps, and
 * the search attributes operators query. Pure workflow code.
 */
import { condition, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { initialSearchAttributes, KizoKind, KizoStatus } from '../temporal/search-attributes';
import { canTransition } from '../transfers/kinds';
import { acceptedUpdate, type TransferKind, type TransferState, type TransferStatus } from './definitions';

export function createTransferState(input: {
  transferId: string;
  kind: TransferKind;
  userId: string;
  currency: string;
  amountMinor: string;
}): TransferState {
  // Deterministic: the start attributes are part of the workflow's first event.
  if (workflowInfo().typedSearchAttributes.get(KizoKind) === undefined)
    upsertSearchAttributes(initialSearchAttributes(input));
  return {
    transferId: input.transferId,
    kind: input.kind,
    status: 'PENDING',
    failureReason: null,
    failureType: null,
    steps: [{ status: 'PENDING', detail: null, at: new Date(workflowInfo().startTime).toISOString() }],
  };
}

/**
 * Statuses a transfer never rests in: the workflow always moves on from them in the same
 * workflow task, so operators could never see them and publishing them would only add a
 * history event and a visibility write per transfer.
 */
const TRANSIENT_STATUSES: ReadonlySet<TransferStatus> = new Set(['HELD']);

/**
 * Answers the `accepted` update once the transfer has left PENDING for a status it can rest in:
 * funds held (and sent, settled or waiting for review) or refused. A transient status is passed
 * in the same workflow task, so waiting it out costs the caller nothing and spares it a poll.
 */
export function handleAccepted(state: TransferState): void {
  setHandler(acceptedUpdate, async () => {
    await condition(() => state.status !== 'PENDING' && !TRANSIENT_STATUSES.has(state.status));
    return state;
  });
}

/**
 * Moves the state to a status, appending a step and updating the status search attribute. A
 * move the kind's status machine does not allow is a bug: it fails the workflow task (retried,
 * and visible to operators) rather than record a transfer in a state it cannot be in.
 */
export function advance(state: TransferState, status: TransferStatus, detail: string | null = null): void {
  if (!canTransition(state.kind, state.status, status)) {
    throw new Error(`a ${state.kind} transfer cannot move from ${state.status} to ${status}`);
  }
  state.status = status;
  // Date in workflow code is replay-safe: the SDK pins it to the workflow task's time.
  state.steps.push({ status, detail, at: new Date().toISOString() });
  if (!TRANSIENT_STATUSES.has(status)) upsertSearchAttributes([{ key: KizoStatus, value: status }]);
}

/**
 * The live state every money-movement workflow keeps: its status, the history of steps, and
 * the search attributes operators query. Pure workflow code.
 */
import { upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { initialSearchAttributes, KizoKind, KizoStatus } from '../temporal/search-attributes';
import type { TransferKind, TransferState, TransferStatus } from './definitions';

export function createTransferState(input: {
  transferId: string;
  kind: TransferKind;
  userId: string;
  currency: string;
  amountMinor: string;
}): TransferState {
  // Deterministic: the start attributes are part of the workflow's first event.
  if (workflowInfo().typedSearchAttributes.get(KizoKind) === undefined) upsertSearchAttributes(initialSearchAttributes(input));
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

/** Moves the state to a status, appending a step and updating the status search attribute. */
export function advance(state: TransferState, status: TransferStatus, detail: string | null = null): void {
  state.status = status;
  // Date in workflow code is replay-safe: the SDK pins it to the workflow task's time.
  state.steps.push({ status, detail, at: new Date().toISOString() });
  if (!TRANSIENT_STATUSES.has(status)) upsertSearchAttributes([{ key: KizoStatus, value: status }]);
}

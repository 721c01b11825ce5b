/**
 * The live state every money-movement workflow keeps: its status, the history of steps, and
 * the search attributes operators query. Pure workflow code.
 */
import { upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { KizoAmountMinor, KizoCurrency, KizoKind, KizoStatus, KizoUserId } from '../temporal/search-attributes';
import type { TransferKind, TransferState, TransferStatus } from './definitions';

export function createTransferState(input: {
  transferId: string;
  kind: TransferKind;
  userId: string;
  currency: string;
  amountMinor: string;
}): TransferState {
  upsertSearchAttributes([
    { key: KizoKind, value: input.kind },
    { key: KizoUserId, value: input.userId },
    { key: KizoCurrency, value: input.currency },
    // Visibility stores Int as a 64-bit number; amounts are capped far below 2^53 (common/money.ts).
    { key: KizoAmountMinor, value: Number(input.amountMinor) },
    { key: KizoStatus, value: 'PENDING' },
  ]);
  return {
    transferId: input.transferId,
    kind: input.kind,
    status: 'PENDING',
    failureReason: null,
    failureType: null,
    steps: [{ status: 'PENDING', detail: null, at: new Date(workflowInfo().startTime).toISOString() }],
  };
}

/** Moves the state to a status, appending a step and updating the status search attribute. */
export function advance(state: TransferState, status: TransferStatus, detail: string | null = null): void {
  state.status = status;
  // Date in workflow code is replay-safe: the SDK pins it to the workflow task's time.
  state.steps.push({ status, detail, at: new Date().toISOString() });
  upsertSearchAttributes([{ key: KizoStatus, value: status }]);
}

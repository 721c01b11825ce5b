/**
 * Transfer shapes from the API contract and the small facts the UI needs about them: which statuses
 * are final (stop polling), how to name them, and which transfers a person may still cancel.
 */

import { FINAL_STATUSES, TRANSFER_KINDS, TRANSFER_STATUSES, type TransferKind, type TransferStatus } from '../../../common/transfer-status';
import type { components } from './api-types';

export { TRANSFER_KINDS, TRANSFER_STATUSES, type TransferKind, type TransferStatus };

/** The API's wire types, generated from its OpenAPI document (api-types.ts): no hand-written mirrors. */
type Schemas = components['schemas'];
export type Transfer = Schemas['Transfer'];
export type TransferEvent = Transfer['events'][number];
export type AdminTransfer = Schemas['AdminTransfer'];
export type BankAccount = Schemas['BankAccount'];
export type Limit = Schemas['Limit'];
export type WalletBalance = Schemas['Wallet'];
export type LedgerLine = Schemas['WalletTransaction'];

/** One page of a list: its items and the cursor of the next page (null on the last). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A final transfer never changes again, so the UI stops polling it. */
export function isFinal(status: string): boolean {
  return FINAL_STATUSES.has(status);
}

const STATUS_LABELS: Record<TransferStatus, string> = {
  PENDING: 'Pending',
  HELD: 'Funds held',
  IN_REVIEW: 'In review',
  SENT_TO_BANK: 'Sent to bank',
  COMPLETED: 'Completed',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
  COMPENSATED: 'Reversed',
};

export function statusLabel(status: string): string {
  return (STATUS_LABELS as Record<string, string>)[status] ?? status;
}

/** Visual tone of a status badge. */
export function statusTone(status: string): 'ok' | 'bad' | 'wait' | 'neutral' {
  if (status === 'COMPLETED') return 'ok';
  if (status === 'FAILED' || status === 'COMPENSATED') return 'bad';
  if (status === 'CANCELLED') return 'neutral';
  return 'wait';
}

const KIND_LABELS: Record<TransferKind, string> = {
  P2P: 'Transfer',
  DEPOSIT: 'Top-up',
  WITHDRAWAL: 'Withdrawal',
};

export function kindLabel(kind: string): string {
  return (KIND_LABELS as Record<string, string>)[kind] ?? kind;
}

/** Whether the API offers a cancel of this transfer to the person looking at it. */
export function canCancel(transfer: Pick<Transfer, 'allowedActions'>): boolean {
  return transfer.allowedActions.includes('cancel');
}

/** Link to a workflow in the Temporal Web UI, preferring the URL the API computed. */
export function temporalLink(
  transfer: Pick<AdminTransfer, 'workflowId'> & { temporalUiUrl?: string | null },
  temporalUiBase: string,
  namespace = 'default',
): string {
  if (transfer.temporalUiUrl) return transfer.temporalUiUrl;
  const base = temporalUiBase.replace(/\/+$/, '');
  return `${base}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(transfer.workflowId ?? '')}`;
}

/** Merges a fresh copy of a transfer into a list, newest first, without duplicates. */
export function upsertTransfer<T extends Transfer>(list: readonly T[], transfer: T): T[] {
  const index = list.findIndex((item) => item.id === transfer.id);
  if (index === -1) return [transfer, ...list];
  const copy = list.slice();
  copy[index] = transfer;
  return copy;
}

/**
 * The contract between the workflows and everyone who talks to them: inputs, the live state a
 * query returns, and the update/signal/query definitions. Pure: the API imports it too.
 * Money is a string of digits here because Temporal payloads are JSON.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Currency } from '../common/money';

export const TRANSFER_STATUSES = [
  'PENDING',
  'HELD',
  'IN_REVIEW',
  'SENT_TO_BANK',
  'COMPLETED',
  'FAILED',
  'CANCELLED',
  'COMPENSATED',
] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];
export type TransferKind = 'P2P' | 'DEPOSIT' | 'WITHDRAWAL';

export const FINAL_STATUSES: ReadonlySet<TransferStatus> = new Set(['COMPLETED', 'FAILED', 'CANCELLED', 'COMPENSATED']);

export interface TransferStep {
  status: TransferStatus;
  detail: string | null;
  /** Workflow time (replay-safe), ISO 8601. */
  at: string;
}

/** What the `status` query returns and the `accepted` update resolves with. */
export interface TransferState {
  transferId: string;
  kind: TransferKind;
  status: TransferStatus;
  failureReason: string | null;
  /** Stable error type of a refusal (e.g. InsufficientFunds), for the API's problem+json. */
  failureType: string | null;
  steps: TransferStep[];
}

interface TransferInputBase {
  transferId: string;
  userId: string;
  idempotencyKey: string;
  currency: Currency;
  amountMinor: string;
}

export interface P2PTransferInput extends TransferInputBase {
  recipientUserId: string;
  /** At or above this amount, the transfer waits for an admin's review. */
  reviewThresholdMinor: string;
  reviewTimeoutMs: number;
}

export interface ReviewDecision {
  approved: boolean;
  reviewerId: string;
  reason?: string;
}

/** Resolves once the request is accepted (funds held) or refused; the API answers then. */
export const acceptedUpdate = defineUpdate<TransferState>('accepted');
export const statusQuery = defineQuery<TransferState>('status');
export const reviewSignal = defineSignal<[ReviewDecision]>('review');

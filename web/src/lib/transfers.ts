/**
 * Transfer shapes from the API contract and the small facts the UI needs about them: which statuses
 * are final, how to name them in words people use (per kind and direction), what to say while the
 * bank is not answering or a review is pending, and which transfers a person may still cancel.
 */

import {
  FINAL_STATUSES,
  TRANSFER_KINDS,
  TRANSFER_STATUSES,
  type TransferKind,
  type TransferStatus,
} from '../../../common/transfer-status';
import type { components } from './api-types';
import { formatDeadline, type DateOptions } from './format';
import { formatMoney } from './money';

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

/** A final transfer never changes again. */
export function isFinal(status: string): boolean {
  return FINAL_STATUSES.has(status);
}

export type Tone = 'ok' | 'bad' | 'wait' | 'neutral';

/** Status names for operators and timelines, where the kind is known from elsewhere. */
const STATUS_LABELS: Record<TransferStatus, string> = {
  PENDING: 'Starting',
  HELD: 'Money set aside',
  IN_REVIEW: 'Waiting for review',
  SENT_TO_BANK: 'With the bank',
  COMPLETED: 'Completed',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
  COMPENSATED: 'Returned',
};

export function statusLabel(status: string): string {
  return (STATUS_LABELS as Record<string, string>)[status] ?? status;
}

/** Visual tone of a status badge (the label is always text too). */
export function statusTone(status: string): Tone {
  if (status === 'COMPLETED') return 'ok';
  if (status === 'FAILED' || status === 'COMPENSATED') return 'bad';
  if (status === 'CANCELLED') return 'neutral';
  return 'wait';
}

/** What a person calls each status of each kind of their own movements (sent or started by them). */
const OWN_STATUS_LABELS: Record<TransferKind, Partial<Record<TransferStatus, string>>> = {
  P2P: { HELD: 'Sending', COMPLETED: 'Sent' },
  DEPOSIT: { SENT_TO_BANK: 'Waiting for your bank', COMPLETED: 'Added' },
  WITHDRAWAL: {
    HELD: 'Preparing',
    SENT_TO_BANK: 'On its way to your bank',
    COMPLETED: 'Paid out',
    COMPENSATED: 'Returned to you',
  },
};

type StatusFacts = Pick<Transfer, 'kind' | 'status' | 'direction'> & { bank?: Transfer['bank'] };

/** The badge of a transfer as the person looking at it understands it: label and tone. */
export function transferStatus(transfer: StatusFacts): { label: string; tone: Tone } {
  if (transfer.bank && !isFinal(transfer.status)) return { label: 'Bank not answering', tone: 'wait' };
  const tone = statusTone(transfer.status);
  if (transfer.direction === 'received')
    return { label: transfer.status === 'COMPLETED' ? 'Received' : statusLabel(transfer.status), tone };
  const own = (OWN_STATUS_LABELS as Record<string, Partial<Record<string, string>>>)[transfer.kind]?.[
    transfer.status
  ];
  return { label: own ?? statusLabel(transfer.status), tone };
}

/**
 * The sentence for a bank that does not answer: until when we keep trying, and whether the person
 * may still cancel (a withdrawal: the API's allowed actions say).
 */
export function bankOutageMessage(
  bank: NonNullable<Transfer['bank']>,
  cancellable: boolean,
  options: DateOptions & { now?: Date } = {},
): string {
  const until = bank.retryingUntil
    ? ` until ${formatDeadline(bank.retryingUntil, options.now, options)}`
    : '';
  return `The bank is not answering; we will keep trying${until}.${cancellable ? ' You can still cancel.' : ''}`;
}

type ExplainFacts = StatusFacts & Pick<Transfer, 'allowedActions'>;

/**
 * A sentence about where a transfer stands, when its badge alone does not say enough: the bank not
 * answering, a review pending. Undefined when the badge says it all.
 */
export function statusExplanation(
  transfer: ExplainFacts,
  options: DateOptions & { now?: Date } = {},
): string | undefined {
  const cancellable = canCancel(transfer);
  if (transfer.bank && !isFinal(transfer.status))
    return bankOutageMessage(transfer.bank, cancellable, options);
  if (transfer.status === 'IN_REVIEW' && transfer.direction === 'sent') {
    return `Waiting for review: our team checks large transfers before the money moves. The amount is set aside meanwhile.${cancellable ? ' You can still cancel.' : ''}`;
  }
  return undefined;
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

/** Money in: a top-up, or a payment someone sent the person (the API's `direction`). */
export function isIncoming(transfer: Pick<Transfer, 'kind' | 'direction'>): boolean {
  return transfer.kind === 'DEPOSIT' || transfer.direction === 'received';
}

/** A status change as one sentence for screen readers: "Withdrawal of €30.00 is now paid out." */
export function announcement(
  transfer: ExplainFacts &
    Pick<Transfer, 'amountMinor' | 'currency' | 'failureReason'> & { counterparty?: string | null },
  options: DateOptions & { now?: Date } = {},
): string {
  const money = formatMoney(transfer.amountMinor, transfer.currency, options.locale);
  if (transfer.direction === 'received' && transfer.status === 'COMPLETED') {
    return `Received ${money}${transfer.counterparty ? ` from @${transfer.counterparty}` : ''}.`;
  }
  const what = `${transfer.direction === 'received' ? 'Payment' : kindLabel(transfer.kind)} of ${money}`;
  const explanation = statusExplanation(transfer, options);
  if (explanation) return `${what}: ${lowerFirst(explanation)}`;
  const why = transfer.failureReason && isFinal(transfer.status) ? `: ${transfer.failureReason}` : '';
  return sentence(`${what} is now ${transferStatus(transfer).label.toLowerCase()}${why}`);
}

/**
 * What the form that started a transfer says about it, kept current as the transfer moves (issue
 * #20: "Sending €1,200.00 to ana" must not stay on screen while it waits for review). `to` names
 * the recipient of a payment.
 */
export function progressMessage(
  transfer: ExplainFacts & Pick<Transfer, 'amountMinor' | 'currency' | 'failureReason'>,
  to: string,
  options: DateOptions & { now?: Date } = {},
): string {
  const money = formatMoney(transfer.amountMinor, transfer.currency, options.locale);
  const reason = transfer.failureReason ? `: ${transfer.failureReason}` : '';
  const cancellable = canCancel(transfer) ? ' You can still cancel.' : '';
  const backInWallet = 'the money is back in your wallet';
  if (transfer.bank && !isFinal(transfer.status)) {
    return `${kindLabel(transfer.kind)} of ${money}: ${lowerFirst(bankOutageMessage(transfer.bank, canCancel(transfer), options))}`;
  }
  if (transfer.kind === 'P2P') {
    if (transfer.status === 'IN_REVIEW')
      return `Waiting for review: ${money} to ${to} is set aside until our team approves it.${cancellable}`;
    if (transfer.status === 'COMPLETED') return `Sent ${money} to ${to}.`;
    if (transfer.status === 'FAILED') return sentence(`The transfer of ${money} to ${to} failed${reason}`);
    if (transfer.status === 'CANCELLED')
      return `The transfer of ${money} to ${to} was cancelled; ${backInWallet}.`;
    return `Sending ${money} to ${to}.`;
  }
  if (transfer.kind === 'DEPOSIT') {
    if (transfer.status === 'COMPLETED') return `${money} added to your wallet.`;
    if (transfer.status === 'FAILED') return sentence(`The top-up of ${money} failed${reason}`);
    return `Top-up of ${money} requested from your bank.`;
  }
  if (transfer.status === 'IN_REVIEW')
    return `Waiting for review: the withdrawal of ${money} is set aside until our team approves it.${cancellable}`;
  if (transfer.status === 'COMPLETED') return `${money} paid out to your bank.`;
  if (transfer.status === 'CANCELLED') return `Withdrawal of ${money} cancelled; ${backInWallet}.`;
  if (transfer.status === 'COMPENSATED')
    return sentence(`The withdrawal of ${money} came back${reason}; ${backInWallet}`);
  if (transfer.status === 'FAILED') return sentence(`The withdrawal of ${money} failed${reason}`);
  return `Withdrawal of ${money} to your bank started.`;
}

/** "The bank…" -> "the bank…", to follow a colon. */
function lowerFirst(text: string): string {
  return text.charAt(0).toLocaleLowerCase('en') + text.slice(1);
}

/** Ends a sentence with a full stop unless it has one. */
function sentence(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
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

/**
 * Payment requests ("Ada asks Bob for €12.50") as the UI shows them: the status in words and
 * its tone, and a one-line summary from the point of view of the person looking.
 */
import type { components } from './api-types';
import { formatMoney } from './money';
import { personLabel } from './people';

export type PaymentRequest = components['schemas']['PaymentRequest'];
export type PaymentRequestStatus = PaymentRequest['status'];

const STATUS_LABELS: Record<PaymentRequestStatus, string> = {
  OPEN: 'Open',
  PAYING: 'Being paid',
  PAID: 'Paid',
  DECLINED: 'Declined',
  CANCELLED: 'Cancelled',
  EXPIRED: 'Expired',
};

export function requestStatusLabel(status: string): string {
  return (STATUS_LABELS as Record<string, string>)[status] ?? status;
}

/** Visual tone of a request's status badge (the label is always text too). */
export function requestStatusTone(status: string): 'ok' | 'bad' | 'wait' | 'neutral' {
  if (status === 'PAID') return 'ok';
  if (status === 'DECLINED') return 'bad';
  if (status === 'OPEN' || status === 'PAYING') return 'wait';
  return 'neutral';
}

/** Whether the request may still change on its own (a payment running, or open until it expires). */
export function isLiveRequest(status: string): boolean {
  return status === 'OPEN' || status === 'PAYING';
}

/** "Ada Lovelace (@ada) asks you for €12.50" or "You asked Bob (@bob) for €12.50". */
export function requestSummary(request: PaymentRequest): string {
  const money = formatMoney(request.amountMinor, request.currency);
  return request.direction === 'incoming'
    ? `${personLabel(request.requester)} asks you for ${money}`
    : `You asked ${personLabel(request.payer)} for ${money}`;
}

/**
 * The events of the live stream (GET /v1/events) as the app uses them: each server-sent message
 * checked and turned into a typed event, or dropped. The payloads are the API's outbox rows
 * (transfers/records.ts, transfers/payment-requests.ts); only the fields the app reads are
 * checked, so a field the API adds later does no harm. Pure.
 */
import type { SseMessage } from './sse';

export interface TransferChange {
  type: 'transfer.updated' | 'transfer.received';
  /** The outbox id: where a reconnect resumes (Last-Event-ID). */
  id: string;
  transferId: string;
  kind: string;
  status: string;
  amountMinor: string;
  currency: string;
  direction: 'sent' | 'received';
  note: string | null;
  bankUnavailableSince: string | null;
  bankRetryUntil: string | null;
}

export interface PaymentRequestChange {
  type: 'payment_request.updated';
  id: string;
  requestId: string;
  status: string;
  amountMinor: string;
  currency: string;
  direction: 'incoming' | 'outgoing';
  note: string | null;
  expiresAt: string | null;
}

/** The stream is open: `id` is where it starts. */
export interface StreamReady {
  type: 'ready';
  id: string;
}

/** The session ended on the server (logout elsewhere, password change): the tab must log in again. */
export interface StreamEnd {
  type: 'end';
  reason: string;
}

export type LiveEvent = TransferChange | PaymentRequestChange | StreamReady | StreamEnd;

const EVENT_ID = /^\d{1,18}$/;
const DIGITS = /^-?\d{1,20}$/;

function record(data: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(data);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function optionalText(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** One server-sent message as a live event; undefined for anything malformed or unknown. */
export function parseLiveEvent(message: SseMessage): LiveEvent | undefined {
  const data = record(message.data);
  if (!data) return undefined;
  if (message.event === 'end') return { type: 'end', reason: text(data.reason) ?? 'the session has ended' };
  const id = message.id;
  if (id === undefined || !EVENT_ID.test(id)) return undefined;
  if (message.event === 'ready') return { type: 'ready', id };
  const amountMinor = text(data.amountMinor);
  const currency = text(data.currency);
  const status = text(data.status);
  if (!amountMinor || !DIGITS.test(amountMinor) || !currency || !status) return undefined;
  if (message.event === 'transfer.updated' || message.event === 'transfer.received') {
    const transferId = text(data.transferId);
    const kind = text(data.kind);
    if (!transferId || !kind) return undefined;
    return {
      type: message.event,
      id,
      transferId,
      kind,
      status,
      amountMinor,
      currency,
      direction: data.direction === 'received' || message.event === 'transfer.received' ? 'received' : 'sent',
      note: optionalText(data.note),
      bankUnavailableSince: optionalText(data.bankUnavailableSince),
      bankRetryUntil: optionalText(data.bankRetryUntil),
    };
  }
  if (message.event === 'payment_request.updated') {
    const requestId = text(data.requestId);
    if (!requestId || (data.direction !== 'incoming' && data.direction !== 'outgoing')) return undefined;
    return {
      type: 'payment_request.updated',
      id,
      requestId,
      status,
      amountMinor,
      currency,
      direction: data.direction,
      note: optionalText(data.note),
      expiresAt: optionalText(data.expiresAt),
    };
  }
  return undefined;
}

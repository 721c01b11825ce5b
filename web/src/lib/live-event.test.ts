// Goal: only well-formed live events reach the pages: each kind is typed from the API's outbox
// payload, and anything malformed (no id, bad JSON, a float amount, an unknown event) is dropped.
import { describe, expect, it } from 'vitest';
import { parseLiveEvent } from './live-event';

const message = (event: string, data: unknown, id: string | undefined = '7') => ({
  event,
  id,
  data: typeof data === 'string' ? data : JSON.stringify(data),
  retryMs: undefined,
});

const transfer = {
  transferId: 't1',
  kind: 'WITHDRAWAL',
  status: 'SENT_TO_BANK',
  amountMinor: '3000',
  currency: 'EUR',
  direction: 'sent',
  note: null,
  bankUnavailableSince: '2026-03-02T09:00:00.000Z',
  bankRetryUntil: '2026-03-02T10:00:00.000Z',
  eventId: '7',
  at: '2026-03-02T09:00:01.000Z',
};

describe('parseLiveEvent', () => {
  it('reads the stream start and its end', () => {
    expect(parseLiveEvent(message('ready', { lastEventId: '40' }, '40'))).toEqual({
      type: 'ready',
      id: '40',
    });
    expect(
      parseLiveEvent(message('end', { reason: 'the session has ended; log in again' }, undefined)),
    ).toEqual({
      type: 'end',
      reason: 'the session has ended; log in again',
    });
  });

  it('reads a transfer update with the bank outage fields', () => {
    expect(parseLiveEvent(message('transfer.updated', transfer))).toEqual({
      type: 'transfer.updated',
      id: '7',
      transferId: 't1',
      kind: 'WITHDRAWAL',
      status: 'SENT_TO_BANK',
      amountMinor: '3000',
      currency: 'EUR',
      direction: 'sent',
      note: null,
      bankUnavailableSince: '2026-03-02T09:00:00.000Z',
      bankRetryUntil: '2026-03-02T10:00:00.000Z',
    });
  });

  it('reads money received as received', () => {
    const received = parseLiveEvent(
      message('transfer.received', {
        ...transfer,
        kind: 'P2P',
        status: 'COMPLETED',
        direction: 'received',
        note: 'Lunch',
      }),
    );
    expect(received).toMatchObject({ type: 'transfer.received', direction: 'received', note: 'Lunch' });
  });

  it('reads a payment request update', () => {
    const request = {
      requestId: 'r1',
      status: 'PAID',
      amountMinor: '1250',
      currency: 'EUR',
      direction: 'outgoing',
      note: 'Tickets',
      expiresAt: '2026-03-09T09:00:00.000Z',
    };
    expect(parseLiveEvent(message('payment_request.updated', request))).toEqual({
      type: 'payment_request.updated',
      id: '7',
      ...request,
    });
  });

  it('drops what it cannot trust', () => {
    expect(parseLiveEvent({ ...message('transfer.updated', transfer), id: undefined })).toBeUndefined();
    expect(parseLiveEvent(message('transfer.updated', transfer, 'abc'))).toBeUndefined();
    expect(parseLiveEvent(message('transfer.updated', '{not json'))).toBeUndefined();
    expect(parseLiveEvent(message('transfer.updated', [transfer]))).toBeUndefined();
    expect(parseLiveEvent(message('transfer.updated', { ...transfer, amountMinor: '12.5' }))).toBeUndefined();
    expect(parseLiveEvent(message('transfer.updated', { ...transfer, transferId: '' }))).toBeUndefined();
    expect(
      parseLiveEvent(
        message('payment_request.updated', {
          requestId: 'r1',
          status: 'PAID',
          amountMinor: '1',
          currency: 'EUR',
          direction: 'sideways',
        }),
      ),
    ).toBeUndefined();
    expect(parseLiveEvent(message('webhook.whatever', transfer))).toBeUndefined();
  });
});

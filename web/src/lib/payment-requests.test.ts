// Goal: a payment request's status reads in words (never the raw enum), and its summary says who
// asks whom for how much from the point of view of the person looking.
import { describe, expect, it } from 'vitest';
import {
  isLiveRequest,
  requestStatusLabel,
  requestStatusTone,
  requestSummary,
  type PaymentRequest,
} from './payment-requests';

const request: PaymentRequest = {
  id: '5b0c7a34-58f4-4f4b-9d4c-1c1c1c1c1c1c',
  status: 'OPEN',
  direction: 'incoming',
  requester: { handle: 'ada', displayName: 'Ada Lovelace' },
  payer: { handle: 'bob', displayName: null },
  amountMinor: '1250',
  currency: 'EUR',
  note: 'Dinner',
  transferId: null,
  expiresAt: '2026-12-10T10:00:00Z',
  createdAt: '2026-12-03T10:00:00Z',
  updatedAt: '2026-12-03T10:00:00Z',
  allowedActions: ['pay', 'decline'],
};

describe('payment requests', () => {
  it('names every status in words', () => {
    expect(['OPEN', 'PAYING', 'PAID', 'DECLINED', 'CANCELLED', 'EXPIRED'].map(requestStatusLabel)).toEqual([
      'Open',
      'Being paid',
      'Paid',
      'Declined',
      'Cancelled',
      'Expired',
    ]);
    expect(requestStatusLabel('SOMETHING_NEW')).toBe('SOMETHING_NEW');
  });

  it('gives each status a tone and knows which may still change', () => {
    expect(requestStatusTone('PAID')).toBe('ok');
    expect(requestStatusTone('DECLINED')).toBe('bad');
    expect(requestStatusTone('PAYING')).toBe('wait');
    expect(requestStatusTone('EXPIRED')).toBe('neutral');
    expect(['OPEN', 'PAYING'].every(isLiveRequest)).toBe(true);
    expect(['PAID', 'DECLINED', 'CANCELLED', 'EXPIRED'].some(isLiveRequest)).toBe(false);
  });

  it('summarises a request for the payer and for the requester', () => {
    expect(requestSummary(request)).toBe('Ada Lovelace (@ada) asks you for €12.50');
    expect(requestSummary({ ...request, direction: 'outgoing', allowedActions: ['cancel'] })).toBe(
      'You asked @bob for €12.50',
    );
  });
});

// Goal: final statuses are known, cancel shows only where the API can accept it, statuses and
// progress read in words people use (received money as received, a bank outage with its deadline
// and the cancel it allows, "Waiting for review" instead of "Sending"), and Temporal links are well formed.
import { describe, expect, it } from 'vitest';
import {
  announcement,
  bankOutageMessage,
  canCancel,
  isFinal,
  isIncoming,
  progressMessage,
  statusExplanation,
  temporalLink,
  transferStatus,
  TRANSFER_STATUSES,
  upsertTransfer,
  type Transfer,
} from './transfers';

type Facts = Pick<
  Transfer,
  'kind' | 'status' | 'direction' | 'amountMinor' | 'currency' | 'failureReason' | 'allowedActions' | 'bank'
>;
const withdrawal: Facts = {
  kind: 'WITHDRAWAL',
  status: 'SENT_TO_BANK',
  direction: 'sent',
  amountMinor: '3000',
  currency: 'EUR',
  failureReason: null,
  allowedActions: ['cancel'],
  bank: null,
};
const outage = { unavailableSince: '2026-03-02T09:00:00Z', retryingUntil: '2026-03-02T14:05:00Z' };
const at = { locale: 'en-GB', timeZone: 'UTC', now: new Date('2026-03-02T09:01:00Z') };

describe('transfer facts', () => {
  it('knows the final statuses', () => {
    const final = TRANSFER_STATUSES.filter(isFinal);
    expect(final).toEqual(['COMPLETED', 'FAILED', 'CANCELLED', 'COMPENSATED']);
    expect(isFinal('SOMETHING_NEW')).toBe(false);
  });

  it('offers cancel exactly when the API says a cancel would be accepted', () => {
    // The API's status machine decides (transfers/kinds.ts); the web shows what it offers.
    expect(canCancel({ allowedActions: ['cancel'] })).toBe(true);
    expect(canCancel({ allowedActions: [] })).toBe(false);
  });

  it('names statuses in words, by kind and direction', () => {
    expect(transferStatus({ kind: 'P2P', status: 'COMPLETED', direction: 'sent' })).toEqual({
      label: 'Sent',
      tone: 'ok',
    });
    expect(transferStatus({ kind: 'P2P', status: 'COMPLETED', direction: 'received' })).toEqual({
      label: 'Received',
      tone: 'ok',
    });
    expect(transferStatus({ kind: 'P2P', status: 'IN_REVIEW', direction: 'sent' }).label).toBe(
      'Waiting for review',
    );
    expect(transferStatus({ kind: 'WITHDRAWAL', status: 'SENT_TO_BANK', direction: 'sent' }).label).toBe(
      'On its way to your bank',
    );
    expect(transferStatus({ kind: 'WITHDRAWAL', status: 'COMPLETED', direction: 'sent' }).label).toBe(
      'Paid out',
    );
    expect(transferStatus({ kind: 'DEPOSIT', status: 'COMPLETED', direction: 'sent' }).label).toBe('Added');
    expect(transferStatus({ ...withdrawal, bank: outage })).toEqual({
      label: 'Bank not answering',
      tone: 'wait',
    });
    // A final transfer's old outage no longer matters.
    expect(transferStatus({ ...withdrawal, status: 'CANCELLED', bank: outage }).label).toBe('Cancelled');
  });

  it('counts top-ups and money received as money in', () => {
    expect(isIncoming({ kind: 'DEPOSIT', direction: 'sent' })).toBe(true);
    expect(isIncoming({ kind: 'P2P', direction: 'received' })).toBe(true);
    expect(isIncoming({ kind: 'P2P', direction: 'sent' })).toBe(false);
    expect(isIncoming({ kind: 'WITHDRAWAL', direction: 'sent' })).toBe(false);
  });

  it('says until when the bank is retried, in local time, and that cancel is still possible', () => {
    expect(bankOutageMessage(outage, true, at)).toBe(
      'The bank is not answering; we will keep trying until 14:05. You can still cancel.',
    );
    expect(bankOutageMessage(outage, false, at)).toBe(
      'The bank is not answering; we will keep trying until 14:05.',
    );
    expect(bankOutageMessage(outage, true, { ...at, timeZone: 'Asia/Tokyo' })).toBe(
      'The bank is not answering; we will keep trying until 23:05. You can still cancel.',
    );
    expect(bankOutageMessage({ ...outage, retryingUntil: null }, false, at)).toBe(
      'The bank is not answering; we will keep trying.',
    );
    expect(statusExplanation({ ...withdrawal, bank: outage }, at)).toBe(bankOutageMessage(outage, true, at));
    expect(statusExplanation({ ...withdrawal, allowedActions: [], bank: outage }, at)).toBe(
      bankOutageMessage(outage, false, at),
    );
    expect(statusExplanation(withdrawal, at)).toBeUndefined();
  });

  it('explains a pending review to the sender only', () => {
    const review: Facts = { ...withdrawal, status: 'IN_REVIEW' };
    expect(statusExplanation(review, at)).toMatch(/^Waiting for review: .* You can still cancel\.$/);
    expect(statusExplanation({ ...review, kind: 'P2P', allowedActions: [] }, at)).not.toMatch(/cancel/);
    expect(
      statusExplanation({ ...review, kind: 'P2P', direction: 'received', allowedActions: [] }, at),
    ).toBeUndefined();
  });

  it('keeps the form message current: waiting for review is never "Sending"', () => {
    const p2p: Facts = { ...withdrawal, kind: 'P2P', amountMinor: '120000', allowedActions: [] };
    const en = { ...at, locale: 'en' };
    expect(progressMessage({ ...p2p, status: 'HELD' }, 'Ana (@ana)', en)).toBe(
      'Sending €1,200.00 to Ana (@ana).',
    );
    const waiting = progressMessage({ ...p2p, status: 'IN_REVIEW' }, 'Ana (@ana)', en);
    expect(waiting).toBe(
      'Waiting for review: €1,200.00 to Ana (@ana) is set aside until our team approves it.',
    );
    expect(waiting).not.toMatch(/Sending/);
    expect(progressMessage({ ...p2p, status: 'COMPLETED' }, 'Ana (@ana)', en)).toBe(
      'Sent €1,200.00 to Ana (@ana).',
    );
    expect(
      progressMessage({ ...p2p, status: 'FAILED', failureReason: 'rejected by @ops' }, 'Ana (@ana)', en),
    ).toBe('The transfer of €1,200.00 to Ana (@ana) failed: rejected by @ops.');
    expect(progressMessage({ ...withdrawal, bank: outage }, '', at)).toBe(
      'Withdrawal of €30.00: the bank is not answering; we will keep trying until 14:05. You can still cancel.',
    );
    expect(
      progressMessage({ ...withdrawal, kind: 'DEPOSIT', status: 'COMPLETED', allowedActions: [] }, '', en),
    ).toBe('€30.00 added to your wallet.');
  });

  it('announces a change in one sentence', () => {
    expect(
      announcement({ ...withdrawal, status: 'COMPLETED', allowedActions: [] }, { ...at, locale: 'en' }),
    ).toBe('Withdrawal of €30.00 is now paid out.');
    expect(
      announcement(
        {
          ...withdrawal,
          kind: 'P2P',
          status: 'COMPLETED',
          direction: 'received',
          allowedActions: [],
          counterparty: 'ada',
        },
        { ...at, locale: 'en' },
      ),
    ).toBe('Received €30.00 from @ada.');
  });

  it('links to the Temporal Web UI', () => {
    expect(temporalLink({ workflowId: 'withdrawal/u1/k 1' }, 'http://localhost:8233/')).toBe(
      'http://localhost:8233/namespaces/default/workflows/withdrawal%2Fu1%2Fk%201',
    );
    expect(temporalLink({ workflowId: 'x', temporalUiUrl: 'http://t/ui' }, 'http://ignored')).toBe(
      'http://t/ui',
    );
  });

  it('upserts transfers by id', () => {
    const base = { kind: 'P2P', status: 'HELD' } as Transfer;
    const list = [
      { ...base, id: 'a' },
      { ...base, id: 'b' },
    ];
    expect(upsertTransfer(list, { ...base, id: 'b', status: 'COMPLETED' }).map((t) => t.status)).toEqual([
      'HELD',
      'COMPLETED',
    ]);
    expect(upsertTransfer(list, { ...base, id: 'c' }).map((t) => t.id)).toEqual(['c', 'a', 'b']);
  });
});

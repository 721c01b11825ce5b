// Goal: polling stops exactly at final statuses, cancel shows only where the API can accept it,
// and Temporal links are well formed.
import { describe, expect, it } from 'vitest';
import {
  canCancel,
  isFinal,
  temporalLink,
  TRANSFER_STATUSES,
  upsertTransfer,
  type Transfer,
} from './transfers';

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

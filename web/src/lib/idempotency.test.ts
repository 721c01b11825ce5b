// Goal: the same intent always sends the same Idempotency-Key (double clicks, timeouts, reloads),
// and only a settled outcome or an edited form produces a new one.
import { describe, expect, it } from 'vitest';
import { IntentKeys, fingerprintOf, settlesIntent, type KeyStorage } from './idempotency';

class MapStorage implements KeyStorage {
  readonly map = new Map<string, string>();
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
}

function counter(): () => string {
  let next = 0;
  return () => `key-${++next}`;
}

const body = { amountMinor: '1234', currency: 'EUR', recipient: 'bob' };

describe('IntentKeys', () => {
  it('reuses the key while the same intent is retried', () => {
    const keys = new IntentKeys('transfer', new MapStorage(), counter());
    const first = keys.keyFor(body);
    expect(keys.keyFor({ ...body })).toBe(first);
    keys.record(undefined); // network failure
    expect(keys.keyFor(body)).toBe(first);
    keys.record(409); // still in flight
    expect(keys.keyFor(body)).toBe(first);
    keys.record(503);
    expect(keys.keyFor(body)).toBe(first);
  });

  it('ignores field order', () => {
    const keys = new IntentKeys('transfer', undefined, counter());
    const first = keys.keyFor(body);
    expect(keys.keyFor({ recipient: 'bob', currency: 'EUR', amountMinor: '1234' })).toBe(first);
  });

  it('uses a new key after success or a final refusal', () => {
    const keys = new IntentKeys('transfer', undefined, counter());
    const first = keys.keyFor(body);
    keys.record(202);
    const second = keys.keyFor(body);
    expect(second).not.toBe(first);
    keys.record(422);
    expect(keys.keyFor(body)).not.toBe(second);
  });

  it('uses a new key when the form is edited', () => {
    const keys = new IntentKeys('transfer', undefined, counter());
    const first = keys.keyFor(body);
    expect(keys.keyFor({ ...body, amountMinor: '1235' })).not.toBe(first);
  });

  it('survives a reload through storage, per form', () => {
    const storage = new MapStorage();
    const first = new IntentKeys('transfer', storage, counter()).keyFor(body);
    const afterReload = new IntentKeys('transfer', storage, () => 'other');
    expect(afterReload.pendingKey()).toBe(first);
    expect(afterReload.keyFor(body)).toBe(first);
    expect(new IntentKeys('deposit', storage, () => 'deposit-key').keyFor(body)).toBe('deposit-key');
  });

  it('falls back to a new key when storage holds garbage or throws', () => {
    const storage = new MapStorage();
    storage.setItem('kizo.intent.transfer', '{not json');
    expect(new IntentKeys('transfer', storage, () => 'fresh').keyFor(body)).toBe('fresh');
    const broken: KeyStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      removeItem: () => {},
    };
    const keys = new IntentKeys('transfer', broken, counter());
    const first = keys.keyFor(body);
    expect(keys.keyFor(body)).toBe(first);
  });

  it('forgets the intent on reset', () => {
    const keys = new IntentKeys('transfer', undefined, counter());
    keys.keyFor(body);
    keys.reset();
    expect(keys.pendingKey()).toBeUndefined();
  });
});

describe('settlesIntent', () => {
  it('settles on success and final refusals only', () => {
    for (const status of [200, 201, 202, 204, 400, 401, 403, 404, 422])
      expect(settlesIntent(status)).toBe(true);
    for (const status of [undefined, 408, 409, 429, 500, 502, 503]) expect(settlesIntent(status)).toBe(false);
  });
});

describe('fingerprintOf', () => {
  it('treats undefined and null alike and distinguishes values', () => {
    expect(fingerprintOf({ a: undefined })).toBe(fingerprintOf({ a: null }));
    expect(fingerprintOf({ a: '1' })).not.toBe(fingerprintOf({ a: '2' }));
  });
});

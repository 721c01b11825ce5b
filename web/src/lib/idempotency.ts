/**
 * One Idempotency-Key per user intent. A money-moving POST must carry the same key every time the
 * same intent is retried (double click, timeout, network drop, page reload), so the API replays the
 * first answer instead of moving money twice; a new intent (an edited form, or a new one after the
 * previous settled) gets a new key.
 *
 * An intent is identified by a fingerprint of the request body. The key and its fingerprint live in
 * sessionStorage under the form's name, so a reload in the middle of a retry still reuses the key.
 */

/** The storage this module needs; sessionStorage in the browser, a Map in tests. */
export interface KeyStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

interface StoredIntent {
  fingerprint: string;
  key: string;
}

const STORAGE_PREFIX = 'kizo.intent.';

/**
 * A stable fingerprint of a request body: keys sorted so that field order cannot make the same
 * intent look new.
 */
export function fingerprintOf(body: Record<string, unknown>): string {
  const sorted = Object.keys(body)
    .sort()
    .map((name) => [name, body[name] ?? null]);
  return JSON.stringify(sorted);
}

/**
 * Decides, from an HTTP outcome, whether the intent is settled (the next submit is a new intent with
 * a new key) or must be retried with the same key.
 * - any 2xx, and 4xx refusals such as 400/401/403/404/422: settled. A replay of the same key would
 *   only repeat the stored answer, so after, say, insufficient funds and a top-up the person must be
 *   able to try again for real.
 * - 409 (first request still in flight), 408, 429, any 5xx, and network failures (status undefined):
 *   not settled. The server may have started the movement; only the same key is safe.
 */
export function settlesIntent(status: number | undefined): boolean {
  if (status === undefined) return false;
  if (status === 408 || status === 409 || status === 429) return false;
  return status >= 200 && status < 500;
}

export class IntentKeys {
  readonly #storage: KeyStorage | undefined;
  readonly #newKey: () => string;
  readonly #storageKey: string;
  #memory: StoredIntent | undefined;

  /**
   * @param formName names the form ("transfer", "deposit", "withdrawal"); one pending intent per form.
   * @param storage where to keep the intent across reloads; undefined keeps it in memory only.
   * @param newKey the key generator, crypto.randomUUID in the browser.
   */
  constructor(
    formName: string,
    storage: KeyStorage | undefined,
    newKey: () => string = () => crypto.randomUUID(),
  ) {
    this.#storage = storage;
    this.#newKey = newKey;
    this.#storageKey = STORAGE_PREFIX + formName;
  }

  #read(): StoredIntent | undefined {
    if (!this.#storage) return this.#memory;
    try {
      const text = this.#storage.getItem(this.#storageKey);
      if (text === null) return undefined;
      const value: unknown = JSON.parse(text);
      if (
        typeof value === 'object' &&
        value !== null &&
        typeof (value as StoredIntent).key === 'string' &&
        typeof (value as StoredIntent).fingerprint === 'string'
      ) {
        return value as StoredIntent;
      }
    } catch {
      // Unreadable storage (private mode, corrupt entry) falls back to a fresh intent.
    }
    return undefined;
  }

  #write(intent: StoredIntent | undefined): void {
    this.#memory = intent;
    if (!this.#storage) return;
    try {
      if (intent) this.#storage.setItem(this.#storageKey, JSON.stringify(intent));
      else this.#storage.removeItem(this.#storageKey);
    } catch {
      // Storage may be full or disabled; the in-memory copy still protects this page's retries.
    }
  }

  /** The key for this body: the pending one when the body is unchanged, else a new one. */
  keyFor(body: Record<string, unknown>): string {
    const fingerprint = fingerprintOf(body);
    const pending = this.#read() ?? this.#memory;
    if (pending && pending.fingerprint === fingerprint) return pending.key;
    const intent = { fingerprint, key: this.#newKey() };
    this.#write(intent);
    return intent.key;
  }

  /** The key of the unsettled intent, if any (shown in the UI and used by tests). */
  pendingKey(): string | undefined {
    return (this.#read() ?? this.#memory)?.key;
  }

  /** Records the outcome of a submit; a settled intent frees the form for a new key. */
  record(status: number | undefined): void {
    if (settlesIntent(status)) this.#write(undefined);
  }

  /** Forgets the pending intent (the person cleared the form). */
  reset(): void {
    this.#write(undefined);
  }
}

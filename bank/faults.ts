/**
 * The mock bank's fault injector: the knobs tests and demos turn to make the bank slow, down,
 * flaky, forgetful of its answers, or strict about accounts and limits. One instance per bank
 * process; all state is in memory and `reset()` clears it. The randomness is seeded so a test
 * that sets a failure rate gets the same sequence of failures on every run.
 */
import { z } from 'zod';

/** What a money call should suffer before (or after) the bank records it. */
export type MoneyCallFault =
  | { kind: 'none' }
  /** Answer 503 without recording: the call never reached the bank's books. */
  | { kind: 'unavailable'; reason: 'outage' | 'fail-next' | 'failure-rate' }
  /** Record the call, then answer 503: the response was lost on the way back. */
  | { kind: 'drop-response' }
  /** Wait `hangMs` (longer than the client's timeout), then record and answer normally. */
  | { kind: 'hang'; hangMs: number }
  /** Record the call, then answer 200 with a body that is not the bank's JSON. */
  | { kind: 'garbage' };

/** A bound on every counter and duration, so a typo cannot wedge the bank for a day. */
export const FAULT_COUNT_MAX = 10_000;
export const FAULT_DURATION_MS_MAX = 600_000;
export const REFUSED_ACCOUNTS_MAX = 1_000;

const count = z.number().int().min(0).max(FAULT_COUNT_MAX);
const durationMs = z.number().int().min(0).max(FAULT_DURATION_MS_MAX);

/** Body of `PUT /control/faults`. Fields left out keep their current value. */
export const faultPatchSchema = z
  .object({
    latencyMs: durationMs.optional(),
    failureRate: z.number().min(0).max(1).optional(),
    failNext: count.optional(),
    dropResponseNext: count.optional(),
    hangNext: count.optional(),
    garbageNext: count.optional(),
    hangMs: durationMs.optional(),
    outage: z.boolean().optional(),
    outageUntil: z.iso.datetime({ offset: true }).nullable().optional(),
    refuseAccounts: z.array(z.string().min(1).max(128)).max(REFUSED_ACCOUNTS_MAX).optional(),
    /** The bank's record of who holds an account, for the account-holder check; others match anyone. */
    accountHolders: z.record(z.string().min(1).max(128), z.string().min(1).max(140)).optional(),
    limitMinor: z
      .string()
      .regex(/^[0-9]{1,19}$/, 'limitMinor must be a string of digits')
      .optional(),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .optional(),
  })
  .strict();
export type FaultPatch = z.infer<typeof faultPatchSchema>;

export interface FaultSettings {
  latencyMs: number;
  failureRate: number;
  failNext: number;
  dropResponseNext: number;
  hangNext: number;
  garbageNext: number;
  hangMs: number;
  outage: boolean;
  outageUntil: Date | null;
  refuseAccounts: string[];
  accountHolders: Record<string, string>;
  limitMinor: bigint;
}

export interface FaultsOptions {
  /** Per-transaction limit the bank starts with and returns to on reset. */
  limitMinor?: bigint;
  /** How long a hung call waits before it is recorded; a few times the client's timeout. */
  hangMs?: number;
  seed?: number;
  now?: () => Date;
}

export const DEFAULT_LIMIT_MINOR = 100_000_000n;
export const DEFAULT_HANG_MS = 15_000;

export interface BankFaults {
  settings(): FaultSettings;
  update(patch: FaultPatch): FaultSettings;
  /** Clears every fault and restores the start-up limit; the bank's records are untouched. */
  reset(): FaultSettings;
  /** Whether the bank is down right now (answers 503 to every /v1 call). */
  inOutage(): boolean;
  /** Decides, and consumes counters for, the fault one money call suffers. */
  nextMoneyCallFault(): MoneyCallFault;
  /** Resolves after `ms`, or early once `abortAll()` is called (server shutdown). */
  sleep(ms: number): Promise<void>;
  abortAll(): void;
  /** Seconds until the outage should be over, for a Retry-After header. */
  retryAfterSeconds(): number;
}

/** mulberry32: a tiny, well-known seeded generator; enough for choosing which calls fail. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function createFaults(options: FaultsOptions = {}): BankFaults {
  const now = options.now ?? (() => new Date());
  const defaults = (): FaultSettings => ({
    latencyMs: 0,
    failureRate: 0,
    failNext: 0,
    dropResponseNext: 0,
    hangNext: 0,
    garbageNext: 0,
    hangMs: options.hangMs ?? DEFAULT_HANG_MS,
    outage: false,
    outageUntil: null,
    refuseAccounts: [],
    accountHolders: {},
    limitMinor: options.limitMinor ?? DEFAULT_LIMIT_MINOR,
  });
  let current = defaults();
  let random = seededRandom(options.seed ?? 1);
  let shutdown = new AbortController();

  const snapshot = (): FaultSettings => ({
    ...current,
    refuseAccounts: [...current.refuseAccounts],
    accountHolders: { ...current.accountHolders },
  });
  const inOutage = () => current.outage || (current.outageUntil !== null && now() < current.outageUntil);

  return {
    settings: snapshot,
    update(patch) {
      const { outageUntil, limitMinor, seed, ...plain } = patch;
      current = { ...current, ...stripUndefined(plain) };
      if (outageUntil !== undefined)
        current.outageUntil = outageUntil === null ? null : new Date(outageUntil);
      if (limitMinor !== undefined) current.limitMinor = BigInt(limitMinor);
      if (seed !== undefined) random = seededRandom(seed);
      return snapshot();
    },
    reset() {
      current = defaults();
      random = seededRandom(options.seed ?? 1);
      return snapshot();
    },
    inOutage,
    nextMoneyCallFault() {
      // Order matters: faults that keep the call off the books are checked before those that
      // record it, so one call never consumes two counters.
      if (inOutage()) return { kind: 'unavailable', reason: 'outage' };
      if (current.failNext > 0) {
        current.failNext -= 1;
        return { kind: 'unavailable', reason: 'fail-next' };
      }
      if (current.failureRate > 0 && random() < current.failureRate) {
        return { kind: 'unavailable', reason: 'failure-rate' };
      }
      if (current.dropResponseNext > 0) {
        current.dropResponseNext -= 1;
        return { kind: 'drop-response' };
      }
      if (current.hangNext > 0) {
        current.hangNext -= 1;
        return { kind: 'hang', hangMs: current.hangMs };
      }
      if (current.garbageNext > 0) {
        current.garbageNext -= 1;
        return { kind: 'garbage' };
      }
      return { kind: 'none' };
    },
    sleep: (ms) => abortableSleep(ms, shutdown.signal),
    abortAll() {
      shutdown.abort();
      shutdown = new AbortController();
    },
    retryAfterSeconds() {
      if (current.outageUntil === null) return 1;
      return Math.max(1, Math.ceil((current.outageUntil.getTime() - now().getTime()) / 1000));
    },
  };
}

/** Serialises settings for `GET /control/faults`; the limit travels as a string of digits. */
export function faultSettingsToJson(settings: FaultSettings) {
  return {
    ...settings,
    outageUntil: settings.outageUntil?.toISOString() ?? null,
    limitMinor: settings.limitMinor.toString(),
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

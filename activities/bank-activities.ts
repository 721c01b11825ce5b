/**
 * Activities that call the bank. Each call carries our transfer id as the bank's idempotency
 * key, so Temporal may retry it freely: a retry of a call that did land is answered with the
 * stored record. Outcomes map to what the workflows decide on:
 * - accepted: a record comes back;
 * - refused for good: non-retryable `BankRefused`, with the bank's code in the details;
 * - our request was malformed: non-retryable `BankRequestRejected` (a bug; never retried);
 * - the bank is down or slow: `BankUnavailable`, a plain error Temporal retries with backoff.
 */
import { refusal } from './refusal';
import { Context } from '@temporalio/activity';
import { parseAmountMinor, type Currency } from '../common/money';
import {
  VOIDED_CODE,
  BANK_ERROR_TYPES,
  BankRefusedError,
  BankRequestRejectedError,
  type BankClient,
  type BankRecord,
  type BankRecordKind,
} from '../bank-client/client';

export interface BankMovementInput {
  transferId: string;
  accountRef: string;
  currency: Currency;
  amountMinor: string;
}

/** What a workflow learns from the bank; amounts travel as strings (JSON payloads). */
export interface BankOutcome {
  status: 'ACCEPTED' | 'REFUSED';
  reason: string | null;
  amountMinor: string;
  /** True when an earlier attempt had already landed. */
  replayed: boolean;
}

/**
 * The bank's definite answer to a void: VOIDED (nothing was booked and now nothing can be),
 * BOOKED (it moved the money before the void), REFUSED (it had refused the request for good).
 */
export type VoidVerdict = 'VOIDED' | 'BOOKED' | 'REFUSED';

export interface BankVoidOutcome {
  verdict: VoidVerdict;
  /** The bank's refusal code when REFUSED. */
  reason: string | null;
}

/** How often a waiting activity tells Temporal it is alive; under any heartbeat timeout we set. */
const HEARTBEAT_INTERVAL_MS = 1_000;

/** Heartbeats while `work` runs, so a worker that died mid-call is noticed before the call's timeout. */
async function heartbeating<T>(work: Promise<T>): Promise<T> {
  const context = Context.current();
  context.heartbeat();
  const timer = setInterval(() => context.heartbeat(), HEARTBEAT_INTERVAL_MS);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}

function outcomeOf(record: BankRecord, replayed: boolean): BankOutcome {
  return {
    status: record.status,
    reason: record.reason,
    amountMinor: record.amountMinor.toString(),
    replayed,
  };
}

/** Business refusals stop retries; everything else (BankUnavailable, bugs) is retried. */
function asBankActivityFailure(error: unknown): never {
  if (error instanceof BankRefusedError) {
    throw refusal(error.message, BANK_ERROR_TYPES.refused, { code: error.code });
  }
  if (error instanceof BankRequestRejectedError) {
    throw refusal(error.message, BANK_ERROR_TYPES.rejected, { code: error.code });
  }
  throw error;
}

/** The worker's bank client; a worker without one fails the task so that one with it takes it. */
export function requireBank(bank: BankClient | undefined): BankClient {
  // Retryable on purpose: a correctly configured worker on the same queue can pick the task up.
  if (!bank) throw new Error('this worker has no bank client configured');
  return bank;
}

/** The bank's request for a movement the workflow names (money arrives as a string of digits). */
function bankRequestOf(input: BankMovementInput) {
  return {
    id: input.transferId,
    accountRef: input.accountRef,
    currency: input.currency,
    amountMinor: parseAmountMinor(input.amountMinor),
  };
}

/** The refusal code of a collection the worker stopped: its account is no longer the user's proven one. */
export const ACCOUNT_NOT_VERIFIED_CODE = 'ACCOUNT_NOT_VERIFIED';

export interface BankActivityChecks {
  /**
   * Whether the transfer's user still holds `accountRef` as a VERIFIED link. Asked before every
   * collection attempt, so a deposit admitted from a link that was voided since (its account
   * claimed by its proven owner) collects nothing.
   */
  collectionAllowed?: (input: BankMovementInput) => Promise<boolean>;
}

export function createBankActivities(bank: BankClient | undefined, checks: BankActivityChecks = {}) {
  const client = () => requireBank(bank);
  /**
   * A collection the worker will not make: void the id first, since an earlier attempt may have
   * landed (then the money did move while the link was proven, and crediting it is owed).
   */
  async function stopCollection(input: BankMovementInput): Promise<BankOutcome> {
    const record = await heartbeating(client().voidMovement('collection', bankRequestOf(input))).catch(
      asBankActivityFailure,
    );
    if (record.status === 'ACCEPTED') return outcomeOf(record, true);
    throw refusal(
      `account ${input.accountRef} is no longer a verified account of this user; nothing was collected`,
      BANK_ERROR_TYPES.refused,
      { code: ACCOUNT_NOT_VERIFIED_CODE },
    );
  }
  const movementActivity =
    (kind: BankRecordKind) =>
    async (input: BankMovementInput): Promise<BankOutcome> => {
      if (kind === 'collection' && checks.collectionAllowed && !(await checks.collectionAllowed(input)))
        return stopCollection(input);
      const request = bankRequestOf(input);
      const call = kind === 'collection' ? client().collect(request) : client().payout(request);
      const movement = await heartbeating(call).catch(asBankActivityFailure);
      return outcomeOf(movement.record, movement.replayed);
    };

  return {
    /** Deposit: the bank collects from the user's account. */
    bankCollect: movementActivity('collection'),
    /** Withdrawal: the bank pays out to the user's account. */
    bankPayout: movementActivity('payout'),

    /**
     * Voids our id at the bank before any decision that assumes a call did not land (cancel,
     * deadline): afterwards no request with this id can be booked, so the answer is final.
     */
    async bankVoid(input: BankMovementInput & { kind: BankRecordKind }): Promise<BankVoidOutcome> {
      const record = await heartbeating(client().voidMovement(input.kind, bankRequestOf(input))).catch(
        asBankActivityFailure,
      );
      if (record.status === 'ACCEPTED') return { verdict: 'BOOKED', reason: null };
      return { verdict: record.reason === VOIDED_CODE ? 'VOIDED' : 'REFUSED', reason: record.reason };
    },

    /**
     * Kept for workflows started before the void protocol (their histories replay this call).
     * What the bank recorded under our id, or null when it never recorded it. Asked before any
     * decision that assumes a call did not land (cancel, deadline), since its answer may have been lost.
     */
    async bankLookup(input: { kind: BankRecordKind; transferId: string }): Promise<BankOutcome | null> {
      const lookup =
        input.kind === 'collection'
          ? client().getCollection(input.transferId)
          : client().getPayout(input.transferId);
      const record = await heartbeating(lookup).catch(asBankActivityFailure);
      return record ? outcomeOf(record, true) : null;
    },
  };
}

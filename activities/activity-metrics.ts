/**
 * Latency histograms around the two things activities wait on: ledger postings and bank calls.
 * Wrappers keep the ledger and the bank client free of metrics code; outcomes come from the
 * error classes those modules already throw.
 */
import { bankCallDuration, ledgerPostingDuration, timed } from '../common/metrics';
import {
  BankRefusedError,
  BankRequestRejectedError,
  BankUnavailableError,
  type BankClient,
} from '../bank-client/client';
import { LedgerError } from '../ledger/errors';
import type { Ledger } from '../ledger/ledger';

const POSTINGS = [
  'placeHold',
  'settleHoldToUser',
  'settleHoldToBank',
  'releaseHold',
  'creditFromBank',
] as const;

function ledgerOutcome(error: unknown): string {
  if (error === undefined) return 'ok';
  return error instanceof LedgerError ? 'refused' : 'error';
}

/** The same ledger, with each posting timed into kizo_ledger_posting_duration_seconds. */
export function withLedgerMetrics(ledger: Ledger): Ledger {
  const timedLedger: Ledger = { ...ledger };
  for (const name of POSTINGS) {
    const post = ledger[name].bind(ledger) as (input: never) => ReturnType<Ledger[typeof name]>;
    (timedLedger[name] as (input: never) => ReturnType<Ledger[typeof name]>) = (input) =>
      timed(ledgerPostingDuration, name, () => post(input), ledgerOutcome);
  }
  return timedLedger;
}

function bankOutcome(error: unknown): string {
  if (error === undefined) return 'accepted';
  if (error instanceof BankRefusedError) return 'refused';
  if (error instanceof BankRequestRejectedError) return 'rejected';
  if (error instanceof BankUnavailableError) return 'unavailable';
  return 'error';
}

/** The same bank client, with each call timed into kizo_bank_call_duration_seconds. */
export function withBankMetrics(bank: BankClient): BankClient {
  return {
    collect: (request) => timed(bankCallDuration, 'collect', () => bank.collect(request), bankOutcome),
    payout: (request) => timed(bankCallDuration, 'payout', () => bank.payout(request), bankOutcome),
    voidMovement: (kind, request) =>
      timed(bankCallDuration, `void-${kind}`, () => bank.voidMovement(kind, request), bankOutcome),
    getCollection: (id) =>
      timed(bankCallDuration, 'getCollection', () => bank.getCollection(id), bankOutcome),
    getPayout: (id) => timed(bankCallDuration, 'getPayout', () => bank.getPayout(id), bankOutcome),
    checkAccountHolder: (accountRef, holderName) =>
      timed(
        bankCallDuration,
        'checkAccountHolder',
        () => bank.checkAccountHolder(accountRef, holderName),
        bankOutcome,
      ),
    listRecords: (options) =>
      timed(bankCallDuration, 'listRecords', () => bank.listRecords(options), bankOutcome),
    sendVerificationCredits: (request) =>
      timed(
        bankCallDuration,
        'sendVerificationCredits',
        () => bank.sendVerificationCredits(request),
        bankOutcome,
      ),
  };
}

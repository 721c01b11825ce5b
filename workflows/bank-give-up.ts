/**
 * What a deposit or withdrawal concludes when it stops calling the bank (a cancel, the
 * deadline): the bank's definite answer to a void of our id, never a guess from a lookup.
 * Deterministic workflow code.
 */
import { BANK_FAILURE_TYPES } from '../common/error-types';
import type { BankMovementInput } from '../activities/bank-activities';
import { resolveBankOutcome, voidAtBank, type BankCallResult } from './bank-call';
import type { BankCallSettings } from './definitions';

/**
 * The `patched()` id of the void protocol. Workflows started before it replay the lookup they
 * recorded; never rename it while such a workflow may still run (docs/operators.md).
 */
export const BANK_VOID_PATCH = 'bank-void-protocol';

/** How long a cancel waits for the bank's answer before it says "recorded, pending". */
export const CANCEL_ANSWER_WITHIN_MS = 3_000;

/**
 * Turns a call that stopped or ran out of time into the bank's definite outcome: ACCEPTED when
 * the money moved after all (settle or credit it), REFUSED when the bank had refused it, and
 * the same STOPPED or DEADLINE when the void left a tombstone (release or fail: nothing moved,
 * and nothing can move later under this id). Other outcomes pass through.
 */
export async function outcomeAfterGivingUp(options: {
  kind: 'collection' | 'payout';
  called: BankCallResult;
  movement: BankMovementInput;
  settings: BankCallSettings;
  voidProtocol: boolean;
}): Promise<BankCallResult> {
  const { called, kind } = options;
  if (called.outcome !== 'STOPPED' && called.outcome !== 'DEADLINE') return called;
  if (!options.voidProtocol) return legacyLookup(options);
  const answer = await voidAtBank({ kind, movement: options.movement, settings: options.settings });
  switch (answer.verdict) {
    case 'BOOKED':
      return { outcome: 'ACCEPTED', replayed: true };
    case 'REFUSED':
      return {
        outcome: 'REFUSED',
        type: BANK_FAILURE_TYPES.refused,
        message: `bank refused the ${kind} (${answer.reason ?? 'no reason'})`,
        code: answer.reason,
      };
    case 'VOIDED':
      return called;
  }
}

/** Before the void protocol: one lookup decided, which a late-landing call could contradict. */
async function legacyLookup(options: {
  kind: 'collection' | 'payout';
  called: BankCallResult;
  movement: BankMovementInput;
  settings: BankCallSettings;
}): Promise<BankCallResult> {
  const recorded = await resolveBankOutcome({
    kind: options.kind,
    transferId: options.movement.transferId,
    settings: options.settings,
  });
  if (recorded?.status === 'ACCEPTED') return { outcome: 'ACCEPTED', replayed: true };
  // The deposit's old code ignored a recorded refusal here; replay must decide as it did.
  if (recorded?.status === 'REFUSED' && options.kind === 'payout') {
    return {
      outcome: 'REFUSED',
      type: BANK_FAILURE_TYPES.refused,
      message: `bank refused the payout (${recorded.reason ?? 'no reason'})`,
      code: recorded.reason,
    };
  }
  return options.called;
}

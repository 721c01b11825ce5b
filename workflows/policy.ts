/**
 * The policy a transfer runs under, read once at its start from the worker (a local activity,
 * recorded in history so replay and a running transfer keep it). Workflows started before the
 * worker owned the policy read it from their input, as they did then. Deterministic.
 */
import { ApplicationFailure, patched } from '@temporalio/workflow';
import type { BankCallSettings, TransferPolicy } from './definitions';
import { ledger } from './steps';

/** The `patched()` id of worker-side policy and admission; never rename it while old workflows run. */
export const WORKER_POLICY_PATCH = 'worker-policy';

/** What a transfer runs under: limits only when the worker set them (not for older workflows). */
export type RunPolicy = Omit<TransferPolicy, 'limits' | 'bank'> & {
  bank: BankCallSettings;
  limits?: TransferPolicy['limits'];
  /** False for workflows started before the worker owned the policy (their input carried it). */
  fromWorker: boolean;
};

/** Fields older inputs carried; ignored by workflows that read the worker's policy. */
interface LegacyPolicyInput {
  bank?: BankCallSettings;
  reviewThresholdMinor?: string;
  reviewTimeoutMs?: number;
}

export async function readRunPolicy(input: LegacyPolicyInput): Promise<RunPolicy> {
  if (patched(WORKER_POLICY_PATCH)) return { ...(await ledger.readPolicy()), fromWorker: true };
  return {
    reviewThresholdMinor: input.reviewThresholdMinor ?? '0',
    reviewTimeoutMs: input.reviewTimeoutMs ?? 0,
    get bank(): BankCallSettings {
      if (!input.bank)
        throw ApplicationFailure.nonRetryable(
          'an older workflow input without bank settings',
          'InvalidInput',
        );
      return input.bank;
    },
    fromWorker: false,
  };
}

/**
 * Activities of scheduled transfers. A run reads its schedule as the owner left it, records the
 * transfer's intent (the owner's schedule is their standing authorization, as a request is for
 * an ordinary transfer) and the run, then records the outcome; after the policy's number of
 * refused runs in a row the schedule is paused, in the database and in Temporal.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { LEDGER_ERROR_TYPES, POLICY_ERROR_TYPES, REVIEW_ERROR_TYPES } from '../common/error-types';
import { transferIdOf } from '../common/ids';
import type { Currency } from '../common/money';
import type { Database } from '../prisma/client';
import { pauseTransferSchedule } from '../temporal/transfer-schedules';
import { recordIntent } from '../transfers/intents';
import { intentOf } from '../common/transfer-intent';
import { findTransfer } from '../transfers/records';
import { finishRun, insertRun, markPausedByWorker, readScheduleForRun } from '../transfers/schedules';
import type {
  P2PTransferInput,
  ScheduledRunOutcome,
  TransferPolicy,
  TransferStatus,
} from '../workflows/definitions';
import { scheduledRunIdempotencyKey, transferWorkflowId } from '../workflows/ids';

/** Refusals that say the run could not pay this time (the schedule itself is fine). */
const REFUSAL_TYPES: ReadonlySet<string> = new Set([
  LEDGER_ERROR_TYPES.insufficientFunds,
  LEDGER_ERROR_TYPES.currencyMismatch,
  POLICY_ERROR_TYPES.limitExceeded,
  REVIEW_ERROR_TYPES.rejected,
  REVIEW_ERROR_TYPES.timedOut,
]);

export type PreparedRun =
  { skip: string } | { skip?: undefined; transferWorkflowId: string; input: P2PTransferInput };

export function createScheduleActivities(
  db: Database,
  policy: TransferPolicy,
  temporal: (() => Client) | undefined,
) {
  return {
    async prepareScheduledRun({
      scheduleId,
      runKey,
    }: {
      scheduleId: string;
      runKey: string;
    }): Promise<PreparedRun> {
      const schedule = await readScheduleForRun(db, scheduleId);
      if (!schedule || schedule.status !== 'ACTIVE') {
        const reason = schedule ? `the schedule is ${schedule.status.toLowerCase()}` : 'no such schedule';
        if (schedule)
          await insertRun(db, { scheduleId, runKey, transferId: null, outcome: 'SKIPPED', reason });
        return { skip: reason };
      }
      const idempotencyKey = scheduledRunIdempotencyKey(scheduleId, runKey);
      const workflowId = transferWorkflowId('P2P', schedule.ownerId, idempotencyKey);
      const input: P2PTransferInput = {
        transferId: transferIdOf(workflowId),
        userId: schedule.ownerId,
        idempotencyKey,
        currency: schedule.currency as Currency,
        amountMinor: schedule.amountMinor.toString(),
        recipientUserId: schedule.recipientUserId,
        note: schedule.note,
        scheduleId,
      };
      // A retried run finds its intent (with the amount it first had) and its run row as they were.
      if (!(await recordIntent(db, intentOf('P2P', input)))) {
        const existing = await findTransfer(db, input.transferId, undefined);
        if (existing) input.amountMinor = existing.amountMinor.toString();
      }
      await insertRun(db, {
        scheduleId,
        runKey,
        transferId: input.transferId,
        outcome: 'PENDING',
        reason: null,
      });
      return { transferWorkflowId: workflowId, input };
    },

    async finishScheduledRun(run: {
      scheduleId: string;
      runKey: string;
      transferId: string;
      status: TransferStatus;
      failureType: string | null;
      failureReason: string | null;
    }): Promise<{
      outcome: Exclude<ScheduledRunOutcome, 'SKIPPED'>;
      reason: string | null;
      pause: string | null;
    }> {
      // The transfer's row is the truth (a run whose transfer an earlier attempt started learns it here).
      const row = await findTransfer(db, run.transferId, undefined);
      const status = row?.status ?? run.status;
      const reason = row?.failureReason ?? run.failureReason;
      const outcome =
        status === 'COMPLETED'
          ? 'COMPLETED'
          : run.failureType && REFUSAL_TYPES.has(run.failureType)
            ? 'REFUSED'
            : row?.status === 'FAILED'
              ? 'REFUSED'
              : 'FAILED';
      const counted = await finishRun(db, {
        scheduleId: run.scheduleId,
        runKey: run.runKey,
        outcome,
        reason: outcome === 'COMPLETED' ? null : reason,
      });
      const limit = policy.schedulePauseAfterRefusals ?? 3;
      const pause =
        counted.status === 'ACTIVE' && counted.consecutiveRefusals >= limit
          ? `paused after ${counted.consecutiveRefusals} refused runs in a row (last: ${reason ?? 'refused'})`
          : null;
      return { outcome, reason: outcome === 'COMPLETED' ? null : reason, pause };
    },

    async pauseTransferSchedule({
      scheduleId,
      reason,
    }: {
      scheduleId: string;
      reason: string;
    }): Promise<void> {
      if (!temporal)
        throw ApplicationFailure.nonRetryable(
          'this worker has no Temporal client to pause schedules with',
          'Misconfigured',
        );
      await markPausedByWorker(db, scheduleId, reason);
      await pauseTransferSchedule(temporal(), scheduleId, reason);
    },
  };
}

/**
 * Four-eyes review, shared by P2P transfers and withdrawals: an admin who is neither the
 * initiator nor the recipient approves or rejects, once, while the transfer is IN_REVIEW.
 * The update's validator refuses malformed decisions and reviewers who are a party (nothing
 * reaches history); the handler then asks the database that the reviewer is an admin. The
 * fire-and-forget signal applies the same rules and ignores what they refuse. Deterministic.
 */
import { ApplicationFailure, condition, log, setHandler } from '@temporalio/workflow';
import { REVIEW_DECISION_ERROR_TYPES, REVIEW_ERROR_TYPES } from '../common/error-types';
import { reviewSignal, reviewUpdate, type ReviewDecision, type TransferState } from './definitions';
import { finish, ledger } from './steps';

const REASON_CHARS_MAX = 500;

/** Why a decision may not be applied, before any I/O; null when it may. */
export function reviewDecisionProblem(
  decision: unknown,
  parties: { initiatorId: string; recipientId: string | null },
): { message: string; type: string } | null {
  const shape = decision as Partial<ReviewDecision> | null;
  const wellFormed =
    typeof shape === 'object' &&
    shape !== null &&
    typeof shape.approved === 'boolean' &&
    typeof shape.reviewerId === 'string' &&
    shape.reviewerId.length > 0 &&
    (shape.reason === undefined ||
      (typeof shape.reason === 'string' && shape.reason.length <= REASON_CHARS_MAX));
  if (!wellFormed)
    return {
      message: 'a decision is {"approved": true|false, "reviewerId": "<admin id>", "reason"?: "..."}',
      type: REVIEW_DECISION_ERROR_TYPES.malformed,
    };
  const reviewer = (shape.reviewerId as string).toLowerCase();
  if (reviewer === parties.initiatorId.toLowerCase() || reviewer === parties.recipientId?.toLowerCase()) {
    return {
      message: 'a reviewer may not decide on a transfer they started or receive',
      type: REVIEW_DECISION_ERROR_TYPES.ownTransfer,
    };
  }
  return null;
}

/**
 * Ends a transfer whose review did not approve it: the hold is released (`compensate`) and the
 * transfer is CANCELLED, timed out when no decision came, rejected with the reviewer's reason.
 */
export async function endUnapproved(
  state: TransferState,
  decision: ReviewDecision | undefined,
  compensate: () => Promise<void>,
): Promise<TransferState> {
  await compensate();
  if (!decision) return finish(state, 'CANCELLED', REVIEW_ERROR_TYPES.timedOut, 'review timed out');
  return finish(
    state,
    'CANCELLED',
    REVIEW_ERROR_TYPES.rejected,
    `rejected by review: ${decision.reason ?? 'no reason given'}`,
  );
}

export interface Review {
  /** Waits for a decision (or `stop`) up to `timeoutMs`; undefined when none came. */
  wait(timeoutMs: number, stop?: () => boolean): Promise<ReviewDecision | undefined>;
}

export function handleReview(
  state: TransferState,
  parties: { initiatorId: string; recipientId: string | null },
  options: { checkAdmin: boolean },
): Review {
  let decision: ReviewDecision | undefined;
  const open = () => state.status === 'IN_REVIEW' && decision === undefined;

  async function eligible(candidate: ReviewDecision): Promise<boolean> {
    return !options.checkAdmin || (await ledger.isAdmin(candidate.reviewerId));
  }

  setHandler(reviewSignal, async (candidate) => {
    const problem = reviewDecisionProblem(candidate, parties);
    if (problem || !open() || !(await eligible(candidate))) {
      log.warn('review signal ignored', {
        reason: problem?.type ?? (open() ? REVIEW_DECISION_ERROR_TYPES.notAdmin : 'not in review'),
      });
      return;
    }
    if (open()) decision = candidate;
  });

  setHandler(
    reviewUpdate,
    async (candidate) => {
      if (!open()) return { applied: false, state };
      if (!(await eligible(candidate))) {
        throw ApplicationFailure.nonRetryable(
          'the reviewer is not an admin',
          REVIEW_DECISION_ERROR_TYPES.notAdmin,
        );
      }
      if (!open()) return { applied: false, state };
      decision = candidate;
      await condition(() => state.status !== 'IN_REVIEW');
      return { applied: true, state };
    },
    {
      validator: (candidate) => {
        const problem = reviewDecisionProblem(candidate, parties);
        if (problem) throw ApplicationFailure.nonRetryable(problem.message, problem.type);
      },
    },
  );

  return {
    async wait(timeoutMs, stop = () => false) {
      await condition(() => decision !== undefined || stop(), timeoutMs);
      return decision;
    },
  };
}

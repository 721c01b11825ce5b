/**
 * Starts (or joins) a money movement's workflow with Update-with-Start and waits for its
 * `accepted` update: the funds are held, or the request is refused. Workflows are named by
 * string so the API never imports workflow code. A workflow id per user and Idempotency-Key,
 * USE_EXISTING and REJECT_DUPLICATE make a retry join the running workflow and never start a
 * finished one again.
 */
import {
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  type Client,
} from '@temporalio/client';
import { LEDGER_ERROR_TYPES, POLICY_ERROR_TYPES, REVIEW_ERROR_TYPES } from '../common/error-types';
import { initialSearchAttributes } from '../temporal/search-attributes';
import { TASK_QUEUE_TRANSFERS } from '../temporal/task-queues';
import { acceptedUpdate, type TransferState } from '../workflows/definitions';
import { ProblemError } from './problem';

/**
 * Business refusals a workflow reports at acceptance, by failure type, as 422 problems.
 * Types not listed here are answered with the transfer itself (its status says FAILED).
 */
const REFUSALS: Record<string, { slug: string; title: string }> = {
  [LEDGER_ERROR_TYPES.insufficientFunds]: { slug: 'insufficient-funds', title: 'Insufficient funds' },
  [LEDGER_ERROR_TYPES.currencyMismatch]: {
    slug: 'currency-mismatch',
    title: 'Currency not supported for this wallet',
  },
  [REVIEW_ERROR_TYPES.rejected]: { slug: 'review-rejected', title: 'Rejected by review' },
  [POLICY_ERROR_TYPES.limitExceeded]: { slug: 'limit-exceeded', title: 'Over your limit' },
  [POLICY_ERROR_TYPES.bankAccountNotLinked]: {
    slug: 'bank-account-not-linked',
    title: 'Not one of your verified bank accounts',
  },
  [POLICY_ERROR_TYPES.notAuthorized]: { slug: 'not-authorized', title: 'This movement was not authorized' },
};

/** Returns the accepted state (the final one when the workflow had already finished), or undefined when that is unknown. */
export async function startAndAwaitAccepted(
  temporal: Client,
  options: {
    workflowType: string;
    workflowId: string;
    input: unknown;
    attributes: Parameters<typeof initialSearchAttributes>[0];
  },
): Promise<TransferState | undefined> {
  try {
    return await temporal.workflow.executeUpdateWithStart(acceptedUpdate, {
      startWorkflowOperation: new WithStartWorkflowOperation(options.workflowType, {
        workflowId: options.workflowId,
        taskQueue: TASK_QUEUE_TRANSFERS,
        args: [options.input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        typedSearchAttributes: initialSearchAttributes(options.attributes),
      }),
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    // It finished before we could join it (a request's payment refused at once, or a key whose
    // record expired): its result is the state it ended in, refusals included.
    return (await temporal.workflow
      .getHandle(options.workflowId)
      .result()
      .catch(() => undefined)) as TransferState | undefined;
  }
}

/** Throws the 422 problem for a refusal the state reports at acceptance, if any. */
export function assertNotRefused(state: TransferState | undefined): void {
  if (!state || state.status !== 'FAILED' || !state.failureType) return;
  const refusal = REFUSALS[state.failureType];
  if (!refusal) return;
  throw new ProblemError(422, refusal.slug, refusal.title, state.failureReason ?? undefined, {
    transferId: state.transferId,
  });
}

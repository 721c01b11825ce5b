/**
 * A business refusal raised by an activity: non-retryable (retrying cannot change the answer),
 * typed (workflows and the API switch on `type`), and BENIGN, because a refused payment is the
 * system working: the SDK does not log it as a failure with a stack trace; the worker's logger
 * (temporal/worker-runtime.ts) logs it once, at info, with its type and reason.
 */
import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';

export function refusal(message: string, type: string, details?: unknown): ApplicationFailure {
  return ApplicationFailure.create({
    message,
    type,
    nonRetryable: true,
    category: ApplicationFailureCategory.BENIGN,
    ...(details === undefined ? {} : { details: [details] }),
  });
}

/**
 * Stable names of business refusals. Activities raise them as the `type` of a non-retryable
 * ApplicationFailure, workflows switch on them, and the API turns them into problem+json
 * `type` URIs. Pure: workflows import this module. Renaming one breaks clients and histories.
 */
export const LEDGER_ERROR_TYPES = {
  insufficientFunds: 'InsufficientFunds',
  currencyMismatch: 'CurrencyMismatch',
  invalidPosting: 'InvalidPosting',
  holdNotFound: 'HoldNotFound',
  holdAlreadyResolved: 'HoldAlreadyResolved',
  businessKeyConflict: 'BusinessKeyConflict',
  accountNotFound: 'AccountNotFound',
} as const;

export const REVIEW_ERROR_TYPES = {
  rejected: 'ReviewRejected',
  timedOut: 'ReviewTimedOut',
} as const;

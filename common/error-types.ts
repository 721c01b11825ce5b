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

/**
 * Why a deposit or withdrawal did not complete (the `failureType` of its state). The first
 * three equal the bank client's error names, which Temporal reports as failure types.
 */
export const BANK_FAILURE_TYPES = {
  refused: 'BankRefused',
  requestRejected: 'BankRequestRejected',
  unavailable: 'BankUnavailable',
  /** The bank stayed unavailable until the transfer's deadline; nothing was paid or collected. */
  deadlineExceeded: 'BankDeadlineExceeded',
} as const;

export const CANCEL_ERROR_TYPES = {
  /** The user cancelled before the bank accepted the movement. */
  cancelledByUser: 'CancelledByUser',
} as const;

/** Why the worker refused to move money at all (checked before any hold or bank call). */
export const POLICY_ERROR_TYPES = {
  /** No authenticated request recorded this movement, or the input says otherwise. */
  notAuthorized: 'TransferNotAuthorized',
  /** The bank account is not one the user linked and the bank verified. */
  bankAccountNotLinked: 'BankAccountNotLinked',
  /** Over the per-movement or the rolling daily limit for this kind and currency. */
  limitExceeded: 'LimitExceeded',
} as const;

/** Why a reviewer's decision was refused (the update validator or handler). */
export const REVIEW_DECISION_ERROR_TYPES = {
  malformed: 'ReviewDecisionMalformed',
  /** The reviewer started or receives the transfer: four eyes means someone else. */
  ownTransfer: 'ReviewerIsParty',
  /** Not a known admin. */
  notAdmin: 'ReviewerNotAdmin',
} as const;

/** Why a payment request could not be paid, declined or cancelled (update validators). */
export const PAYMENT_REQUEST_ERROR_TYPES = {
  /** Not the payer (pay, decline) or not the requester (cancel). */
  notAllowed: 'PaymentRequestNotAllowed',
  /** Paid, being paid, declined, cancelled or expired. */
  notOpen: 'PaymentRequestNotOpen',
} as const;

/**
 * data-testid values for browser tests. Components import these constants, so a test and the markup
 * cannot drift apart. Ids marked "(per row)" sit on every row of a list; tests narrow them with
 * `data-transfer-id`, `data-status` or `data-currency` attributes on the same element or its row.
 *
 * Landing:   landing-signup, landing-login
 * Auth:      signup-form, signup-email, signup-handle, signup-display-name, signup-password, signup-submit,
 *            login-form, login-email, login-password, login-submit, auth-error (aria-live),
 *            field-error-<field> (beside each field, e.g. field-error-email)
 * App shell: nav-dashboard, nav-schedules, nav-admin, nav-logout, current-user
 * Dashboard: balance (per currency, data-currency) > balance-available, balance-held;
 *            transfer-form / deposit-form / withdraw-form, each with
 *              <form>-amount, <form>-currency, <form>-submit, <form>-error, <form>-success,
 *              transfer-recipient, transfer-note, deposit-bank-account / withdraw-bank-account
 *              (a select of the person's bank accounts), limit-hint;
 *            the send form's confirm step: transfer-confirmation > transfer-confirm-summary,
 *              transfer-confirm-note, transfer-confirm-review (when the amount will be reviewed),
 *              transfer-confirm, transfer-back; transfer-save-contact;
 *            review-hint (the review threshold, disclosed under the send and withdraw amounts);
 *            withdraw-link-account (takes the person to the bank-link form);
 *            <form>-success carries data-status: the live status of the movement it describes;
 *            request-form (action-tab-request) with request-payer, request-amount, request-currency,
 *              request-note, request-submit, request-error, request-success;
 *            requests > requests-incoming / requests-outgoing > request-row (per row,
 *              data-request-id, data-status, data-direction) > request-summary, request-status,
 *              request-row-note, request-expires, request-pay, request-decline, request-cancel,
 *              request-pay-confirmation > request-pay-confirm, request-pay-back; requests-message;
 *            bank-accounts > bank-account-row (per row, data-account-ref, data-status) >
 *              bank-account-status, bank-confirm-form (a pending link) with bank-confirm-first,
 *              bank-confirm-second, bank-confirm-submit, bank-confirm-error; bank-link-form with
 *              bank-link-iban, bank-link-holder, bank-link-label, bank-link-submit,
 *              bank-link-error, bank-link-success;
 *            action-tab-transfer / action-tab-deposit / action-tab-withdraw;
 *            transfers-list > transfer-row (per row, data-transfer-id, data-status, data-direction,
 *              data-bank-unavailable) > transfer-status, transfer-row-party, transfer-row-amount,
 *              transfer-row-note, transfer-row-explanation, transfer-cancel, transfer-open;
 *              transfers-load-more, transfers-message, transfers-empty;
 *            history-currency, history-list > history-row (per row) > history-row-amount;
 *              history-load-more, history-empty; requests-empty-action;
 *            live-status (aria-live announcements of status changes);
 *            live-connection (shown in the header while the live stream is down)
 * Transfer:  transfer-detail (data-status), transfer-detail-status, transfer-detail-note, transfer-detail-cancel,
 *            transfer-detail-explanation, transfer-detail-message, transfer-events
 * Schedules: schedule-form with schedule-recipient, schedule-amount, schedule-currency, schedule-note,
 *              schedule-start, schedule-repeat, schedule-time-zone, schedule-submit, schedule-error,
 *              schedule-success;
 *            schedules-list > schedule-row (per row, data-schedule-id, data-status) > schedule-recipient-name,
 *              schedule-amount-text, schedule-repeat-text, schedule-status, schedule-next-run (a <time>
 *              with the run's instant in `datetime`), schedule-run (per run, data-outcome), schedule-pause,
 *              schedule-resume, schedule-edit-amount, schedule-amount-input, schedule-amount-save,
 *              schedule-amount-cancel, schedule-delete, schedule-delete-confirm, schedule-delete-keep;
 *            schedules-message, schedules-empty
 * Admin:     admin-filter-status, admin-filter-kind, admin-filter-user, admin-filter-apply,
 *            admin-transfers > admin-transfer-row (per row, data-transfer-id, data-status),
 *            admin-approve (asks first: admin-confirmation > admin-approve-confirm, admin-approve-back),
 *            admin-reject, admin-reject-reason, admin-reject-confirm, admin-temporal-link,
 *            admin-load-more, admin-review-list, admin-audit, admin-audit-status, admin-audit-run,
 *            admin-reconciliation, admin-reconciliation-status, admin-reconciliation-run, admin-message
 */
export const T = {
  landingSignup: 'landing-signup',
  landingLogin: 'landing-login',

  signupForm: 'signup-form',
  signupEmail: 'signup-email',
  signupHandle: 'signup-handle',
  signupDisplayName: 'signup-display-name',
  signupPassword: 'signup-password',
  signupSubmit: 'signup-submit',
  loginForm: 'login-form',
  loginEmail: 'login-email',
  loginPassword: 'login-password',
  loginSubmit: 'login-submit',
  authError: 'auth-error',
  forgotPassword: 'forgot-password',
  verifyBanner: 'verify-banner',
  verifyResend: 'verify-resend',
  verifyResult: 'verify-result',
  resetForm: 'reset-form',
  resetEmail: 'reset-email',
  resetPassword: 'reset-password',
  resetSubmit: 'reset-submit',
  resetResult: 'reset-result',

  navDashboard: 'nav-dashboard',
  navSchedules: 'nav-schedules',
  navAdmin: 'nav-admin',
  navLogout: 'nav-logout',
  currentUser: 'current-user',

  transferRecipient: 'transfer-recipient',
  transferNote: 'transfer-note',
  depositBankAccount: 'deposit-bank-account',
  withdrawBankAccount: 'withdraw-bank-account',
  limitHint: 'limit-hint',
  transferConfirmation: 'transfer-confirmation',
  transferConfirmSummary: 'transfer-confirm-summary',
  transferConfirmNote: 'transfer-confirm-note',
  transferConfirm: 'transfer-confirm',
  transferBack: 'transfer-back',
  transferSaveContact: 'transfer-save-contact',
  transferConfirmReview: 'transfer-confirm-review',
  reviewHint: 'review-hint',
  withdrawLinkAccount: 'withdraw-link-account',

  requestPayer: 'request-payer',
  requestNote: 'request-note',
  requests: 'requests',
  requestsIncoming: 'requests-incoming',
  requestsOutgoing: 'requests-outgoing',
  requestRow: 'request-row',
  requestSummary: 'request-summary',
  requestStatus: 'request-status',
  requestRowNote: 'request-row-note',
  requestExpires: 'request-expires',
  requestPay: 'request-pay',
  requestDecline: 'request-decline',
  requestCancel: 'request-cancel',
  requestPayConfirmation: 'request-pay-confirmation',
  requestPayConfirm: 'request-pay-confirm',
  requestPayBack: 'request-pay-back',
  requestsMessage: 'requests-message',

  bankAccounts: 'bank-accounts',
  bankAccountRow: 'bank-account-row',
  bankLinkForm: 'bank-link-form',
  bankLinkIban: 'bank-link-iban',
  bankLinkHolder: 'bank-link-holder',
  bankLinkLabel: 'bank-link-label',
  bankLinkSubmit: 'bank-link-submit',
  bankLinkError: 'bank-link-error',
  bankLinkSuccess: 'bank-link-success',
  bankAccountStatus: 'bank-account-status',
  bankConfirmForm: 'bank-confirm-form',
  bankConfirmFirst: 'bank-confirm-first',
  bankConfirmSecond: 'bank-confirm-second',
  bankConfirmSubmit: 'bank-confirm-submit',
  bankConfirmError: 'bank-confirm-error',

  balance: 'balance',
  balanceAvailable: 'balance-available',
  balanceHeld: 'balance-held',
  transfersList: 'transfers-list',
  transferRow: 'transfer-row',
  transferStatus: 'transfer-status',
  transferRowNote: 'transfer-row-note',
  transferCancel: 'transfer-cancel',
  transferOpen: 'transfer-open',
  transfersLoadMore: 'transfers-load-more',
  transfersMessage: 'transfers-message',
  transfersEmpty: 'transfers-empty',
  transferRowParty: 'transfer-row-party',
  transferRowExplanation: 'transfer-row-explanation',
  transferRowAmount: 'transfer-row-amount',
  historyEmpty: 'history-empty',
  historyRowAmount: 'history-row-amount',
  requestsEmptyAction: 'requests-empty-action',
  liveConnection: 'live-connection',
  transferDetailExplanation: 'transfer-detail-explanation',
  transferDetailMessage: 'transfer-detail-message',
  adminApproveConfirm: 'admin-approve-confirm',
  adminApproveBack: 'admin-approve-back',
  adminConfirmation: 'admin-confirmation',
  historyCurrency: 'history-currency',
  historyList: 'history-list',
  historyRow: 'history-row',
  historyLoadMore: 'history-load-more',
  liveStatus: 'live-status',

  transferDetail: 'transfer-detail',
  transferDetailStatus: 'transfer-detail-status',
  transferDetailNote: 'transfer-detail-note',
  transferDetailCancel: 'transfer-detail-cancel',
  transferEvents: 'transfer-events',

  scheduleForm: 'schedule-form',
  scheduleRecipient: 'schedule-recipient',
  scheduleAmount: 'schedule-amount',
  scheduleCurrency: 'schedule-currency',
  scheduleNote: 'schedule-note',
  scheduleStart: 'schedule-start',
  scheduleRepeat: 'schedule-repeat',
  scheduleTimeZone: 'schedule-time-zone',
  scheduleSubmit: 'schedule-submit',
  scheduleError: 'schedule-error',
  scheduleSuccess: 'schedule-success',
  schedulesList: 'schedules-list',
  schedulesEmpty: 'schedules-empty',
  schedulesMessage: 'schedules-message',
  scheduleRow: 'schedule-row',
  scheduleRecipientName: 'schedule-recipient-name',
  scheduleAmountText: 'schedule-amount-text',
  scheduleRepeatText: 'schedule-repeat-text',
  scheduleStatus: 'schedule-status',
  scheduleNextRun: 'schedule-next-run',
  scheduleRun: 'schedule-run',
  schedulePause: 'schedule-pause',
  scheduleResume: 'schedule-resume',
  scheduleEditAmount: 'schedule-edit-amount',
  scheduleAmountInput: 'schedule-amount-input',
  scheduleAmountSave: 'schedule-amount-save',
  scheduleAmountCancel: 'schedule-amount-cancel',
  scheduleDelete: 'schedule-delete',
  scheduleDeleteConfirm: 'schedule-delete-confirm',
  scheduleDeleteKeep: 'schedule-delete-keep',

  adminFilterStatus: 'admin-filter-status',
  adminFilterKind: 'admin-filter-kind',
  adminFilterUser: 'admin-filter-user',
  adminFilterApply: 'admin-filter-apply',
  adminTransfers: 'admin-transfers',
  adminTransferRow: 'admin-transfer-row',
  adminApprove: 'admin-approve',
  adminReject: 'admin-reject',
  adminRejectReason: 'admin-reject-reason',
  adminRejectConfirm: 'admin-reject-confirm',
  adminTemporalLink: 'admin-temporal-link',
  adminLoadMore: 'admin-load-more',
  adminReviewList: 'admin-review-list',
  adminAudit: 'admin-audit',
  adminAuditStatus: 'admin-audit-status',
  adminAuditRun: 'admin-audit-run',
  adminReconciliation: 'admin-reconciliation',
  adminReconciliationStatus: 'admin-reconciliation-status',
  adminReconciliationRun: 'admin-reconciliation-run',
  adminMessage: 'admin-message',
} as const;

/** The per-form ids, e.g. formIds('deposit').amount === 'deposit-amount'. */
export function formIds(form: 'transfer' | 'deposit' | 'withdraw' | 'request') {
  return {
    form: `${form}-form`,
    tab: `action-tab-${form}`,
    amount: `${form}-amount`,
    currency: `${form}-currency`,
    submit: `${form}-submit`,
    error: `${form}-error`,
    success: `${form}-success`,
  } as const;
}

/** The id beside a field's error message, e.g. fieldErrorId('email') === 'field-error-email'. */
export function fieldErrorId(field: string): string {
  return `field-error-${field}`;
}

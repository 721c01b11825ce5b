/**
 * The API's wire types, generated from its OpenAPI document by `npm run web:api-types`
 * (openapi-typescript). Do not edit: change the API's schemas, then regenerate.
 */

export interface paths {
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics (text exposition format) */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process is up */
        get: operations["getHealthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: PostgreSQL and Temporal answer */
        get: operations["getReadyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an account and start a session */
        post: operations["postAuthSignup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in with email and password
         * @description Throttled per account and client address together (failed attempts; the owner signing in from elsewhere is not locked out) and per address; a refused attempt answers 429 with Retry-After. Limits are shared by every API replica.
         */
        post: operations["postAuthLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange a refresh token for new tokens (rotation)
         * @description The presented token becomes unusable. Presenting a used token again revokes every token of its session.
         */
        post: operations["postAuthRefresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the session the refresh token belongs to */
        post: operations["postAuthLogout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/verify-email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Follow a link mailed to verify an email
         * @description Works without signing in (the token proves the mailbox). With an access token, the link must belong to that user. A link verifies the address it was sent to: the account's email, or the one asked for through POST /v1/me/email, which becomes the account's now. Each link works once, within EMAIL_VERIFICATION_TTL_SECONDS, and only the newest one of a user works.
         */
        post: operations["postAuthVerifyEmail"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mail a password-reset link
         * @description Answers the same for every address, registered or not; a registered one gets a link valid for PASSWORD_RESET_TTL_SECONDS, once. Throttled per client address and per address asked about (the same for unknown ones).
         */
        post: operations["postAuthPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Choose a new password with a mailed reset link
         * @description Sets the password, ends every session of the account (log in again), verifies the email the link went to, and mails the owner a notice.
         */
        post: operations["postAuthPasswordResetConfirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/logout-everywhere": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End every session of the caller's, this one included
         * @description Every refresh token and access token of the user stops working at once.
         */
        post: operations["postMeLogoutEverywhere"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the password; every session ends */
        post: operations["postMePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/email/verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mail a new link to verify the email
         * @description The earlier links stop working. Limited to VERIFICATION_RESENDS_PER_HOUR_MAX an hour.
         */
        post: operations["postMeEmailVerification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change the email: a link goes to the new address
         * @description The account keeps its email until the link mailed to the new one is followed (POST /v1/auth/verify-email); the old address is told then. The answer is the same whether or not the new address belongs to another account (that is found out when the link is followed).
         */
        post: operations["postMeEmail"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The sessions in force, the most recently used first */
        get: operations["getMeSessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** End one session (its refresh and access tokens stop working) */
        delete: operations["deleteMeSessionsId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's wallets with available and held balances */
        get: operations["getWallets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallets/{currency}/transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A wallet's ledger entries, newest first */
        get: operations["getWalletsCurrencyTransactions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallets/{currency}/balance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A wallet's available balance at a moment
         * @description From the balance the ledger recorded after the last entry at or before `at` (0 before the first). Money held for a transfer in flight at that moment is not in it.
         */
        get: operations["getWalletsCurrencyBalance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallets/{currency}/statement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A wallet's statement for a period: opening and closing balance and every entry
         * @description The period is [from, to), at most 366 days. As JSON (a page of lines at a time, with a cursor to the next), CSV or PDF (`format`, every line, streamed); the numbers are the ledger's.
         */
        get: operations["getWalletsCurrencyStatement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transfers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Transfers the caller sent or received, newest first, filtered
         * @description Filters combine: `kind`, `status`, `counterparty` (a handle: P2P transfers with them either way), `from` and `to` (created in [from, to)), `minAmountMinor` and `maxAmountMinor` (inclusive).
         */
        get: operations["getTransfers"];
        put?: never;
        /**
         * Send money to another user (P2P)
         * @description Idempotent by the `Idempotency-Key` header (see the API description). Large amounts wait for an admin review (status IN_REVIEW).
         */
        post: operations["postTransfers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transfers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One transfer with its steps */
        get: operations["getTransfersId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deposits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Top the wallet up from the bank
         * @description Idempotent by the `Idempotency-Key` header. Answers once the collection is sent to the bank (status SENT_TO_BANK); COMPLETED follows when the bank collects.
         */
        post: operations["postDeposits"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/withdrawals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Withdraw to a bank account
         * @description Idempotent by the `Idempotency-Key` header. Answers once the funds are held; the payout follows (SENT_TO_BANK, then COMPLETED, or COMPENSATED with the funds released).
         */
        post: operations["postWithdrawals"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/withdrawals/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a withdrawal the bank has not accepted yet */
        post: operations["postWithdrawalsIdCancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bank-accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's bank accounts, voided links included */
        get: operations["getBankAccounts"];
        put?: never;
        /**
         * Start linking a bank account: the bank checks the holder and sends two micro-deposits
         * @description The link is PENDING_VERIFICATION: the account receives 2 small amounts from Kizo (1 to 99 cents each); confirm them with `POST /v1/bank-accounts/{accountRef}/confirm` (3 tries). An account another user linked can be linked too: whoever confirms it owns it, and every other link of it is voided.
         */
        post: operations["postBankAccounts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bank-accounts/{accountRef}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of the caller's links: its status and the confirmation tries left */
        get: operations["getBankAccountsAccountRef"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bank-accounts/{accountRef}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm the micro-deposits: the link becomes VERIFIED, and any other link of the account VOID */
        post: operations["postBankAccountsAccountRefConfirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/limits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's deposit and withdrawal limits and what remains of them */
        get: operations["getLimits"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payment-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Requests the caller sent or must answer, newest first */
        get: operations["getPaymentRequests"];
        put?: never;
        /**
         * Ask another user for money
         * @description Idempotent by the `Idempotency-Key` header. The request stays open until the payer pays or declines, the requester cancels, or it expires (7 days by default, the worker's policy).
         */
        post: operations["postPaymentRequests"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payment-requests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One payment request */
        get: operations["getPaymentRequestsId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payment-requests/{id}/pay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pay a request made of the caller
         * @description An ordinary P2P transfer of the requested amount to the requester, idempotent by its own `Idempotency-Key`. Of concurrent payments one is accepted; the others get 409 `payment-request-not-open` and move nothing. A payment refused (e.g. insufficient funds) leaves the request open.
         */
        post: operations["postPaymentRequestsIdPay"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payment-requests/{id}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Decline a request made of the caller (the payer) */
        post: operations["postPaymentRequestsIdDecline"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payment-requests/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a request the caller made (the requester) */
        post: operations["postPaymentRequestsIdCancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/schedules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's schedules, newest first */
        get: operations["getSchedules"];
        put?: never;
        /**
         * Schedule a transfer, once or recurring
         * @description Idempotent by the `Idempotency-Key` header. `repeat` is `once` (at `startAt`), `daily`, `weekly` (on the weekday of `startAt`) or `monthly` (on its day of the month; months without that day are skipped), at the wall-clock time of `startAt` in `timeZone`. Each run is an ordinary P2P transfer; a run refused (e.g. insufficient funds) is recorded and the schedule goes on, until several in a row pause it.
         */
        post: operations["postSchedules"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/schedules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One schedule with its latest runs */
        get: operations["getSchedulesId"];
        put?: never;
        post?: never;
        /** Delete a schedule: no more runs (transfers made stay) */
        delete: operations["deleteSchedulesId"];
        options?: never;
        head?: never;
        /** Change the amount of the next runs */
        patch: operations["patchSchedulesId"];
        trace?: never;
    };
    "/v1/schedules/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pause: no run until resumed */
        post: operations["postSchedulesIdPause"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/schedules/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resume a paused schedule (its refusal count starts again) */
        post: operations["postSchedulesIdResume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Saved and recent recipients */
        get: operations["getContacts"];
        put?: never;
        /** Save a recipient */
        post: operations["postContacts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contacts/lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A recipient's name, to confirm before sending
         * @description Any handle; an email only of someone the caller has transacted with or saved. Anything else is 404 `recipient-unknown`, the same for an unregistered email.
         */
        get: operations["getContactsLookup"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contacts/{handle}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Forget a saved recipient */
        delete: operations["deleteContactsHandle"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/statements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's monthly statements, newest first */
        get: operations["getStatements"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/statements/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One monthly statement, as JSON, CSV or PDF */
        get: operations["getStatementsId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's endpoints */
        get: operations["getWebhooks"];
        put?: never;
        /**
         * Register an endpoint for the caller's events
         * @description It receives the events of the types chosen from now on, each once (deduplicate by `Kizo-Event-Id`), signed with its secret.
         */
        post: operations["postWebhooks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete an endpoint: no more deliveries */
        delete: operations["deleteWebhooksId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new signing secret; the previous one also signs for a day */
        post: operations["postWebhooksIdRotateSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An endpoint's delivery log, newest first */
        get: operations["getWebhooksIdDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Deliver an event again (it keeps its event id) */
        post: operations["postWebhooksIdDeliveriesDeliveryIdRedeliver"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's live events (server-sent events)
         * @description A `text/event-stream`. First a `ready` event whose id is where the stream starts; then one event per outbox row, named by its type (`transfer.updated`, `transfer.received`, `payment_request.updated`), its `id` the outbox id and its data JSON. Reconnect with `Last-Event-ID` (or `?after=`) to get every event after it. A comment line every heartbeat; the stream ends after a while, or at once when its session ends (logout, a password change or reset, refresh-token reuse, a revoked session): an `end` event, then the stream closes.
         */
        get: operations["getEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/transfers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** All transfers, newest first, with filters */
        get: operations["getAdminTransfers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/transfers/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve a transfer waiting for review */
        post: operations["postAdminTransfersIdApprove"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/transfers/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject a transfer waiting for review (its hold is released) */
        post: operations["postAdminTransfersIdReject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/ledger/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Check every ledger invariant now */
        get: operations["getAdminLedgerAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/reconciliation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Compare the bank's records with the ledger now */
        get: operations["getAdminReconciliation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/reconciliation/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The latest scheduled reconciliation runs, newest first
         * @description Recorded by the `kizo-reconciliation` Temporal Schedule; at most 50.
         */
        get: operations["getAdminReconciliationRuns"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This OpenAPI 3.1 document */
        get: operations["getOpenapiJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readable API documentation (HTML) */
        get: operations["getDocs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs/redoc.standalone.js": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The script that renders /docs (Redoc) */
        get: operations["getDocsRedocStandaloneJs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description RFC 9457 problem details; `type` is stable, switch on it. */
        Problem: {
            /** @example https://kizo.dev/problems/insufficient-funds */
            type: string;
            title: string;
            status: number;
            detail?: string;
            instance?: string;
            errors?: {
                path: string;
                message: string;
            }[];
        } & {
            [key: string]: unknown;
        };
        Session: {
            accessToken: string;
            /** @description Single use: each refresh returns the next one */
            refreshToken: string;
            /** Format: date-time */
            accessTokenExpiresAt: string;
            user: components["schemas"]["User"];
        };
        User: {
            /** Format: uuid */
            id: string;
            email: string;
            handle: string;
            /** @description The name others see when they send to this user (null: the handle) */
            displayName: string | null;
            /** @enum {string} */
            role: "user" | "admin";
            /** @description Whether the user followed the link mailed to `email`. Until then nobody can name them by email (only by handle), KIZO_ADMIN_EMAILS grants nothing and withdrawals are refused (`email-not-verified`). */
            emailVerified: boolean;
        };
        VerifiedEmail: {
            email: string;
            /** @enum {boolean} */
            emailVerified: true;
            changed: boolean;
        };
        ResetRequested: {
            message: string;
        };
        MailOnItsWay: {
            message: string;
        };
        Sessions: {
            sessions: components["schemas"]["SessionInfo"][];
        };
        SessionInfo: {
            /** Format: uuid */
            id: string;
            /** @description The device, as its browser or app names itself */
            userAgent: string | null;
            /** @description The client address of its last sign-in or refresh */
            ipAddress: string | null;
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: date-time
             * @description Its last sign-in or token refresh
             */
            lastUsedAt: string;
            /** Format: date-time */
            expiresAt: string;
            /** @description The session of this request */
            current: boolean;
        };
        Wallet: {
            currency: string;
            /**
             * @description Minor units as a string of digits
             * @example 2500
             */
            availableMinor: string;
            /**
             * @description Minor units as a string of digits
             * @example 2500
             */
            heldMinor: string;
        };
        WalletTransaction: {
            id: string;
            transferId: string | null;
            /** @description Ledger posting kind: HOLD, SETTLE, RELEASE, DEPOSIT, ... */
            kind: string;
            description: string;
            /**
             * @description Signed: negative leaves the wallet
             * @example 2500
             */
            amountMinor: string;
            /**
             * @description Minor units as a string of digits
             * @example 2500
             */
            balanceAfterMinor: string;
            /** @description The transfer's note, if it has one */
            note: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        BalanceAt: {
            currency: string;
            /** Format: date-time */
            at: string;
            /**
             * @description Minor units as a string of digits
             * @example 2500
             */
            availableMinor: string;
            /** @description The ledger entry it is the balance after (null: none yet) */
            asOfEntryId: string | null;
        };
        Statement: {
            currency: string;
            /** Format: date-time */
            from: string;
            /**
             * Format: date-time
             * @description The end of the period, not included
             */
            to: string;
            /**
             * @description Minor units as a string of digits
             * @example 2500
             */
            openingMinor: string;
            /**
             * @description Minor units as a string of digits
             * @example 2500
             */
            closingMinor: string;
            /**
             * @description Minor units as a string of digits
             * @example 2500
             */
            inMinor: string;
            /**
             * @description Minor units as a string of digits
             * @example 2500
             */
            outMinor: string;
            /** @description Entries in the whole period */
            lineCount: number;
            /** @description At most 5000, oldest first */
            lines: components["schemas"]["WalletTransaction"][];
            /** @description Pass as `cursor` for the next lines; null on the last page */
            nextCursor: string | null;
        };
        Transfer: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "P2P" | "DEPOSIT" | "WITHDRAWAL";
            /** @enum {string} */
            status: "PENDING" | "HELD" | "IN_REVIEW" | "SENT_TO_BANK" | "COMPLETED" | "FAILED" | "CANCELLED" | "COMPENSATED";
            /**
             * @description Whether the caller sent (or deposited / withdrew) or received it
             * @enum {string}
             */
            direction: "sent" | "received";
            /**
             * @description Minor units as a string of digits
             * @example 2500
             */
            amountMinor: string;
            currency: string;
            /** @description The other user's handle (P2P) or the bank account reference */
            counterparty: string | null;
            failureReason: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description The workflow's id, for the sender only (null for money received) */
            workflowId: string | null;
            /** @description What the caller may do now, from the kind's status machine: `cancel` (POST /v1/withdrawals/{id}/cancel), `approve` and `reject` (admins who are not a party). A cancel already recorded (`cancelRequested`) is not offered again. */
            allowedActions: ("cancel" | "approve" | "reject")[];
            /** @description True while a cancel is recorded but not yet decided: the bank does not answer the void of the payout, so the status stays SENT_TO_BANK until it does (then CANCELLED, or COMPLETED if it had paid out) */
            cancelRequested: boolean;
            /** @description Plain text from the sender, shown to both sides */
            note: string | null;
            /**
             * Format: uuid
             * @description The payment request this transfer paid
             */
            paymentRequestId: string | null;
            /**
             * Format: uuid
             * @description The sender's schedule this transfer is a run of (sender only)
             */
            scheduleId: string | null;
            /** @description Set while the bank does not answer this deposit or withdrawal (we keep trying; a withdrawal can still be cancelled) */
            bank: {
                /** Format: date-time */
                unavailableSince: string;
                /**
                 * Format: date-time
                 * @description The deadline: after it the transfer is given up and its funds released
                 */
                retryingUntil: string | null;
            } | null;
            events: {
                /** @enum {string} */
                status: "PENDING" | "HELD" | "IN_REVIEW" | "SENT_TO_BANK" | "COMPLETED" | "FAILED" | "CANCELLED" | "COMPENSATED";
                detail: string | null;
                /** Format: date-time */
                createdAt: string;
            }[];
        };
        TransferPage: {
            items: components["schemas"]["Transfer"][];
            nextCursor: string | null;
        };
        BankAccount: {
            /** Format: uuid */
            id: string;
            /** @description What deposits and withdrawals name as `bankAccountRef` */
            accountRef: string;
            /**
             * @description For people: an IBAN in groups of four
             * @example DE89 3704 0044 0532 0130 00
             */
            display: string;
            holderName: string;
            label: string | null;
            /**
             * @description PENDING_VERIFICATION: micro-deposits were sent, confirm them (`POST /v1/bank-accounts/{accountRef}/confirm`). VERIFIED: deposits collect from it and withdrawals pay to it. VOID: never usable again (tries used up, or its proven owner claimed the account); link it anew to try again.
             * @enum {string}
             */
            status: "PENDING_VERIFICATION" | "VERIFIED" | "VOID";
            /** @description Whether `status` is VERIFIED */
            verified: boolean;
            /** @description Tries left to confirm the micro-deposits: 0 unless PENDING_VERIFICATION */
            confirmTriesLeft: number;
            /** @enum {string|null} */
            voidReason: "CONFIRM_TRIES_EXHAUSTED" | "CLAIMED_BY_PROVEN_OWNER" | null;
            /** Format: date-time */
            createdAt: string;
        };
        LinkBankAccount: {
            /** @example DE89 3704 0044 0532 0130 00 */
            iban: string;
            /**
             * @description The name the bank holds the account under
             * @example Ada Lovelace
             */
            holderName: string;
            label?: string;
        };
        ConfirmBankAccount: {
            /**
             * @description The 2 micro-deposits the account received from Kizo, in minor units (cents), in any order
             * @example [
             *       "12",
             *       "34"
             *     ]
             */
            amountsMinor: string[];
        };
        Limit: {
            /** @enum {string} */
            kind: "DEPOSIT" | "WITHDRAWAL";
            currency: string;
            /**
             * @description Largest single movement
             * @example 2500
             */
            perMovementMinor: string;
            windowHours: number;
            /**
             * @description Most over any window of `windowHours`
             * @example 2500
             */
            windowMinor: string;
            /**
             * @description Moved in the last `windowHours` (failed, cancelled and compensated movements do not count)
             * @example 2500
             */
            usedMinor: string;
            /**
             * @description What the window has left
             * @example 2500
             */
            windowRemainingMinor: string;
            /**
             * @description What a movement may be now: the smaller of the per-movement limit and what the window has left
             * @example 2500
             */
            remainingMinor: string;
        };
        PaymentRequest: {
            /** Format: uuid */
            id: string;
            /**
             * @description OPEN until paid, declined, cancelled or expired; PAYING while its payment runs
             * @enum {string}
             */
            status: "OPEN" | "PAYING" | "PAID" | "DECLINED" | "CANCELLED" | "EXPIRED";
            /**
             * @description incoming: the caller is asked to pay; outgoing: the caller asked
             * @enum {string}
             */
            direction: "incoming" | "outgoing";
            requester: {
                handle: string;
                displayName: string | null;
            };
            payer: {
                handle: string;
                displayName: string | null;
            };
            /**
             * @description Minor units as a string of digits
             * @example 2500
             */
            amountMinor: string;
            currency: string;
            note: string | null;
            /**
             * Format: uuid
             * @description The P2P transfer that paid it (PAID only)
             */
            transferId: string | null;
            /** Format: date-time */
            expiresAt: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description What the caller may do now */
            allowedActions: ("pay" | "decline" | "cancel")[];
        };
        PaymentRequestPage: {
            items: components["schemas"]["PaymentRequest"][];
            nextCursor: string | null;
        };
        TransferSchedule: {
            /** Format: uuid */
            id: string;
            /**
             * @description FINISHED: a one-off schedule that has run
             * @enum {string}
             */
            status: "ACTIVE" | "PAUSED" | "FINISHED";
            /** @description Set when the worker paused it after refused runs in a row */
            pausedReason: string | null;
            recipient: {
                handle: string;
                displayName: string | null;
            };
            /**
             * @description Minor units as a string of digits
             * @example 2500
             */
            amountMinor: string;
            currency: string;
            note: string | null;
            /** @enum {string} */
            repeat: "once" | "daily" | "weekly" | "monthly";
            /** Format: date-time */
            startAt: string;
            timeZone: string;
            consecutiveRefusals: number;
            /** @description The next few run times (none while paused) */
            nextRunsAt: string[];
            /** @description Its Temporal Schedule, for operators (`temporal schedule describe --schedule-id ...`) */
            temporalScheduleId: string;
            /** @description The latest runs, newest first */
            runs: {
                /** @description The scheduled time of the run, as Temporal names it */
                runKey: string;
                /** @enum {string} */
                outcome: "PENDING" | "COMPLETED" | "REFUSED" | "FAILED" | "SKIPPED";
                /** Format: uuid */
                transferId: string | null;
                failureReason: string | null;
                /** Format: date-time */
                createdAt: string;
            }[];
            /** Format: date-time */
            createdAt: string;
        };
        TransferScheduleList: {
            items: components["schemas"]["TransferSchedule"][];
        };
        Contacts: {
            saved: components["schemas"]["Contact"][];
            recent: components["schemas"]["RecentContact"][];
        };
        /** @description Another user as the caller may address them: by handle, with the name they chose */
        Contact: {
            handle: string;
            displayName: string | null;
        };
        /** @description Another user as the caller may address them: by handle, with the name they chose */
        RecentContact: components["schemas"]["Contact"] & {
            /** Format: date-time */
            lastTransferAt: string;
        };
        MonthlyStatement: {
            /** Format: uuid */
            id: string;
            currency: string;
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            /**
             * @description Minor units as a string of digits
             * @example 2500
             */
            openingMinor: string;
            /**
             * @description Minor units as a string of digits
             * @example 2500
             */
            closingMinor: string;
            /**
             * @description Minor units as a string of digits
             * @example 2500
             */
            inMinor: string;
            /**
             * @description Minor units as a string of digits
             * @example 2500
             */
            outMinor: string;
            lineCount: number;
        };
        WebhookEndpointWithSecret: components["schemas"]["WebhookEndpoint"] & {
            /** @description Signs every delivery (docs/webhooks.md). Shown only now: keep it. */
            secret: string;
        };
        WebhookEndpoint: {
            /** Format: uuid */
            id: string;
            url: string;
            eventTypes: ("transfer.updated" | "transfer.received" | "payment_request.updated")[];
            /** Format: date-time */
            createdAt: string;
        };
        WebhookDelivery: {
            /** Format: uuid */
            id: string;
            eventId: string;
            eventType: string;
            /** @enum {string} */
            status: "PENDING" | "DELIVERED" | "FAILED";
            attempts: number;
            lastStatusCode: number | null;
            lastError: string | null;
            /** Format: date-time */
            deliveredAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        AdminTransfer: components["schemas"]["Transfer"] & {
            /** @description Handle of the user who started it */
            userHandle: string;
            /** @description The workflow in Temporal's Web UI */
            temporalUiUrl: string;
        };
        LedgerAuditReport: {
            ok: boolean;
            checkedAt: string;
            checks: {
                name: string;
                ok: boolean;
                violations: number;
                examples: string[];
            }[];
        };
        ReconciliationReport: {
            ok: boolean;
            checkedAt: string;
            counts: {
                bankRecords: number;
                ledgerPostings: number;
                matched: number;
                inFlight: number;
            };
            mismatches: {
                transferId: string | null;
                /** @enum {string|null} */
                kind: "collection" | "payout" | null;
                problem: string;
                detail: string;
            }[];
        };
        ReconciliationRun: {
            /** @description The scheduled workflow run that recorded it (Temporal Web UI) */
            workflowId: string;
            /** Format: date-time */
            checkedAt: string;
            ok: boolean;
            mismatchCount: number;
            counts: {
                bankRecords: number;
                ledgerPostings: number;
                matched: number;
                inFlight: number;
            };
            mismatches: {
                transferId: string | null;
                /** @enum {string|null} */
                kind: "collection" | "payout" | null;
                problem: string;
                detail: string;
            }[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Metrics */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
        };
    };
    getHealthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Up */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
        };
    };
    getReadyz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                        checks: {
                            [key: string]: "ok";
                        };
                    };
                };
            };
            /** @description A dependency is down (`not-ready`, with `checks`) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postAuthSignup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Case-insensitive; stored lower-case
                     * @example ada@example.com
                     */
                    email: string;
                    /**
                     * @description Public name others send money to; 3-30 of [a-z0-9_]
                     * @example ada
                     */
                    handle: string;
                    /** @example correct horse battery */
                    password: string;
                    /**
                     * @description The name others see when they send to you
                     * @example Ada Lovelace
                     */
                    displayName?: string;
                };
            };
        };
        responses: {
            /** @description Account created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description Invalid email, handle or password */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Email or handle already taken (`email-taken`, `handle-taken`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many sign-ups from this address (`rate-limited`); see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postAuthLogin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Case-insensitive; stored lower-case
                     * @example ada@example.com
                     */
                    email: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Logged in */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description Invalid body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Wrong email or password (`invalid-credentials`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many attempts (`rate-limited`); see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postAuthRefresh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    refreshToken: string;
                };
            };
        };
        responses: {
            /** @description New tokens */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accessToken: string;
                        /** @description Single use: each refresh returns the next one */
                        refreshToken: string;
                        /** Format: date-time */
                        accessTokenExpiresAt: string;
                    };
                };
            };
            /** @description Invalid body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown, expired, revoked or reused refresh token (`invalid-refresh-token`, `refresh-token-reused`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many refreshes from this address (`rate-limited`); see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postAuthLogout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    refreshToken: string;
                };
            };
        };
        responses: {
            /** @description Logged out (also for unknown tokens) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postAuthVerifyEmail: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The `token` parameter of the mailed link */
                    token: string;
                };
            };
        };
        responses: {
            /** @description Verified */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VerifiedEmail"];
                };
            };
            /** @description Invalid body, or an unknown or replaced link (`verification-link-invalid`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An access token was sent and is not valid (`unauthenticated`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The link is another user's than the signed-in one (`verification-link-other-user`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The link was used already (`verification-link-used`, with `emailVerified`), or the new address was taken meanwhile (`email-taken`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The link has expired (`verification-link-expired`); ask for a new one */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postAuthPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Case-insensitive; stored lower-case
                     * @example ada@example.com
                     */
                    email: string;
                };
            };
        };
        responses: {
            /** @description If the address has an account, a link is on its way */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResetRequested"];
                };
            };
            /** @description Invalid body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many resets asked for (`rate-limited`); see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postAuthPasswordResetConfirm: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The `token` parameter of the mailed link */
                    token: string;
                    /** @example correct horse battery */
                    newPassword: string;
                };
            };
        };
        responses: {
            /** @description Password changed; every session ended */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid body (e.g. a short password), or an unknown or replaced link (`reset-link-invalid`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The link was used already (`reset-link-used`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The link has expired (`reset-link-expired`); ask for a new one */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postMeLogoutEverywhere: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every session ended */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postMePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    currentPassword: string;
                    newPassword: string;
                };
            };
        };
        responses: {
            /** @description Changed; log in again with the new password */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid body, e.g. a new password that is too short */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The current password is wrong (`invalid-credentials`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many wrong current passwords (`rate-limited`); see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postMeEmailVerification: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A link is on its way */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MailOnItsWay"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The email is verified already (`email-already-verified`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many links asked for (`rate-limited`); see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postMeEmail: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    currentPassword: string;
                };
            };
        };
        responses: {
            /** @description A link is on its way to the new address */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MailOnItsWay"];
                };
            };
            /** @description Invalid body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The current password is wrong (`invalid-credentials`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description That is the email already (`same-email`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many wrong passwords or links asked for (`rate-limited`); see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMeSessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description At most 100 sessions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Sessions"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteMeSessionsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ended */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not a session id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such session of yours in force (`session-not-found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getWallets: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Wallets */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        wallets: components["schemas"]["Wallet"][];
                    };
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getWalletsCurrencyTransactions: {
        parameters: {
            query?: {
                /** @description Opaque cursor from the previous page */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                currency: "EUR" | "USD" | "GBP" | "JPY";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of entries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["WalletTransaction"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Unknown currency or invalid cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getWalletsCurrencyBalance: {
        parameters: {
            query: {
                /** @description ISO 8601 with an offset, from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z */
                at: string;
            };
            header?: never;
            path: {
                currency: "EUR" | "USD" | "GBP" | "JPY";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The balance */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BalanceAt"];
                };
            };
            /** @description Unknown currency, or a moment malformed or outside the accepted range */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getWalletsCurrencyStatement: {
        parameters: {
            query: {
                /** @description json, csv (a spreadsheet) or pdf */
                format?: "json" | "csv" | "pdf";
                /** @description JSON only: the `nextCursor` of the page before (CSV and PDF hold every line) */
                cursor?: string;
                /** @description ISO 8601 with an offset, from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z */
                from: string;
                /** @description ISO 8601 with an offset, from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z */
                to: string;
            };
            header?: never;
            path: {
                currency: "EUR" | "USD" | "GBP" | "JPY";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The statement */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Statement"];
                    "text/csv": string;
                    "application/pdf": string;
                };
            };
            /** @description Unknown currency, dates malformed or outside the accepted range, or a period that ends before it starts or is too long */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTransfers: {
        parameters: {
            query?: {
                /** @description Opaque cursor from the previous page */
                cursor?: string;
                limit?: number;
                kind?: "P2P" | "DEPOSIT" | "WITHDRAWAL";
                status?: "PENDING" | "HELD" | "IN_REVIEW" | "SENT_TO_BANK" | "COMPLETED" | "FAILED" | "CANCELLED" | "COMPENSATED";
                /** @description A handle (with or without @) */
                counterparty?: string;
                /** @description ISO 8601 with an offset, from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z */
                from?: string;
                /** @description ISO 8601 with an offset, from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z */
                to?: string;
                minAmountMinor?: string;
                maxAmountMinor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TransferPage"];
                };
            };
            /** @description Invalid cursor, limit or filter (a date outside the accepted range among them) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postTransfers: {
        parameters: {
            query?: never;
            header: {
                /** @description Client-chosen key, 8 to 128 of [A-Za-z0-9._:-]; one per intended money movement (a UUID is ideal). */
                "idempotency-key": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Positive amount in minor units (cents), as a string of digits; at most 1000000000000000. Never a float.
                     * @example 2500
                     */
                    amountMinor: string | number;
                    /**
                     * @description ISO 4217 code the wallet supports
                     * @example EUR
                     * @enum {string}
                     */
                    currency: "EUR" | "USD" | "GBP" | "JPY";
                    /**
                     * @description Recipient's email or handle
                     * @example bob
                     */
                    recipient: string;
                    /**
                     * @description Plain text both sides see, at most 140 characters
                     * @example Dinner on Friday
                     */
                    note?: string;
                };
            };
        };
        responses: {
            /** @description Accepted: the workflow holds the funds (or has started); follow `status` with GET /v1/transfers/{id} */
            202: {
                headers: {
                    /** @description `true` when this is the stored first answer to the same Idempotency-Key and body */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Transfer"];
                };
            };
            /** @description Invalid body (`validation-failed`, with `errors`), malformed JSON or missing/invalid Idempotency-Key */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A request with this Idempotency-Key is still in flight (`idempotency-key-in-flight`) */
            409: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than the limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: `insufficient-funds`, `limit-exceeded`, `bank-account-not-linked`, `recipient-not-found`, `self-transfer`, `idempotency-key-reused` (also for a key that once named another movement), ... */
            422: {
                headers: {
                    /** @description `true` when this is the stored first answer to the same Idempotency-Key and body */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many money requests (`rate-limited`) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTransfersId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The transfer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Transfer"];
                };
            };
            /** @description The id is not a UUID (`validation-failed`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such transfer among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postDeposits: {
        parameters: {
            query?: never;
            header: {
                /** @description Client-chosen key, 8 to 128 of [A-Za-z0-9._:-]; one per intended money movement (a UUID is ideal). */
                "idempotency-key": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Positive amount in minor units (cents), as a string of digits; at most 1000000000000000. Never a float.
                     * @example 2500
                     */
                    amountMinor: string | number;
                    /**
                     * @description ISO 4217 code the wallet supports
                     * @example EUR
                     * @enum {string}
                     */
                    currency: "EUR" | "USD" | "GBP" | "JPY";
                    /**
                     * @description One of the caller's verified bank accounts (GET /v1/bank-accounts) to collect from; defaults to their first. Anyone else's is refused (422 `bank-account-not-linked`).
                     * @example DE89 3704 0044 0532 0130 00
                     */
                    bankAccountRef?: string;
                };
            };
        };
        responses: {
            /** @description Accepted: the workflow holds the funds (or has started); follow `status` with GET /v1/transfers/{id} */
            202: {
                headers: {
                    /** @description `true` when this is the stored first answer to the same Idempotency-Key and body */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Transfer"];
                };
            };
            /** @description Invalid body (`validation-failed`, with `errors`), malformed JSON or missing/invalid Idempotency-Key */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A request with this Idempotency-Key is still in flight (`idempotency-key-in-flight`) */
            409: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than the limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: `insufficient-funds`, `limit-exceeded`, `bank-account-not-linked`, `recipient-not-found`, `self-transfer`, `idempotency-key-reused` (also for a key that once named another movement), ... */
            422: {
                headers: {
                    /** @description `true` when this is the stored first answer to the same Idempotency-Key and body */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many money requests (`rate-limited`) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postWithdrawals: {
        parameters: {
            query?: never;
            header: {
                /** @description Client-chosen key, 8 to 128 of [A-Za-z0-9._:-]; one per intended money movement (a UUID is ideal). */
                "idempotency-key": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Positive amount in minor units (cents), as a string of digits; at most 1000000000000000. Never a float.
                     * @example 2500
                     */
                    amountMinor: string | number;
                    /**
                     * @description ISO 4217 code the wallet supports
                     * @example EUR
                     * @enum {string}
                     */
                    currency: "EUR" | "USD" | "GBP" | "JPY";
                    /**
                     * @description One of the caller's verified bank accounts (GET /v1/bank-accounts) to pay out to; defaults to their first. The first payout to an account, and any at or above the review threshold, waits for an admin's review (IN_REVIEW).
                     * @example DE89 3704 0044 0532 0130 00
                     */
                    bankAccountRef?: string;
                };
            };
        };
        responses: {
            /** @description Accepted: the workflow holds the funds (or has started); follow `status` with GET /v1/transfers/{id} */
            202: {
                headers: {
                    /** @description `true` when this is the stored first answer to the same Idempotency-Key and body */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Transfer"];
                };
            };
            /** @description Invalid body (`validation-failed`, with `errors`), malformed JSON or missing/invalid Idempotency-Key */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller has not verified their email yet (`email-not-verified`): money leaves for a bank only from verified accounts */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A request with this Idempotency-Key is still in flight (`idempotency-key-in-flight`) */
            409: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than the limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: `insufficient-funds`, `limit-exceeded`, `bank-account-not-linked`, `recipient-not-found`, `self-transfer`, `idempotency-key-reused` (also for a key that once named another movement), ... */
            422: {
                headers: {
                    /** @description `true` when this is the stored first answer to the same Idempotency-Key and body */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many money requests (`rate-limited`) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postWithdrawalsIdCancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Cancelled (status CANCELLED, the hold released), or, while the bank does not answer, the cancel is recorded (status stays SENT_TO_BANK, with a step saying so, `cancelRequested` true and `cancel` no longer in `allowedActions`): the withdrawal then ends CANCELLED once the bank confirms the void, or COMPLETED if the bank had already paid out. Answered within a few seconds either way. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Transfer"];
                };
            };
            /** @description The id is not a UUID (`validation-failed`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such withdrawal among the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too late: the bank accepted the payout, or the withdrawal already ended (`not-cancellable`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getBankAccounts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accounts, oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["BankAccount"][];
                    };
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postBankAccounts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LinkBankAccount"];
            };
        };
        responses: {
            /** @description Linked, PENDING_VERIFICATION: the micro-deposits are on their way */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BankAccount"];
                };
            };
            /** @description Invalid body, e.g. not an IBAN (`validation-failed`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Already one of your accounts, pending or verified (`bank-account-already-linked`), or you have too many (`bank-accounts-limit`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The bank says the name does not hold the account (`bank-account-holder-mismatch`), or it is closed (`bank-account-closed`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many holder-name checks by you, or of this account (`rate-limited`) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The bank did not answer (`bank-unavailable`); nothing was linked, try again */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getBankAccountsAccountRef: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The link's `accountRef` (an IBAN; spaces may be left out) */
                accountRef: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The newest link of this account */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BankAccount"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description You never linked this account (`not-found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postBankAccountsAccountRefConfirm: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The link's `accountRef` (an IBAN; spaces may be left out) */
                accountRef: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConfirmBankAccount"];
            };
        };
        responses: {
            /** @description VERIFIED: deposits collect from it and withdrawals pay to it */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BankAccount"];
                };
            };
            /** @description Invalid body, e.g. not two amounts (`validation-failed`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description You never linked this account (`not-found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The link is not waiting for a confirmation: verified already (`bank-account-already-verified`), or void (`bank-account-void`, with `voidReason`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not the amounts the account received (`bank-account-confirmation-failed`, with `confirmTriesLeft`; at 0 the link is void) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getLimits: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One entry per kind and currency */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Limit"][];
                        /**
                         * @description P2P transfers and withdrawals at or above this amount (minor units, any currency) wait for an admin review
                         * @example 2500
                         */
                        reviewThresholdMinor: string;
                    };
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPaymentRequests: {
        parameters: {
            query?: {
                /** @description Opaque cursor from the previous page */
                cursor?: string;
                limit?: number;
                direction?: "incoming" | "outgoing";
                status?: "OPEN" | "PAYING" | "PAID" | "DECLINED" | "CANCELLED" | "EXPIRED";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentRequestPage"];
                };
            };
            /** @description Invalid cursor, limit or filter */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postPaymentRequests: {
        parameters: {
            query?: never;
            header: {
                /** @description Client-chosen key, 8 to 128 of [A-Za-z0-9._:-]; one per intended money movement (a UUID is ideal). */
                "idempotency-key": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description The payer's email or handle
                     * @example bob
                     */
                    payer: string;
                    /**
                     * @description Positive amount in minor units (cents), as a string of digits; at most 1000000000000000. Never a float.
                     * @example 2500
                     */
                    amountMinor: string | number;
                    /**
                     * @description ISO 4217 code the wallet supports
                     * @example EUR
                     * @enum {string}
                     */
                    currency: "EUR" | "USD" | "GBP" | "JPY";
                    /**
                     * @description Plain text both sides see, at most 140 characters
                     * @example Dinner on Friday
                     */
                    note?: string;
                };
            };
        };
        responses: {
            /** @description The open request */
            201: {
                headers: {
                    /** @description `true` when this is the stored first answer to the same Idempotency-Key and body */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentRequest"];
                };
            };
            /** @description Invalid body (`validation-failed`) or Idempotency-Key */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A request with this Idempotency-Key is still in flight */
            409: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `recipient-not-found`, `self-transfer`, `too-many-open-requests`, `idempotency-key-reused` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many money requests (`rate-limited`) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPaymentRequestsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentRequest"];
                };
            };
            /** @description The id is not a UUID */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such request among the caller's (`not-found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postPaymentRequestsIdPay: {
        parameters: {
            query?: never;
            header: {
                /** @description Client-chosen key, 8 to 128 of [A-Za-z0-9._:-]; one per intended money movement (a UUID is ideal). */
                "idempotency-key": string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted: the workflow holds the funds (or has started); follow `status` with GET /v1/transfers/{id} */
            202: {
                headers: {
                    /** @description `true` when this is the stored first answer to the same Idempotency-Key and body */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Transfer"];
                };
            };
            /** @description Invalid body (`validation-failed`, with `errors`), malformed JSON or missing/invalid Idempotency-Key */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such request among the caller's (`not-found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request is no longer open: paid, being paid, declined, cancelled or expired (`payment-request-not-open`) */
            409: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than the limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Refused: `insufficient-funds`, `limit-exceeded`, `bank-account-not-linked`, `recipient-not-found`, `self-transfer`, `idempotency-key-reused` (also for a key that once named another movement), ... */
            422: {
                headers: {
                    /** @description `true` when this is the stored first answer to the same Idempotency-Key and body */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many money requests (`rate-limited`) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postPaymentRequestsIdDecline: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request, now DECLINED */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentRequest"];
                };
            };
            /** @description The id is not a UUID */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such request among the caller's (`not-found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request is no longer open: paid, being paid, declined, cancelled or expired (`payment-request-not-open`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postPaymentRequestsIdCancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request, now CANCELLED */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentRequest"];
                };
            };
            /** @description The id is not a UUID */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such request among the caller's (`not-found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request is no longer open: paid, being paid, declined, cancelled or expired (`payment-request-not-open`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSchedules: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every schedule not deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TransferScheduleList"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postSchedules: {
        parameters: {
            query?: never;
            header: {
                /** @description Client-chosen key, 8 to 128 of [A-Za-z0-9._:-]; one per intended money movement (a UUID is ideal). */
                "idempotency-key": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Recipient's email or handle
                     * @example bob
                     */
                    recipient: string;
                    /**
                     * @description Positive amount in minor units (cents), as a string of digits; at most 1000000000000000. Never a float.
                     * @example 2500
                     */
                    amountMinor: string | number;
                    /**
                     * @description ISO 4217 code the wallet supports
                     * @example EUR
                     * @enum {string}
                     */
                    currency: "EUR" | "USD" | "GBP" | "JPY";
                    /**
                     * @description Plain text both sides see, at most 140 characters
                     * @example Dinner on Friday
                     */
                    note?: string;
                    /**
                     * Format: date-time
                     * @example 2027-01-01T09:00:00Z
                     */
                    startAt: string;
                    /**
                     * @default monthly
                     * @enum {string}
                     */
                    repeat?: "once" | "daily" | "weekly" | "monthly";
                    /**
                     * @default UTC
                     * @example Europe/Berlin
                     */
                    timeZone?: string;
                };
            };
        };
        responses: {
            /** @description The schedule */
            201: {
                headers: {
                    /** @description `true` when this is the stored first answer to the same Idempotency-Key and body */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TransferSchedule"];
                };
            };
            /** @description Invalid body (`validation-failed`) or Idempotency-Key */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A request with this Idempotency-Key is still in flight */
            409: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `recipient-not-found`, `self-transfer`, `start-not-in-future`, `too-many-schedules`, `idempotency-key-reused` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many money requests (`rate-limited`) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSchedulesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The schedule */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TransferSchedule"];
                };
            };
            /** @description The id is not a UUID */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such schedule among the caller's (`not-found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteSchedulesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The id is not a UUID */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such schedule among the caller's (`not-found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    patchSchedulesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Positive amount in minor units (cents), as a string of digits; at most 1000000000000000. Never a float.
                     * @example 2500
                     */
                    amountMinor: string | number;
                };
            };
        };
        responses: {
            /** @description The schedule */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TransferSchedule"];
                };
            };
            /** @description Invalid amount or id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such schedule among the caller's (`not-found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postSchedulesIdPause: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The schedule */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TransferSchedule"];
                };
            };
            /** @description The id is not a UUID */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such schedule among the caller's (`not-found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A one-off schedule that has run (`schedule-finished`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postSchedulesIdResume: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The schedule */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TransferSchedule"];
                };
            };
            /** @description The id is not a UUID */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such schedule among the caller's (`not-found`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A one-off schedule that has run (`schedule-finished`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getContacts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Saved contacts by handle, and the latest counterparties of P2P transfers, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contacts"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postContacts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description A handle (with or without @) or an email
                     * @example bob
                     */
                    recipient: string;
                };
            };
        };
        responses: {
            /** @description Saved (saving twice is fine) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contact"];
                };
            };
            /** @description Invalid body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not known (`recipient-unknown`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `self-contact` or `too-many-contacts` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getContactsLookup: {
        parameters: {
            query: {
                /** @description A handle (with or without @) or an email */
                recipient: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The recipient */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Contact"];
                };
            };
            /** @description No recipient given */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not known (`recipient-unknown`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteContactsHandle: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                handle: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Not saved any more (or never was) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getStatements: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Statements */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["MonthlyStatement"][];
                    };
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getStatementsId: {
        parameters: {
            query?: {
                /** @description json, csv (a spreadsheet) or pdf */
                format?: "json" | "csv" | "pdf";
                /** @description JSON only: the `nextCursor` of the page before (CSV and PDF hold every line) */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The statement */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Statement"];
                    "text/csv": string;
                    "application/pdf": string;
                };
            };
            /** @description The id is not a UUID, or a malformed cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such statement of the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Endpoints (secrets are never shown again) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["WebhookEndpoint"][];
                    };
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @example https://example.com/kizo-webhooks */
                    url: string;
                    eventTypes: ("transfer.updated" | "transfer.received" | "payment_request.updated")[];
                };
            };
        };
        responses: {
            /** @description The endpoint with its secret */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointWithSecret"];
                };
            };
            /** @description Invalid body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `webhook-url-refused` (not https, or an internal address) or `too-many-webhooks` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteWebhooksId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such endpoint (or delivery) of the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postWebhooksIdRotateSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint with its new secret */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointWithSecret"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such endpoint (or delivery) of the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getWebhooksIdDeliveries: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The latest deliveries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["WebhookDelivery"][];
                    };
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such endpoint (or delivery) of the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postWebhooksIdDeliveriesDeliveryIdRedeliver: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The delivery, under way again */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such endpoint (or delivery) of the caller's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getEvents: {
        parameters: {
            query?: {
                /** @description Resume after this event id (as Last-Event-ID does) */
                after?: string;
            };
            header?: {
                "last-event-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stream */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description A malformed `after` or `Last-Event-ID` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many open streams for this user on this server (`too-many-streams`) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Live events are not available on this server */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAdminTransfers: {
        parameters: {
            query?: {
                /** @description Opaque cursor from the previous page */
                cursor?: string;
                limit?: number;
                status?: "PENDING" | "HELD" | "IN_REVIEW" | "SENT_TO_BANK" | "COMPLETED" | "FAILED" | "CANCELLED" | "COMPENSATED";
                kind?: "P2P" | "DEPOSIT" | "WITHDRAWAL";
                /** @description Initiating user's handle, email or id */
                user?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["AdminTransfer"][];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Invalid filter or cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller is not an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postAdminTransfersIdApprove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Decision delivered; the transfer as it stands now */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Transfer"];
                };
            };
            /** @description Invalid body, or the id is not a UUID (`validation-failed`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller is not an admin, or started or receives the transfer (`own-transfer`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such transfer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The transfer is not waiting for review (`not-in-review`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postAdminTransfersIdReject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Decision delivered; the transfer as it stands now */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Transfer"];
                };
            };
            /** @description Invalid body, or the id is not a UUID (`validation-failed`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller is not an admin, or started or receives the transfer (`own-transfer`) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such transfer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The transfer is not waiting for review (`not-in-review`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAdminLedgerAudit: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The audit report (`ok: false` names the broken checks) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LedgerAuditReport"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller is not an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAdminReconciliation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report (`ok: false` lists mismatches) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReconciliationReport"];
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller is not an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAdminReconciliationRuns: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The runs */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["ReconciliationRun"][];
                    };
                };
            };
            /** @description Missing, malformed, forged or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller is not an admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOpenapiJson: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The document */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getDocs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The docs page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
        };
    };
    getDocsRedocStandaloneJs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JavaScript */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/javascript": string;
                };
            };
        };
    };
}

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
    "/v1/transfers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Transfers the caller sent or received, newest first */
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
        /** The caller's bank accounts */
        get: operations["getBankAccounts"];
        put?: never;
        /** Link a bank account (the bank checks the holder) */
        post: operations["postBankAccounts"];
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
            /** @enum {string} */
            role: "user" | "admin";
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
            /** Format: date-time */
            createdAt: string;
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
            /** @description What the caller may do now, from the kind's status machine: `cancel` (POST /v1/withdrawals/{id}/cancel), `approve` and `reject` (admins who are not a party) */
            allowedActions: ("cancel" | "approve" | "reject")[];
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
            verified: boolean;
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
    getTransfers: {
        parameters: {
            query?: {
                /** @description Opaque cursor from the previous page */
                cursor?: string;
                limit?: number;
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
            /** @description Invalid cursor or limit */
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
            /** @description Cancelled (status CANCELLED, the hold released), or, while the bank does not answer, the cancel is recorded (status stays SENT_TO_BANK, with a step saying so): the withdrawal then ends CANCELLED once the bank confirms the void, or COMPLETED if the bank had already paid out. Answered within a few seconds either way. */
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
            /** @description Linked and verified */
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
            /** @description Already one of your accounts (`bank-account-already-linked`), or you have too many (`bank-accounts-limit`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The bank says the name does not hold the account (`bank-account-holder-mismatch`), it is closed (`bank-account-closed`), or it cannot be linked to this wallet (`bank-account-unavailable`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The bank did not answer (`bank-unavailable`); try again (Retry-After) */
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
}

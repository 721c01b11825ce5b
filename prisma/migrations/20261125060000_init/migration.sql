-- Kizo's first schema: users and auth, the double-entry ledger, transfers.
-- Written by hand in the shape `prisma migrate diff` produces, plus the ledger's invariants as
-- constraints, which Prisma's schema language cannot express.

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN');
CREATE TYPE "AccountKind" AS ENUM ('WALLET', 'HOLDS', 'BANK_SETTLEMENT');
CREATE TYPE "HoldStatus" AS ENUM ('OPEN', 'SETTLED', 'RELEASED');
CREATE TYPE "TransferKind" AS ENUM ('P2P', 'DEPOSIT', 'WITHDRAWAL');
CREATE TYPE "TransferStatus" AS ENUM ('PENDING', 'HELD', 'IN_REVIEW', 'SENT_TO_BANK', 'COMPLETED', 'FAILED', 'CANCELLED', 'COMPENSATED');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'USER',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "refresh_tokens" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "family_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "used_at" TIMESTAMPTZ(6),
    "revoked_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "refresh_tokens_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "idempotency_keys" (
    "user_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "response_status" INTEGER,
    "response_body" JSONB,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(6),
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("user_id","key")
);

CREATE TABLE "accounts" (
    "id" BIGSERIAL NOT NULL,
    "kind" "AccountKind" NOT NULL,
    "user_id" UUID,
    "currency" CHAR(3) NOT NULL,
    "balance_minor" BIGINT NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id"),
    -- A wallet can never be overdrawn, whatever races; system accounts may go negative
    -- (the bank's settlement side is the mirror of the money users hold).
    CONSTRAINT "accounts_wallet_not_negative" CHECK ("kind" <> 'WALLET' OR "balance_minor" >= 0),
    CONSTRAINT "accounts_holds_not_negative" CHECK ("kind" <> 'HOLDS' OR "balance_minor" >= 0),
    CONSTRAINT "accounts_owner_matches_kind" CHECK (("kind" = 'WALLET') = ("user_id" IS NOT NULL)),
    CONSTRAINT "accounts_currency_format" CHECK ("currency" ~ '^[A-Z]{3}$')
);

CREATE TABLE "postings" (
    "id" BIGSERIAL NOT NULL,
    "business_key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "transfer_id" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "postings_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "entries" (
    "id" BIGSERIAL NOT NULL,
    "posting_id" BIGINT NOT NULL,
    "account_id" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "balance_after_minor" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "entries_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "entries_amount_not_zero" CHECK ("amount_minor" <> 0)
);

CREATE TABLE "holds" (
    "id" BIGSERIAL NOT NULL,
    "transfer_id" UUID NOT NULL,
    "wallet_account_id" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "status" "HoldStatus" NOT NULL DEFAULT 'OPEN',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(6),
    CONSTRAINT "holds_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "holds_amount_positive" CHECK ("amount_minor" > 0),
    CONSTRAINT "holds_resolved_when_closed" CHECK (("status" = 'OPEN') = ("resolved_at" IS NULL))
);

CREATE TABLE "transfers" (
    "id" UUID NOT NULL,
    "kind" "TransferKind" NOT NULL,
    "user_id" UUID NOT NULL,
    "recipient_user_id" UUID,
    "currency" CHAR(3) NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "status" "TransferStatus" NOT NULL DEFAULT 'PENDING',
    "failure_reason" TEXT,
    "workflow_id" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "transfers_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "transfers_amount_positive" CHECK ("amount_minor" > 0)
);

CREATE TABLE "transfer_events" (
    "id" BIGSERIAL NOT NULL,
    "transfer_id" UUID NOT NULL,
    "status" "TransferStatus" NOT NULL,
    "detail" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "transfer_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");
CREATE UNIQUE INDEX "users_handle_key" ON "users"("handle");
CREATE UNIQUE INDEX "refresh_tokens_token_hash_key" ON "refresh_tokens"("token_hash");
CREATE INDEX "refresh_tokens_family_id_idx" ON "refresh_tokens"("family_id");
CREATE INDEX "idempotency_keys_expires_at_idx" ON "idempotency_keys"("expires_at");
CREATE UNIQUE INDEX "postings_business_key_key" ON "postings"("business_key");
CREATE INDEX "postings_transfer_id_idx" ON "postings"("transfer_id");
CREATE INDEX "entries_account_id_id_idx" ON "entries"("account_id", "id");
CREATE INDEX "entries_posting_id_idx" ON "entries"("posting_id");
CREATE UNIQUE INDEX "holds_transfer_id_key" ON "holds"("transfer_id");
CREATE INDEX "holds_status_idx" ON "holds"("status");
CREATE UNIQUE INDEX "transfers_workflow_id_key" ON "transfers"("workflow_id");
CREATE INDEX "transfers_user_id_created_at_idx" ON "transfers"("user_id", "created_at");
CREATE INDEX "transfers_status_idx" ON "transfers"("status");
CREATE UNIQUE INDEX "transfers_user_id_idempotency_key_key" ON "transfers"("user_id", "idempotency_key");
CREATE UNIQUE INDEX "transfer_events_transfer_id_status_key" ON "transfer_events"("transfer_id", "status");

-- One wallet per user per currency; one system account per kind per currency.
-- Partial indexes are invisible to schema.prisma; the drift test knows them by name.
CREATE UNIQUE INDEX "accounts_wallet_per_user_currency" ON "accounts"("user_id", "currency") WHERE "kind" = 'WALLET';
CREATE UNIQUE INDEX "accounts_system_per_kind_currency" ON "accounts"("kind", "currency") WHERE "user_id" IS NULL;

-- AddForeignKey
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "entries" ADD CONSTRAINT "entries_posting_id_fkey" FOREIGN KEY ("posting_id") REFERENCES "postings"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "entries" ADD CONSTRAINT "entries_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "holds" ADD CONSTRAINT "holds_wallet_account_id_fkey" FOREIGN KEY ("wallet_account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "transfer_events" ADD CONSTRAINT "transfer_events_transfer_id_fkey" FOREIGN KEY ("transfer_id") REFERENCES "transfers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Every posting's entries sum to zero per currency, checked when its database transaction commits.
CREATE FUNCTION "ledger_check_posting_balanced"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    unbalanced RECORD;
BEGIN
    SELECT currency, SUM(amount_minor) AS total INTO unbalanced
      FROM entries WHERE posting_id = NEW.posting_id
     GROUP BY currency HAVING SUM(amount_minor) <> 0 LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'posting % is unbalanced in %: entries sum to %', NEW.posting_id, unbalanced.currency, unbalanced.total
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER "entries_posting_balanced"
    AFTER INSERT ON "entries" DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION "ledger_check_posting_balanced"();

-- History is append-only: entries and postings are never changed or removed.
CREATE FUNCTION "ledger_refuse_rewrite"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger history is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER "entries_append_only" BEFORE UPDATE OR DELETE ON "entries"
    FOR EACH ROW EXECUTE FUNCTION "ledger_refuse_rewrite"();
CREATE TRIGGER "postings_append_only" BEFORE UPDATE OR DELETE ON "postings"
    FOR EACH ROW EXECUTE FUNCTION "ledger_refuse_rewrite"();

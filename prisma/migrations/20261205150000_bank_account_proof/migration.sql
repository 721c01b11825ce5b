-- Proof of control for bank accounts. Linking an IBAN no longer verifies it: the bank sends two
-- small random micro-deposits from Kizo's own account to it, and the link becomes VERIFIED only
-- when its user types the amounts back (three tries, then it is VOID). Whoever proves an IBAN
-- owns it: every other link of it, proven or not, is voided. Demo accounts and the links made
-- before this migration (each passed the bank's holder check) stay VERIFIED; a link made by a
-- squatter can now be claimed by the IBAN's proven owner.
CREATE TYPE "BankAccountStatus" AS ENUM ('PENDING_VERIFICATION', 'VERIFIED', 'VOID');

ALTER TABLE "bank_accounts"
  ADD COLUMN "status" "BankAccountStatus" NOT NULL DEFAULT 'VERIFIED',
  ADD COLUMN "voided_at" TIMESTAMPTZ(6),
  ADD COLUMN "void_reason" TEXT CHECK ("void_reason" IN ('CONFIRM_TRIES_EXHAUSTED', 'CLAIMED_BY_PROVEN_OWNER')),
  ADD CONSTRAINT "bank_accounts_status_check" CHECK (
    ("status" = 'VOID') = ("voided_at" IS NOT NULL)
    AND ("status" = 'VOID') = ("void_reason" IS NOT NULL)
    AND ("status" <> 'VERIFIED' OR "verified_at" IS NOT NULL)
    AND ("status" <> 'PENDING_VERIFICATION' OR "verified_at" IS NULL)
  );
ALTER TABLE "bank_accounts" ALTER COLUMN "status" SET DEFAULT 'PENDING_VERIFICATION';

-- One owner per proven account (a voided link keeps its verified_at as history).
DROP INDEX "bank_accounts_verified_ref_key";
CREATE UNIQUE INDEX "bank_accounts_verified_ref_key" ON "bank_accounts" ("ref") WHERE "status" = 'VERIFIED';
-- A user has one live link per account; a voided one stays as history and may be linked anew.
DROP INDEX "bank_accounts_user_id_ref_key";
CREATE UNIQUE INDEX "bank_accounts_user_id_ref_live_key" ON "bank_accounts" ("user_id", "ref") WHERE "status" <> 'VOID';
CREATE INDEX "bank_accounts_user_id_ref_idx" ON "bank_accounts" ("user_id", "ref");
CREATE INDEX "bank_accounts_ref_idx" ON "bank_accounts" ("ref");

-- The secret of a pending link, apart from the rows the API shows: an HMAC of its micro-deposit
-- amounts (keyed by a secret of the API's, so the table alone does not give them away) and the
-- tries left. Deleted when the link is proven or voided.
CREATE TABLE "bank_account_proofs" (
  "bank_account_id" UUID PRIMARY KEY REFERENCES "bank_accounts" ("id") ON DELETE CASCADE,
  "amounts_hash"    TEXT NOT NULL CHECK ("amounts_hash" ~ '^[0-9a-f]{64}$'),
  "tries_left"      INTEGER NOT NULL CHECK ("tries_left" BETWEEN 0 AND 3),
  "sent_at"         TIMESTAMPTZ(6) NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT, UPDATE, DELETE ON "bank_account_proofs" TO kizo_runtime;

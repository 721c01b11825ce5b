-- A user's accounts at the bank: deposits collect only from, and withdrawals pay out only to,
-- an account its user linked and the bank verified. `ref` is the account's reference at the
-- bank in one canonical spelling (an IBAN in its electronic form, without spaces).
CREATE TABLE "bank_accounts" (
  "id"          UUID PRIMARY KEY,
  "user_id"     UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
  "ref"         TEXT NOT NULL CHECK ("ref" ~ '^[A-Za-z0-9._:-]{3,64}$'),
  "holder_name" TEXT NOT NULL CHECK (length("holder_name") BETWEEN 1 AND 140),
  "label"       TEXT CHECK (length("label") BETWEEN 1 AND 60),
  "verified_at" TIMESTAMPTZ(6),
  "created_at"  TIMESTAMPTZ(6) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX "bank_accounts_user_id_ref_key" ON "bank_accounts" ("user_id", "ref");
-- One owner per verified account: nobody can link, and so collect from, an account another user holds.
CREATE UNIQUE INDEX "bank_accounts_verified_ref_key" ON "bank_accounts" ("ref") WHERE "verified_at" IS NOT NULL;

-- Every user so far had one demo account at the mock bank, named after their id.
INSERT INTO "bank_accounts" ("id", "user_id", "ref", "holder_name", "label", "verified_at")
SELECT gen_random_uuid(), "id", 'kizo-linked-' || "id", "handle", 'Demo account at the Kizo bank', now() FROM "users";

-- What an authenticated request asked for, written by the API before it starts a workflow and
-- checked by the worker before it moves any money: a workflow started with forged input (no
-- such row, or one that says otherwise) moves nothing. One per transfer, and one per user and
-- Idempotency-Key, so a key can never name two different movements, even after it expired.
CREATE TABLE "transfer_intents" (
  "transfer_id"     UUID PRIMARY KEY,
  "user_id"         UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
  "idempotency_key" TEXT NOT NULL,
  "intent_hash"     TEXT NOT NULL CHECK ("intent_hash" ~ '^[0-9a-f]{64}$'),
  "created_at"      TIMESTAMPTZ(6) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX "transfer_intents_user_id_idempotency_key_key" ON "transfer_intents" ("user_id", "idempotency_key");

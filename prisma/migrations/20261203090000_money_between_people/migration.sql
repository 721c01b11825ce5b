-- Money between people: notes on transfers, display names, contacts, payment requests and
-- scheduled transfers. A payment request and a schedule run are paid by ordinary P2P transfers,
-- which say so (`payment_request_id`, `schedule_id`).
ALTER TABLE "users" ADD COLUMN "display_name" TEXT
  CHECK ("display_name" IS NULL OR char_length("display_name") BETWEEN 1 AND 60);

ALTER TABLE "transfers"
  ADD COLUMN "note" TEXT CHECK ("note" IS NULL OR char_length("note") BETWEEN 1 AND 140),
  ADD COLUMN "payment_request_id" UUID,
  ADD COLUMN "schedule_id" UUID;
-- A request is paid by one completed transfer at most.
CREATE UNIQUE INDEX "transfers_paid_request_key" ON "transfers" ("payment_request_id") WHERE "status" = 'COMPLETED';

-- Saved recipients (recent ones are read from transfers).
CREATE TABLE "contacts" (
  "user_id"         UUID NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
  "contact_user_id" UUID NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
  "created_at"      TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  PRIMARY KEY ("user_id", "contact_user_id"),
  CHECK ("user_id" <> "contact_user_id")
);

CREATE TYPE "PaymentRequestStatus" AS ENUM ('OPEN', 'PAYING', 'PAID', 'DECLINED', 'CANCELLED', 'EXPIRED');

CREATE TABLE "payment_requests" (
  "id"              UUID PRIMARY KEY,
  "requester_id"    UUID NOT NULL REFERENCES "users"("id"),
  "payer_id"        UUID NOT NULL REFERENCES "users"("id"),
  "currency"        CHAR(3) NOT NULL,
  "amount_minor"    BIGINT NOT NULL CHECK ("amount_minor" > 0),
  "note"            TEXT CHECK ("note" IS NULL OR char_length("note") BETWEEN 1 AND 140),
  "status"          "PaymentRequestStatus" NOT NULL DEFAULT 'OPEN',
  -- The transfer paying it (while PAYING) or that paid it (PAID).
  "transfer_id"     UUID,
  "workflow_id"     TEXT NOT NULL UNIQUE,
  "idempotency_key" TEXT NOT NULL,
  "expires_at"      TIMESTAMPTZ(6) NOT NULL,
  "created_at"      TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  "updated_at"      TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  UNIQUE ("requester_id", "idempotency_key"),
  CHECK ("requester_id" <> "payer_id")
);
CREATE INDEX "payment_requests_payer_idx" ON "payment_requests" ("payer_id", "created_at");
CREATE INDEX "payment_requests_requester_idx" ON "payment_requests" ("requester_id", "created_at");

-- FINISHED: a one-off schedule after its run.
CREATE TYPE "TransferScheduleStatus" AS ENUM ('ACTIVE', 'PAUSED', 'FINISHED', 'DELETED');

CREATE TABLE "transfer_schedules" (
  "id"                   UUID PRIMARY KEY,
  "owner_id"             UUID NOT NULL REFERENCES "users"("id"),
  "recipient_user_id"    UUID NOT NULL REFERENCES "users"("id"),
  "currency"             CHAR(3) NOT NULL,
  "amount_minor"         BIGINT NOT NULL CHECK ("amount_minor" > 0),
  "note"                 TEXT CHECK ("note" IS NULL OR char_length("note") BETWEEN 1 AND 140),
  -- 'once', 'daily', 'weekly' or 'monthly', from `start_at` in `time_zone`.
  "repeat"               TEXT NOT NULL CHECK ("repeat" IN ('once', 'daily', 'weekly', 'monthly')),
  "start_at"             TIMESTAMPTZ(6) NOT NULL,
  "time_zone"            TEXT NOT NULL,
  "status"               "TransferScheduleStatus" NOT NULL DEFAULT 'ACTIVE',
  -- Why it was paused, when the worker paused it after refusals in a row.
  "paused_reason"        TEXT,
  "consecutive_refusals" INTEGER NOT NULL DEFAULT 0,
  "idempotency_key"      TEXT NOT NULL,
  "created_at"           TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  "updated_at"           TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  UNIQUE ("owner_id", "idempotency_key"),
  CHECK ("owner_id" <> "recipient_user_id")
);
CREATE INDEX "transfer_schedules_owner_idx" ON "transfer_schedules" ("owner_id", "created_at");

-- One row per run of a schedule (per scheduled time), with the transfer it made.
CREATE TABLE "transfer_schedule_runs" (
  "schedule_id"    UUID NOT NULL REFERENCES "transfer_schedules"("id"),
  "run_key"        TEXT NOT NULL,
  "transfer_id"    UUID,
  -- PENDING, COMPLETED, REFUSED (e.g. insufficient funds), FAILED or SKIPPED (paused or deleted).
  "outcome"        TEXT NOT NULL CHECK ("outcome" IN ('PENDING', 'COMPLETED', 'REFUSED', 'FAILED', 'SKIPPED')),
  "failure_reason" TEXT,
  "created_at"     TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  "updated_at"     TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  PRIMARY KEY ("schedule_id", "run_key")
);

GRANT SELECT, INSERT, UPDATE, DELETE ON
  "contacts", "payment_requests", "transfer_schedules", "transfer_schedule_runs"
  TO kizo_runtime;

-- While the bank does not answer a deposit or withdrawal, the transfer says so: since when, and
-- until when the workflow keeps trying (its deadline). Cleared when the bank answers.
ALTER TABLE "transfers"
  ADD COLUMN "bank_unavailable_since" TIMESTAMPTZ(6),
  ADD COLUMN "bank_retry_until" TIMESTAMPTZ(6);

-- Monthly statements the schedule made: one per wallet and month with entries, its totals as
-- the ledger had them. The file (CSV, PDF) is made from the ledger again when asked for; the
-- ledger never changes, so it always matches.
CREATE TABLE "statements" (
  "id"            UUID PRIMARY KEY,
  "user_id"       UUID NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
  "currency"      CHAR(3) NOT NULL,
  "period_start"  TIMESTAMPTZ(6) NOT NULL,
  "period_end"    TIMESTAMPTZ(6) NOT NULL,
  "opening_minor" BIGINT NOT NULL,
  "closing_minor" BIGINT NOT NULL,
  "in_minor"      BIGINT NOT NULL,
  "out_minor"     BIGINT NOT NULL,
  "line_count"    INTEGER NOT NULL,
  "created_at"    TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  UNIQUE ("user_id", "currency", "period_start"),
  CHECK ("opening_minor" + "in_minor" - "out_minor" = "closing_minor")
);
GRANT SELECT, INSERT, UPDATE, DELETE ON "statements" TO kizo_runtime;

-- A wallet whose monthly statement could not be made is recorded here and the run goes on, so
-- one wallet never holds back everyone's statements (the Schedule buffers one run: a run that
-- never ends queues every later month behind it). A later run of the month makes the statement
-- and removes its skip.
CREATE TABLE "statement_skips" (
  "user_id"      UUID NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
  "currency"     CHAR(3) NOT NULL,
  "period_start" TIMESTAMPTZ(6) NOT NULL,
  "period_end"   TIMESTAMPTZ(6) NOT NULL,
  "reason"       TEXT NOT NULL,
  "skipped_at"   TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  PRIMARY KEY ("user_id", "currency", "period_start")
);
GRANT SELECT, INSERT, UPDATE, DELETE ON "statement_skips" TO kizo_runtime;

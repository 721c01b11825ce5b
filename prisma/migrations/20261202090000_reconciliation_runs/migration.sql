-- Each reconciliation run's result, kept as history: the scheduled Temporal workflow writes one
-- row per run, the API reads the latest for its metric and the admin view. Append-only by use.
CREATE TABLE "reconciliation_runs" (
  "id"             BIGSERIAL PRIMARY KEY,
  "workflow_id"    TEXT NOT NULL,
  "checked_at"     TIMESTAMPTZ(6) NOT NULL,
  "ok"             BOOLEAN NOT NULL,
  "mismatch_count" INTEGER NOT NULL CHECK ("mismatch_count" >= 0),
  "counts"         JSONB NOT NULL,
  "mismatches"     JSONB NOT NULL,
  "created_at"     TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  CHECK ("ok" = ("mismatch_count" = 0))
);
-- One row per workflow run: a retried activity records nothing twice.
CREATE UNIQUE INDEX "reconciliation_runs_workflow_id_key" ON "reconciliation_runs" ("workflow_id");

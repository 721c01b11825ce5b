-- The outbox of what happened to each user's money, written in the same statement that records
-- it (a transfer's status, a payment request's), so nothing is announced that did not happen and
-- nothing that happened is missed. Live streams and webhooks read it in id order; every insert
-- notifies `kizo_user_events` (delivered at commit) with "<user id>:<event id>".
CREATE TABLE "user_events" (
  "id"         BIGSERIAL PRIMARY KEY,
  "user_id"    UUID NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
  -- transfer.updated, transfer.received, payment_request.updated
  "type"       TEXT NOT NULL,
  "subject_id" UUID NOT NULL,
  "payload"    JSONB NOT NULL,
  "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now()
);
CREATE INDEX "user_events_user_idx" ON "user_events" ("user_id", "id");

CREATE FUNCTION "notify_user_event"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('kizo_user_events', NEW.user_id::text || ':' || NEW.id::text);
  RETURN NULL;
END $$;
CREATE TRIGGER "user_events_notify" AFTER INSERT ON "user_events" FOR EACH ROW EXECUTE FUNCTION "notify_user_event"();

-- Webhook endpoints of users (signed deliveries of their events) and the delivery log.
CREATE TABLE "webhook_endpoints" (
  "id"                  UUID PRIMARY KEY,
  "user_id"             UUID NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
  "url"                 TEXT NOT NULL,
  "event_types"         TEXT[] NOT NULL,
  "secret"              TEXT NOT NULL,
  -- The secret before the last rotation, still signed with until it expires.
  "previous_secret"     TEXT,
  "previous_expires_at" TIMESTAMPTZ(6),
  -- The last user event this endpoint has been given deliveries for.
  "cursor"              BIGINT NOT NULL DEFAULT 0,
  "disabled_at"         TIMESTAMPTZ(6),
  "created_at"          TIMESTAMPTZ(6) NOT NULL DEFAULT now()
);
CREATE INDEX "webhook_endpoints_user_idx" ON "webhook_endpoints" ("user_id");

CREATE TABLE "webhook_deliveries" (
  "id"                  UUID PRIMARY KEY,
  "endpoint_id"         UUID NOT NULL REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE,
  "event_id"            BIGINT NOT NULL REFERENCES "user_events"("id") ON DELETE CASCADE,
  -- PENDING (being delivered, retrying), DELIVERED, FAILED (gave up; may be redelivered)
  "status"              TEXT NOT NULL DEFAULT 'PENDING' CHECK ("status" IN ('PENDING', 'DELIVERED', 'FAILED')),
  "attempts"            INTEGER NOT NULL DEFAULT 0,
  "last_status_code"    INTEGER,
  "last_error"          TEXT,
  "workflow_started_at" TIMESTAMPTZ(6),
  "delivered_at"        TIMESTAMPTZ(6),
  "created_at"          TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  "updated_at"          TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  UNIQUE ("endpoint_id", "event_id")
);
CREATE INDEX "webhook_deliveries_unstarted_idx" ON "webhook_deliveries" ("created_at") WHERE "workflow_started_at" IS NULL;

GRANT SELECT, INSERT, UPDATE, DELETE ON "user_events", "webhook_endpoints", "webhook_deliveries" TO kizo_runtime;
GRANT USAGE, SELECT ON SEQUENCE "user_events_id_seq" TO kizo_runtime;

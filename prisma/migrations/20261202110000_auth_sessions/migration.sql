-- One row per session (a refresh-token family). Every rotation locks it, so reuse detection and
-- rotation are one transaction; access tokens name it (`sid`) and stop working once it is revoked.
CREATE TABLE "auth_sessions" (
  "id"             UUID PRIMARY KEY,
  "user_id"        UUID NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
  "created_at"     TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  "expires_at"     TIMESTAMPTZ(6) NOT NULL,
  "revoked_at"     TIMESTAMPTZ(6),
  "revoked_reason" TEXT CHECK ("revoked_reason" IN ('logout', 'logout-everywhere', 'reuse', 'password-change'))
);
CREATE INDEX "auth_sessions_user_id_idx" ON "auth_sessions" ("user_id");
CREATE INDEX "auth_sessions_expires_at_idx" ON "auth_sessions" ("expires_at");

-- The families refresh tokens already have become sessions (revoked when all their tokens are).
INSERT INTO "auth_sessions" ("id", "user_id", "created_at", "expires_at", "revoked_at", "revoked_reason")
SELECT "family_id", min("user_id"::text)::uuid, min("created_at"), max("expires_at"),
       CASE WHEN bool_and("revoked_at" IS NOT NULL) THEN max("revoked_at") END,
       CASE WHEN bool_and("revoked_at" IS NOT NULL) THEN 'logout' END
  FROM "refresh_tokens" GROUP BY "family_id";

ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_family_id_fkey"
  FOREIGN KEY ("family_id") REFERENCES "auth_sessions" ("id") ON DELETE CASCADE;
CREATE INDEX "refresh_tokens_expires_at_idx" ON "refresh_tokens" ("expires_at");

-- Verified email, password reset and the session list (issue 27).
-- An email counts only once its owner followed a link sent to it: until then nobody can name the
-- user by it and KIZO_ADMIN_EMAILS grants it nothing. Accounts from before this migration have
-- never proven theirs, so they start unverified (a resend or a password reset verifies them).
ALTER TABLE "users"
  ADD COLUMN "email_verified_at" TIMESTAMPTZ(6),
  -- BCP 47 tag the mails format amounts and dates with (from Accept-Language at sign-up).
  ADD COLUMN "locale" TEXT NOT NULL DEFAULT 'en';

CREATE TYPE "EmailTokenPurpose" AS ENUM ('VERIFY_EMAIL', 'RESET_PASSWORD');

-- Single-use links mailed to a user: only the sha-256 of the token is stored. `email` is the
-- address the link was sent to (for a change of email, the new one).
CREATE TABLE "email_tokens" (
  "id" UUID NOT NULL,
  "user_id" UUID NOT NULL,
  "purpose" "EmailTokenPurpose" NOT NULL,
  "email" TEXT NOT NULL,
  "token_hash" TEXT NOT NULL,
  "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  "expires_at" TIMESTAMPTZ(6) NOT NULL,
  "used_at" TIMESTAMPTZ(6),
  CONSTRAINT "email_tokens_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "email_tokens_expiry" CHECK ("expires_at" > "created_at")
);
CREATE UNIQUE INDEX "email_tokens_token_hash_key" ON "email_tokens"("token_hash");
CREATE INDEX "email_tokens_user_id_idx" ON "email_tokens"("user_id");
ALTER TABLE "email_tokens" ADD CONSTRAINT "email_tokens_user_id_fkey"
  FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
GRANT SELECT, INSERT, UPDATE, DELETE ON "email_tokens" TO kizo_runtime;

-- What GET /v1/me/sessions shows: the device (user agent), the address and the last use.
ALTER TABLE "auth_sessions"
  ADD COLUMN "user_agent" TEXT,
  ADD COLUMN "ip_address" TEXT,
  ADD COLUMN "last_used_at" TIMESTAMPTZ(6);

-- Two more reasons a session ends: a password reset by email, and its owner ending it from the list.
ALTER TABLE "auth_sessions" DROP CONSTRAINT "auth_sessions_revoked_reason_check";
ALTER TABLE "auth_sessions" ADD CONSTRAINT "auth_sessions_revoked_reason_check" CHECK ("revoked_reason" IN
  ('logout', 'logout-everywhere', 'reuse', 'password-change', 'password-reset', 'revoked-by-user'));

-- Every end of a session (logout, "log out everywhere", a password change or reset, refresh-token
-- reuse, a revocation from GET /v1/me/sessions, or the user's deletion) notifies
-- `kizo_session_ended` with "<user id>:<session id>", delivered at commit to every API process:
-- each one closes that session's live streams at once. The trigger sits on the table rather than
-- in the code that revokes, so no path (today's or one added later) can end a session and leave
-- its streams open; a notification missed while a listener reconnects is caught by the streams'
-- own periodic session check.
CREATE FUNCTION "notify_session_ended"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('kizo_session_ended', OLD.user_id::text || ':' || OLD.id::text);
  RETURN NULL;
END $$;
CREATE TRIGGER "auth_sessions_revoked_notify" AFTER UPDATE OF "revoked_at" ON "auth_sessions"
  FOR EACH ROW WHEN (OLD."revoked_at" IS NULL AND NEW."revoked_at" IS NOT NULL)
  EXECUTE FUNCTION "notify_session_ended"();
CREATE TRIGGER "auth_sessions_deleted_notify" AFTER DELETE ON "auth_sessions"
  FOR EACH ROW WHEN (OLD."revoked_at" IS NULL)
  EXECUTE FUNCTION "notify_session_ended"();

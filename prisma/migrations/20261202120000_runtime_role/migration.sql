-- The least-privilege role the API and the workers run as (through a login role that is a
-- member of it; see deploy/postgres-init.sql). The migration role owns the schema, the ledger's
-- tables and its append-only triggers; the runtime role may read the ledger and change it only
-- through the ledger functions, which run with their owner's rights (SECURITY DEFINER, with a
-- fixed search_path), and may read and write the application's own tables. It cannot disable a
-- trigger, update or delete a posting, or write a balance. A later migration that adds a table
-- grants the runtime role what it needs on it.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kizo_runtime') THEN
    CREATE ROLE kizo_runtime NOLOGIN;
  END IF;
END $$;

DO $$
DECLARE
  fn regprocedure;
BEGIN
  FOR fn IN
    SELECT p.oid::regprocedure FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = 'public' AND p.proname LIKE 'ledger\_%' AND p.prorettype <> 'trigger'::regtype
  LOOP
    EXECUTE format('ALTER FUNCTION %s SECURITY DEFINER SET search_path = public, pg_temp', fn);
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', fn);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO kizo_runtime', fn);
  END LOOP;
END $$;

GRANT USAGE ON SCHEMA public TO kizo_runtime;
-- The ledger: read only.
REVOKE ALL ON "accounts", "postings", "holds", "entries" FROM PUBLIC;
GRANT SELECT ON "accounts", "postings", "holds", "entries" TO kizo_runtime;
-- The application's own records.
GRANT SELECT, INSERT, UPDATE, DELETE ON
  "users", "refresh_tokens", "auth_sessions", "idempotency_keys", "transfers", "transfer_events",
  "reconciliation_runs", "bank_accounts", "transfer_intents"
  TO kizo_runtime;
GRANT SELECT ON "_prisma_migrations" TO kizo_runtime;
GRANT USAGE, SELECT ON SEQUENCE "transfer_events_id_seq", "reconciliation_runs_id_seq" TO kizo_runtime;

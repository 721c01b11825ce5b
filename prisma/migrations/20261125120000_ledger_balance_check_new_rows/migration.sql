-- The balance trigger checks only the rows each INSERT adds, not the whole posting again.
-- Sound by induction: a posting starts with no entries (sum zero), and every statement that
-- adds entries to it must add at least two that sum to zero per currency, so every posting
-- stays balanced after every statement. It no longer reads back the entries table on every
-- posting (an index scan per INSERT on the hot path).
CREATE OR REPLACE FUNCTION ledger_check_postings_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v_bad RECORD;
BEGIN
    SELECT n.posting_id, n.currency, sum(n.amount_minor) AS total, count(*) AS entries INTO v_bad
      FROM new_entries n
     GROUP BY n.posting_id, n.currency
    HAVING sum(n.amount_minor) <> 0 OR count(*) < 2
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'posting % is unbalanced in %: % new entries sum to %', v_bad.posting_id, v_bad.currency, v_bad.entries, v_bad.total
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;

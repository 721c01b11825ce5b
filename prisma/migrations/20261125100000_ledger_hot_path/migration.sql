-- The ledger's hot path, made fast under concurrency without giving up any invariant.
--
-- 1. Sharded system accounts. Every hold and every settlement used to lock the single HOLDS
--    (or BANK_SETTLEMENT) row of its currency until commit, so all postings in a currency ran
--    one at a time, each waiting for the previous one's WAL flush. Each system account is now
--    split into LEDGER_SHARDS rows (column "shard"); a posting picks its shard from a hash of
--    its transfer id, and a hold remembers the HOLDS shard its funds sit on. The logical
--    account of a currency is the sum of its shards; the audit checks both.
-- 2. Fewer statements per posting: accounts are locked, checked and updated by one UPDATE each,
--    in id order (still deadlock-free), and the balance check no longer re-reads the rows.
-- 3. The per-entry deferred "posting balances" trigger (one query per entry at commit) becomes
--    one statement-level trigger per INSERT on entries: every statement that inserts entries
--    must leave each posting it touched balanced per currency with at least two entries.
--    ledger_post inserts a posting's entries in one statement, so this is the same rule, checked
--    earlier and once.

-- Shards of system accounts. Wallets always have shard 0.
ALTER TABLE "accounts" ADD COLUMN "shard" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_shard_range" CHECK ("shard" >= 0 AND "shard" < 64);
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_wallet_unsharded" CHECK ("kind" <> 'WALLET' OR "shard" = 0);
DROP INDEX "accounts_system_per_kind_currency";
CREATE UNIQUE INDEX "accounts_system_per_kind_currency_shard" ON "accounts"("kind", "currency", "shard") WHERE "user_id" IS NULL;

-- The HOLDS shard a hold's funds sit on; existing holds sit on the only (shard 0) account.
ALTER TABLE "holds" ADD COLUMN "holds_account_id" BIGINT;
UPDATE "holds" h SET "holds_account_id" = a."id"
  FROM "accounts" a WHERE a."kind" = 'HOLDS' AND a."user_id" IS NULL AND a."currency" = h."currency" AND a."shard" = 0;
ALTER TABLE "holds" ALTER COLUMN "holds_account_id" SET NOT NULL;
ALTER TABLE "holds" ADD CONSTRAINT "holds_holds_account_id_fkey" FOREIGN KEY ("holds_account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- How many shards each system account has (at most 64, see accounts_shard_range).
CREATE FUNCTION ledger_shard_count() RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT 16';

-- The shard a transfer's system-account entries go to. Any stable spread will do: a hold stores
-- its shard's account, so a later change of this function cannot strand funds.
CREATE FUNCTION ledger_shard_of(p_transfer_id uuid) RETURNS integer LANGUAGE sql IMMUTABLE AS
$$ SELECT abs(hashtext(p_transfer_id::text) % ledger_shard_count()) $$;

-- Returns a shard of a system account (HOLDS or BANK_SETTLEMENT), creating it on first use.
CREATE FUNCTION ledger_system_account_id(p_kind "AccountKind", p_currency char(3), p_shard integer) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    v_id bigint;
BEGIN
    SELECT id INTO v_id FROM accounts WHERE kind = p_kind AND user_id IS NULL AND currency = p_currency AND shard = p_shard;
    IF FOUND THEN RETURN v_id; END IF;
    INSERT INTO accounts (kind, currency, shard) VALUES (p_kind, p_currency, p_shard)
        ON CONFLICT (kind, currency, shard) WHERE user_id IS NULL DO NOTHING RETURNING id INTO v_id;
    IF v_id IS NULL THEN
        SELECT id INTO v_id FROM accounts WHERE kind = p_kind AND user_id IS NULL AND currency = p_currency AND shard = p_shard;
    END IF;
    RETURN v_id;
END $$;

-- The two-argument form names shard 0, for callers that need "the" account of a currency.
CREATE OR REPLACE FUNCTION ledger_system_account_id(p_kind "AccountKind", p_currency char(3)) RETURNS bigint
LANGUAGE sql AS $$ SELECT ledger_system_account_id(p_kind, p_currency, 0) $$;

-- Balanced postings, checked once per INSERT statement on entries.
CREATE FUNCTION ledger_check_postings_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v_bad RECORD;
BEGIN
    SELECT e.posting_id, e.currency, sum(e.amount_minor) AS total, count(*) AS entries INTO v_bad
      FROM entries e WHERE e.posting_id IN (SELECT DISTINCT n.posting_id FROM new_entries n)
     GROUP BY e.posting_id, e.currency
    HAVING sum(e.amount_minor) <> 0 OR count(*) < 2
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'posting % is unbalanced in %: % entries sum to %', v_bad.posting_id, v_bad.currency, v_bad.entries, v_bad.total
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;

DROP TRIGGER "entries_posting_balanced" ON "entries";
DROP FUNCTION "ledger_check_posting_balanced"();
CREATE TRIGGER "entries_postings_balanced" AFTER INSERT ON "entries"
    REFERENCING NEW TABLE AS new_entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_check_postings_balanced();

-- The checks after ledger_post has updated one account (found, same currency, not overdrawn).
-- Raised before the CHECK constraints would fire, so callers get a precise refusal; the
-- constraints on accounts stay as the backstop.
CREATE FUNCTION ledger_assert_account_update(
    p_found boolean, p_business_key text, p_account_id bigint, p_kind "AccountKind", p_currency char(3),
    p_balance bigint, p_posting_currency char(3)
) RETURNS void
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF NOT p_found THEN
        RAISE EXCEPTION 'posting % names unknown account %', p_business_key, p_account_id USING ERRCODE = 'KZ007';
    END IF;
    IF p_currency <> p_posting_currency THEN
        RAISE EXCEPTION 'account % holds %, posting is in %', p_account_id, p_currency, p_posting_currency USING ERRCODE = 'KZ002';
    END IF;
    IF p_balance < 0 AND p_kind <> 'BANK_SETTLEMENT' THEN
        RAISE EXCEPTION 'insufficient funds for posting %', p_business_key USING ERRCODE = 'KZ001';
    END IF;
END $$;

-- Posts one balanced set of entries (same contract as before). Replaying a business key returns
-- the first posting only when it is the same posting (kind, transfer, accounts and amounts);
-- anything else under a used key is KZ006.
CREATE OR REPLACE FUNCTION ledger_post(
    p_business_key text, p_kind text, p_transfer_id uuid, p_currency char(3),
    p_account_ids bigint[], p_amounts bigint[]
) RETURNS TABLE (posting_id bigint, created boolean)
LANGUAGE plpgsql AS $$
DECLARE
    v_posting_id bigint;
    v_count int := coalesce(array_length(p_account_ids, 1), 0);
    v_total bigint := 0;
    v_amount bigint;
    v_delta RECORD;
    v_kind "AccountKind";
    v_currency char(3);
    v_ids bigint[] := '{}';
    v_balances bigint[] := '{}';
    v_ordinal int;
    v_index int;
BEGIN
    IF v_count < 2 OR v_count <> coalesce(array_length(p_amounts, 1), 0) THEN
        RAISE EXCEPTION 'a posting needs at least two entries, one amount per account' USING ERRCODE = 'KZ003';
    END IF;
    FOREACH v_amount IN ARRAY p_amounts LOOP
        IF v_amount IS NULL OR v_amount = 0 THEN
            RAISE EXCEPTION 'posting % has a zero or missing amount', p_business_key USING ERRCODE = 'KZ003';
        END IF;
        v_total := v_total + v_amount;
    END LOOP;
    IF v_total <> 0 THEN
        RAISE EXCEPTION 'posting % is unbalanced: entries sum to %', p_business_key, v_total USING ERRCODE = 'KZ003';
    END IF;

    -- The unique business key serialises concurrent attempts at the same posting: a second
    -- caller waits here for the first to commit, then sees its row and changes nothing.
    INSERT INTO postings (business_key, kind, transfer_id) VALUES (p_business_key, p_kind, p_transfer_id)
        ON CONFLICT (business_key) DO NOTHING RETURNING id INTO v_posting_id;
    IF v_posting_id IS NULL THEN
        RETURN QUERY SELECT ledger_replayed_posting(p_business_key, p_kind, p_transfer_id, p_account_ids, p_amounts), false;
        RETURN;
    END IF;

    -- Every posting the wallet makes today moves one amount between two accounts: that case
    -- skips the grouping and window queries below (same locking order, same checks).
    IF v_count = 2 AND p_account_ids[1] <> p_account_ids[2] THEN
        FOR v_ordinal IN 1..2 LOOP
            v_index := CASE WHEN (p_account_ids[1] < p_account_ids[2]) = (v_ordinal = 1) THEN 1 ELSE 2 END;
            UPDATE accounts a SET balance_minor = a.balance_minor + p_amounts[v_index] WHERE a.id = p_account_ids[v_index]
            RETURNING a.kind, a.currency, a.balance_minor INTO v_kind, v_currency, v_amount;
            PERFORM ledger_assert_account_update(FOUND, p_business_key, p_account_ids[v_index], v_kind, v_currency, v_amount, p_currency);
            v_balances[v_index] := v_amount;
        END LOOP;
        INSERT INTO entries (posting_id, account_id, currency, amount_minor, balance_after_minor)
        VALUES (v_posting_id, p_account_ids[1], p_currency, p_amounts[1], v_balances[1]),
               (v_posting_id, p_account_ids[2], p_currency, p_amounts[2], v_balances[2]);
        RETURN QUERY SELECT v_posting_id, true;
        RETURN;
    END IF;

    -- Lock, check and update each account in id order (no deadlocks). One statement per account:
    -- the row is locked by the UPDATE itself and the new balance comes back with it.
    FOR v_delta IN
        SELECT d.account_id, sum(d.amount)::bigint AS delta
          FROM unnest(p_account_ids, p_amounts) AS d(account_id, amount) GROUP BY d.account_id ORDER BY d.account_id
    LOOP
        UPDATE accounts a SET balance_minor = a.balance_minor + v_delta.delta WHERE a.id = v_delta.account_id
        RETURNING a.kind, a.currency, a.balance_minor INTO v_kind, v_currency, v_amount;
        PERFORM ledger_assert_account_update(FOUND, p_business_key, v_delta.account_id, v_kind, v_currency, v_amount, p_currency);
        v_ids := v_ids || v_delta.account_id;
        v_balances := v_balances || v_amount;
    END LOOP;

    -- balance_after of each entry: the account's final balance minus the later entries of the
    -- same account in this posting.
    INSERT INTO entries (posting_id, account_id, currency, amount_minor, balance_after_minor)
    SELECT v_posting_id, e.account_id, p_currency, e.amount,
           f.balance - coalesce(sum(e.amount) OVER (PARTITION BY e.account_id ORDER BY e.ordinal
                                    ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING), 0)
      FROM unnest(p_account_ids, p_amounts) WITH ORDINALITY AS e(account_id, amount, ordinal)
      JOIN unnest(v_ids, v_balances) AS f(account_id, balance) ON f.account_id = e.account_id
     ORDER BY e.ordinal;

    RETURN QUERY SELECT v_posting_id, true;
END $$;

-- The posting a business key already names, when it is the same posting; KZ006 otherwise.
-- Only replays run this, so it may take its time.
CREATE FUNCTION ledger_replayed_posting(
    p_business_key text, p_kind text, p_transfer_id uuid, p_account_ids bigint[], p_amounts bigint[]
) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    v_posting RECORD;
BEGIN
    SELECT p.id, p.kind, p.transfer_id INTO v_posting FROM postings p WHERE p.business_key = p_business_key;
    IF v_posting.kind <> p_kind OR v_posting.transfer_id IS DISTINCT FROM p_transfer_id OR EXISTS (
        (SELECT e.account_id, e.amount_minor FROM entries e WHERE e.posting_id = v_posting.id
         EXCEPT ALL SELECT * FROM unnest(p_account_ids, p_amounts))
        UNION ALL
        (SELECT * FROM unnest(p_account_ids, p_amounts)
         EXCEPT ALL SELECT e.account_id, e.amount_minor FROM entries e WHERE e.posting_id = v_posting.id)
    ) THEN
        RAISE EXCEPTION 'business key % was used for a different posting', p_business_key USING ERRCODE = 'KZ006';
    END IF;
    RETURN v_posting.id;
END $$;

-- Moves funds from a user's wallet to a HOLDS shard and opens a hold for the transfer.
-- Idempotent by transfer id. Raises KZ001 when the wallet cannot cover the amount.
-- Returns the hold posting's id (the hold row's id is in holds).
DROP FUNCTION ledger_place_hold(uuid, uuid, char, bigint);
CREATE FUNCTION ledger_place_hold(p_transfer_id uuid, p_user_id uuid, p_currency char(3), p_amount bigint)
RETURNS TABLE (posting_id bigint, created boolean)
LANGUAGE plpgsql AS $$
DECLARE
    v_wallet bigint;
    v_holds bigint;
    v_posting_id bigint;
    v_created boolean;
    v_hold RECORD;
BEGIN
    IF p_amount IS NULL OR p_amount <= 0 THEN
        RAISE EXCEPTION 'a hold must be greater than zero' USING ERRCODE = 'KZ003';
    END IF;
    -- One lookup for both accounts; the creating functions run only on first use. A replay
    -- reuses the shard its hold already sits on, whatever ledger_shard_of says today.
    SELECT (SELECT a.id FROM accounts a WHERE a.kind = 'WALLET' AND a.user_id = p_user_id AND a.currency = p_currency),
           coalesce((SELECT h.holds_account_id FROM holds h WHERE h.transfer_id = p_transfer_id),
                    (SELECT a.id FROM accounts a WHERE a.kind = 'HOLDS' AND a.user_id IS NULL AND a.currency = p_currency
                        AND a.shard = ledger_shard_of(p_transfer_id)))
      INTO v_wallet, v_holds;
    v_wallet := coalesce(v_wallet, ledger_wallet_id(p_user_id, p_currency));
    v_holds := coalesce(v_holds, ledger_system_account_id('HOLDS', p_currency, ledger_shard_of(p_transfer_id)));

    SELECT p.posting_id, p.created INTO v_posting_id, v_created FROM ledger_post('transfer:' || p_transfer_id || ':hold', 'HOLD',
        p_transfer_id, p_currency, ARRAY[v_wallet, v_holds], ARRAY[-p_amount, p_amount]) p;
    IF v_created THEN
        INSERT INTO holds (transfer_id, wallet_account_id, holds_account_id, currency, amount_minor)
            VALUES (p_transfer_id, v_wallet, v_holds, p_currency, p_amount);
    ELSE
        -- ledger_post already refused a replay with other accounts or amounts; this guards the hold row.
        SELECT h.wallet_account_id, h.amount_minor FROM holds h WHERE h.transfer_id = p_transfer_id INTO v_hold;
        IF v_hold.wallet_account_id <> v_wallet OR v_hold.amount_minor <> p_amount THEN
            RAISE EXCEPTION 'transfer % already holds a different amount', p_transfer_id USING ERRCODE = 'KZ006';
        END IF;
    END IF;
    RETURN QUERY SELECT v_posting_id, v_created;
END $$;

-- Closes an open hold exactly once: SETTLED moves the held funds to p_target_account,
-- RELEASED moves them back to the wallet. Repeating the same resolution is a no-op that returns
-- the first posting; asking for the other resolution of a closed hold raises KZ005.
CREATE OR REPLACE FUNCTION ledger_resolve_hold(p_transfer_id uuid, p_resolution "HoldStatus", p_target_account bigint)
RETURNS TABLE (posting_id bigint, created boolean)
LANGUAGE plpgsql AS $$
DECLARE
    v_hold RECORD;
    v_target bigint;
    v_key text := 'transfer:' || p_transfer_id || ':' || lower(p_resolution::text);
BEGIN
    IF p_resolution = 'OPEN' THEN
        RAISE EXCEPTION 'a hold resolves to SETTLED or RELEASED' USING ERRCODE = 'KZ003';
    END IF;
    -- Locking the hold row first serialises settle against release for one transfer.
    UPDATE holds h SET status = p_resolution, resolved_at = now()
     WHERE h.transfer_id = p_transfer_id AND h.status = 'OPEN'
    RETURNING h.wallet_account_id, h.holds_account_id, h.currency, h.amount_minor INTO v_hold;
    IF NOT FOUND THEN
        SELECT h.status INTO v_hold FROM holds h WHERE h.transfer_id = p_transfer_id;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'no hold for transfer %', p_transfer_id USING ERRCODE = 'KZ004';
        END IF;
        IF v_hold.status <> p_resolution THEN
            RAISE EXCEPTION 'hold of transfer % is already %', p_transfer_id, v_hold.status USING ERRCODE = 'KZ005';
        END IF;
        RETURN QUERY SELECT p.id, false FROM postings p WHERE p.business_key = v_key;
        RETURN;
    END IF;
    v_target := CASE WHEN p_resolution = 'RELEASED' THEN v_hold.wallet_account_id ELSE p_target_account END;
    IF v_target IS NULL THEN
        RAISE EXCEPTION 'settling a hold needs a target account' USING ERRCODE = 'KZ007';
    END IF;
    RETURN QUERY SELECT p.posting_id, p.created FROM ledger_post(v_key,
        CASE WHEN p_resolution = 'SETTLED' THEN 'SETTLE' ELSE 'RELEASE' END, p_transfer_id, v_hold.currency,
        ARRAY[v_hold.holds_account_id, v_target], ARRAY[-v_hold.amount_minor, v_hold.amount_minor]) p;
END $$;

-- Credits a wallet with money the bank collected, from the transfer's BANK_SETTLEMENT shard.
CREATE FUNCTION ledger_credit_from_bank(p_transfer_id uuid, p_user_id uuid, p_currency char(3), p_amount bigint)
RETURNS TABLE (posting_id bigint, created boolean)
LANGUAGE sql AS $$
    SELECT p.posting_id, p.created FROM ledger_post('transfer:' || p_transfer_id || ':credit', 'DEPOSIT', p_transfer_id, p_currency,
        ARRAY[ledger_system_account_id('BANK_SETTLEMENT', p_currency, ledger_shard_of(p_transfer_id)), ledger_wallet_id(p_user_id, p_currency)],
        ARRAY[-p_amount, p_amount]) p
$$;

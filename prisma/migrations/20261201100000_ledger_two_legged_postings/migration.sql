-- Two-legged postings: a posting is one row that debits one account and credits another by the
-- same amount, in one currency (the model of purpose-built ledgers such as TigerBeetle).
--
-- Why: every posting Kizo makes moves one amount between two accounts, yet each one wrote a
-- posting row plus two entry rows (three heap rows, eight index entries, four foreign-key checks
-- and a balance trigger). PostgreSQL spent most of a posting's time starting those statements
-- and checks (BENCHMARKS.md, ledger). As one row, a posting is balanced by construction: its two
-- legs are -amount and +amount of the same currency, so no trigger has to prove it.
--
-- What stays as it was:
--   - double entry: each leg carries its account's balance after the posting; the view
--     "entries" shows every posting as its two legs, as the old table held them;
--   - append-only postings, accounts locked in id order, idempotency by business key, wallets and
--     holds never below zero (CHECKs on accounts as the backstop), typed refusals (KZ001..KZ007);
--   - a movement that needs more than two legs is several postings in one transaction.
--
-- New refusal: KZ008, raised when a twin call with the same business key committed while this
-- one waited on an account lock; it rolls this call back, and the caller re-runs it once, which
-- then returns the twin's posting (activities/ledger/ledger.ts).

ALTER TABLE "postings"
    ADD COLUMN "currency" CHAR(3),
    ADD COLUMN "amount_minor" BIGINT,
    ADD COLUMN "debit_account_id" BIGINT,
    ADD COLUMN "credit_account_id" BIGINT,
    ADD COLUMN "debit_balance_after_minor" BIGINT,
    ADD COLUMN "credit_balance_after_minor" BIGINT;

-- Existing postings become rows of their own two entries. Every posting the functions made has
-- exactly two entries (one debit, one credit); anything else stops the migration, untouched.
DO $$
DECLARE
    v_odd RECORD;
BEGIN
    SELECT p.id INTO v_odd FROM postings p
      LEFT JOIN entries e ON e.posting_id = p.id
     GROUP BY p.id
    HAVING count(e.id) <> 2 OR count(*) FILTER (WHERE e.amount_minor < 0) <> 1 OR sum(e.amount_minor) <> 0
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'posting % is not one debit and one credit; convert it by hand before this migration', v_odd.id;
    END IF;
END $$;

ALTER TABLE "postings" DISABLE TRIGGER "postings_append_only";
UPDATE "postings" p
   SET "currency" = d."currency",
       "amount_minor" = c."amount_minor",
       "debit_account_id" = d."account_id",
       "credit_account_id" = c."account_id",
       "debit_balance_after_minor" = d."balance_after_minor",
       "credit_balance_after_minor" = c."balance_after_minor"
  FROM "entries" d, "entries" c
 WHERE d."posting_id" = p."id" AND d."amount_minor" < 0
   AND c."posting_id" = p."id" AND c."amount_minor" > 0;
ALTER TABLE "postings" ENABLE TRIGGER "postings_append_only";

ALTER TABLE "postings"
    ALTER COLUMN "currency" SET NOT NULL,
    ALTER COLUMN "amount_minor" SET NOT NULL,
    ALTER COLUMN "debit_account_id" SET NOT NULL,
    ALTER COLUMN "credit_account_id" SET NOT NULL,
    ALTER COLUMN "debit_balance_after_minor" SET NOT NULL,
    ALTER COLUMN "credit_balance_after_minor" SET NOT NULL,
    ADD CONSTRAINT "postings_amount_positive" CHECK ("amount_minor" > 0),
    ADD CONSTRAINT "postings_two_accounts" CHECK ("debit_account_id" <> "credit_account_id");
ALTER TABLE "postings" ADD CONSTRAINT "postings_debit_account_id_fkey" FOREIGN KEY ("debit_account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "postings" ADD CONSTRAINT "postings_credit_account_id_fkey" FOREIGN KEY ("credit_account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- A wallet's history reads both legs newest first: one index per side.
CREATE INDEX "postings_debit_account_id_id_idx" ON "postings"("debit_account_id", "id");
CREATE INDEX "postings_credit_account_id_id_idx" ON "postings"("credit_account_id", "id");

DROP FUNCTION ledger_credit_from_bank(uuid, uuid, char, bigint);
DROP FUNCTION ledger_place_hold(uuid, uuid, char, bigint);
DROP FUNCTION ledger_resolve_hold(uuid, "HoldStatus", bigint);
DROP FUNCTION ledger_post(text, text, uuid, char, bigint[], bigint[]);
DROP FUNCTION ledger_replayed_posting(text, text, uuid, bigint[], bigint[]);
DROP FUNCTION ledger_assert_account_update(boolean, text, bigint, "AccountKind", char, bigint, char);
DROP TABLE "entries";
DROP FUNCTION ledger_check_postings_balanced();

-- Each posting as its two entries: the debit leg (negative) and the credit leg (positive).
CREATE VIEW "entries" AS
    SELECT p."id" AS "posting_id", p."debit_account_id" AS "account_id", p."currency",
           -p."amount_minor" AS "amount_minor", p."debit_balance_after_minor" AS "balance_after_minor", p."created_at"
      FROM "postings" p
    UNION ALL
    SELECT p."id", p."credit_account_id", p."currency", p."amount_minor", p."credit_balance_after_minor", p."created_at"
      FROM "postings" p;

-- Why an account update changed nothing (see ledger_move): an unknown account (KZ007), another
-- currency (KZ002), a twin call that committed the same posting meanwhile (KZ008), or a debit
-- the account cannot cover (KZ001). Runs only on the refusal path.
CREATE FUNCTION ledger_refuse_update(p_business_key text, p_account bigint, p_currency char(3)) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    v_currency char(3);
BEGIN
    SELECT a.currency INTO v_currency FROM accounts a WHERE a.id = p_account;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'posting % names unknown account %', p_business_key, p_account USING ERRCODE = 'KZ007';
    END IF;
    IF v_currency <> p_currency THEN
        RAISE EXCEPTION 'account % holds %, posting is in %', p_account, v_currency, p_currency USING ERRCODE = 'KZ002';
    END IF;
    IF EXISTS (SELECT 1 FROM postings p WHERE p.business_key = p_business_key) THEN
        RAISE EXCEPTION 'posting % was made by a concurrent call', p_business_key USING ERRCODE = 'KZ008';
    END IF;
    RAISE EXCEPTION 'insufficient funds for posting %', p_business_key USING ERRCODE = 'KZ001';
END $$;

-- Posts p_amount from p_debit to p_credit, idempotent by p_business_key: a replay of the same
-- posting returns the first one (created = false); anything else under a used key is KZ006.
-- p_unposted: the caller has just seen that no posting has this key (in a lookup of its own, or
-- under a row lock that guards it), so the replay lookup is skipped; a twin that commits in
-- between still ends in KZ008, never in a second posting.
CREATE FUNCTION ledger_move(
    p_business_key text, p_kind text, p_transfer_id uuid, p_currency char(3),
    p_debit bigint, p_credit bigint, p_amount bigint, p_unposted boolean DEFAULT false,
    OUT posting_id bigint, OUT created boolean
)
LANGUAGE plpgsql AS $$
DECLARE
    v_first RECORD;
    v_replay boolean := false;
    v_account bigint;
    v_delta bigint;
    v_currency char(3);
    v_balance bigint;
    v_debit_after bigint;
    v_credit_after bigint;
BEGIN
    IF p_amount IS NULL OR p_amount <= 0 THEN
        RAISE EXCEPTION 'posting % must move more than zero', p_business_key USING ERRCODE = 'KZ003';
    END IF;
    IF p_debit IS NULL OR p_credit IS NULL OR p_debit = p_credit THEN
        RAISE EXCEPTION 'posting % needs two different accounts', p_business_key USING ERRCODE = 'KZ003';
    END IF;

    IF NOT p_unposted THEN
        SELECT p.id, p.kind, p.transfer_id, p.currency, p.debit_account_id, p.credit_account_id, p.amount_minor INTO v_first
          FROM postings p WHERE p.business_key = p_business_key;
        v_replay := FOUND;
    END IF;
    IF v_replay THEN
        IF (v_first.kind, v_first.currency, v_first.debit_account_id, v_first.credit_account_id, v_first.amount_minor)
               IS DISTINCT FROM (p_kind, p_currency, p_debit, p_credit, p_amount)
           OR v_first.transfer_id IS DISTINCT FROM p_transfer_id THEN
            RAISE EXCEPTION 'business key % was used for a different posting', p_business_key USING ERRCODE = 'KZ006';
        END IF;
        posting_id := v_first.id;
        created := false;
        RETURN;
    END IF;

    -- Each account is locked, checked and updated by one statement, in id order (no deadlocks).
    -- A debit that would take a wallet or holds account below zero matches no row, so the refusal
    -- is told apart from a race before any CHECK constraint fires.
    FOR v_step IN 1..2 LOOP
        v_account := CASE WHEN (p_debit < p_credit) = (v_step = 1) THEN p_debit ELSE p_credit END;
        v_delta := CASE WHEN v_account = p_debit THEN -p_amount ELSE p_amount END;
        UPDATE accounts a SET balance_minor = a.balance_minor + v_delta
         WHERE a.id = v_account AND (v_delta > 0 OR a.kind = 'BANK_SETTLEMENT' OR a.balance_minor + v_delta >= 0)
        RETURNING a.currency, a.balance_minor INTO v_currency, v_balance;
        IF NOT FOUND OR v_currency <> p_currency THEN
            PERFORM ledger_refuse_update(p_business_key, v_account, p_currency);
        END IF;
        IF v_account = p_debit THEN v_debit_after := v_balance; ELSE v_credit_after := v_balance; END IF;
    END LOOP;

    -- A twin that committed while this call waited for an account holds the key: undo by raising.
    INSERT INTO postings (business_key, kind, transfer_id, currency, amount_minor, debit_account_id, credit_account_id,
                          debit_balance_after_minor, credit_balance_after_minor)
    VALUES (p_business_key, p_kind, p_transfer_id, p_currency, p_amount, p_debit, p_credit, v_debit_after, v_credit_after)
    ON CONFLICT (business_key) DO NOTHING
    RETURNING id INTO posting_id;
    IF posting_id IS NULL THEN
        RAISE EXCEPTION 'posting % was made by a concurrent call', p_business_key USING ERRCODE = 'KZ008';
    END IF;
    created := true;
END $$;

-- Moves funds from a user's wallet to a HOLDS shard and opens a hold for the transfer.
-- Idempotent by transfer id. Raises KZ001 when the wallet cannot cover the amount.
CREATE FUNCTION ledger_place_hold(p_transfer_id uuid, p_user_id uuid, p_currency char(3), p_amount bigint)
RETURNS TABLE (posting_id bigint, created boolean)
LANGUAGE plpgsql AS $$
DECLARE
    v_key text := 'transfer:' || p_transfer_id || ':hold';
    v_wallet bigint;
    v_holds bigint;
    v_posted boolean;
    v_move RECORD;
    v_hold RECORD;
BEGIN
    IF p_amount IS NULL OR p_amount <= 0 THEN
        RAISE EXCEPTION 'a hold must be greater than zero' USING ERRCODE = 'KZ003';
    END IF;
    -- One lookup for both accounts and an earlier posting; the creating functions run only on
    -- first use. A replay reuses the shard its hold already sits on, whatever ledger_shard_of says today.
    SELECT (SELECT a.id FROM accounts a WHERE a.kind = 'WALLET' AND a.user_id = p_user_id AND a.currency = p_currency),
           coalesce((SELECT h.holds_account_id FROM holds h WHERE h.transfer_id = p_transfer_id),
                    (SELECT a.id FROM accounts a WHERE a.kind = 'HOLDS' AND a.user_id IS NULL AND a.currency = p_currency
                        AND a.shard = ledger_shard_of(p_transfer_id))),
           EXISTS (SELECT 1 FROM postings p WHERE p.business_key = v_key)
      INTO v_wallet, v_holds, v_posted;
    v_wallet := coalesce(v_wallet, ledger_wallet_id(p_user_id, p_currency));
    v_holds := coalesce(v_holds, ledger_system_account_id('HOLDS', p_currency, ledger_shard_of(p_transfer_id)));

    v_move := ledger_move(v_key, 'HOLD', p_transfer_id, p_currency, v_wallet, v_holds, p_amount, NOT v_posted);
    IF v_move.created THEN
        INSERT INTO holds (transfer_id, wallet_account_id, holds_account_id, currency, amount_minor)
            VALUES (p_transfer_id, v_wallet, v_holds, p_currency, p_amount);
    ELSE
        -- ledger_move already refused a replay with other accounts or amounts; this guards the hold row.
        SELECT h.wallet_account_id, h.amount_minor FROM holds h WHERE h.transfer_id = p_transfer_id INTO v_hold;
        IF v_hold.wallet_account_id <> v_wallet OR v_hold.amount_minor <> p_amount THEN
            RAISE EXCEPTION 'transfer % already holds a different amount', p_transfer_id USING ERRCODE = 'KZ006';
        END IF;
    END IF;
    RETURN QUERY SELECT v_move.posting_id, v_move.created;
END $$;

-- Closes an open hold exactly once: SETTLED moves the held funds to p_target_account,
-- RELEASED moves them back to the wallet. Repeating the same resolution is a no-op that returns
-- the first posting; asking for the other resolution of a closed hold raises KZ005.
CREATE FUNCTION ledger_resolve_hold(p_transfer_id uuid, p_resolution "HoldStatus", p_target_account bigint)
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
    -- The open hold, now locked, guards this key: no posting can have it yet.
    RETURN QUERY SELECT m.posting_id, m.created FROM ledger_move(v_key,
        CASE WHEN p_resolution = 'SETTLED' THEN 'SETTLE' ELSE 'RELEASE' END, p_transfer_id, v_hold.currency,
        v_hold.holds_account_id, v_target, v_hold.amount_minor, true) m;
END $$;

-- Credits a wallet with money the bank collected, from the transfer's BANK_SETTLEMENT shard.
CREATE FUNCTION ledger_credit_from_bank(p_transfer_id uuid, p_user_id uuid, p_currency char(3), p_amount bigint)
RETURNS TABLE (posting_id bigint, created boolean)
LANGUAGE sql AS $$
    SELECT m.posting_id, m.created FROM ledger_move('transfer:' || p_transfer_id || ':credit', 'DEPOSIT', p_transfer_id, p_currency,
        ledger_system_account_id('BANK_SETTLEMENT', p_currency, ledger_shard_of(p_transfer_id)), ledger_wallet_id(p_user_id, p_currency),
        p_amount) m
$$;

-- A hold is named by its transfer (one hold per transfer); its own serial id was never read, and
-- cost every hold a sequence step and an index entry.
ALTER TABLE "holds" DROP COLUMN "id";
ALTER TABLE "holds" ADD CONSTRAINT "holds_pkey" PRIMARY KEY USING INDEX "holds_transfer_id_key";

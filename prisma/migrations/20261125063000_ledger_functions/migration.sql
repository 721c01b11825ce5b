-- The ledger's hot path as SQL functions: each posting is ONE statement (one round trip), runs
-- in its caller's transaction, locks the accounts it touches in id order (so concurrent
-- postings cannot deadlock) and is idempotent by its business key.
-- Errors raised here carry SQLSTATE codes in the 'KZ' class, mapped to typed errors in
-- activities/ledger/errors.ts:
--   KZ001 insufficient funds      KZ002 currency mismatch      KZ003 unbalanced or empty posting
--   KZ004 hold not found          KZ005 hold already resolved the other way
--   KZ006 business key reused for a different posting            KZ007 account not found

-- Returns the wallet of a user in a currency, creating it on first use.
CREATE FUNCTION ledger_wallet_id(p_user_id uuid, p_currency char(3)) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    v_id bigint;
BEGIN
    SELECT id INTO v_id FROM accounts WHERE kind = 'WALLET' AND user_id = p_user_id AND currency = p_currency;
    IF FOUND THEN RETURN v_id; END IF;
    INSERT INTO accounts (kind, user_id, currency) VALUES ('WALLET', p_user_id, p_currency)
        ON CONFLICT (user_id, currency) WHERE kind = 'WALLET' DO NOTHING RETURNING id INTO v_id;
    IF v_id IS NULL THEN
        SELECT id INTO v_id FROM accounts WHERE kind = 'WALLET' AND user_id = p_user_id AND currency = p_currency;
    END IF;
    RETURN v_id;
END $$;

-- Returns the system account (HOLDS or BANK_SETTLEMENT) of a currency, creating it on first use.
CREATE FUNCTION ledger_system_account_id(p_kind "AccountKind", p_currency char(3)) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    v_id bigint;
BEGIN
    SELECT id INTO v_id FROM accounts WHERE kind = p_kind AND user_id IS NULL AND currency = p_currency;
    IF FOUND THEN RETURN v_id; END IF;
    INSERT INTO accounts (kind, currency) VALUES (p_kind, p_currency)
        ON CONFLICT (kind, currency) WHERE user_id IS NULL DO NOTHING RETURNING id INTO v_id;
    IF v_id IS NULL THEN
        SELECT id INTO v_id FROM accounts WHERE kind = p_kind AND user_id IS NULL AND currency = p_currency;
    END IF;
    RETURN v_id;
END $$;

-- Posts one balanced set of entries. Returns the posting id and whether this call created it
-- (false: the business key was posted before, nothing changed).
CREATE FUNCTION ledger_post(
    p_business_key text, p_kind text, p_transfer_id uuid, p_currency char(3),
    p_account_ids bigint[], p_amounts bigint[]
) RETURNS TABLE (posting_id bigint, created boolean)
LANGUAGE plpgsql AS $$
DECLARE
    v_posting_id bigint;
    v_count int := coalesce(array_length(p_account_ids, 1), 0);
    v_account RECORD;
    v_locked int := 0;
BEGIN
    IF v_count < 2 OR v_count <> coalesce(array_length(p_amounts, 1), 0) THEN
        RAISE EXCEPTION 'a posting needs at least two entries, one amount per account' USING ERRCODE = 'KZ003';
    END IF;
    IF (SELECT sum(a) FROM unnest(p_amounts) a) <> 0 OR EXISTS (SELECT 1 FROM unnest(p_amounts) a WHERE a = 0) THEN
        RAISE EXCEPTION 'posting % is unbalanced or has a zero entry', p_business_key USING ERRCODE = 'KZ003';
    END IF;

    -- The unique business key serialises concurrent attempts at the same posting: a second
    -- caller waits here for the first to commit, then sees its row and changes nothing.
    INSERT INTO postings (business_key, kind, transfer_id) VALUES (p_business_key, p_kind, p_transfer_id)
        ON CONFLICT (business_key) DO NOTHING RETURNING id INTO v_posting_id;
    IF v_posting_id IS NULL THEN
        SELECT p.id INTO v_posting_id FROM postings p WHERE p.business_key = p_business_key;
        IF (SELECT p.kind FROM postings p WHERE p.id = v_posting_id) <> p_kind
           OR (SELECT p.transfer_id FROM postings p WHERE p.id = v_posting_id) IS DISTINCT FROM p_transfer_id THEN
            RAISE EXCEPTION 'business key % was used for a different posting', p_business_key USING ERRCODE = 'KZ006';
        END IF;
        RETURN QUERY SELECT v_posting_id, false;
        RETURN;
    END IF;

    FOR v_account IN
        SELECT a.id, a.kind, a.currency FROM accounts a WHERE a.id = ANY (p_account_ids) ORDER BY a.id FOR UPDATE
    LOOP
        IF v_account.currency <> p_currency THEN
            RAISE EXCEPTION 'account % holds %, posting is in %', v_account.id, v_account.currency, p_currency
                USING ERRCODE = 'KZ002';
        END IF;
        v_locked := v_locked + 1;
    END LOOP;
    IF v_locked <> (SELECT count(DISTINCT x) FROM unnest(p_account_ids) x) THEN
        RAISE EXCEPTION 'posting % names an unknown account', p_business_key USING ERRCODE = 'KZ007';
    END IF;

    -- The accounts are locked, so this check and the update below see the same balances.
    -- The CHECK constraints on accounts stay as the backstop.
    IF EXISTS (
        SELECT 1 FROM accounts a
          JOIN (SELECT account_id, sum(amount) AS delta FROM unnest(p_account_ids, p_amounts) AS d(account_id, amount)
                 GROUP BY account_id) d ON d.account_id = a.id
         WHERE a.kind <> 'BANK_SETTLEMENT' AND a.balance_minor + d.delta < 0
    ) THEN
        RAISE EXCEPTION 'insufficient funds for posting %', p_business_key USING ERRCODE = 'KZ001';
    END IF;

    WITH deltas AS (
        SELECT account_id, sum(amount) AS delta
          FROM unnest(p_account_ids, p_amounts) AS d(account_id, amount) GROUP BY account_id
    )
    UPDATE accounts a SET balance_minor = a.balance_minor + d.delta FROM deltas d WHERE a.id = d.account_id;

    -- balance_after of each entry: the account's balance once all of this posting's entries on
    -- it are applied, minus the later entries of the same account in this posting.
    INSERT INTO entries (posting_id, account_id, currency, amount_minor, balance_after_minor)
    SELECT v_posting_id, e.account_id, p_currency, e.amount,
           a.balance_minor - coalesce(sum(e.amount) OVER (PARTITION BY e.account_id ORDER BY e.ordinal
                                          ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING), 0)
      FROM unnest(p_account_ids, p_amounts) WITH ORDINALITY AS e(account_id, amount, ordinal)
      JOIN accounts a ON a.id = e.account_id
     ORDER BY e.ordinal;

    RETURN QUERY SELECT v_posting_id, true;
END $$;

-- Moves funds from a user's wallet to the holds account and opens a hold for the transfer.
-- Idempotent by transfer id. Raises KZ001 when the wallet cannot cover the amount.
CREATE FUNCTION ledger_place_hold(p_transfer_id uuid, p_user_id uuid, p_currency char(3), p_amount bigint)
RETURNS TABLE (hold_id bigint, created boolean)
LANGUAGE plpgsql AS $$
DECLARE
    v_wallet bigint := ledger_wallet_id(p_user_id, p_currency);
    v_holds bigint := ledger_system_account_id('HOLDS', p_currency);
    v_created boolean;
    v_hold RECORD;
BEGIN
    SELECT p.created INTO v_created FROM ledger_post('transfer:' || p_transfer_id || ':hold', 'HOLD', p_transfer_id,
        p_currency, ARRAY[v_wallet, v_holds], ARRAY[-p_amount, p_amount]) p;
    IF v_created THEN
        INSERT INTO holds (transfer_id, wallet_account_id, currency, amount_minor)
            VALUES (p_transfer_id, v_wallet, p_currency, p_amount) RETURNING id INTO hold_id;
        created := true;
        RETURN NEXT;
        RETURN;
    END IF;
    SELECT h.id, h.wallet_account_id, h.amount_minor, h.currency INTO v_hold FROM holds h WHERE h.transfer_id = p_transfer_id;
    IF v_hold.wallet_account_id <> v_wallet OR v_hold.amount_minor <> p_amount OR v_hold.currency <> p_currency THEN
        RAISE EXCEPTION 'transfer % already holds a different amount', p_transfer_id USING ERRCODE = 'KZ006';
    END IF;
    hold_id := v_hold.id;
    created := false;
    RETURN NEXT;
END $$;

-- Closes an open hold exactly once: SETTLED moves the held funds to p_target_account,
-- RELEASED moves them back to the wallet. Repeating the same resolution is a no-op;
-- asking for the other resolution of a closed hold raises KZ005.
CREATE FUNCTION ledger_resolve_hold(p_transfer_id uuid, p_resolution "HoldStatus", p_target_account bigint)
RETURNS TABLE (posting_id bigint, created boolean)
LANGUAGE plpgsql AS $$
DECLARE
    v_hold RECORD;
    v_holds bigint;
    v_target bigint;
BEGIN
    IF p_resolution = 'OPEN' THEN
        RAISE EXCEPTION 'a hold resolves to SETTLED or RELEASED' USING ERRCODE = 'KZ003';
    END IF;
    -- Locking the hold row first serialises settle against release for one transfer.
    SELECT h.* INTO v_hold FROM holds h WHERE h.transfer_id = p_transfer_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no hold for transfer %', p_transfer_id USING ERRCODE = 'KZ004';
    END IF;
    IF v_hold.status <> 'OPEN' THEN
        IF v_hold.status <> p_resolution THEN
            RAISE EXCEPTION 'hold of transfer % is already %', p_transfer_id, v_hold.status USING ERRCODE = 'KZ005';
        END IF;
        RETURN QUERY SELECT p.id, false FROM postings p
            WHERE p.business_key = 'transfer:' || p_transfer_id || ':' || lower(p_resolution::text);
        RETURN;
    END IF;
    v_holds := ledger_system_account_id('HOLDS', v_hold.currency);
    v_target := CASE WHEN p_resolution = 'RELEASED' THEN v_hold.wallet_account_id ELSE p_target_account END;
    IF v_target IS NULL THEN
        RAISE EXCEPTION 'settling a hold needs a target account' USING ERRCODE = 'KZ007';
    END IF;
    UPDATE holds SET status = p_resolution, resolved_at = now() WHERE id = v_hold.id;
    RETURN QUERY SELECT p.posting_id, p.created FROM ledger_post(
        'transfer:' || p_transfer_id || ':' || lower(p_resolution::text),
        CASE WHEN p_resolution = 'SETTLED' THEN 'SETTLE' ELSE 'RELEASE' END, p_transfer_id, v_hold.currency,
        ARRAY[v_holds, v_target], ARRAY[-v_hold.amount_minor, v_hold.amount_minor]) p;
END $$;

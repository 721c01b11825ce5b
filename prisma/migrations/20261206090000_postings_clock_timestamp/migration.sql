-- A posting's time is taken when it is written, under its accounts' locks, not when its
-- transaction began. ledger_move locks both accounts before it inserts, so on every account the
-- postings' times now follow their ids and balance_after: a statement's period boundary can no
-- longer split them out of order (with now(), a transaction that began before the boundary but
-- waited for a lock got the earlier time and the later balance, and the statement did not add up).
ALTER TABLE "postings" ALTER COLUMN "created_at" SET DEFAULT clock_timestamp();

-- Fewer index writes on the ledger's hot path, with the reads that needed them served otherwise.
--
-- 1. holds(status) made every settle or release a non-HOT update: a new heap tuple plus an entry
--    in each of the holds indexes. No query looks holds up by status alone (the audit reads the
--    whole table), so it goes, and resolving a hold now rewrites only the heap page.
-- 2. The held balance of a wallet reads its holds by wallet_account_id, which had no index (a
--    sequential scan of every hold ever placed, on each balance read). It gets one; status is
--    not in it, so resolving a hold stays a HOT update.
-- 3. postings(transfer_id) was written on every posting for the reconciliation's lookup of a
--    few bank-side postings per run; that lookup now names the postings by business key, which
--    is already unique-indexed.
DROP INDEX "holds_status_idx";
CREATE INDEX "holds_wallet_account_id_idx" ON "holds"("wallet_account_id");
DROP INDEX "postings_transfer_id_idx";

-- 64 shards per system account instead of 16 (the most accounts_shard_range allows): at 32 and
-- more concurrent postings, a fifth of the backends waited on another posting's lock of the same
-- HOLDS or BANK_SETTLEMENT shard until its commit. Holds remember their shard, so open holds stay
-- where they are; new postings spread over the new shards, created on first use.
CREATE OR REPLACE FUNCTION ledger_shard_count() RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT 64';

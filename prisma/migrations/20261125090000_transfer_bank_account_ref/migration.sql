-- Deposits and withdrawals name the user's account at the bank; reconciliation compares it
-- with the bank's record. Null for P2P transfers, which never reach the bank.
ALTER TABLE "transfers" ADD COLUMN "bank_account_ref" TEXT;

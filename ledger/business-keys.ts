/**
 * The business keys the ledger's functions give a transfer's postings (prisma/ledger.sql:
 * `'transfer:' || id || ':hold'` and so on), in the one place TypeScript spells them. Each
 * posting is idempotent by its key; ledger.test.ts checks the functions produce exactly these.
 */
export const POSTING_STEPS = ['hold', 'settled', 'released', 'credit'] as const;
export type PostingStep = (typeof POSTING_STEPS)[number];

export function businessKey(transferId: string, step: PostingStep): string {
  return `transfer:${transferId}:${step}`;
}

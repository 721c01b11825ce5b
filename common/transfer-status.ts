/**
 * The kinds and statuses of a money movement: the one vocabulary the workflows, the API, the
 * tests and the web app share (the database enums in prisma/schema.prisma spell the same lists).
 * Pure and import-free, so the browser bundle can take it too.
 */
export const TRANSFER_KINDS = ['P2P', 'DEPOSIT', 'WITHDRAWAL'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

export const TRANSFER_STATUSES = [
  'PENDING',
  'HELD',
  'IN_REVIEW',
  'SENT_TO_BANK',
  'COMPLETED',
  'FAILED',
  'CANCELLED',
  'COMPENSATED',
] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

/** Statuses a transfer never leaves. */
export const FINAL_STATUSES: ReadonlySet<string> = new Set<TransferStatus>([
  'COMPLETED',
  'FAILED',
  'CANCELLED',
  'COMPENSATED',
]);

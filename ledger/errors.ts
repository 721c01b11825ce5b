/**
 * Typed ledger errors. The SQL functions raise SQLSTATEs in the 'KZ' class (see the
 * ledger_functions migration); `toLedgerError` turns them into these classes, and activities
 * turn business refusals into non-retryable Temporal failures with the same `type`.
 */
import { LEDGER_ERROR_TYPES } from '../common/error-types';

export { LEDGER_ERROR_TYPES };

export type LedgerErrorType = (typeof LEDGER_ERROR_TYPES)[keyof typeof LEDGER_ERROR_TYPES];

const BY_SQLSTATE: Record<string, LedgerErrorType> = {
  KZ001: LEDGER_ERROR_TYPES.insufficientFunds,
  KZ002: LEDGER_ERROR_TYPES.currencyMismatch,
  KZ003: LEDGER_ERROR_TYPES.invalidPosting,
  KZ004: LEDGER_ERROR_TYPES.holdNotFound,
  KZ005: LEDGER_ERROR_TYPES.holdAlreadyResolved,
  KZ006: LEDGER_ERROR_TYPES.businessKeyConflict,
  KZ007: LEDGER_ERROR_TYPES.accountNotFound,
  // The CHECK constraints are the backstop behind the functions' own checks.
  '23514': LEDGER_ERROR_TYPES.insufficientFunds,
};

/** A refusal by the ledger's rules: retrying the same request cannot succeed. */
export class LedgerError extends Error {
  override readonly name = 'LedgerError';
  constructor(
    readonly type: LedgerErrorType,
    message: string,
  ) {
    super(message);
  }
}

interface DriverCause {
  code?: unknown;
  originalCode?: unknown;
  message?: unknown;
}

/** The PostgreSQL SQLSTATE behind a Prisma or node-postgres error, if any. */
export function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: DriverCause } } };
  const cause = candidate.meta?.driverAdapterError?.cause;
  const code = cause?.originalCode ?? cause?.code ?? candidate.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** A history request the ledger cannot answer (bad cursor or limit): the caller's mistake, not a fault. */
export class InvalidHistoryQuery extends Error {
  override readonly name = 'InvalidHistoryQuery';
}

/** Maps a ledger SQL refusal to a LedgerError; returns other errors unchanged (they are faults). */
export function toLedgerError(error: unknown): unknown {
  const state = sqlState(error);
  const type = state ? BY_SQLSTATE[state] : undefined;
  if (!type) return error;
  const cause = (error as { meta?: { driverAdapterError?: { cause?: DriverCause } } }).meta
    ?.driverAdapterError?.cause;
  const message = typeof cause?.message === 'string' ? cause.message : (error as Error).message;
  return new LedgerError(type, message);
}

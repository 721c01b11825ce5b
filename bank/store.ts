/**
 * The mock bank's books: one PostgreSQL table of collections and payouts, each keyed by the
 * caller's transfer id, which is also the idempotency key. The primary key is what makes a
 * retried call unable to pay twice: two concurrent inserts of one id cannot both succeed.
 * The bank has its own database so it shares nothing with the wallet's ledger but HTTP.
 *
 * Verification credits (the micro-deposits that prove someone controls an account) are a book
 * of their own: Kizo pays them from its own account at the bank, no wallet is behind them, so
 * they are not collections or payouts and never appear in `GET /v1/records`, the list the
 * wallet's reconciliation compares with its ledger.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Currency } from '../common/money';
import { ensureDatabase, withDatabase } from '../prisma/provision';

export type RecordKind = 'collection' | 'payout';
export type RecordStatus = 'ACCEPTED' | 'REFUSED';
/**
 * Stable codes for permanent refusals; callers switch on them, so never rename one. VOIDED is
 * the tombstone a void leaves when nothing was booked under the id: any later request with
 * that id is answered with it and never booked.
 */
export type RefusalCode = 'ACCOUNT_CLOSED' | 'LIMIT_EXCEEDED' | 'VOIDED';

/** The decision a void records when the id is free: a refusal that no later request can undo. */
export const VOID_TOMBSTONE = { status: 'REFUSED', reason: 'VOIDED' } as const satisfies {
  status: RecordStatus;
  reason: RefusalCode;
};

export interface MoneyRequest {
  id: string;
  kind: RecordKind;
  accountRef: string;
  currency: Currency;
  amountMinor: bigint;
}

export interface BankRecord extends MoneyRequest {
  status: RecordStatus;
  reason: RefusalCode | null;
  requestHash: string;
  createdAt: Date;
}

export type InsertOutcome =
  | { outcome: 'created'; record: BankRecord }
  | { outcome: 'replayed'; record: BankRecord }
  | { outcome: 'conflict'; record: BankRecord };

export interface RecordPage {
  records: BankRecord[];
  /** Pass back to get the next page; null when this page is the last. */
  nextCursor: string | null;
}

export interface ListOptions {
  kind?: RecordKind;
  status?: RecordStatus;
  cursor?: string;
  limit: number;
}

export const PAGE_LIMIT_MAX = 1000;

export interface BankStore {
  /**
   * Records the decision unless the id exists; then says whether the stored request matches.
   * A void is this call with VOID_TOMBSTONE: the primary key makes "book" and "void" of one id
   * mutually exclusive, whichever commits first wins and the other reads its result.
   */
  insertOrGet(
    request: MoneyRequest,
    decision: { status: RecordStatus; reason: RefusalCode | null },
  ): Promise<InsertOutcome>;
  get(kind: RecordKind, id: string): Promise<BankRecord | null>;
  list(options: ListOptions): Promise<RecordPage>;
  /** Books the micro-deposits of one verification once per id (the caller's idempotency key). */
  insertVerificationCredits(request: VerificationCreditsRequest): Promise<VerificationCreditsOutcome>;
  /** What arrived in an account, newest first: verification credits and accepted payouts. */
  incomingCredits(accountRef: string, limit: number): Promise<IncomingCredit[]>;
  close(): Promise<void>;
}

/** Two (or a few) small amounts Kizo sends to an account; the holder reads them on their statement. */
export interface VerificationCreditsRequest {
  id: string;
  accountRef: string;
  currency: Currency;
  amountsMinor: bigint[];
}

export interface VerificationCredits extends VerificationCreditsRequest {
  createdAt: Date;
}

export type VerificationCreditsOutcome =
  | { outcome: 'created' | 'replayed'; credits: VerificationCredits }
  | { outcome: 'conflict'; credits: VerificationCredits };

/** One line of an account's incoming credits, as its holder's statement would show it. */
export interface IncomingCredit {
  kind: 'VERIFICATION' | 'PAYOUT';
  id: string;
  currency: Currency;
  amountMinor: bigint;
  createdAt: Date;
}

/** Micro-deposits per verification, each of 1..99 minor units. */
export const VERIFICATION_CREDITS_MAX = 4;
export const VERIFICATION_CREDIT_MINOR_MAX = 99n;
export const INCOMING_CREDITS_LIMIT_MAX = 100;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS bank_records (
  -- seq orders pages; the id is the caller's transfer id and idempotency key.
  seq          BIGSERIAL NOT NULL UNIQUE,
  id           UUID PRIMARY KEY,
  kind         TEXT NOT NULL CHECK (kind IN ('collection', 'payout')),
  account_ref  TEXT NOT NULL CHECK (length(account_ref) BETWEEN 1 AND 128),
  currency     TEXT NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
  status       TEXT NOT NULL CHECK (status IN ('ACCEPTED', 'REFUSED')),
  reason       TEXT CHECK ((status = 'REFUSED') = (reason IS NOT NULL)),
  request_hash TEXT NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS bank_records_kind_status_seq ON bank_records (kind, status, seq);
CREATE INDEX IF NOT EXISTS bank_records_account_seq ON bank_records (account_ref, seq);
-- Micro-deposits from Kizo's own account, one row per amount; (id, position) is the key, so a
-- retried request books nothing twice. Not wallet money: GET /v1/records never lists them.
CREATE TABLE IF NOT EXISTS bank_verification_credits (
  seq          BIGSERIAL NOT NULL UNIQUE,
  id           UUID NOT NULL,
  position     SMALLINT NOT NULL CHECK (position BETWEEN 0 AND ${VERIFICATION_CREDITS_MAX - 1}),
  account_ref  TEXT NOT NULL CHECK (length(account_ref) BETWEEN 1 AND 128),
  currency     TEXT NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  amount_minor BIGINT NOT NULL CHECK (amount_minor BETWEEN 1 AND ${VERIFICATION_CREDIT_MINOR_MAX}),
  request_hash TEXT NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (id, position)
);
CREATE INDEX IF NOT EXISTS bank_verification_credits_account_seq ON bank_verification_credits (account_ref, seq);
`;

/** Hash of a verification request, so a reused id with other amounts or another account is caught. */
export function verificationRequestHash(request: VerificationCreditsRequest): string {
  const canonical = JSON.stringify([
    'verification',
    request.id,
    request.accountRef,
    request.currency,
    request.amountsMinor.map(String),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Hash of everything that defines the request, so a reused id with another body is caught. */
export function requestHash(request: MoneyRequest): string {
  const canonical = JSON.stringify([
    request.kind,
    request.id,
    request.accountRef,
    request.currency,
    request.amountMinor.toString(),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Creates the bank's database when missing (the server may be fresh), then its table. */
export async function openBankStore(
  databaseUrl: string,
  logError: (error: unknown) => void = console.error,
): Promise<BankStore> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  // An idle connection dropped by the server emits 'error' on the pool; unhandled, it would
  // crash the bank. The next query simply opens a new connection.
  pool.on('error', logError);
  const client = await connectCreatingDatabase(pool, databaseUrl).catch(async (error: unknown) => {
    await pool.end();
    throw error;
  });
  // Serialise concurrent start-ups: CREATE TABLE IF NOT EXISTS can still race on the catalog.
  try {
    await client.query('SELECT pg_advisory_lock(74201)');
    await client.query(SCHEMA);
  } finally {
    await client.query('SELECT pg_advisory_unlock(74201)').catch(() => {});
    client.release();
  }
  return createStore(pool);
}

/**
 * Connects, creating the database only when PostgreSQL says it does not exist: a production
 * role may lack CREATEDB or access to the `postgres` database, and then never needs either.
 */
async function connectCreatingDatabase(pool: pg.Pool, databaseUrl: string): Promise<pg.PoolClient> {
  try {
    return await pool.connect();
  } catch (error) {
    const missingDatabase = error instanceof Error && 'code' in error && error.code === '3D000';
    if (!missingDatabase) throw error;
    const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
    await ensureDatabase(withDatabase(databaseUrl, 'postgres'), name);
    return pool.connect();
  }
}

interface Row {
  seq: string;
  id: string;
  kind: RecordKind;
  account_ref: string;
  currency: Currency;
  amount_minor: string;
  status: RecordStatus;
  reason: RefusalCode | null;
  request_hash: string;
  created_at: Date;
}

const COLUMNS =
  'seq, id, kind, account_ref, currency, amount_minor, status, reason, request_hash, created_at';

function fromRow(row: Row): BankRecord {
  return {
    id: row.id,
    kind: row.kind,
    accountRef: row.account_ref,
    currency: row.currency,
    // pg returns BIGINT as a string precisely so it never passes through a float.
    amountMinor: BigInt(row.amount_minor),
    status: row.status,
    reason: row.reason,
    requestHash: row.request_hash,
    createdAt: row.created_at,
  };
}

function createStore(pool: pg.Pool): BankStore {
  return {
    async insertOrGet(request, decision) {
      const hash = requestHash(request);
      const inserted = await pool.query<Row>(
        `INSERT INTO bank_records (id, kind, account_ref, currency, amount_minor, status, reason, request_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (id) DO NOTHING
         RETURNING ${COLUMNS}`,
        [
          request.id,
          request.kind,
          request.accountRef,
          request.currency,
          request.amountMinor.toString(),
          decision.status,
          decision.reason,
          hash,
        ],
      );
      const created = inserted.rows[0];
      if (created) return { outcome: 'created', record: fromRow(created) };
      // The id exists, and rows are never deleted, so this read always finds it.
      const existing = await pool.query<Row>(`SELECT ${COLUMNS} FROM bank_records WHERE id = $1`, [
        request.id,
      ]);
      const row = existing.rows[0];
      if (!row) throw new Error(`bank record ${request.id} vanished after a conflicting insert`);
      const record = fromRow(row);
      return { outcome: record.requestHash === hash ? 'replayed' : 'conflict', record };
    },

    async get(kind, id) {
      const result = await pool.query<Row>(
        `SELECT ${COLUMNS} FROM bank_records WHERE id = $1 AND kind = $2`,
        [id, kind],
      );
      const row = result.rows[0];
      return row ? fromRow(row) : null;
    },

    async list(options) {
      if (!Number.isInteger(options.limit) || options.limit < 1 || options.limit > PAGE_LIMIT_MAX) {
        throw new RangeError(`limit must be 1..${PAGE_LIMIT_MAX}`);
      }
      const afterSeq = options.cursor === undefined ? '0' : decodeCursor(options.cursor);
      // One row more than asked tells whether another page exists without a COUNT. Sequence
      // numbers are taken before commit, so a pager racing live inserts could step past a row
      // that commits late; reconciliation reads settled history, where this cannot happen.
      const result = await pool.query<Row>(
        `SELECT ${COLUMNS} FROM bank_records
         WHERE seq > $1 AND ($2::text IS NULL OR kind = $2) AND ($3::text IS NULL OR status = $3)
         ORDER BY seq
         LIMIT $4`,
        [afterSeq, options.kind ?? null, options.status ?? null, options.limit + 1],
      );
      const rows = result.rows.slice(0, options.limit);
      const last = rows.at(-1);
      const more = result.rows.length > options.limit;
      return { records: rows.map(fromRow), nextCursor: more && last ? encodeCursor(last.seq) : null };
    },

    async insertVerificationCredits(request) {
      const count = request.amountsMinor.length;
      if (count < 1 || count > VERIFICATION_CREDITS_MAX)
        throw new RangeError(`1..${VERIFICATION_CREDITS_MAX} verification credits per request`);
      const hash = verificationRequestHash(request);
      // One statement: both rows are booked, or (the id exists) none is.
      const inserted = await pool.query(
        `INSERT INTO bank_verification_credits (id, position, account_ref, currency, amount_minor, request_hash)
         SELECT $1, position - 1, $2, $3, amount, $5
           FROM unnest($4::bigint[]) WITH ORDINALITY AS amounts(amount, position)
         ON CONFLICT (id, position) DO NOTHING`,
        [request.id, request.accountRef, request.currency, request.amountsMinor.map(String), hash],
      );
      const stored = await pool.query<{
        account_ref: string;
        currency: Currency;
        amount_minor: string;
        request_hash: string;
        created_at: Date;
      }>(
        `SELECT account_ref, currency, amount_minor, request_hash, created_at
           FROM bank_verification_credits WHERE id = $1 ORDER BY position`,
        [request.id],
      );
      const first = stored.rows[0];
      if (!first) throw new Error(`verification credits ${request.id} vanished after their insert`);
      const credits: VerificationCredits = {
        id: request.id,
        accountRef: first.account_ref,
        currency: first.currency,
        amountsMinor: stored.rows.map((row) => BigInt(row.amount_minor)),
        createdAt: first.created_at,
      };
      if (inserted.rowCount === count) return { outcome: 'created', credits };
      return { outcome: first.request_hash === hash ? 'replayed' : 'conflict', credits };
    },

    async incomingCredits(accountRef, limit) {
      if (!Number.isInteger(limit) || limit < 1 || limit > INCOMING_CREDITS_LIMIT_MAX)
        throw new RangeError(`limit must be 1..${INCOMING_CREDITS_LIMIT_MAX}`);
      const result = await pool.query<{
        kind: IncomingCredit['kind'];
        id: string;
        currency: Currency;
        amount_minor: string;
        created_at: Date;
      }>(
        `(SELECT 'VERIFICATION' AS kind, id::text, currency, amount_minor, created_at, seq
            FROM bank_verification_credits WHERE account_ref = $1 ORDER BY seq DESC LIMIT $2)
         UNION ALL
         (SELECT 'PAYOUT' AS kind, id::text, currency, amount_minor, created_at, seq
            FROM bank_records WHERE account_ref = $1 AND kind = 'payout' AND status = 'ACCEPTED'
           ORDER BY seq DESC LIMIT $2)
         ORDER BY created_at DESC, seq DESC
         LIMIT $2`,
        [accountRef, limit],
      );
      return result.rows.map((row) => ({
        kind: row.kind,
        id: row.id,
        currency: row.currency,
        amountMinor: BigInt(row.amount_minor),
        createdAt: row.created_at,
      }));
    },

    close: () => pool.end(),
  };
}

/** Cursors are opaque to callers so the paging key can change without breaking them. */
function encodeCursor(seq: string): string {
  return Buffer.from(`seq:${seq}`).toString('base64url');
}

export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
}

function decodeCursor(cursor: string): string {
  const match = /^seq:([0-9]{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match?.[1]) throw new InvalidCursorError('cursor is not one this bank issued');
  return match[1];
}

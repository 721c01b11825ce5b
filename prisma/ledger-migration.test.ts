/**
 * Goal: the two-legged postings migration converts a ledger that the earlier schema wrote (a
 * posting row plus two entry rows) without creating, losing or moving money: every balance,
 * hold and entry reads the same after it, the audit is clean, and the new functions carry on
 * from there. A posting it cannot convert stops it with the database untouched.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLedger } from '../ledger/ledger';
import { createTransfer, createUser, expectLedgerAuditClean } from '../test/support/fixtures';
import { createDatabase, type Database } from './client';
import { readMigrations, type MigrationFile } from './migrate';
import { dropDatabase, ensureDatabase, withDatabase } from './provision';

const TWO_LEGGED = '20261201100000_ledger_two_legged_postings';
const adminUrl = withDatabase(inject('databaseUrl'), 'postgres');
const scratchName = `kizo_ledger_migration_${process.pid}_${Date.now().toString(36)}`;
let scratchUrl: string;
let client: pg.Client;
let db: Database;
let twoLegged: MigrationFile;

/** Each account's balance and each entry, as the old and the new schema both show them. */
async function snapshot() {
  const accounts = await client.query<{ id: string; balance_minor: string }>(
    'SELECT id, balance_minor FROM accounts ORDER BY id',
  );
  const entries = await client.query<{
    posting_id: string;
    account_id: string;
    amount_minor: string;
    balance_after_minor: string;
  }>(
    'SELECT posting_id, account_id, amount_minor, balance_after_minor FROM entries ORDER BY posting_id, amount_minor',
  );
  const holds = await client.query<{ transfer_id: string; status: string; amount_minor: string }>(
    'SELECT transfer_id, status, amount_minor FROM holds ORDER BY transfer_id',
  );
  return { accounts: accounts.rows, entries: entries.rows, holds: holds.rows };
}

/** This database stops before the migration that added bank accounts. */
const BEFORE_BANK_ACCOUNTS = { demoAccount: false };

beforeAll(async () => {
  scratchUrl = await ensureDatabase(adminUrl, scratchName);
  client = new pg.Client({ connectionString: scratchUrl });
  await client.connect();
  const migrations = await readMigrations();
  twoLegged = migrations.find((migration) => migration.name === TWO_LEGGED)!;
  // The schema as it stood before: the earlier migrations only, not recorded as applied.
  for (const migration of migrations.filter((migration) => migration.name < TWO_LEGGED))
    await client.query(migration.sql);
  db = createDatabase(scratchUrl, { poolSize: 2 });
});

afterAll(async () => {
  await db?.$disconnect();
  await client?.end();
  await dropDatabase(adminUrl, scratchName);
});

describe('two-legged postings migration', () => {
  it('refuses a posting that is not one debit and one credit, and leaves the database as it was', async () => {
    await client.query('BEGIN');
    try {
      const user = await createUser(db, 'user', BEFORE_BANK_ACCOUNTS);
      await client.query(`SELECT ledger_credit_from_bank($1, $2, 'EUR', 90)`, [randomUUID(), user.id]);
      const wallet = await client.query<{ id: string }>(`SELECT ledger_wallet_id($1, 'EUR') AS id`, [
        user.id,
      ]);
      // Three entries in one posting: valid in the old schema, not expressible as one row.
      await client.query(
        `SELECT ledger_post('test:three-legs', 'TEST', NULL, 'EUR',
        ARRAY[ledger_system_account_id('BANK_SETTLEMENT', 'EUR', 0), $1::bigint, $1::bigint], ARRAY[-2, 1, 1]::bigint[])`,
        [wallet.rows[0]!.id],
      );
      await client.query('SAVEPOINT before_migration');
      await expect(client.query(twoLegged.sql)).rejects.toThrow(
        /is not one debit and one credit; convert it by hand/,
      );
      await client.query('ROLLBACK TO SAVEPOINT before_migration');
      const table = await client.query(
        `SELECT to_regclass('entries')::text AS kind, (SELECT relkind FROM pg_class WHERE relname = 'entries')::text AS relkind`,
      );
      expect(table.rows[0]).toEqual({ kind: 'entries', relkind: 'r' });
    } finally {
      await client.query('ROLLBACK');
    }
  });

  it('converts every posting to one row with the same legs, balances and holds, and the ledger carries on', async () => {
    const [alice, bob] = [
      await createUser(db, 'alice', BEFORE_BANK_ACCOUNTS),
      await createUser(db, 'bob', BEFORE_BANK_ACCOUNTS),
    ];
    const post = (sql: string, ...values: unknown[]) => client.query(`SELECT * FROM ${sql}`, values);
    await post(`ledger_credit_from_bank($1, $2, 'EUR', 1000)`, randomUUID(), alice.id);
    const settled = await createTransfer(db, {
      userId: alice.id,
      amountMinor: 300n,
      recipientUserId: bob.id,
      status: 'COMPLETED',
    });
    await post(`ledger_place_hold($1, $2, 'EUR', 300)`, settled, alice.id);
    await post(`ledger_resolve_hold($1, 'SETTLED', ledger_wallet_id($2, 'EUR'))`, settled, bob.id);
    const released = await createTransfer(db, { userId: alice.id, amountMinor: 200n, status: 'COMPLETED' });
    await post(`ledger_place_hold($1, $2, 'EUR', 200)`, released, alice.id);
    await post(`ledger_resolve_hold($1, 'RELEASED', NULL)`, released);
    const open = await createTransfer(db, { userId: alice.id, amountMinor: 100n, recipientUserId: bob.id });
    await post(`ledger_place_hold($1, $2, 'EUR', 100)`, open, alice.id);
    const before = await snapshot();
    expect(before.entries).toHaveLength(12);

    // What `npm run db:migrate` does on a database that has the earlier migrations applied.
    await client.query(twoLegged.sql);
    const after = await snapshot();
    expect(after).toEqual(before);
    const postings = await client.query('SELECT count(*)::int AS n FROM postings');
    expect(postings.rows[0]).toEqual({ n: 6 });
    await expectLedgerAuditClean(db);

    // The new functions settle the hold the old ones placed, and history reads across both.
    const ledger = createLedger(db);
    await ledger.settleHoldToUser({ transferId: open, recipientUserId: bob.id, currency: 'EUR' });
    expect(await ledger.balances(alice.id)).toEqual([
      { currency: 'EUR', availableMinor: 600n, heldMinor: 0n },
    ]);
    const history = await ledger.history(alice.id, 'EUR', { limit: 10 });
    expect(history.items.map((item) => [item.kind, item.amountMinor, item.balanceAfterMinor])).toEqual([
      ['HOLD', -100n, 600n],
      ['RELEASE', 200n, 700n],
      ['HOLD', -200n, 500n],
      ['HOLD', -300n, 700n],
      ['DEPOSIT', 1000n, 1000n],
    ]);
    await expectLedgerAuditClean(db);
  });
});

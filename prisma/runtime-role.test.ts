/**
 * Goal: the role the API and the workers run as (a login role in `kizo_runtime`) can do their
 * work and nothing more against the ledger: it records transfers and moves money through the
 * ledger functions, but cannot disable the append-only triggers, rewrite or delete a posting,
 * insert one by hand, or set a balance.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLedger } from '../ledger/ledger';
import { createTransferRecords } from '../transfers/records';
import { createUser } from '../test/support/fixtures';
import { createDatabase, type Database } from './client';
import { withDatabase } from './provision';

const ROLE = `kizo_app_test_${process.pid}`;
const PASSWORD = randomUUID();
let admin: pg.Client;
let runtime: pg.Client;
let runtimeDb: Database;
let ownerDb: Database;

function asRole(url: string): string {
  const parsed = new URL(url);
  parsed.username = ROLE;
  parsed.password = PASSWORD;
  return parsed.toString();
}

beforeAll(async () => {
  const url = inject('databaseUrl');
  admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  await admin.query(`DROP ROLE IF EXISTS ${ROLE}`);
  await admin.query(`CREATE ROLE ${ROLE} LOGIN PASSWORD '${PASSWORD}' IN ROLE kizo_runtime`);
  runtime = new pg.Client({ connectionString: asRole(url) });
  await runtime.connect();
  runtimeDb = createDatabase(asRole(url), { poolSize: 2 });
  ownerDb = createDatabase(url, { poolSize: 2 });
});

afterAll(async () => {
  await runtimeDb?.$disconnect();
  await ownerDb?.$disconnect();
  await runtime?.end();
  await admin?.query(`DROP OWNED BY ${ROLE}`).catch(() => {});
  await admin?.query(`DROP ROLE IF EXISTS ${ROLE}`);
  await admin?.end();
});

describe('the runtime database role', () => {
  it('records a transfer and moves money through the ledger functions', async () => {
    const user = await createUser(ownerDb, 'runtime');
    const transferId = randomUUID();
    await createTransferRecords(runtimeDb).create({
      transferId,
      kind: 'DEPOSIT',
      userId: user.id,
      bankAccountRef: 'x-ref',
      currency: 'EUR',
      amountMinor: 500n,
      workflowId: `runtime-${transferId}`,
      idempotencyKey: transferId,
    });
    const ledger = createLedger(runtimeDb);
    await ledger.creditFromBank({ transferId, userId: user.id, currency: 'EUR', amountMinor: 500n });
    const hold = randomUUID();
    await ledger.placeHold({ transferId: hold, userId: user.id, currency: 'EUR', amountMinor: 200n });
    await ledger.releaseHold({ transferId: hold });
    expect(
      (await ledger.balances(user.id)).find((balance) => balance.currency === 'EUR')?.availableMinor,
    ).toBe(500n);
    for (const status of ['SENT_TO_BANK', 'COMPLETED'] as const)
      await createTransferRecords(runtimeDb).setStatus(transferId, { status, detail: null });
  });

  it('cannot disable a ledger trigger, rewrite, delete or forge a posting, or set a balance', async () => {
    const refused = async (sql: string) => {
      const error = await runtime.query(sql).then(
        () => undefined,
        (failure: { code?: string }) => failure,
      );
      return error?.code;
    };
    expect(await refused('ALTER TABLE postings DISABLE TRIGGER postings_append_only')).toBe('42501');
    expect(await refused('UPDATE postings SET amount_minor = amount_minor + 1')).toBe('42501');
    expect(await refused('DELETE FROM postings')).toBe('42501');
    expect(await refused(`INSERT INTO postings (business_key) VALUES ('forged')`)).toBe('42501');
    expect(await refused('UPDATE accounts SET balance_minor = 1000000')).toBe('42501');
    expect(await refused('DELETE FROM holds')).toBe('42501');
    expect(await refused('DROP TABLE postings')).toBe('42501');
    // Reading the ledger is allowed (the audit, balances).
    expect((await runtime.query('SELECT count(*) FROM postings')).rowCount).toBe(1);
  });
});

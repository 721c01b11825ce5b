/**
 * Goal: the audit is not a rubber stamp. On a scratch database holding a real ledger it passes;
 * after deliberate corruption (append-only trigger disabled, an entry and a balance rewritten,
 * a hold left open for a finished transfer) exactly the checks that guard those invariants
 * fail, and `npm run ledger:audit` prints ✗ lines and exits 1.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, type Database } from '../prisma/client';
import { migrate } from '../prisma/migrate';
import { dropDatabase, ensureDatabase, withDatabase } from '../prisma/provision';
import { createTransfer, createUser, fundWallet } from '../test/support/fixtures';
import { auditLedger } from './audit';
import { formatAuditReport } from './audit-cli';
import { createLedger } from './ledger';

const run = promisify(execFile);
const adminUrl = withDatabase(inject('databaseUrl'), 'postgres');
const scratchName = `kizo_audit_scratch_${process.pid}_${Date.now().toString(36)}`;
let scratchUrl: string;
let db: Database;

beforeAll(async () => {
  scratchUrl = await ensureDatabase(adminUrl, scratchName);
  await migrate(scratchUrl);
  db = createDatabase(scratchUrl, { poolSize: 2 });
  const ledger = createLedger(db);
  const [sender, recipient] = [await createUser(db, 'sender'), await createUser(db, 'recipient')];
  await fundWallet(db, sender.id, 1_000n, 'EUR', { bank: null });
  const settled = await createTransfer(db, {
    userId: sender.id,
    amountMinor: 300n,
    recipientUserId: recipient.id,
    status: 'COMPLETED',
  });
  await ledger.placeHold({ transferId: settled, userId: sender.id, currency: 'EUR', amountMinor: 300n });
  await ledger.settleHoldToUser({ transferId: settled, recipientUserId: recipient.id, currency: 'EUR' });
  const open = await createTransfer(db, { userId: sender.id, amountMinor: 100n });
  await ledger.placeHold({ transferId: open, userId: sender.id, currency: 'EUR', amountMinor: 100n });
});

afterAll(async () => {
  await db?.$disconnect();
  await dropDatabase(adminUrl, scratchName);
});

describe('ledger audit', () => {
  it('passes on an intact ledger, and the command says so with exit code 0', async () => {
    const report = await auditLedger(db);
    expect(report.checks.filter((check) => !check.ok)).toEqual([]);
    expect(report.checks.length).toBeGreaterThanOrEqual(9);
    const { stdout } = await run('npx', ['tsx', 'ledger/audit-cli.ts'], {
      env: { ...process.env, DATABASE_URL: scratchUrl },
    });
    expect(stdout).toMatch(/✓ every posting sums to zero per currency/);
    expect(stdout).toMatch(/CLEAN: all \d+ checks pass/);
  });

  it('fails exactly the broken checks on a corrupted copy, and the command exits 1', async () => {
    // Corruption an attacker or a buggy migration could cause: the database's own guards have
    // to be switched off first, which is the point of auditing independently of them.
    // A posting is balanced by construction (one amount, debited and credited), so corruption
    // shows up against the accounts: a posting whose amount no longer matches the balances it
    // moved, and one whose currency no longer matches its accounts.
    const deposit = await db.posting.findFirstOrThrow({ where: { kind: 'DEPOSIT' } });
    const other = await db.posting.findFirstOrThrow({ where: { kind: 'SETTLE' } });
    await db.$executeRawUnsafe('ALTER TABLE postings DISABLE TRIGGER USER');
    await db.$executeRaw`UPDATE postings SET amount_minor = amount_minor + 1 WHERE id = ${deposit.id}`;
    await db.$executeRaw`UPDATE postings SET currency = 'USD' WHERE id = ${other.id}`;
    await db.$executeRawUnsafe('ALTER TABLE postings ENABLE TRIGGER USER');
    const victim = await createUser(db, 'victim');
    await db.$executeRaw`INSERT INTO accounts (kind, user_id, currency, balance_minor) VALUES ('WALLET', ${victim.id}::uuid, 'EUR', 0)`;
    await db.$executeRawUnsafe('ALTER TABLE accounts DROP CONSTRAINT accounts_wallet_not_negative');
    await db.$executeRaw`UPDATE accounts SET balance_minor = -5 WHERE user_id = ${victim.id}::uuid`;
    const openHold = await db.hold.findFirstOrThrow({ where: { status: 'OPEN' } });
    await db.transfer.update({ where: { id: openHold.transferId }, data: { status: 'FAILED' } });

    const report = await auditLedger(db);
    const failed = Object.fromEntries(
      report.checks.filter((check) => !check.ok).map((check) => [check.name, check]),
    );
    expect(report.ok).toBe(false);
    expect(Object.keys(failed).sort()).toEqual(
      [
        'every balance equals the sum of its entries',
        'every entry is in its account currency',
        'no wallet below zero',
        'every open hold belongs to a transfer still in flight',
      ].sort(),
    );
    expect(failed['no wallet below zero']!.violations).toBe(1);
    // Both accounts of the bumped deposit, and the victim's wallet that no posting explains.
    expect(failed['every balance equals the sum of its entries']!.violations).toBe(3);
    expect(failed['every entry is in its account currency']!.examples.sort()).toEqual(
      [
        `posting ${other.id} in USD on EUR account ${other.debitAccountId}`,
        `posting ${other.id} in USD on EUR account ${other.creditAccountId}`,
      ].sort(),
    );
    expect(failed['every open hold belongs to a transfer still in flight']!.examples[0]).toContain('FAILED');

    const lines = formatAuditReport(report);
    expect(lines.filter((line) => line.startsWith('✗'))).toHaveLength(4);
    expect(lines.at(-1)).toMatch(/NOT CLEAN: 4 of \d+ checks fail/);
    const exit = await run('npx', ['tsx', 'ledger/audit-cli.ts'], {
      env: { ...process.env, DATABASE_URL: scratchUrl },
    }).then(
      () => 0,
      (error: { code?: number; stdout?: string }) => {
        expect(error.stdout).toMatch(/✗ no wallet below zero: 1 violation/);
        return error.code;
      },
    );
    expect(exit).toBe(1);
  });
});

/**
 * Goal: prisma/ledger.sql is the ledger as the migrations leave it. It fails when a migration
 * changed a ledger function, trigger or view and the file was not regenerated
 * (`npm run db:ledger-sql`), so the one readable copy can never drift from the database.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { currentLedgerSql, LEDGER_SQL_PATH } from './ledger-sql';

describe('prisma/ledger.sql', () => {
  it('equals the ledger of a freshly migrated database', async () => {
    const live = await currentLedgerSql(inject('databaseUrl'));
    expect(live).toMatch(/FUNCTION public\.ledger_place_hold/);
    expect(readFileSync(LEDGER_SQL_PATH, 'utf8')).toBe(live);
  });
});

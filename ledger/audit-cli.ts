/**
 * `npm run ledger:audit`: prints the ledger audit for the database at DATABASE_URL, one line per
 * check (✓ or ✗, how many rows break it, a few examples), and exits 1 when anything is broken,
 * so an operator or a cron job can run it as is.
 */
import { fileURLToPath } from 'node:url';
import { createDatabase } from '../prisma/client';
import { auditLedger, type AuditReport } from './audit';

/** The operator's view of a report, as the lines the command prints. */
export function formatAuditReport(report: AuditReport): string[] {
  const lines = [`Kizo ledger audit at ${report.checkedAt}`];
  for (const check of report.checks) {
    lines.push(
      check.ok
        ? `✓ ${check.name}`
        : `✗ ${check.name}: ${check.violations} violation${check.violations === 1 ? '' : 's'}`,
    );
    for (const example of check.examples) lines.push(`    e.g. ${example}`);
  }
  const broken = report.checks.filter((check) => !check.ok).length;
  lines.push(
    report.ok
      ? `CLEAN: all ${report.checks.length} checks pass`
      : `NOT CLEAN: ${broken} of ${report.checks.length} checks fail`,
  );
  return lines;
}

async function main(): Promise<number> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error(
      'DATABASE_URL is not set; export it (for example postgresql://postgres@127.0.0.1:5432/kizo)',
    );
    return 2;
  }
  const db = createDatabase(databaseUrl, { poolSize: 1 });
  try {
    const report = await auditLedger(db);
    for (const line of formatAuditReport(report)) console.log(line);
    return report.ok ? 0 : 1;
  } finally {
    await db.$disconnect();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`ledger audit could not run: ${(error as Error).message}`);
      process.exit(2);
    },
  );
}

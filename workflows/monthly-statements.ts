/**
 * The monthly statements run (the `kizo-monthly-statements` Schedule, on the 1st): the
 * statements of the month before, made in batches of wallets by an activity, until done.
 * `month` (YYYY-MM) makes another month's; a repeated run adds nothing, and a wallet that
 * cannot be made is counted in `skipped` (recorded in statement_skips) instead of holding up the
 * run. Deterministic.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

const statements = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumInterval: '1 minute' },
});

/** The month before the one `now` is in, as YYYY-MM (UTC). */
export function previousMonth(now: Date): string {
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return `${first.getUTCFullYear()}-${String(first.getUTCMonth() + 1).padStart(2, '0')}`;
}

export async function monthlyStatementsWorkflow(
  input: { month?: string } = {},
): Promise<{ month: string; made: number; skipped: number }> {
  const month = input.month ?? previousMonth(new Date());
  let made = 0;
  let skipped = 0;
  for (let after: string | null = '0'; after !== null;) {
    const batch: { made: number; skipped?: number; next: string | null } =
      await statements.makeMonthlyStatements({
        month,
        afterAccountId: after,
      });
    made += batch.made;
    // Absent from a batch made by a worker of before skips were recorded.
    skipped += batch.skipped ?? 0;
    after = batch.next;
  }
  return { month, made, skipped };
}

/**
 * Goal: reconciliation runs by itself as a Temporal Schedule and keeps a record. Ensuring the
 * schedule creates it once and updates it after; a triggered run records a clean result for the
 * shared book; a run over a book whose bank paid out something the ledger never posted records
 * the mismatch, and the API's gauge reports it for the alert.
 */
import { documentedCommands, runDocumented } from '../support/operator-docs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../api/app';
import { createBankClient } from '../../bank-client/client';
import { startBank } from '../../bank/server';
import { dropDatabase, ensureDatabase, withDatabase } from '../../prisma/provision';
import {
  RECONCILIATION_SCHEDULE_ID,
  RECONCILIATION_WORKFLOW_ID,
  ensureReconciliationSchedule,
} from '../../temporal/reconciliation-schedule';
import { createKizoWorker } from '../../temporal/worker';
import {
  createReconciliationActivities,
  type ReconciliationSummary,
} from '../../activities/reconciliation-activities';
import { testConfig } from '../api/support';
import {
  connectServices,
  eventually,
  scratchDatabase,
  sharedBankClient,
  type TestServices,
} from '../support/fixtures';

describe('scheduled reconciliation', () => {
  let services: TestServices;

  beforeAll(async () => {
    services = await connectServices();
  });
  afterAll(async () => {
    await services?.close();
  });

  it('is a Temporal Schedule whose triggered run records a clean result', async () => {
    expect(await ensureReconciliationSchedule(services.temporal, { intervalMs: 3_600_000 })).toBe('created');
    expect(await ensureReconciliationSchedule(services.temporal, { intervalMs: 7_200_000 })).toBe('updated');
    const schedule = services.temporal.schedule.getHandle(RECONCILIATION_SCHEDULE_ID);
    const description = await schedule.describe();
    expect(description.spec.intervals?.[0]?.every).toBe(7_200_000);
    await schedule.trigger();
    const run = await eventually(
      () =>
        services.db.reconciliationRun.findFirst({
          where: { workflowId: { startsWith: RECONCILIATION_WORKFLOW_ID } },
        }),
      (found) => found !== null,
      60_000,
    );
    expect([run?.ok, run?.mismatchCount]).toEqual([true, 0]);
    // The operators' documented commands for this schedule (docs/operators.md) work on it.
    const documented = documentedCommands().filter((command) => command.includes('kizo-reconciliation'));
    expect(documented.length).toBeGreaterThanOrEqual(3);
    for (const command of documented) expect(runDocumented(command), command).toMatchObject({ status: 0 });
    expect((await schedule.describe()).state.paused).toBe(true);
    await schedule.delete();
  });

  it('records a run once however often its activity runs (a retry after a lost answer)', async () => {
    const activities = createReconciliationActivities(services.db, sharedBankClient);
    const workflowId = `reconciliation-retried-${randomUUID()}`;
    const [first, second] = [
      await activities.reconcileAndRecord({ workflowId }),
      await activities.reconcileAndRecord({ workflowId }),
    ];
    expect([first.ok, second.ok]).toEqual([true, true]);
    expect(await services.db.reconciliationRun.count({ where: { workflowId } })).toBe(1);
  });

  it('records a payout the ledger never posted as a mismatch, and the API reports it for the alert', async () => {
    const ledger = await scratchDatabase('reconcile');
    const adminUrl = withDatabase(inject('databaseUrl'), 'postgres');
    const bankDatabase = `kizo_reconcile_bank_${process.pid}_${Date.now().toString(36)}`;
    const bank = await startBank({
      port: 0,
      databaseUrl: await ensureDatabase(adminUrl, bankDatabase),
      controls: false,
    });
    const bankClient = createBankClient({ baseUrl: bank.url, timeoutMs: 5_000 });
    const taskQueue = `kizo-test-reconcile-${randomUUID().slice(0, 8)}`;
    const { worker, connection } = await createKizoWorker({
      address: inject('temporalAddress'),
      namespace: 'default',
      db: ledger.db,
      bank: bankClient,
      taskQueue,
    });
    try {
      const stray = randomUUID();
      await bankClient.payout({ id: stray, accountRef: 'acct-stray', currency: 'EUR', amountMinor: 700n });
      const workflowId = `reconciliation-test-${randomUUID()}`;
      const summary = (await worker.runUntil(
        services.temporal.workflow.execute('reconciliationWorkflow', { taskQueue, workflowId, args: [] }),
      )) as ReconciliationSummary;
      expect([summary.ok, summary.mismatchCount]).toEqual([false, 1]);
      const run = await ledger.db.reconciliationRun.findUniqueOrThrow({ where: { workflowId } });
      expect(run.mismatches).toEqual([
        expect.objectContaining({ transferId: stray, problem: 'missing-in-ledger' }),
      ]);

      const api = createApp({
        db: ledger.db,
        temporal: services.temporal,
        config: testConfig({ BANK_URL: bank.url }),
      });
      const metrics = await (await api.request('/metrics')).text();
      expect(metrics).toMatch(/^kizo_reconciliation_mismatches 1$/m);
      expect(metrics).toMatch(/^kizo_reconciliation_last_run_timestamp_seconds \d+/m);
    } finally {
      await connection.close();
      await bank.stop();
      await dropDatabase(adminUrl, bankDatabase);
      await ledger.drop();
    }
  });
});

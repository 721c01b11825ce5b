/**
 * Goal: a workflow change can be deployed while money is in flight. Transfers start on a worker
 * running the workflow code of an earlier release (commit PREVIOUS_RELEASE, kept as a fixture
 * archive made with `git archive`, so no clone's history is needed, and bundled as it was), one
 * waiting for review and one waiting on a bank that is
 * down; that worker is replaced mid-flight by one running today's code; each transfer then
 * completes exactly once, on the code paths it started with (`patched()`), and the ledger audit
 * and the bank reconciliation are clean. See docs/operators.md, "Deploying a workflow change".
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createBankClient } from '../../bank-client/client';
import { startBank, type RunningBank } from '../../bank/server';
import { createDatabase } from '../../prisma/client';
import { WORKFLOW_TRACING_MODULES } from '../../temporal/tracing';
import { createKizoWorker } from '../../temporal/worker';
import { reviewUpdate, statusQuery } from '../../workflows/definitions';
import {
  availableMinor,
  connectServices,
  createAdmin,
  createUser,
  eventually,
  expectLedgerAuditClean,
  expectReconciliationClean,
  fundWallet,
  type TestServices,
} from '../support/fixtures';
import {
  depositInput,
  fastBank,
  p2pInput,
  startTransfer,
  testPolicy,
  waitForResult,
  withdrawalInput,
} from './support';

/**
 * The last release before the void protocol and the worker-side policy, 79d4e8e, as
 * `git archive --format=tar.gz 79d4e8e workflows common temporal activities` wrote it.
 */
const PREVIOUS_RELEASE = new URL('../fixtures/release-79d4e8e-workflows.tar.gz', import.meta.url);
const ROOT = path.resolve(import.meta.dirname, '../..');

/** Bundles the workflow code of a release archive, unpacked into a scratch folder. */
async function bundleRelease(archive: URL, folder: string): Promise<WorkflowBundleWithSourceMap> {
  execFileSync('tar', ['-xzf', fileURLToPath(archive), '-C', folder]);
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(folder, 'node_modules'));
  return bundleWorkflowCode({
    workflowsPath: path.join(folder, 'workflows/index.ts'),
    workflowInterceptorModules: [...WORKFLOW_TRACING_MODULES],
    logger: undefined,
  });
}

describe('deploying a workflow change with money in flight', () => {
  let services: TestServices;
  let bank: RunningBank;
  const folder = mkdtempSync(path.join(tmpdir(), 'kizo-previous-'));

  beforeAll(async () => {
    services = await connectServices();
    bank = await startBank({ port: 0, databaseUrl: inject('walletBankDatabaseUrl'), controls: true });
  });
  afterAll(async () => {
    await bank?.stop();
    await services?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('finishes a transfer in review and one waiting on the bank, started on the previous code, exactly once on the new', async () => {
    const previous = await bundleRelease(PREVIOUS_RELEASE, folder);
    const bankClient = createBankClient({ baseUrl: bank.url, timeoutMs: 1_000 });
    const taskQueue = `kizo-test-evolution-${Date.now().toString(36)}`;
    const db = createDatabase(inject('databaseUrl'), { poolSize: 4 });
    const start = (workflowBundle?: WorkflowBundleWithSourceMap) =>
      createKizoWorker({
        address: inject('temporalAddress'),
        namespace: 'default',
        db,
        bank: bankClient,
        taskQueue,
        policy: testPolicy(),
        ...(workflowBundle ? { workflowBundle } : {}),
      });

    const alice = await createUser(services.db, 'alice');
    const bob = await createUser(services.db, 'bob');
    await fundWallet(services.db, alice.id, 20_000n);

    // Inputs as the previous API built them: policy travelled in them then.
    const old = await start(previous);
    const oldRun = old.worker.run();
    const p2p = await startTransfer(
      services.temporal,
      'P2P',
      { ...p2pInput(alice.id, bob.id, '6000'), reviewThresholdMinor: '5000', reviewTimeoutMs: 600_000 },
      taskQueue,
    );
    await eventually(
      () => p2p.handle.query(statusQuery),
      (state) => state.status === 'IN_REVIEW',
    );
    bank.faults.update({ outage: true });
    const withdrawal = await startTransfer(
      services.temporal,
      'WITHDRAWAL',
      { ...withdrawalInput(alice.id, '2500'), bank: fastBank() },
      taskQueue,
    );
    await eventually(
      () => withdrawal.handle.fetchHistory(),
      (history) => (history.events ?? []).some((event) => event.timerStartedEventAttributes),
    );
    expect(await availableMinor(services.db, alice.id)).toBe(20_000n - 6_000n - 2_500n);

    // The deploy: the old worker drains and stops; the new one takes over the same task queue.
    old.worker.shutdown();
    await oldRun;
    await old.connection.close();
    const current = await start();
    const currentRun = current.worker.run();
    try {
      const admin = await createAdmin(services.db);
      expect(
        (await p2p.handle.executeUpdate(reviewUpdate, { args: [{ approved: true, reviewerId: admin.id }] }))
          .applied,
      ).toBe(true);
      bank.faults.update({ outage: false });
      expect((await waitForResult(p2p.handle)).status).toBe('COMPLETED');
      expect((await waitForResult(withdrawal.handle)).status).toBe('COMPLETED');
      // Each kept the path it started on: no patch marker (void protocol, worker policy) in its
      // history, while a transfer started on the new code records them.
      const markersOf = async (handle: typeof p2p.handle) =>
        ((await handle.fetchHistory()).events ?? []).flatMap((event) =>
          event.markerRecordedEventAttributes?.markerName
            ? [event.markerRecordedEventAttributes.markerName]
            : [],
        );
      for (const { handle } of [p2p, withdrawal]) expect(await markersOf(handle)).not.toContain('core_patch');
      const fresh = await startTransfer(services.temporal, 'DEPOSIT', depositInput(bob.id, '100'), taskQueue);
      expect((await waitForResult(fresh.handle)).status).toBe('COMPLETED');
      expect(await markersOf(fresh.handle)).toContain('core_patch');
      const payouts = (
        await bankClient.listRecords({ kind: 'payout', status: 'ALL', limit: 1000 })
      ).records.filter((record) => record.id === withdrawal.transferId);
      expect(payouts.map((record) => record.status)).toEqual(['ACCEPTED']);
      expect([
        await availableMinor(services.db, alice.id),
        await availableMinor(services.db, bob.id),
      ]).toEqual([20_000n - 6_000n - 2_500n, 6_100n]);
      await expectLedgerAuditClean(services.db);
      await expectReconciliationClean(services.db, bankClient);
    } finally {
      current.worker.shutdown();
      await currentRun;
      await current.connection.close();
      await db.$disconnect();
    }
  }, 120_000);
});

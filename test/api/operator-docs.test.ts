/**
 * Goal: the operators' documentation cannot drift from the tools. Every `temporal ...` command in
 * the shell blocks of docs/operators.md and docs/observability.md runs against the run's Temporal
 * server, its placeholders filled with real ids (a transfer waiting for review, a withdrawal to
 * cancel, a payment request, a transfer schedule, the reconciliation schedule), and must succeed.
 * The review and cancel commands must also do what the docs say. (The reconciliation schedule's
 * commands run where that schedule is tested, test/workflows/reconciliation.test.ts.)
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { documentedCommands, runDocumented } from '../support/operator-docs';
import {
  connectServices,
  createAdmin,
  eventually,
  fundWallet,
  linkBankAccount,
  type TestServices,
  expectLedgerAuditClean,
  expectReconciliationClean,
} from '../support/fixtures';
import { createTestApp, get, postMoney, signUpVerified, type TestApp } from './support';

describe('the operators documentation', () => {
  let services: TestServices;
  let app: TestApp;

  beforeAll(async () => {
    services = await connectServices();
    app = createTestApp(services);
  });
  afterEach(async () => {
    await expectLedgerAuditClean(services.db);
    await expectReconciliationClean(services.db);
  });
  afterAll(() => services.close());

  it('runs every documented temporal command, and the review and cancel commands work', async () => {
    // The reconciliation schedule's commands run in test/workflows/reconciliation.test.ts, which owns that schedule.
    const commands = documentedCommands().filter((command) => !command.includes('kizo-reconciliation'));
    expect(commands.length).toBeGreaterThan(30);

    const ada = await signUpVerified(app, 'ada');
    const bob = await signUpVerified(app, 'bob');
    const admin = await createAdmin(services.db);
    await fundWallet(services.db, ada.id, 1_000_000n);
    // A P2P transfer at the review threshold waits for review; a first payout to a new account too.
    const p2p = await postMoney(app, ada, '/v1/transfers', {
      recipient: bob.handle,
      amountMinor: '100000',
      currency: 'EUR',
    });
    const p2pBody = (await p2p.json()) as { id: string; workflowId: string; status: string };
    expect(p2pBody.status).toBe('IN_REVIEW');
    // A second one for the documented signal form (a rejection).
    const rejected = (await (
      await postMoney(app, ada, '/v1/transfers', {
        recipient: bob.handle,
        amountMinor: '100001',
        currency: 'EUR',
      })
    ).json()) as { id: string; workflowId: string };
    await linkBankAccount(services.db, ada.id, 'DE02120300000000202051');
    const withdrawal = await postMoney(app, ada, '/v1/withdrawals', {
      amountMinor: '500',
      currency: 'EUR',
      bankAccountRef: 'DE02120300000000202051',
    });
    const withdrawalBody = (await withdrawal.json()) as { id: string; workflowId: string; status: string };
    expect(withdrawalBody.status).toBe('IN_REVIEW');
    const requestKey = randomUUID();
    expect(
      (
        await postMoney(
          app,
          ada,
          '/v1/payment-requests',
          { payer: bob.handle, amountMinor: '100', currency: 'EUR' },
          requestKey,
        )
      ).status,
    ).toBe(201);
    const schedule = (await (
      await postMoney(app, ada, '/v1/schedules', {
        recipient: bob.handle,
        amountMinor: '100',
        currency: 'EUR',
        startAt: new Date(Date.now() + 86_400_000).toISOString(),
        repeat: 'monthly',
      })
    ).json()) as { id: string };

    const filled = (command: string) =>
      command
        .replaceAll(
          '<id>',
          command.includes('--name cancel')
            ? withdrawalBody.workflowId
            : command.includes('signal')
              ? rejected.workflowId
              : p2pBody.workflowId,
        )
        .replaceAll('withdrawal-<userId>-<key>', withdrawalBody.workflowId)
        .replaceAll('payreq-<requesterId>-<key>', `payreq-${ada.id}-${requestKey}`)
        .replaceAll('<scheduleId>', schedule.id)
        .replaceAll('<admin-id>', admin.id)
        .replaceAll('<user-or-admin-id>', ada.id)
        .replaceAll('<user-uuid>', ada.id)
        .replaceAll('<user id>', ada.id);
    const failures: string[] = [];
    for (const command of commands) {
      const line = filled(command);
      expect(line, 'a placeholder the test does not fill').not.toMatch(/<[a-z][a-z -]*>/i);
      const result = runDocumented(line);
      if (result.status !== 0) failures.push(`${line}\n${result.output.slice(0, 500)}`);
    }
    expect(failures).toEqual([]);

    // The documented review approved the transfer and the documented cancel cancelled the withdrawal.
    const reviewed = await eventually(
      () =>
        get(app, `/v1/transfers/${p2pBody.id}`, ada).then(
          (response) => response.json() as Promise<{ status: string }>,
        ),
      (body) => body.status !== 'IN_REVIEW',
    );
    expect(reviewed.status).toBe('COMPLETED');
    const cancelled = await eventually(
      () =>
        get(app, `/v1/transfers/${withdrawalBody.id}`, ada).then(
          (response) => response.json() as Promise<{ status: string }>,
        ),
      (body) => body.status !== 'IN_REVIEW',
    );
    expect(cancelled.status).toBe('CANCELLED');
    const signalled = await eventually(
      () =>
        get(app, `/v1/transfers/${rejected.id}`, ada).then(
          (response) => response.json() as Promise<{ status: string; failureReason: string | null }>,
        ),
      (body) => body.status !== 'IN_REVIEW',
    );
    expect(signalled).toMatchObject({ status: 'CANCELLED', failureReason: 'rejected by review: ...' });
  }, 180_000);
});

/**
 * Goal: operators over HTTP on the real stack: a large P2P transfer waits in IN_REVIEW until an
 * admin approves (money moves) or rejects (the hold is released); a second decision is a 409;
 * the admin list filters and links each workflow in the Temporal UI; the audit and the
 * reconciliation answer with their reports.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  availableMinor,
  connectServices,
  eventually,
  expectLedgerAuditClean,
  fundWallet,
  type TestServices,
} from '../support/fixtures';
import {
  bearer,
  createTestApp,
  get,
  postJson,
  postMoney,
  problemOf,
  problemType,
  signUpVerified,
  type SignedUp,
  type TestApp,
} from './support';

describe('admin review, lists and reports', () => {
  let services: TestServices;
  let app: TestApp;
  let admin: SignedUp;
  const adminEmail = `ops-${randomUUID().slice(0, 8)}@example.test`;

  beforeAll(async () => {
    services = await connectServices();
    // The review threshold is the worker's policy (1000.00 by default), never the API's.
    app = createTestApp(services, { REVIEW_THRESHOLD_MINOR: '5000', KIZO_ADMIN_EMAILS: adminEmail });
    admin = await signUpVerified(app, 'ops', adminEmail);
  });
  afterEach(() => expectLedgerAuditClean(services.db));
  afterAll(() => services.close());

  const statusOf = async (user: SignedUp, id: string) =>
    ((await (await get(app, `/v1/transfers/${id}`, user)).json()) as { status: string }).status;

  it('holds a large transfer for review; approve moves it, reject releases it, a second decision is 409', async () => {
    const alice = await signUpVerified(app, 'alice');
    const bob = await signUpVerified(app, 'bob');
    await fundWallet(services.db, alice.id, 400_000n);

    const big = (await (
      await postMoney(app, alice, '/v1/transfers', {
        recipient: bob.handle,
        amountMinor: '150000',
        currency: 'EUR',
      })
    ).json()) as { id: string };
    await eventually(
      () => statusOf(alice, big.id),
      (status) => status === 'IN_REVIEW',
    );
    expect(await availableMinor(services.db, alice.id)).toBe(250_000n);

    const listed = (await (
      await get(app, `/v1/admin/transfers?status=IN_REVIEW&user=${alice.handle}`, admin)
    ).json()) as {
      items: { id: string; userHandle: string; temporalUiUrl: string; workflowId: string }[];
    };
    expect(listed.items.map((item) => item.id)).toEqual([big.id]);
    expect(listed.items[0]!.userHandle).toBe(alice.handle);
    expect(listed.items[0]!.temporalUiUrl).toContain(encodeURIComponent(listed.items[0]!.workflowId));

    const approved = await postJson(app, `/v1/admin/transfers/${big.id}/approve`, {}, bearer(admin));
    expect(approved.status).toBe(202);
    await eventually(
      () => statusOf(alice, big.id),
      (status) => status === 'COMPLETED',
    );
    expect(await availableMinor(services.db, bob.id)).toBe(150_000n);
    const again = await postJson(app, `/v1/admin/transfers/${big.id}/approve`, {}, bearer(admin));
    expect(again.status).toBe(409);
    expect((await problemOf(again)).type).toBe(problemType('not-in-review'));

    const other = (await (
      await postMoney(app, alice, '/v1/transfers', {
        recipient: bob.handle,
        amountMinor: '170000',
        currency: 'EUR',
      })
    ).json()) as { id: string };
    await eventually(
      () => statusOf(alice, other.id),
      (status) => status === 'IN_REVIEW',
    );
    const noReason = await postJson(app, `/v1/admin/transfers/${other.id}/reject`, {}, bearer(admin));
    expect(noReason.status).toBe(400);
    const rejected = await postJson(
      app,
      `/v1/admin/transfers/${other.id}/reject`,
      { reason: 'looks like fraud' },
      bearer(admin),
    );
    expect(rejected.status).toBe(202);
    await eventually(
      () => statusOf(alice, other.id),
      (status) => status === 'CANCELLED',
    );
    expect(await availableMinor(services.db, alice.id)).toBe(250_000n);
    expect(await availableMinor(services.db, bob.id)).toBe(150_000n);
    const rejectedView = (await (await get(app, `/v1/transfers/${other.id}`, alice)).json()) as {
      failureReason: string;
    };
    expect(rejectedView.failureReason).toMatch(/looks like fraud/);

    expect(
      (await postJson(app, `/v1/admin/transfers/${randomUUID()}/approve`, {}, bearer(admin))).status,
    ).toBe(404);
    expect((await postJson(app, `/v1/admin/transfers/${big.id}/approve`, {}, bearer(alice))).status).toBe(
      403,
    );
  });

  it('four eyes: an admin cannot approve their own transfer, another admin can', async () => {
    const self = await signUpVerified(app, 'selfish', `self-${randomUUID().slice(0, 8)}@example.test`);
    await services.db.user.update({ where: { id: self.id }, data: { role: 'ADMIN' } });
    const bob = await signUpVerified(app, 'bob');
    await fundWallet(services.db, self.id, 200_000n);
    const own = (await (
      await postMoney(app, self, '/v1/transfers', {
        recipient: bob.handle,
        amountMinor: '120000',
        currency: 'EUR',
      })
    ).json()) as { id: string };
    await eventually(
      () => statusOf(self, own.id),
      (status) => status === 'IN_REVIEW',
    );
    const selfApproval = await postJson(app, `/v1/admin/transfers/${own.id}/approve`, {}, bearer(self));
    expect(selfApproval.status).toBe(403);
    expect((await problemOf(selfApproval)).type).toBe(problemType('own-transfer'));
    expect(await statusOf(self, own.id)).toBe('IN_REVIEW');
    expect(await availableMinor(services.db, bob.id)).toBe(0n);
    expect((await postJson(app, `/v1/admin/transfers/${own.id}/approve`, {}, bearer(admin))).status).toBe(
      202,
    );
    await eventually(
      () => statusOf(self, own.id),
      (status) => status === 'COMPLETED',
    );
    expect(await availableMinor(services.db, bob.id)).toBe(120_000n);
  });

  it('filters the admin list and pages it', async () => {
    const carol = await signUpVerified(app, 'carol');
    await fundWallet(services.db, carol.id, 300n);
    const page = (await (
      await get(app, `/v1/admin/transfers?kind=DEPOSIT&user=${carol.email}&limit=1`, admin)
    ).json()) as {
      items: { kind: string; userHandle: string }[];
      nextCursor: string | null;
    };
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ kind: 'DEPOSIT', userHandle: carol.handle });
    expect(page.nextCursor).toBeNull();
    const none = (await (await get(app, '/v1/admin/transfers?user=nobody_at_all', admin)).json()) as {
      items: unknown[];
    };
    expect(none.items).toEqual([]);
    expect((await get(app, '/v1/admin/transfers?status=BOGUS', admin)).status).toBe(400);
  });

  it('reports the ledger audit and the bank reconciliation', async () => {
    const audit = (await (await get(app, '/v1/admin/ledger/audit', admin)).json()) as {
      ok: boolean;
      checks: { name: string; ok: boolean }[];
    };
    expect(audit.ok).toBe(true);
    expect(audit.checks.length).toBeGreaterThan(5);
    const reconciliation = await get(app, '/v1/admin/reconciliation', admin);
    expect(reconciliation.status).toBe(200);
    const report = (await reconciliation.json()) as {
      ok: boolean;
      counts: { bankRecords: number; matched: number };
      mismatches: unknown[];
    };
    expect(report.counts.bankRecords).toBeGreaterThan(0);
    expect(report.counts.matched).toBeGreaterThan(0);
    expect(Array.isArray(report.mismatches)).toBe(true);
  });
});

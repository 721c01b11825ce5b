/**
 * Goal: every money-moving endpoint over HTTP against the real app, PostgreSQL, Temporal
 * worker and mock bank: deposits, withdrawals (completed, compensated, cancel refused), P2P;
 * Idempotency-Key replay, mismatch, per-user scope, in-flight conflict, abandoned claims and
 * 50 concurrent duplicates that move money once; statements and transfer lists with paging.
 * Every test ends with a clean ledger audit.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requestHash } from '../../api/idempotency/request-hash';
import { reviewUpdate } from '../../workflows/definitions';
import {
  availableMinor,
  connectServices,
  createAdmin,
  eventually,
  expectLedgerAuditClean,
  fundWallet,
  linkBankAccount,
  type TestServices,
} from '../support/fixtures';
import {
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

interface TransferBody {
  id: string;
  kind: string;
  status: string;
  direction: string;
  amountMinor: string;
  counterparty: string | null;
  failureReason: string | null;
  events: { status: string }[];
}

describe('money movements over HTTP', () => {
  let services: TestServices;
  let app: TestApp;

  beforeAll(async () => {
    services = await connectServices();
    app = createTestApp(services);
  });
  afterEach(() => expectLedgerAuditClean(services.db));
  afterAll(() => services.close());

  const transferOf = async (user: SignedUp, id: string) =>
    (await (await get(app, `/v1/transfers/${id}`, user)).json()) as TransferBody;
  const settled = (user: SignedUp, id: string) =>
    eventually(
      () => transferOf(user, id),
      (transfer) => ['COMPLETED', 'FAILED', 'CANCELLED', 'COMPENSATED'].includes(transfer.status),
    );

  it('deposits, withdraws, compensates a refused payout, and refuses to cancel a finished one', async () => {
    const ada = await signUpVerified(app, 'ada');
    const wallets = await (await get(app, '/v1/wallets', ada)).json();
    expect(wallets).toEqual({ wallets: [{ currency: 'EUR', availableMinor: '0', heldMinor: '0' }] });

    const deposit = await postMoney(app, ada, '/v1/deposits', { amountMinor: '10000', currency: 'EUR' });
    expect(deposit.status).toBe(202);
    const depositBody = (await deposit.json()) as TransferBody;
    expect(depositBody).toMatchObject({
      kind: 'DEPOSIT',
      amountMinor: '10000',
      direction: 'sent',
      counterparty: `kizo-linked-${ada.id}`,
    });
    expect(['SENT_TO_BANK', 'COMPLETED']).toContain(depositBody.status);
    expect((await settled(ada, depositBody.id)).status).toBe('COMPLETED');
    expect(await availableMinor(services.db, ada.id)).toBe(10_000n);

    // To the account the deposit came from: no review (it is not a new payee).
    const withdrawal = await postMoney(app, ada, '/v1/withdrawals', { amountMinor: '4000', currency: 'EUR' });
    expect(withdrawal.status).toBe(202);
    const withdrawalBody = (await withdrawal.json()) as TransferBody;
    expect(withdrawalBody).toMatchObject({ kind: 'WITHDRAWAL', counterparty: `kizo-linked-${ada.id}` });
    expect(['HELD', 'SENT_TO_BANK', 'COMPLETED']).toContain(withdrawalBody.status);
    expect((await settled(ada, withdrawalBody.id)).status).toBe('COMPLETED');
    expect(await availableMinor(services.db, ada.id)).toBe(6_000n);

    const lateCancel = await postJson(
      app,
      `/v1/withdrawals/${withdrawalBody.id}/cancel`,
      {},
      { Authorization: `Bearer ${ada.accessToken}` },
    );
    expect(lateCancel.status).toBe(409);
    expect((await problemOf(lateCancel)).type).toBe(problemType('not-cancellable'));

    // A newly linked account's first payout waits for an admin; this one the bank then refuses.
    await linkBankAccount(services.db, ada.id, 'closed-ada');
    const refused = await postMoney(app, ada, '/v1/withdrawals', {
      amountMinor: '1000',
      currency: 'EUR',
      bankAccountRef: 'closed-ada',
    });
    expect(refused.status).toBe(202);
    const refusedId = ((await refused.json()) as TransferBody).id;
    await eventually(
      () => transferOf(ada, refusedId),
      (transfer) => transfer.status === 'IN_REVIEW',
    );
    const admin = await createAdmin(services.db);
    const row = await services.db.transfer.findUniqueOrThrow({ where: { id: refusedId } });
    await services.temporal.workflow
      .getHandle(row.workflowId)
      .executeUpdate(reviewUpdate, { args: [{ approved: true, reviewerId: admin.id }] });
    const refusedDone = await settled(ada, refusedId);
    expect(refusedDone.status).toBe('COMPENSATED');
    expect(refusedDone.failureReason).toMatch(/refused/);
    expect(await availableMinor(services.db, ada.id)).toBe(6_000n);

    // The statement: newest first, signed amounts, running balance, paged by cursor.
    const first = (await (await get(app, '/v1/wallets/EUR/transactions?limit=2', ada)).json()) as {
      items: { kind: string; amountMinor: string; balanceAfterMinor: string; description: string }[];
      nextCursor: string | null;
    };
    expect(first.items.map((item) => [item.kind, item.amountMinor, item.balanceAfterMinor])).toEqual([
      ['RELEASE', '1000', '6000'],
      ['HOLD', '-1000', '5000'],
    ]);
    expect(first.items[0]!.description).toMatch(/closed-ada/);
    const rest = (await (
      await get(app, `/v1/wallets/EUR/transactions?limit=10&cursor=${first.nextCursor}`, ada)
    ).json()) as {
      items: { kind: string; amountMinor: string }[];
      nextCursor: string | null;
    };
    expect(rest.items.map((item) => [item.kind, item.amountMinor])).toEqual([
      ['HOLD', '-4000'],
      ['DEPOSIT', '10000'],
    ]);
    expect(rest.nextCursor).toBeNull();
    for (const cursor of ['abc', '9223372036854775808']) {
      const badCursor = await get(app, `/v1/wallets/EUR/transactions?cursor=${cursor}`, ada);
      expect(badCursor.status).toBe(400);
      expect((await problemOf(badCursor)).type).toBe(problemType('invalid-cursor'));
    }
    expect((await get(app, '/v1/wallets/XYZ/transactions', ada)).status).toBe(400);

    const list = (await (await get(app, '/v1/transfers?limit=2', ada)).json()) as {
      items: TransferBody[];
      nextCursor: string | null;
    };
    expect(list.items.length).toBe(2);
    expect(list.nextCursor).not.toBeNull();
    const tail = (await (await get(app, `/v1/transfers?cursor=${list.nextCursor}`, ada)).json()) as {
      items: TransferBody[];
      nextCursor: string | null;
    };
    expect([...list.items, ...tail.items].map((transfer) => transfer.kind).sort()).toEqual([
      'DEPOSIT',
      'WITHDRAWAL',
      'WITHDRAWAL',
    ]);
    expect(tail.nextCursor).toBeNull();
  });

  it('replays the first answer for the same key and body, refuses another body, scopes keys per user', async () => {
    const alice = await signUpVerified(app, 'alice');
    const bob = await signUpVerified(app, 'bob');
    await fundWallet(services.db, alice.id, 5_000n);
    const key = randomUUID();
    const body = { recipient: bob.handle, amountMinor: '1500', currency: 'EUR' };

    const first = await postMoney(app, alice, '/v1/transfers', body, key);
    expect(first.status).toBe(202);
    expect(first.headers.get('Idempotent-Replayed')).toBeNull();
    const firstBody = await first.json();

    // Same body with its keys in another order is the same request.
    const replay = await postMoney(
      app,
      alice,
      '/v1/transfers',
      { currency: 'EUR', amountMinor: '1500', recipient: bob.handle },
      key,
    );
    expect(replay.status).toBe(202);
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await replay.json()).toEqual(firstBody);

    for (const [path, other] of [
      ['/v1/transfers', { ...body, amountMinor: '1501' }],
      ['/v1/deposits', { amountMinor: '1500', currency: 'EUR' }],
    ] as const) {
      const mismatch = await postMoney(app, alice, path, other, key);
      expect(mismatch.status).toBe(422);
      expect((await problemOf(mismatch)).type).toBe(problemType('idempotency-key-reused'));
    }

    // Bob's use of the same key is his own request.
    await fundWallet(services.db, bob.id, 100n);
    const bobs = await postMoney(
      app,
      bob,
      '/v1/transfers',
      { recipient: alice.email, amountMinor: '100', currency: 'EUR' },
      key,
    );
    expect(bobs.status).toBe(202);
    expect(((await bobs.json()) as { id: string }).id).not.toBe((firstBody as { id: string }).id);

    // A refusal is stored and replayed too, and moves nothing.
    const refusalKey = randomUUID();
    const tooMuch = { recipient: bob.handle, amountMinor: '999999', currency: 'EUR' };
    const refusal = await postMoney(app, alice, '/v1/transfers', tooMuch, refusalKey);
    expect(refusal.status).toBe(422);
    expect((await problemOf(refusal)).type).toBe(problemType('insufficient-funds'));
    const refusalReplay = await postMoney(app, alice, '/v1/transfers', tooMuch, refusalKey);
    expect(refusalReplay.status).toBe(422);
    expect(refusalReplay.headers.get('Idempotent-Replayed')).toBe('true');

    await eventually(
      () => availableMinor(services.db, bob.id),
      (balance) => balance === 1_500n,
    );
    expect(await availableMinor(services.db, alice.id)).toBe(3_600n);
    const stored = await services.db.idempotencyKey.findUniqueOrThrow({
      where: { userId_key: { userId: alice.id, key } },
    });
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBeGreaterThanOrEqual(24 * 3600 * 1000);
  });

  it('moves money once for 50 identical concurrent POSTs', async () => {
    const alice = await signUpVerified(app, 'alice');
    const bob = await signUpVerified(app, 'bob');
    await fundWallet(services.db, alice.id, 10_000n);
    const key = randomUUID();
    const body = { recipient: bob.handle, amountMinor: '700', currency: 'EUR' };

    const responses = await Promise.all(
      Array.from({ length: 50 }, () => postMoney(app, alice, '/v1/transfers', body, key)),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.every((status) => status === 202 || status === 409)).toBe(true);
    const accepted = await Promise.all(
      responses
        .filter((response) => response.status === 202)
        .map((response) => response.json() as Promise<{ id: string }>),
    );
    expect(accepted.length).toBeGreaterThanOrEqual(1);
    expect(new Set(accepted.map((transfer) => transfer.id)).size).toBe(1);
    for (const conflict of responses.filter((response) => response.status === 409)) {
      expect((await problemOf(conflict)).type).toBe(problemType('idempotency-key-in-flight'));
      expect(conflict.headers.get('Retry-After')).toBe('1');
    }

    await eventually(
      () => availableMinor(services.db, bob.id),
      (balance) => balance === 700n,
    );
    expect(await availableMinor(services.db, alice.id)).toBe(9_300n);
    expect(await services.db.transfer.count({ where: { userId: alice.id, kind: 'P2P' } })).toBe(1);
    const later = await postMoney(app, alice, '/v1/transfers', body, key);
    expect(later.status).toBe(202);
    expect(later.headers.get('Idempotent-Replayed')).toBe('true');
  });

  it('answers 409 while a first request is in flight, and retakes a claim its process abandoned', async () => {
    const alice = await signUpVerified(app, 'alice');
    const bob = await signUpVerified(app, 'bob');
    await fundWallet(services.db, alice.id, 1_000n);
    const key = randomUUID();
    const body = { recipient: bob.handle, amountMinor: '400', currency: 'EUR' };
    // The row a first request writes before it starts the workflow (as if it were still running).
    await services.db.idempotencyKey.create({
      data: {
        userId: alice.id,
        key,
        requestHash: requestHash('POST', '/v1/transfers', body),
        method: 'POST',
        path: '/v1/transfers',
        expiresAt: new Date(Date.now() + 24 * 3600 * 1000),
      },
    });
    const busy = await postMoney(app, alice, '/v1/transfers', body, key);
    expect(busy.status).toBe(409);
    expect(await availableMinor(services.db, alice.id)).toBe(1_000n);

    // Its process died: after the lock timeout the next retry runs the request.
    await services.db.idempotencyKey.update({
      where: { userId_key: { userId: alice.id, key } },
      data: { createdAt: new Date(Date.now() - 5 * 60 * 1000) },
    });
    const retaken = await postMoney(app, alice, '/v1/transfers', body, key);
    expect(retaken.status).toBe(202);
    await eventually(
      () => availableMinor(services.db, bob.id),
      (balance) => balance === 400n,
    );
    expect(await availableMinor(services.db, alice.id)).toBe(600n);
  });

  it('fingerprints amounts in canonical form: "0100", "100" and 100 with one key are one request', async () => {
    const alice = await signUpVerified(app, 'alice');
    const bob = await signUpVerified(app, 'bob');
    await fundWallet(services.db, alice.id, 1_000n);
    const key = randomUUID();
    const first = await postMoney(
      app,
      alice,
      '/v1/transfers',
      { recipient: bob.handle, amountMinor: '0100', currency: 'EUR' },
      key,
    );
    expect(first.status).toBe(202);
    for (const amountMinor of ['100', 100]) {
      const again = await postMoney(
        app,
        alice,
        '/v1/transfers',
        { recipient: bob.handle, amountMinor, currency: 'EUR' },
        key,
      );
      expect([again.status, again.headers.get('Idempotent-Replayed')]).toEqual([202, 'true']);
    }
    await settled(alice, ((await first.json()) as TransferBody).id);
    expect([await availableMinor(services.db, alice.id), await availableMinor(services.db, bob.id)]).toEqual([
      900n,
      100n,
    ]);
  });

  it('refuses a key reused on another endpoint after its idempotency record expired, and moves nothing', async () => {
    const alice = await signUpVerified(app, 'alice');
    const bob = await signUpVerified(app, 'bob');
    await fundWallet(services.db, alice.id, 1_000n);
    const key = randomUUID();
    const sent = await postMoney(
      app,
      alice,
      '/v1/transfers',
      { recipient: bob.handle, amountMinor: '300', currency: 'EUR' },
      key,
    );
    await settled(alice, ((await sent.json()) as TransferBody).id);
    // A day later the record is gone (purged), but the key once named that transfer.
    await services.db.idempotencyKey.deleteMany({ where: { userId: alice.id, key } });
    const reused = await postMoney(
      app,
      alice,
      '/v1/withdrawals',
      { amountMinor: '200', currency: 'EUR' },
      key,
    );
    expect([reused.status, (await problemOf(reused)).type]).toEqual([
      422,
      problemType('idempotency-key-reused'),
    ]);
    const again = await postMoney(
      app,
      alice,
      '/v1/transfers',
      { recipient: bob.handle, amountMinor: '999', currency: 'EUR' },
      key,
    );
    expect([again.status, (await problemOf(again)).type]).toEqual([
      422,
      problemType('idempotency-key-reused'),
    ]);
    expect([await availableMinor(services.db, alice.id), await availableMinor(services.db, bob.id)]).toEqual([
      700n,
      300n,
    ]);
  });

  it("hides other users' transfers (IDOR) and shows received ones to the recipient", async () => {
    const alice = await signUpVerified(app, 'alice');
    const bob = await signUpVerified(app, 'bob');
    const mallory = await signUpVerified(app, 'mallory');
    await fundWallet(services.db, alice.id, 5_000n);
    const sent = (await (
      await postMoney(app, alice, '/v1/transfers', {
        recipient: bob.handle,
        amountMinor: '250',
        currency: 'EUR',
      })
    ).json()) as TransferBody;
    const withdrawal = (await (
      await postMoney(app, alice, '/v1/withdrawals', { amountMinor: '100', currency: 'EUR' })
    ).json()) as TransferBody;
    await settled(alice, sent.id);

    const asBob = await transferOf(bob, sent.id);
    expect(asBob).toMatchObject({ id: sent.id, direction: 'received', counterparty: alice.handle });
    expect((await transferOf(alice, sent.id)).counterparty).toBe(bob.handle);

    for (const id of [sent.id, withdrawal.id]) {
      const peek = await get(app, `/v1/transfers/${id}`, mallory);
      expect(peek.status).toBe(404);
      expect((await problemOf(peek)).type).toBe(problemType('not-found'));
    }
    const cancel = await postJson(
      app,
      `/v1/withdrawals/${withdrawal.id}/cancel`,
      {},
      { Authorization: `Bearer ${mallory.accessToken}` },
    );
    expect(cancel.status).toBe(404);
    const bobCancel = await postJson(
      app,
      `/v1/withdrawals/${withdrawal.id}/cancel`,
      {},
      { Authorization: `Bearer ${bob.accessToken}` },
    );
    expect(bobCancel.status).toBe(404);
    expect(((await (await get(app, '/v1/transfers', mallory)).json()) as { items: unknown[] }).items).toEqual(
      [],
    );
    expect(
      ((await (await get(app, '/v1/wallets', mallory)).json()) as { wallets: { availableMinor: string }[] })
        .wallets[0]!.availableMinor,
    ).toBe('0');
    expect(
      ((await (await get(app, '/v1/wallets/EUR/transactions', mallory)).json()) as { items: unknown[] })
        .items,
    ).toEqual([]);
    await settled(alice, withdrawal.id);
  });
});

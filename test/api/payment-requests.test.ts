/**
 * Goal: payment requests and notes over HTTP against the real app, PostgreSQL, Temporal worker
 * and bank. A request is paid exactly once under 20 concurrent pay attempts; a refused payment
 * leaves it open; decline and cancel end it and nothing can pay it then; strangers, the
 * requester paying or the payer cancelling get 404; notes reach both sides, their statements and
 * the request; the contact lookup names a recipient without revealing a stranger's email. The
 * audit and the bank reconciliation are clean after each test.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  availableMinor,
  connectServices,
  eventually,
  expectLedgerAuditClean,
  expectReconciliationClean,
  fundWallet,
  type TestServices,
} from '../support/fixtures';
import { maybeRecordHistory } from '../workflows/support';
import {
  createTestApp,
  get,
  postJson,
  postMoney,
  problemOf,
  problemType,
  signUp,
  signUpVerified,
  type SignedUp,
  type TestApp,
} from './support';

interface RequestBody {
  id: string;
  status: string;
  direction: string;
  amountMinor: string;
  note: string | null;
  transferId: string | null;
  allowedActions: string[];
  requester: { handle: string; displayName: string | null };
  payer: { handle: string; displayName: string | null };
}

describe('payment requests over HTTP', () => {
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

  const ask = async (requester: SignedUp, payer: SignedUp, amountMinor: string, note?: string) => {
    const response = await postMoney(app, requester, '/v1/payment-requests', {
      payer: payer.handle,
      amountMinor,
      currency: 'EUR',
      ...(note ? { note } : {}),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as RequestBody;
  };
  const requestAs = async (user: SignedUp, id: string) =>
    (await (await get(app, `/v1/payment-requests/${id}`, user)).json()) as RequestBody;
  const pay = (user: SignedUp, id: string, key = randomUUID()) =>
    postMoney(app, user, `/v1/payment-requests/${id}/pay`, {}, key);
  const answer = (user: SignedUp, id: string, action: 'decline' | 'cancel') =>
    postJson(
      app,
      `/v1/payment-requests/${id}/${action}`,
      {},
      { Authorization: `Bearer ${user.accessToken}` },
    );

  it('is paid exactly once under 20 concurrent pay attempts, with its note on both sides', async () => {
    const ada = await signUp(app, 'ada');
    const bob = await signUp(app, 'bob');
    await fundWallet(services.db, bob.id, 10_000n);
    const request = await ask(ada, bob, '2500', 'Dinner on Friday');
    expect(request).toMatchObject({
      status: 'OPEN',
      direction: 'outgoing',
      amountMinor: '2500',
      note: 'Dinner on Friday',
      allowedActions: ['cancel'],
    });
    expect(await requestAs(bob, request.id)).toMatchObject({
      direction: 'incoming',
      allowedActions: ['pay', 'decline'],
      requester: { handle: ada.handle },
    });

    const attempts = await Promise.all(Array.from({ length: 20 }, () => pay(bob, request.id)));
    const statuses = attempts.map((response) => response.status);
    expect(statuses.filter((status) => status === 202)).toHaveLength(1);
    expect(statuses.filter((status) => status !== 202).every((status) => status === 409)).toBe(true);
    for (const refused of attempts.filter((response) => response.status === 409)) {
      expect((await problemOf(refused)).type).toBe(problemType('payment-request-not-open'));
    }
    const paid = await eventually(
      () => requestAs(ada, request.id),
      (body) => body.status === 'PAID',
    );
    expect(paid.transferId).not.toBeNull();
    expect(await availableMinor(services.db, bob.id)).toBe(7_500n);
    expect(await availableMinor(services.db, ada.id)).toBe(2_500n);

    // The payment is an ordinary P2P transfer that says what it paid, with the note, for both sides.
    const sent = await (await get(app, `/v1/transfers/${paid.transferId}`, bob)).json();
    expect(sent).toMatchObject({
      kind: 'P2P',
      status: 'COMPLETED',
      direction: 'sent',
      note: 'Dinner on Friday',
      paymentRequestId: request.id,
    });
    const received = await (await get(app, `/v1/transfers/${paid.transferId}`, ada)).json();
    expect(received).toMatchObject({ direction: 'received', note: 'Dinner on Friday' });
    const statement = (await (await get(app, '/v1/wallets/EUR/transactions', ada)).json()) as {
      items: { note: string | null }[];
    };
    expect(statement.items[0]?.note).toBe('Dinner on Friday');

    // Paying again, with a new key, is refused and moves nothing.
    const again = await pay(bob, request.id);
    expect(again.status).toBe(409);
    expect((await problemOf(again)).type).toBe(problemType('payment-request-not-open'));
    expect(await availableMinor(services.db, bob.id)).toBe(7_500n);
    const row = await services.db.paymentRequest.findUniqueOrThrow({ where: { id: request.id } });
    await maybeRecordHistory(services.temporal.workflow.getHandle(row.workflowId), 'payment-request-paid');
  });

  it('a retried payment with the same key joins it; a refused payment leaves the request open', async () => {
    const ada = await signUp(app, 'ada');
    const bob = await signUp(app, 'bob');
    const request = await ask(ada, bob, '4000');
    const broke = await pay(bob, request.id);
    expect(broke.status).toBe(422);
    expect((await problemOf(broke)).type).toBe(problemType('insufficient-funds'));
    expect(
      await eventually(
        () => requestAs(bob, request.id),
        (body) => body.status === 'OPEN',
      ),
    ).toMatchObject({ allowedActions: ['pay', 'decline'] });

    await fundWallet(services.db, bob.id, 5_000n);
    const key = randomUUID();
    const [first, second] = await Promise.all([pay(bob, request.id, key), pay(bob, request.id, key)]);
    // One answers, the twin either waits for it (409 in flight) or replays the same answer.
    expect([first.status, second.status]).toContain(202);
    const retry = await pay(bob, request.id, key);
    expect(retry.status).toBe(202);
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
    await eventually(
      () => requestAs(ada, request.id),
      (body) => body.status === 'PAID',
    );
    expect(await availableMinor(services.db, bob.id)).toBe(1_000n);
    expect(await availableMinor(services.db, ada.id)).toBe(4_000n);
  });

  it('only the payer pays or declines, only the requester cancels; strangers see nothing', async () => {
    const ada = await signUp(app, 'ada');
    const bob = await signUp(app, 'bob');
    const eve = await signUp(app, 'eve');
    await fundWallet(services.db, eve.id, 10_000n);
    await fundWallet(services.db, ada.id, 10_000n);
    const request = await ask(ada, bob, '1000');

    expect((await get(app, `/v1/payment-requests/${request.id}`, eve)).status).toBe(404);
    for (const response of [
      await pay(eve, request.id),
      await answer(eve, request.id, 'decline'),
      await answer(eve, request.id, 'cancel'),
    ]) {
      expect(response.status).toBe(404);
      expect((await problemOf(response)).type).toBe(problemType('not-found'));
    }
    // The requester cannot pay their own request, nor the payer cancel it.
    expect((await pay(ada, request.id)).status).toBe(404);
    expect((await answer(bob, request.id, 'cancel')).status).toBe(404);
    const list = (await (await get(app, '/v1/payment-requests', eve)).json()) as { items: unknown[] };
    expect(list.items).toEqual([]);

    const declined = await answer(bob, request.id, 'decline');
    expect(declined.status).toBe(200);
    expect(await declined.json()).toMatchObject({ status: 'DECLINED', allowedActions: [] });
    // Declining again (a retry whose answer was lost) answers the same.
    expect(await (await answer(bob, request.id, 'decline')).json()).toMatchObject({ status: 'DECLINED' });
    expect((await pay(bob, request.id)).status).toBe(409);
    expect((await answer(ada, request.id, 'cancel')).status).toBe(409);

    const second = await ask(ada, bob, '1000');
    expect((await (await answer(ada, second.id, 'cancel')).json()).status).toBe('CANCELLED');
    const late = await pay(bob, second.id);
    expect(late.status).toBe(409);
    expect((await problemOf(late)).detail).toBe('it was cancelled');
    expect(await availableMinor(services.db, eve.id)).toBe(10_000n);
    expect(await availableMinor(services.db, ada.id)).toBe(10_000n);

    const incoming = (await (await get(app, '/v1/payment-requests?direction=incoming', bob)).json()) as {
      items: RequestBody[];
    };
    expect(incoming.items.map((item) => item.status)).toEqual(['CANCELLED', 'DECLINED']);
    const row = await services.db.paymentRequest.findUniqueOrThrow({ where: { id: request.id } });
    await maybeRecordHistory(
      services.temporal.workflow.getHandle(row.workflowId),
      'payment-request-declined',
    );
  });

  it('refuses bad requests with clear problems and starts nothing', async () => {
    const ada = await signUp(app, 'ada');
    const bob = await signUp(app, 'bob');
    const cases: Array<[unknown, number, string]> = [
      [{ payer: ada.handle, amountMinor: '100', currency: 'EUR' }, 422, 'self-transfer'],
      [{ payer: 'nobody_here_at_all', amountMinor: '100', currency: 'EUR' }, 422, 'recipient-not-found'],
      [{ payer: bob.handle, amountMinor: '0', currency: 'EUR' }, 400, 'validation-failed'],
      [{ payer: bob.handle, amountMinor: '10.5', currency: 'EUR' }, 400, 'validation-failed'],
      [
        { payer: bob.handle, amountMinor: '100', currency: 'EUR', note: 'x'.repeat(141) },
        400,
        'validation-failed',
      ],
      [
        { payer: bob.handle, amountMinor: '100', currency: 'EUR', note: 'two\nlines' },
        400,
        'validation-failed',
      ],
    ];
    for (const [body, status, slug] of cases) {
      const response = await postMoney(app, ada, '/v1/payment-requests', body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect((await problemOf(response)).type).toBe(problemType(slug));
    }
    expect(
      (
        await postJson(
          app,
          '/v1/payment-requests',
          { payer: bob.handle, amountMinor: '100', currency: 'EUR' },
          { Authorization: `Bearer ${ada.accessToken}` },
        )
      ).status,
    ).toBe(400);
    expect(await services.db.paymentRequest.count({ where: { requesterId: ada.id } })).toBe(0);
  });

  it('looks up a handle for anyone, an email only among counterparties', async () => {
    const ada = await signUp(app, 'ada');
    const bob = await signUpVerified(app, 'bob');
    const lookup = (user: SignedUp, recipient: string) =>
      get(app, `/v1/contacts/lookup?recipient=${encodeURIComponent(recipient)}`, user);
    expect(await (await lookup(ada, `@${bob.handle}`)).json()).toEqual({
      handle: bob.handle,
      displayName: null,
    });
    // A registered stranger's email and an unregistered one answer alike.
    const stranger = await lookup(ada, bob.email);
    const unregistered = await lookup(ada, `nobody-${randomUUID()}@example.test`);
    expect([stranger.status, unregistered.status]).toEqual([404, 404]);
    expect((await problemOf(stranger)).detail).toBe((await problemOf(unregistered)).detail);

    // Once they have transacted (a request between them), the email is known to each.
    await ask(ada, bob, '100');
    expect((await lookup(ada, bob.email)).status).toBe(200);
    const saved = await postJson(
      app,
      '/v1/contacts',
      { recipient: bob.handle },
      { Authorization: `Bearer ${ada.accessToken}` },
    );
    expect(saved.status).toBe(201);
    expect(await (await get(app, '/v1/contacts', ada)).json()).toMatchObject({
      saved: [{ handle: bob.handle }],
      recent: [{ handle: bob.handle }],
    });
  });
});

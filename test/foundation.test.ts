/**
 * Goal: one P2P transfer flows end to end on real components: the Hono API starts a Temporal
 * workflow keyed by the Idempotency-Key, the worker's activities hold and settle funds in
 * PostgreSQL, the status is readable over HTTP, and Temporal shows the workflow completed.
 * A repeated key moves no more money; a transfer the balance cannot cover moves none.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KizoAmountMinor, KizoStatus } from '../temporal/search-attributes';
import { createTestApp, signUpVerified, type SignedUp, type TestApp } from './api/support';
import {
  availableMinor,
  connectServices,
  eventually,
  expectLedgerAuditClean,
  fundWallet,
  type TestServices,
} from './support/fixtures';

describe('a P2P transfer through the API and the workflow', () => {
  let services: TestServices;
  let app: TestApp;

  beforeAll(async () => {
    services = await connectServices();
    app = createTestApp(services);
  });
  afterEach(() => expectLedgerAuditClean(services.db));
  afterAll(() => services.close());

  const post = (user: SignedUp, key: string, body: unknown) =>
    app.request('/v1/transfers', {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${user.accessToken}`,
        'Idempotency-Key': key,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(body),
    });
  const get = (user: SignedUp, id: string) =>
    app.request(`/v1/transfers/${id}`, { headers: { Authorization: `Bearer ${user.accessToken}` } });

  it('moves money once, shows the status, and completes the workflow', async () => {
    const alice = await signUpVerified(app, 'alice');
    const bob = await signUpVerified(app, 'bob');
    await fundWallet(services.db, alice.id, 10_000n);
    const key = randomUUID();

    const response = await post(alice, key, { recipient: bob.handle, amountMinor: '2500', currency: 'EUR' });
    expect(response.status).toBe(202);
    const accepted = (await response.json()) as {
      id: string;
      status: string;
      workflowId: string;
      amountMinor: string;
    };
    expect(accepted.amountMinor).toBe('2500');
    expect(['HELD', 'COMPLETED']).toContain(accepted.status);

    const done = await eventually(
      async () =>
        (await (await get(alice, accepted.id)).json()) as { status: string; events: { status: string }[] },
      (transfer) => transfer.status === 'COMPLETED',
    );
    expect(done.events.map((event) => event.status)).toEqual(['PENDING', 'HELD', 'COMPLETED']);
    expect(await availableMinor(services.db, alice.id)).toBe(7_500n);
    expect(await availableMinor(services.db, bob.id)).toBe(2_500n);

    const description = await services.temporal.workflow.getHandle(accepted.workflowId).describe();
    expect(description.status.name).toBe('COMPLETED');
    expect(description.typedSearchAttributes.get(KizoStatus)).toBe('COMPLETED');
    expect(description.typedSearchAttributes.get(KizoAmountMinor)).toBe(2500);

    const replay = await post(alice, key, { recipient: bob.handle, amountMinor: '2500', currency: 'EUR' });
    expect(replay.status).toBe(202);
    expect(((await replay.json()) as { id: string }).id).toBe(accepted.id);
    expect(await availableMinor(services.db, alice.id)).toBe(7_500n);
    expect(await availableMinor(services.db, bob.id)).toBe(2_500n);
  });

  it('refuses a transfer the balance cannot cover and leaves both balances as they were', async () => {
    const alice = await signUpVerified(app, 'alice');
    const bob = await signUpVerified(app, 'bob');
    await fundWallet(services.db, alice.id, 1_000n);

    const response = await post(alice, randomUUID(), {
      recipient: bob.email,
      amountMinor: '1001',
      currency: 'EUR',
    });
    expect(response.status).toBe(422);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    const problem = (await response.json()) as { type: string; status: number };
    expect(problem.type).toMatch(/insufficient-funds$/);
    expect(await availableMinor(services.db, alice.id)).toBe(1_000n);
    expect(await availableMinor(services.db, bob.id)).toBe(0n);
  });

  it('answers a request without an Idempotency-Key with 400 problem+json', async () => {
    const alice = await signUpVerified(app, 'alice');
    const response = await app.request('/v1/transfers', {
      method: 'POST',
      headers: { Authorization: `Bearer ${alice.accessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ recipient: 'nobody', amountMinor: '1', currency: 'EUR' }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { type: string }).type).toMatch(/idempotency-key-missing$/);
  });
});

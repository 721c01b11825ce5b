/**
 * Goal: the live event stream (GET /v1/events) against the real app, PostgreSQL (its outbox
 * and LISTEN/NOTIFY), Temporal and worker: a P2P payment reaches the recipient's open stream
 * and the sender's; two API replicas (each with its own listener) both deliver what the other
 * started; a reconnect with Last-Event-ID misses nothing and repeats nothing; a user hears only
 * their own events; streams are bounded per user and end with their session.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createEventHub, type EventHub } from '../../api/live/event-hub';
import {
  connectServices,
  expectLedgerAuditClean,
  expectReconciliationClean,
  fundWallet,
  type TestServices,
} from '../support/fixtures';
import { EventStream } from '../support/event-stream';
import { createTestApp, postJson, postMoney, signUp, type SignedUp, type TestApp } from './support';

describe('live events', () => {
  let services: TestServices;
  let hubs: EventHub[];
  let replicaA: TestApp;
  let replicaB: TestApp;
  const streams: EventStream[] = [];

  beforeAll(async () => {
    services = await connectServices();
    hubs = [
      createEventHub({ connectionString: inject('databaseUrl') }),
      createEventHub({ connectionString: inject('databaseUrl') }),
    ];
    const overrides = { LIVE_HEARTBEAT_MS: '300', LIVE_STREAMS_PER_USER_MAX: '2' };
    replicaA = createTestApp(services, overrides, { eventHub: hubs[0] });
    replicaB = createTestApp(services, overrides, { eventHub: hubs[1] });
  });
  afterEach(async () => {
    streams.splice(0).forEach((stream) => stream.close());
    await expectLedgerAuditClean(services.db);
    await expectReconciliationClean(services.db);
  });
  afterAll(async () => {
    await Promise.all(hubs.map((hub) => hub.close()));
    await services.close();
  });

  const connect = (app: TestApp, user: SignedUp, lastEventId?: string) =>
    EventStream.open(
      (init) => Promise.resolve(app.request('/v1/events', init)),
      user.accessToken,
      lastEventId,
    );
  const open = async (app: TestApp, user: SignedUp, lastEventId?: string) => {
    const { response, stream } = await connect(app, user, lastEventId);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/event-stream/);
    streams.push(stream!);
    return stream!;
  };
  const send = (app: TestApp, from: SignedUp, to: SignedUp, amountMinor: string, note?: string) =>
    postMoney(app, from, '/v1/transfers', {
      recipient: to.handle,
      amountMinor,
      currency: 'EUR',
      ...(note ? { note } : {}),
    });

  it('a payment reaches the recipient on one replica and the sender on the other, and no one else', async () => {
    const ada = await signUp(replicaA, 'ada');
    const bob = await signUp(replicaA, 'bob');
    const eve = await signUp(replicaA, 'eve');
    await fundWallet(services.db, ada.id, 5_000n);
    const bobs = await open(replicaA, bob);
    const adas = await open(replicaB, ada);
    const eves = await open(replicaB, eve);

    const sent = await send(replicaA, ada, bob, '1250', 'Lunch');
    expect(sent.status).toBe(202);
    const { id: transferId } = (await sent.json()) as { id: string };
    const received = await bobs.next((event) => event.event === 'transfer.received');
    expect(received.data).toMatchObject({
      transferId,
      status: 'COMPLETED',
      direction: 'received',
      amountMinor: '1250',
      currency: 'EUR',
      note: 'Lunch',
    });
    const completed = await adas.next(
      (event) => event.event === 'transfer.updated' && event.data.status === 'COMPLETED',
    );
    expect(completed.data).toMatchObject({ transferId, direction: 'sent' });
    // The sender heard every status in order; the recipient only the arrival.
    expect(
      adas.events.filter((event) => event.data.transferId === transferId).map((event) => event.data.status),
    ).toEqual(['PENDING', 'HELD', 'COMPLETED']);
    expect(bobs.events.filter((event) => event.event !== 'ready').map((event) => event.event)).toEqual([
      'transfer.received',
    ]);
    // Ids grow: they are the outbox's.
    const ids = adas.events.map((event) => BigInt(event.id ?? '0'));
    expect([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(ids);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(eves.events.map((event) => event.event)).toEqual(['ready']);
  });

  it('a reconnect with Last-Event-ID gets exactly what it missed', async () => {
    const ada = await signUp(replicaA, 'ada');
    const bob = await signUp(replicaA, 'bob');
    await fundWallet(services.db, ada.id, 5_000n);
    const first = await open(replicaA, bob);
    await send(replicaA, ada, bob, '100');
    const seen = await first.next((event) => event.event === 'transfer.received');
    first.close();

    // While bob is away: three payments.
    for (const amount of ['200', '300', '400'])
      expect((await send(replicaB, ada, bob, amount)).status).toBe(202);
    const again = await open(replicaB, bob, seen.id);
    await again.next((event) => event.data.amountMinor === '400');
    const missed = again.events.filter((event) => event.event === 'transfer.received');
    expect(missed.map((event) => event.data.amountMinor)).toEqual(['200', '300', '400']);

    // From the latest id: nothing old again.
    const latest = missed.at(-1)!.id;
    const third = await open(replicaA, bob, latest);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(third.events.map((event) => event.event)).toEqual(['ready']);
    expect(third.events[0]!.id).toBe(latest);
  });

  it('bounds streams per user and ends a stream when its session ends', async () => {
    const ada = await signUp(replicaA, 'ada');
    await open(replicaA, ada);
    await open(replicaA, ada);
    const third = await connect(replicaA, ada);
    expect(third.response.status).toBe(429);
    expect(third.response.headers.get('Retry-After')).toBe('5');

    const bob = await signUp(replicaA, 'bob');
    const stream = await open(replicaA, bob);
    const logout = await postJson(
      replicaA,
      '/v1/auth/logout',
      { refreshToken: bob.refreshToken },
      { Authorization: `Bearer ${bob.accessToken}` },
    );
    expect(logout.status).toBeLessThan(300);
    const end = await stream.next((event) => event.event === 'end');
    expect(end.data.reason).toMatch(/session has ended/);
    expect((await connect(replicaA, bob)).response.status).toBe(401);
    expect((await replicaA.request('/v1/events')).status).toBe(401);
    expect(
      (
        await replicaA.request(`/v1/events?after=${randomUUID()}`, {
          headers: { Authorization: `Bearer ${ada.accessToken}` },
        })
      ).status,
    ).toBe(400);
  });
});

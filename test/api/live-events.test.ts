/**
 * Goal: the live event stream (GET /v1/events) against the real app, PostgreSQL (its outbox
 * and LISTEN/NOTIFY), Temporal and worker: a P2P payment reaches the recipient's open stream
 * and the sender's; two API replicas (each with its own listener) both deliver what the other
 * started; a reconnect with Last-Event-ID misses nothing and repeats nothing; a user hears only
 * their own events; streams are bounded per user (many simultaneous connections: only the
 * bound's worth open) and end with their session within moments, on the other replica too, after
 * a logout (that session's only), a password change (every session's) and refresh-token reuse;
 * and a busy stream whose session ended unheard (no notification) still ends at its next check.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
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
import { bearer, createTestApp, postJson, postMoney, signUp, type SignedUp, type TestApp } from './support';

/** Waits up to `timeoutMs` for `check` to hold. */
async function eventuallyTrue(check: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('the condition did not hold in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A second session of the user's (another device). */
async function logIn(app: TestApp, user: SignedUp): Promise<{ accessToken: string; refreshToken: string }> {
  const response = await postJson(app, '/v1/auth/login', { email: user.email, password: user.password });
  expect(response.status).toBe(200);
  return (await response.json()) as { accessToken: string; refreshToken: string };
}

describe('live events', () => {
  let services: TestServices;
  let hubs: EventHub[];
  let replicaA: TestApp;
  let replicaB: TestApp;
  /** Replicas whose periodic session check is a minute away: only the hub can end a stream promptly. */
  let slowA: TestApp;
  let slowB: TestApp;
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
    const slow = { LIVE_HEARTBEAT_MS: '60000', LIVE_STREAMS_PER_USER_MAX: '4' };
    slowA = createTestApp(services, slow, { eventHub: hubs[0] });
    slowB = createTestApp(services, slow, { eventHub: hubs[1] });
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

  it('bounds streams per user, also when many connect at once', async () => {
    const ada = await signUp(replicaA, 'ada');
    await open(replicaA, ada);
    await open(replicaA, ada);
    const third = await connect(replicaA, ada);
    expect(third.response.status).toBe(429);
    expect(third.response.headers.get('Retry-After')).toBe('5');

    // Twelve connections at the same moment, the bound being two: exactly two open.
    const bob = await signUp(replicaA, 'bob');
    const attempts = await Promise.all(Array.from({ length: 12 }, () => connect(replicaA, bob)));
    attempts.forEach((attempt) => attempt.stream && streams.push(attempt.stream));
    const statuses = attempts.map((attempt) => attempt.response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(2);
    expect(statuses.filter((status) => status === 429)).toHaveLength(10);
    expect(hubs[0]!.openStreams(bob.id)).toBe(2);
    // A closed stream frees its place.
    attempts.find((attempt) => attempt.stream)!.stream!.close();
    await eventuallyTrue(() => hubs[0]!.openStreams(bob.id) === 1);
    await open(replicaA, bob);
  });

  it('ends a stream at once on logout (that session only), on another replica too', async () => {
    const bob = await signUp(slowA, 'bob');
    const other = await logIn(slowA, bob);
    const stream = await open(slowB, bob);
    const otherStream = await open(slowB, { ...bob, accessToken: other.accessToken });
    const started = Date.now();
    const logout = await postJson(slowA, '/v1/auth/logout', { refreshToken: bob.refreshToken }, bearer(bob));
    expect(logout.status).toBe(204);
    const end = await stream.next((event) => event.event === 'end', 3_000);
    expect(end.data.reason).toMatch(/session has ended/);
    await eventuallyTrue(() => stream.ended);
    expect(Date.now() - started).toBeLessThan(3_000);
    // The other device's session goes on, and still hears its events.
    const ada = await signUp(slowA, 'ada');
    await fundWallet(services.db, ada.id, 1_000n);
    expect((await send(slowA, ada, bob, '100')).status).toBe(202);
    await otherStream.next((event) => event.event === 'transfer.received');
    expect(otherStream.ended).toBe(false);
    expect(stream.events.some((event) => event.event === 'transfer.received')).toBe(false);
  });

  it('ends every stream of the user at once on a password change', async () => {
    const bob = await signUp(slowA, 'bob');
    const other = await logIn(slowA, bob);
    const mine = [await open(slowA, bob), await open(slowB, bob)];
    const theirs = await open(slowB, { ...bob, accessToken: other.accessToken });
    const started = Date.now();
    const changed = await postJson(
      slowA,
      '/v1/me/password',
      { currentPassword: bob.password, newPassword: `new-${randomUUID()}` },
      bearer(bob),
    );
    expect(changed.status).toBe(204);
    for (const stream of [...mine, theirs]) {
      await stream.next((event) => event.event === 'end', 3_000);
      await eventuallyTrue(() => stream.ended);
    }
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(hubs[0]!.openStreams(bob.id) + hubs[1]!.openStreams(bob.id)).toBe(0);
  });

  it('ends the stream at once when a reused refresh token revokes its session', async () => {
    const bob = await signUp(slowA, 'bob');
    const stream = await open(slowB, bob);
    const refresh = (token: string) => postJson(slowA, '/v1/auth/refresh', { refreshToken: token });
    expect((await refresh(bob.refreshToken)).status).toBe(200);
    // Still open after an ordinary rotation: the session goes on.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stream.ended).toBe(false);
    const started = Date.now();
    expect((await refresh(bob.refreshToken)).status).toBe(401);
    await stream.next((event) => event.event === 'end', 3_000);
    await eventuallyTrue(() => stream.ended);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('a busy stream whose session ended unheard ends at its next periodic check', async () => {
    const bob = await signUp(replicaA, 'bob');
    const stream = await open(replicaA, bob);
    // End the session with the triggers off (as if every listener had missed the notification).
    const client = new pg.Client({ connectionString: inject('databaseUrl') });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL session_replication_role = replica`);
      await client.query(`UPDATE auth_sessions SET revoked_at = now() WHERE user_id = $1`, [bob.id]);
      await client.query('COMMIT');
      expect(hubs[0]!.openStreams(bob.id)).toBe(1);
      // Events every 50 ms keep the stream awake (the heartbeat is 300 ms): it must still check.
      const started = Date.now();
      while (!stream.ended && Date.now() - started < 5_000) {
        await client.query(
          `INSERT INTO user_events (user_id, type, subject_id, payload) VALUES ($1, 'transfer.updated', $2, '{}')`,
          [bob.id, randomUUID()],
        );
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(stream.ended).toBe(true);
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(stream.events.at(-1)!.event).toBe('end');
    } finally {
      await client.end();
    }
  });

  it('ends a stream when its session ends; a bad cursor is refused', async () => {
    const ada = await signUp(replicaA, 'ada');

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

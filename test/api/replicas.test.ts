/**
 * Goal: two API processes (replicas) share what must be shared through PostgreSQL. Rate limits:
 * sign-ups from one address counted by the first process also count on the second, which
 * answers 429 with Retry-After. Live events: a payment sent through one process reaches the
 * recipient's stream on the other and the sender's on the first (each listens to the outbox).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiProcess, untilListening, type ApiProcess } from '../support/api-process';
import { ApiClient } from '../support/api-client';
import { EventStream } from '../support/event-stream';
import { connectServices, fundWallet } from '../support/fixtures';

describe('rate limits across API replicas', () => {
  const replicas: ApiProcess[] = [];

  beforeAll(async () => {
    const shared = {
      JWT_SECRET: 'q3J8vYb0Zp6u1Kx9mWc4T7sLr2NfHgEaDiOjUkV5Qwy',
      RATE_LIMIT_NAMESPACE: `replicas-${randomUUID().slice(0, 8)}`,
      SIGNUPS_PER_ADDRESS_PER_HOUR_MAX: '3',
    };
    replicas.push(await startApiProcess(shared), await startApiProcess(shared));
    await Promise.all(replicas.map(untilListening));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
  });

  it('answers 429 with Retry-After on the second process once the first has spent the shared limit', async () => {
    const signUp = (replica: ApiProcess) =>
      fetch(`${replica.url}/v1/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: `r-${randomUUID()}@example.test`,
          handle: `r_${randomUUID().slice(0, 8)}`,
          password: 'long enough password',
        }),
      });
    const [first, second] = replicas as [ApiProcess, ApiProcess];
    for (const replica of [first, second, first]) expect((await signUp(replica)).status).toBe(201);
    const refused = await signUp(second);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { type: string }).type).toBe('https://kizo.dev/problems/rate-limited');
    expect((await signUp(first)).status).toBe(429);
  });
});

describe('live events across API replicas', () => {
  const replicas: ApiProcess[] = [];

  beforeAll(async () => {
    const shared = {
      JWT_SECRET: 'q3J8vYb0Zp6u1Kx9mWc4T7sLr2NfHgEaDiOjUkV5Qwy',
      RATE_LIMIT_NAMESPACE: `live-${randomUUID().slice(0, 8)}`,
    };
    replicas.push(await startApiProcess(shared), await startApiProcess(shared));
    await Promise.all(replicas.map(untilListening));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
  });

  it('a payment sent through one process reaches the recipient on the other and the sender on the first', async () => {
    const [first, second] = replicas as [ApiProcess, ApiProcess];
    const services = await connectServices();
    try {
      const ada = await new ApiClient(first.url).signUp('ada');
      const bob = await new ApiClient(second.url).signUp('bob');
      await fundWallet(services.db, ada.userId, 1_000n);
      const open = async (replica: ApiProcess, user: ApiClient) => {
        const { stream } = await EventStream.open(
          (init) => fetch(`${replica.url}/v1/events`, init),
          user.accessToken,
        );
        if (!stream) throw new Error('the stream did not open');
        return stream;
      };
      const bobs = await open(second, bob);
      const adas = await open(first, ada);
      const sent = await ada.move(
        '/v1/transfers',
        { recipient: bob.handle, amountMinor: '250', currency: 'EUR' },
        randomUUID(),
      );
      expect(sent.status).toBe(202);
      expect((await bobs.next((event) => event.event === 'transfer.received')).data).toMatchObject({
        transferId: sent.body.id,
        amountMinor: '250',
      });
      expect((await adas.next((event) => event.data.status === 'COMPLETED')).data).toMatchObject({
        transferId: sent.body.id,
        direction: 'sent',
      });
      bobs.close();
      adas.close();
    } finally {
      await services.close();
    }
  });
});

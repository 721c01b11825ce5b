/**
 * Goal: two API processes (replicas) share one rate limit through PostgreSQL: sign-ups from one
 * address counted by the first process also count on the second, which answers 429 with
 * Retry-After; one replica alone cannot multiply the limit.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiProcess, untilListening, type ApiProcess } from '../support/api-process';

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
        body: JSON.stringify({ email: `r-${randomUUID()}@example.test`, handle: `r_${randomUUID().slice(0, 8)}`, password: 'long enough password' }),
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

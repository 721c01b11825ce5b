/**
 * Goal: the purges keep up however fast rows arrive: expired idempotency keys and long-ended
 * sessions are deleted in batches until none is left, and nothing still in force is touched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRefreshTokenStore } from '../../api/auth/refresh-tokens';
import { createIdempotencyStore } from '../../api/idempotency/store';
import { connectServices, createUser, type TestServices } from '../support/fixtures';

describe('purges', () => {
  let services: TestServices;
  beforeAll(async () => {
    services = await connectServices();
  });
  afterAll(() => services.close());

  it('deletes 2,500 expired idempotency keys in batches and keeps the live one', async () => {
    const user = await createUser(services.db, 'purge');
    await services.db.$executeRaw`
      INSERT INTO idempotency_keys (user_id, key, request_hash, method, path, expires_at)
      SELECT ${user.id}::uuid, 'old-' || n, 'h', 'POST', '/v1/transfers', now() - interval '1 hour' FROM generate_series(1, 2500) AS n`;
    await services.db.$executeRaw`
      INSERT INTO idempotency_keys (user_id, key, request_hash, method, path, expires_at)
      VALUES (${user.id}::uuid, 'live', 'h', 'POST', '/v1/transfers', now() + interval '1 day')`;
    const store = createIdempotencyStore(services.db, { ttlHours: 24, lockTimeoutSeconds: 60 });
    expect(await store.purgeExpired({ batch: 1_000, batchesMax: 10 })).toBeGreaterThanOrEqual(2_500);
    expect(
      await services.db.idempotencyKey.findMany({ where: { userId: user.id }, select: { key: true } }),
    ).toEqual([{ key: 'live' }]);
  });

  it('deletes sessions (with their refresh tokens) ended long ago, and keeps recent ones', async () => {
    const user = await createUser(services.db, 'sessions');
    const store = createRefreshTokenStore(services.db, 3600);
    const old = await store.issue(user.id);
    const recent = await store.issue(user.id);
    await services.db.authSession.update({
      where: { id: old.sessionId },
      data: { revokedAt: new Date(Date.now() - 40 * 24 * 3600 * 1000), revokedReason: 'logout' },
    });
    await store.revoke(recent.refreshToken);
    expect(await store.purge({ keepDays: 30, batch: 1, batchesMax: 1_000 })).toBeGreaterThanOrEqual(1);
    const left = await services.db.authSession.findMany({ where: { userId: user.id }, select: { id: true } });
    expect(left).toEqual([{ id: recent.sessionId }]);
    expect(await services.db.refreshToken.count({ where: { familyId: old.sessionId } })).toBe(0);
  });
});

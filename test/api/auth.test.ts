/**
 * Goal: the full authentication lifecycle over HTTP against the real app and PostgreSQL:
 * sign-up, login, /me, refresh rotation with reuse detection that ends the whole session,
 * logout, forged/expired/malformed tokens refused, login rate limits with Retry-After, and
 * role-based access (users cannot reach admin routes; KIZO_ADMIN_EMAILS makes admins).
 */
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER } from '../../api/auth/access-tokens';
import { hashRefreshToken } from '../../api/auth/refresh-tokens';
import { connectServices, type TestServices } from '../support/fixtures';
import { createTestApp, get, postJson, problemOf, problemType, signUp, testConfig, type TestApp } from './support';

describe('authentication over HTTP', () => {
  let services: TestServices;
  let app: TestApp;
  const secret = testConfig().JWT_SECRET;

  beforeAll(async () => {
    services = await connectServices();
    app = createTestApp(services);
  });
  afterAll(() => services.close());

  const sign = (claims: { sub?: string; iss?: string; aud?: string; expSeconds?: number }, key = secret) => {
    const jwt = new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuedAt();
    if (claims.sub) jwt.setSubject(claims.sub);
    jwt.setIssuer(claims.iss ?? ACCESS_TOKEN_ISSUER).setAudience(claims.aud ?? ACCESS_TOKEN_AUDIENCE);
    jwt.setExpirationTime(claims.expSeconds ?? Math.floor(Date.now() / 1000) + 60);
    return jwt.sign(new TextEncoder().encode(key));
  };

  it('signs up, reads /me, logs in, and stores only an argon2 hash and sha-256 token hashes', async () => {
    const ada = await signUp(app, 'ada');
    expect(ada.role).toBe('user');
    const me = await get(app, '/v1/me', ada);
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ id: ada.id, email: ada.email, handle: ada.handle, role: 'user' });

    const row = await services.db.user.findUniqueOrThrow({ where: { id: ada.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(ada.password);
    const token = await services.db.refreshToken.findUniqueOrThrow({ where: { tokenHash: hashRefreshToken(ada.refreshToken) } });
    expect(token.userId).toBe(ada.id);

    const login = await postJson(app, '/v1/auth/login', { email: ada.email.toUpperCase(), password: ada.password });
    expect(login.status).toBe(200);
    const session = (await login.json()) as { user: { id: string }; accessToken: string; refreshToken: string; accessTokenExpiresAt: string };
    expect(session.user.id).toBe(ada.id);
    expect(new Date(session.accessTokenExpiresAt).getTime()).toBeGreaterThan(Date.now());
    expect((await get(app, '/v1/me', session)).status).toBe(200);
  });

  it('refuses duplicate emails and handles, and invalid sign-up bodies with field errors', async () => {
    const ada = await signUp(app, 'ada');
    const sameEmail = await postJson(app, '/v1/auth/signup', { email: ada.email, handle: `other_${randomUUID().slice(0, 6)}`, password: 'long enough password' });
    expect(sameEmail.status).toBe(409);
    expect((await problemOf(sameEmail)).type).toBe(problemType('email-taken'));
    const sameHandle = await postJson(app, '/v1/auth/signup', { email: `x-${randomUUID()}@example.test`, handle: ada.handle, password: 'long enough password' });
    expect((await problemOf(sameHandle)).type).toBe(problemType('handle-taken'));

    const invalid = await postJson(app, '/v1/auth/signup', { email: 'not-an-email', handle: 'a!', password: 'short' });
    expect(invalid.status).toBe(400);
    const problem = await problemOf(invalid);
    expect(problem.type).toBe(problemType('validation-failed'));
    expect(problem.errors?.map((error) => error.path).sort()).toEqual(['email', 'handle', 'password']);
  });

  it('answers wrong passwords and unknown emails alike with 401', async () => {
    const ada = await signUp(app, 'ada');
    const wrong = await postJson(app, '/v1/auth/login', { email: ada.email, password: 'wrong password!' });
    const unknown = await postJson(app, '/v1/auth/login', { email: `nobody-${randomUUID()}@example.test`, password: 'whatever pw' });
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect((await problemOf(response)).type).toBe(problemType('invalid-credentials'));
    }
  });

  it('rotates refresh tokens; reusing an old one revokes the whole family', async () => {
    const ada = await signUp(app, 'ada');
    const first = await postJson(app, '/v1/auth/refresh', { refreshToken: ada.refreshToken });
    expect(first.status).toBe(200);
    const rotated = (await first.json()) as { accessToken: string; refreshToken: string };
    expect(rotated.refreshToken).not.toBe(ada.refreshToken);
    expect((await get(app, '/v1/me', rotated)).status).toBe(200);

    // The old token again: a thief (or a replay). The family ends, including the newest token.
    const reuse = await postJson(app, '/v1/auth/refresh', { refreshToken: ada.refreshToken });
    expect(reuse.status).toBe(401);
    expect((await problemOf(reuse)).type).toBe(problemType('refresh-token-reused'));
    const newest = await postJson(app, '/v1/auth/refresh', { refreshToken: rotated.refreshToken });
    expect(newest.status).toBe(401);
    expect((await problemOf(newest)).type).toBe(problemType('refresh-token-reused'));
    const family = await services.db.refreshToken.findMany({ where: { userId: ada.id } });
    expect(family.length).toBe(2);
    expect(family.every((token) => token.revokedAt !== null)).toBe(true);

    // A fresh login is a new family and works.
    const login = await postJson(app, '/v1/auth/login', { email: ada.email, password: ada.password });
    const session = (await login.json()) as { refreshToken: string };
    expect((await postJson(app, '/v1/auth/refresh', { refreshToken: session.refreshToken })).status).toBe(200);
  });

  it('lets exactly one of two concurrent refreshes with one token win', async () => {
    const ada = await signUp(app, 'ada');
    const answers = await Promise.all([0, 1].map(() => postJson(app, '/v1/auth/refresh', { refreshToken: ada.refreshToken })));
    expect(answers.filter((answer) => answer.status === 200).length).toBeLessThanOrEqual(1);
    expect(answers.filter((answer) => answer.status === 401).length).toBeGreaterThanOrEqual(1);
  });

  it('logs out: the refresh token stops working; unknown tokens log out quietly', async () => {
    const ada = await signUp(app, 'ada');
    expect((await postJson(app, '/v1/auth/logout', { refreshToken: ada.refreshToken })).status).toBe(204);
    const after = await postJson(app, '/v1/auth/refresh', { refreshToken: ada.refreshToken });
    expect(after.status).toBe(401);
    expect((await postJson(app, '/v1/auth/logout', { refreshToken: 'never-issued' })).status).toBe(204);
    const unknown = await postJson(app, '/v1/auth/refresh', { refreshToken: 'never-issued' });
    expect((await problemOf(unknown)).type).toBe(problemType('invalid-refresh-token'));
  });

  it('refuses missing, malformed, forged, expired and foreign tokens with 401 problem+json', async () => {
    const ada = await signUp(app, 'ada');
    const nowSeconds = Math.floor(Date.now() / 1000);
    const [header, payload] = ada.accessToken.split('.');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    const tampered = `${header}.${Buffer.from(JSON.stringify({ sub: randomUUID(), iss: ACCESS_TOKEN_ISSUER, aud: ACCESS_TOKEN_AUDIENCE, exp: nowSeconds + 60 })).toString('base64url')}.${ada.accessToken.split('.')[2]}`;
    const cases: Record<string, string | undefined> = {
      missing: undefined,
      'not bearer': `Basic ${Buffer.from('a:b').toString('base64')}`,
      garbage: 'Bearer not.a.jwt',
      'alg none': `Bearer ${unsigned}`,
      'tampered payload': `Bearer ${tampered}`,
      'other key': `Bearer ${await sign({ sub: ada.id }, 'another-secret-that-is-at-least-32-characters-long')}`,
      expired: `Bearer ${await sign({ sub: ada.id, expSeconds: nowSeconds - 10 })}`,
      'other audience': `Bearer ${await sign({ sub: ada.id, aud: 'someone-else' })}`,
      'deleted user': `Bearer ${await sign({ sub: randomUUID() })}`,
    };
    for (const [name, authorization] of Object.entries(cases)) {
      const response = await app.request('/v1/me', { headers: authorization ? { Authorization: authorization } : {} });
      expect(response.status, name).toBe(401);
      expect((await problemOf(response)).type, name).toBe(problemType('unauthenticated'));
      expect(response.headers.get('WWW-Authenticate'), name).toBe('Bearer');
    }
    // A validly signed token of our own still works: the cases above failed for their reason.
    expect((await app.request('/v1/me', { headers: { Authorization: `Bearer ${await sign({ sub: ada.id })}` } })).status).toBe(200);
  });

  it('rate-limits login per account and per address, with Retry-After', async () => {
    const limited = createTestApp(services, { LOGIN_ATTEMPTS_PER_ACCOUNT_MAX: '3', LOGIN_ATTEMPTS_PER_ADDRESS_MAX: '6' });
    const ada = await signUp(limited, 'ada');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await postJson(limited, '/v1/auth/login', { email: ada.email, password: 'wrong password' })).status).toBe(401);
    }
    // Even the right password is refused while the account is over its limit.
    const refused = await postJson(limited, '/v1/auth/login', { email: ada.email, password: ada.password });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    const problem = await problemOf(refused);
    expect(problem.type).toBe(problemType('rate-limited'));
    expect(problem.detail).toMatch(/login-per-account/);

    // The address has spent 4 of 6; two more on other accounts, then the address is limited.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      expect((await postJson(limited, '/v1/auth/login', { email: `x${attempt}-${randomUUID()}@example.test`, password: 'whatever pw' })).status).toBe(401);
    }
    const byAddress = await postJson(limited, '/v1/auth/login', { email: `y-${randomUUID()}@example.test`, password: 'whatever pw' });
    expect(byAddress.status).toBe(429);
    expect((await problemOf(byAddress)).detail).toMatch(/login-per-address/);
  });

  it('keeps users out of admin routes and lets KIZO_ADMIN_EMAILS make admins', async () => {
    const adminEmail = `boss-${randomUUID().slice(0, 8)}@example.test`;
    const withAdmins = createTestApp(services, { KIZO_ADMIN_EMAILS: `someone@example.test, ${adminEmail.toUpperCase()}` });
    const user = await signUp(withAdmins, 'ada');
    const admin = await signUp(withAdmins, 'boss', adminEmail);
    expect(admin.role).toBe('admin');

    for (const path of ['/v1/admin/transfers', '/v1/admin/ledger/audit', '/v1/admin/reconciliation']) {
      const forbidden = await get(withAdmins, path, user);
      expect(forbidden.status, path).toBe(403);
      expect((await problemOf(forbidden)).type).toBe(problemType('forbidden'));
      expect((await get(withAdmins, path)).status, path).toBe(401);
    }
    const approve = await postJson(withAdmins, `/v1/admin/transfers/${randomUUID()}/approve`, {}, { Authorization: `Bearer ${user.accessToken}` });
    expect(approve.status).toBe(403);
    expect((await get(withAdmins, '/v1/admin/ledger/audit', admin)).status).toBe(200);

    // An existing account listed later becomes admin at its next login.
    const later = createTestApp(services, { KIZO_ADMIN_EMAILS: user.email });
    const login = await postJson(later, '/v1/auth/login', { email: user.email, password: user.password });
    expect(((await login.json()) as { user: { role: string } }).user.role).toBe('admin');
  });
});

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
import { TEST_ONLY_JWT_SECRET } from '../../api/auth/jwt-secret';
import { hashRefreshToken } from '../../api/auth/refresh-tokens';
import { connectServices, type TestServices } from '../support/fixtures';
import {
  bearer,
  createTestApp,
  get,
  postJson,
  problemOf,
  problemType,
  signUp,
  signUpVerified,
  type TestApp,
  verifyEmail,
} from './support';

describe('authentication over HTTP', () => {
  let services: TestServices;
  let app: TestApp;
  const secret = TEST_ONLY_JWT_SECRET;

  beforeAll(async () => {
    services = await connectServices();
    app = createTestApp(services);
  });
  afterAll(() => services.close());

  const sign = (
    claims: { sub?: string; sid?: string; iss?: string; aud?: string; expSeconds?: number | null },
    key = secret,
  ) => {
    const jwt = new SignJWT(claims.sid ? { sid: claims.sid } : {})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt();
    if (claims.sub) jwt.setSubject(claims.sub);
    jwt.setIssuer(claims.iss ?? ACCESS_TOKEN_ISSUER).setAudience(claims.aud ?? ACCESS_TOKEN_AUDIENCE);
    if (claims.expSeconds !== null)
      jwt.setExpirationTime(claims.expSeconds ?? Math.floor(Date.now() / 1000) + 60);
    return jwt.sign(new TextEncoder().encode(key));
  };
  const sessionOf = async (user: { id: string }) =>
    (await services.db.authSession.findFirstOrThrow({ where: { userId: user.id } })).id;

  it('signs up, reads /me, logs in, and stores only an argon2 hash and sha-256 token hashes', async () => {
    const ada = await signUp(app, 'ada');
    expect(ada.role).toBe('user');
    const me = await get(app, '/v1/me', ada);
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({
      id: ada.id,
      email: ada.email,
      handle: ada.handle,
      displayName: null,
      role: 'user',
      emailVerified: false,
    });

    const row = await services.db.user.findUniqueOrThrow({ where: { id: ada.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(ada.password);
    const token = await services.db.refreshToken.findUniqueOrThrow({
      where: { tokenHash: hashRefreshToken(ada.refreshToken) },
    });
    expect(token.userId).toBe(ada.id);

    const login = await postJson(app, '/v1/auth/login', {
      email: ada.email.toUpperCase(),
      password: ada.password,
    });
    expect(login.status).toBe(200);
    const session = (await login.json()) as {
      user: { id: string };
      accessToken: string;
      refreshToken: string;
      accessTokenExpiresAt: string;
    };
    expect(session.user.id).toBe(ada.id);
    expect(new Date(session.accessTokenExpiresAt).getTime()).toBeGreaterThan(Date.now());
    expect((await get(app, '/v1/me', session)).status).toBe(200);
  });

  it('refuses duplicate emails and handles, and invalid sign-up bodies with field errors', async () => {
    const ada = await signUp(app, 'ada');
    const sameEmail = await postJson(app, '/v1/auth/signup', {
      email: ada.email,
      handle: `other_${randomUUID().slice(0, 6)}`,
      password: 'long enough password',
    });
    expect(sameEmail.status).toBe(409);
    expect((await problemOf(sameEmail)).type).toBe(problemType('email-taken'));
    const sameHandle = await postJson(app, '/v1/auth/signup', {
      email: `x-${randomUUID()}@example.test`,
      handle: ada.handle,
      password: 'long enough password',
    });
    expect((await problemOf(sameHandle)).type).toBe(problemType('handle-taken'));

    const invalid = await postJson(app, '/v1/auth/signup', {
      email: 'not-an-email',
      handle: 'a!',
      password: 'short',
    });
    expect(invalid.status).toBe(400);
    const problem = await problemOf(invalid);
    expect(problem.type).toBe(problemType('validation-failed'));
    expect(problem.errors?.map((error) => error.path).sort()).toEqual(['email', 'handle', 'password']);
  });

  it('answers wrong passwords and unknown emails alike with 401', async () => {
    const ada = await signUp(app, 'ada');
    const wrong = await postJson(app, '/v1/auth/login', { email: ada.email, password: 'wrong password!' });
    const unknown = await postJson(app, '/v1/auth/login', {
      email: `nobody-${randomUUID()}@example.test`,
      password: 'whatever pw',
    });
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
    expect((await postJson(app, '/v1/auth/refresh', { refreshToken: session.refreshToken })).status).toBe(
      200,
    );
  });

  it('30 concurrent refresh races with one token: one may win, the reuse revokes the session, and no token of it works after', async () => {
    for (let trial = 0; trial < 30; trial += 1) {
      const ada = await signUp(app, 'racer');
      const answers = await Promise.all(
        [0, 1].map(() => postJson(app, '/v1/auth/refresh', { refreshToken: ada.refreshToken })),
      );
      const won = answers.filter((answer) => answer.status === 200);
      expect(won.length).toBeLessThanOrEqual(1);
      expect(answers.filter((answer) => answer.status === 401).length).toBeGreaterThanOrEqual(1);
      const survivors = (await Promise.all(won.map((answer) => answer.json()))) as {
        accessToken: string;
        refreshToken: string;
      }[];
      for (const survivor of survivors) {
        expect(
          (await postJson(app, '/v1/auth/refresh', { refreshToken: survivor.refreshToken })).status,
          `trial ${trial}`,
        ).toBe(401);
        expect((await get(app, '/v1/me', survivor)).status, `trial ${trial}`).toBe(401);
      }
      expect((await get(app, '/v1/me', ada)).status, `trial ${trial}`).toBe(401);
    }
  });

  it('logs out: the refresh token and the access token stop working at once; unknown tokens log out quietly', async () => {
    const ada = await signUp(app, 'ada');
    expect((await get(app, '/v1/me', ada)).status).toBe(200);
    expect((await postJson(app, '/v1/auth/logout', { refreshToken: ada.refreshToken })).status).toBe(204);
    expect((await get(app, '/v1/me', ada)).status).toBe(401);
    const after = await postJson(app, '/v1/auth/refresh', { refreshToken: ada.refreshToken });
    expect(after.status).toBe(401);
    expect((await postJson(app, '/v1/auth/logout', { refreshToken: 'never-issued' })).status).toBe(204);
    const unknown = await postJson(app, '/v1/auth/refresh', { refreshToken: 'never-issued' });
    expect((await problemOf(unknown)).type).toBe(problemType('invalid-refresh-token'));
  });

  it('logs out everywhere, and a password change ends every session', async () => {
    const ada = await signUp(app, 'ada');
    const second = (await (
      await postJson(app, '/v1/auth/login', { email: ada.email, password: ada.password })
    ).json()) as { accessToken: string; refreshToken: string };
    expect((await postJson(app, '/v1/me/logout-everywhere', {}, bearer(ada))).status).toBe(204);
    for (const session of [ada, second]) {
      expect((await get(app, '/v1/me', session)).status).toBe(401);
      expect((await postJson(app, '/v1/auth/refresh', { refreshToken: session.refreshToken })).status).toBe(
        401,
      );
    }

    const third = (await (
      await postJson(app, '/v1/auth/login', { email: ada.email, password: ada.password })
    ).json()) as { accessToken: string; refreshToken: string };
    const wrong = await postJson(
      app,
      '/v1/me/password',
      { currentPassword: 'not it', newPassword: 'a brand new passphrase' },
      bearer(third),
    );
    expect([wrong.status, (await problemOf(wrong)).type]).toEqual([403, problemType('invalid-credentials')]);
    expect((await get(app, '/v1/me', third)).status).toBe(200);
    expect(
      (
        await postJson(
          app,
          '/v1/me/password',
          { currentPassword: ada.password, newPassword: 'a brand new passphrase' },
          bearer(third),
        )
      ).status,
    ).toBe(204);
    expect((await get(app, '/v1/me', third)).status).toBe(401);
    expect((await postJson(app, '/v1/auth/login', { email: ada.email, password: ada.password })).status).toBe(
      401,
    );
    expect(
      (await postJson(app, '/v1/auth/login', { email: ada.email, password: 'a brand new passphrase' }))
        .status,
    ).toBe(200);
  });

  it('answers token routes with Cache-Control: no-store, and every route with security headers', async () => {
    const signup = await postJson(app, '/v1/auth/signup', {
      email: `h-${randomUUID()}@example.test`,
      handle: `h_${randomUUID().slice(0, 8)}`,
      password: 'long enough password',
    });
    expect(signup.headers.get('Cache-Control')).toBe('no-store');
    const health = await app.request('/healthz');
    expect(health.headers.get('Content-Security-Policy')).toMatch(
      /default-src 'none'.*frame-ancestors 'none'/,
    );
    expect([
      health.headers.get('X-Content-Type-Options'),
      health.headers.get('Referrer-Policy'),
      health.headers.get('X-Frame-Options'),
    ]).toEqual(['nosniff', 'no-referrer', 'DENY']);
    // HSTS only where the API is published over TLS.
    expect(health.headers.get('Strict-Transport-Security')).toBeNull();
    const tls = createTestApp(services, { API_PUBLIC_URL: 'https://api.example.test' });
    expect((await tls.request('/healthz')).headers.get('Strict-Transport-Security')).toMatch(/max-age=\d+/);
  });

  it('refuses missing, malformed, forged, expired and foreign tokens with 401 problem+json', async () => {
    const ada = await signUp(app, 'ada');
    const sid = await sessionOf(ada);
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
      'other key': `Bearer ${await sign({ sub: ada.id, sid }, 'another-secret-that-is-at-least-32-characters-long')}`,
      expired: `Bearer ${await sign({ sub: ada.id, sid, expSeconds: nowSeconds - 10 })}`,
      'no expiry': `Bearer ${await sign({ sub: ada.id, sid, expSeconds: null })}`,
      'no session': `Bearer ${await sign({ sub: ada.id })}`,
      "another user's session": `Bearer ${await sign({ sub: randomUUID(), sid })}`,
      'unknown session': `Bearer ${await sign({ sub: ada.id, sid: randomUUID() })}`,
      'other audience': `Bearer ${await sign({ sub: ada.id, sid, aud: 'someone-else' })}`,
    };
    for (const [name, authorization] of Object.entries(cases)) {
      const response = await app.request('/v1/me', {
        headers: authorization ? { Authorization: authorization } : {},
      });
      expect(response.status, name).toBe(401);
      expect((await problemOf(response)).type, name).toBe(problemType('unauthenticated'));
      expect(response.headers.get('WWW-Authenticate'), name).toBe('Bearer');
    }
    // A validly signed token of our own still works: the cases above failed for their reason.
    expect(
      (
        await app.request('/v1/me', {
          headers: { Authorization: `Bearer ${await sign({ sub: ada.id, sid })}` },
        })
      ).status,
    ).toBe(200);
  });

  it('keys limits on the hop the trusted proxy appended, not on addresses the client wrote before it', async () => {
    const limited = createTestApp(services, { LOGIN_ATTEMPTS_PER_ACCOUNT_MAX: '3', API_TRUST_PROXY: 'true' });
    const ada = await signUp(limited, 'ada');
    // A fresh spoofed first hop per attempt, the same real client address last (as the proxy adds it).
    const attempt = (index: number) =>
      postJson(
        limited,
        '/v1/auth/login',
        { email: ada.email, password: 'wrong password' },
        { 'X-Forwarded-For': `198.51.100.${index}, 203.0.113.77` },
      );
    for (let index = 0; index < 3; index += 1) expect((await attempt(index)).status).toBe(401);
    expect((await attempt(3)).status).toBe(429);
  });

  it('throttles failed logins per account and address without locking the owner out elsewhere, with Retry-After', async () => {
    const limited = createTestApp(services, {
      LOGIN_ATTEMPTS_PER_ACCOUNT_MAX: '3',
      LOGIN_ATTEMPTS_PER_ADDRESS_MAX: '8',
      API_TRUST_PROXY: 'true',
    });
    const ada = await signUp(limited, 'ada');
    const from = (address: string) => ({ 'X-Forwarded-For': address });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(
        (
          await postJson(
            limited,
            '/v1/auth/login',
            { email: ada.email, password: 'wrong password' },
            from('203.0.113.9'),
          )
        ).status,
      ).toBe(401);
    }
    // From the guessing address, even the right password now waits.
    const refused = await postJson(
      limited,
      '/v1/auth/login',
      { email: ada.email, password: ada.password },
      from('203.0.113.9'),
    );
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    const problem = await problemOf(refused);
    expect([problem.type, problem.detail]).toEqual([
      problemType('rate-limited'),
      expect.stringMatching(/^Too many failed logins for this account\. Try again in \d+ s\.$/),
    ]);
    // The owner, from anywhere else, is not locked out.
    expect(
      (
        await postJson(
          limited,
          '/v1/auth/login',
          { email: ada.email, password: ada.password },
          from('198.51.100.7'),
        )
      ).status,
    ).toBe(200);

    // The address has spent 4 of 8 over all accounts; four more on other accounts, then it is limited.
    for (let attempt = 0; attempt < 4; attempt += 1) {
      expect(
        (
          await postJson(
            limited,
            '/v1/auth/login',
            { email: `x${attempt}-${randomUUID()}@example.test`, password: 'whatever pw' },
            from('203.0.113.9'),
          )
        ).status,
      ).toBe(401);
    }
    const byAddress = await postJson(
      limited,
      '/v1/auth/login',
      { email: `y-${randomUUID()}@example.test`, password: 'whatever pw' },
      from('203.0.113.9'),
    );
    expect([byAddress.status, (await problemOf(byAddress)).detail]).toEqual([
      429,
      expect.stringMatching(/login attempts from this address/),
    ]);
  });

  it('shares limits between API replicas through PostgreSQL: the second replica answers 429 with Retry-After', async () => {
    const shared = {
      RATE_LIMIT_NAMESPACE: `shared-${randomUUID().slice(0, 8)}`,
      MONEY_REQUESTS_PER_USER_PER_MINUTE_MAX: '4',
      SIGNUPS_PER_ADDRESS_PER_HOUR_MAX: '3',
      API_TRUST_PROXY: 'true',
    };
    const [first, second] = [createTestApp(services, shared), createTestApp(services, shared)];
    const ada = await signUp(first, 'ada');
    const money = (app: TestApp) =>
      postJson(
        app,
        '/v1/deposits',
        { amountMinor: '1', currency: 'EUR' },
        { ...bearer(ada), 'Idempotency-Key': randomUUID() },
      );
    for (const app of [first, second, first, second]) expect((await money(app)).status).toBe(202);
    const over = await money(second);
    expect([over.status, (await problemOf(over)).type]).toEqual([429, problemType('rate-limited')]);
    expect(Number(over.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect((await money(first)).status).toBe(429);

    const signUpFrom = (app: TestApp) =>
      postJson(
        app,
        '/v1/auth/signup',
        {
          email: `s-${randomUUID()}@example.test`,
          handle: `s_${randomUUID().slice(0, 8)}`,
          password: 'long enough password',
        },
        { 'X-Forwarded-For': '192.0.2.44' },
      );
    for (const app of [first, second, first]) expect((await signUpFrom(app)).status).toBe(201);
    const tooMany = await signUpFrom(second);
    expect([tooMany.status, tooMany.headers.get('Retry-After') !== null]).toEqual([429, true]);
  });

  it('keeps users out of admin routes and lets KIZO_ADMIN_EMAILS make admins', async () => {
    const adminEmail = `boss-${randomUUID().slice(0, 8)}@example.test`;
    const withAdmins = createTestApp(services, {
      KIZO_ADMIN_EMAILS: `someone@example.test, ${adminEmail.toUpperCase()}`,
    });
    const user = await signUp(withAdmins, 'ada');
    // The listed address counts once verified (test/api/email-verification.test.ts: not before).
    const admin = await signUpVerified(withAdmins, 'boss', adminEmail);
    expect(admin.role).toBe('admin');

    for (const path of ['/v1/admin/transfers', '/v1/admin/ledger/audit', '/v1/admin/reconciliation']) {
      const forbidden = await get(withAdmins, path, user);
      expect(forbidden.status, path).toBe(403);
      expect((await problemOf(forbidden)).type).toBe(problemType('forbidden'));
      expect((await get(withAdmins, path)).status, path).toBe(401);
    }
    const approve = await postJson(
      withAdmins,
      `/v1/admin/transfers/${randomUUID()}/approve`,
      {},
      { Authorization: `Bearer ${user.accessToken}` },
    );
    expect(approve.status).toBe(403);
    expect((await get(withAdmins, '/v1/admin/ledger/audit', admin)).status).toBe(200);

    // An existing account with a verified email listed later becomes admin at its next login.
    await verifyEmail(withAdmins, user);
    const later = createTestApp(services, { KIZO_ADMIN_EMAILS: user.email });
    const login = await postJson(later, '/v1/auth/login', { email: user.email, password: user.password });
    expect(((await login.json()) as { user: { role: string } }).user.role).toBe('admin');
  });
});

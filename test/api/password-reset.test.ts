/**
 * Goal: a password is reset through a link mailed to the account's address (read from the run's
 * real SMTP server). Asking answers exactly the same for a registered and an unregistered
 * address, and is rate-limited per address asked about (known or not) and per client address,
 * with 429 and Retry-After. The link works once and briefly; using it sets the password, ends
 * every session (refresh and access tokens), verifies the email and mails the owner a notice.
 * A signed-in password change throttles wrong current passwords the same way, and the session
 * list shows each device and ends one of them.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectServices, type TestServices } from '../support/fixtures';
import { linkIn, mailsTo, waitForMail } from '../support/mailbox';
import {
  bearer,
  createTestApp,
  get,
  postJson,
  problemOf,
  problemType,
  signUp,
  type SignedUp,
  type TestApp,
} from './support';

describe('password reset', () => {
  let services: TestServices;
  let app: TestApp;

  beforeAll(async () => {
    services = await connectServices();
    app = createTestApp(services, {
      PASSWORD_RESETS_PER_ACCOUNT_PER_HOUR_MAX: '2',
      PASSWORD_RESETS_PER_ADDRESS_PER_HOUR_MAX: '8',
      LOGIN_ATTEMPTS_PER_ACCOUNT_MAX: '3',
      // The tests name client addresses through X-Forwarded-For.
      API_TRUST_PROXY: 'true',
      LOG_LEVEL: 'error',
    });
  });
  afterAll(() => services.close());

  const ask = (email: string, target = app, address = '10.0.0.1') =>
    postJson(target, '/v1/auth/password-reset', { email }, { 'X-Forwarded-For': address });
  const confirm = (token: string, newPassword: string) =>
    postJson(app, '/v1/auth/password-reset/confirm', { token, newPassword });
  const login = (user: { email: string }, password: string) =>
    postJson(app, '/v1/auth/login', { email: user.email, password });
  const resetToken = async (user: SignedUp, skip = 0) =>
    linkIn(await waitForMail(user.email, /Reset your Kizo password/, { skip }), '/reset-password').token;

  it('answers alike for known and unknown addresses, and resets once through the mailed link', async () => {
    const ada = await signUp(app, 'ada');
    const other = await login(ada, ada.password);
    const otherSession = (await other.json()) as { accessToken: string; refreshToken: string };
    const unknownEmail = `nobody-${randomUUID().slice(0, 8)}@example.test`;

    const known = await ask(ada.email.toUpperCase());
    const unknown = await ask(unknownEmail);
    expect(known.status).toBe(202);
    expect([unknown.status, await unknown.json()]).toEqual([known.status, await known.json()]);
    const mail = await waitForMail(ada.email, /Reset your Kizo password/);
    expect(mail.html).toContain('/reset-password?token=');
    expect(await mailsTo(unknownEmail)).toEqual([]);

    const { token } = linkIn(mail, '/reset-password');
    const short = await confirm(token, 'short');
    expect(short.status).toBe(400);
    const newPassword = `new-${randomUUID()}`;
    expect((await confirm(token, newPassword)).status).toBe(204);

    // Every session ended: both refresh tokens and the access tokens.
    for (const refreshToken of [ada.refreshToken, otherSession.refreshToken]) {
      expect((await postJson(app, '/v1/auth/refresh', { refreshToken })).status).toBe(401);
    }
    expect((await get(app, '/v1/me', ada)).status).toBe(401);
    expect((await get(app, '/v1/me', otherSession)).status).toBe(401);
    expect((await login(ada, ada.password)).status).toBe(401);
    const fresh = await login(ada, newPassword);
    expect(fresh.status).toBe(200);
    // The link proved the mailbox.
    expect(((await fresh.json()) as { user: { emailVerified: boolean } }).user.emailVerified).toBe(true);
    const notice = await waitForMail(ada.email, /password was reset/);
    expect(notice.text).toContain(`@${ada.handle}`);

    const again = await confirm(token, `other-${randomUUID()}`);
    expect(again.status).toBe(409);
    expect((await problemOf(again)).type).toBe(problemType('reset-link-used'));
    expect((await login(ada, newPassword)).status).toBe(200);
  });

  it('refuses an expired, replaced or made-up link', async () => {
    const bob = await signUp(app, 'bob');
    expect((await ask(bob.email, app, '10.0.0.2')).status).toBe(202);
    const first = await resetToken(bob);
    expect((await ask(bob.email, app, '10.0.0.2')).status).toBe(202);
    const second = await resetToken(bob, 1);
    const replaced = await confirm(first, `pw-${randomUUID()}`);
    expect(replaced.status).toBe(400);
    expect((await problemOf(replaced)).type).toBe(problemType('reset-link-invalid'));
    await services.db.$executeRaw`
      UPDATE email_tokens SET created_at = now() - interval '1 hour', expires_at = now() - interval '1 second'
       WHERE user_id = ${bob.id}::uuid AND purpose = 'RESET_PASSWORD' AND used_at IS NULL`;
    const expired = await confirm(second, `pw-${randomUUID()}`);
    expect(expired.status).toBe(410);
    expect((await problemOf(expired)).type).toBe(problemType('reset-link-expired'));
    const madeUp = await confirm('A'.repeat(43), `pw-${randomUUID()}`);
    expect(madeUp.status).toBe(400);
    expect((await login(bob, bob.password)).status).toBe(200);
  });

  it('limits resets per address asked about, known or not, and per client address', async () => {
    const carol = await signUp(app, 'carol');
    const unknownEmail = `nobody-${randomUUID().slice(0, 8)}@example.test`;
    for (const email of [carol.email, unknownEmail]) {
      for (let attempt = 0; attempt < 2; attempt += 1)
        expect((await ask(email, app, '10.0.1.1')).status).toBe(202);
    }
    const known = await ask(carol.email, app, '10.0.1.2');
    const unknown = await ask(unknownEmail, app, '10.0.1.3');
    expect([known.status, unknown.status]).toEqual([429, 429]);
    expect(Number(known.headers.get('Retry-After'))).toBeGreaterThan(0);
    const [knownProblem, unknownProblem] = [await problemOf(known), await problemOf(unknown)];
    expect(knownProblem.type).toBe(problemType('rate-limited'));
    expect(knownProblem.detail).toBe(unknownProblem.detail);
    await waitForMail(carol.email, /Reset your Kizo password/, { skip: 1 });
    expect((await mailsTo(carol.email)).filter((mail) => /Reset/.test(mail.subject))).toHaveLength(2);

    // One client address asking about many accounts (8 an hour here; 4 spent above from 10.0.1.1).
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1)
      statuses.push(
        (await ask(`many-${attempt}-${randomUUID().slice(0, 4)}@example.test`, app, '10.0.1.1')).status,
      );
    expect(statuses).toEqual([202, 202, 202, 202, 429]);
  });
});

describe('signed-in password change and sessions', () => {
  let services: TestServices;
  let app: TestApp;

  beforeAll(async () => {
    services = await connectServices();
    app = createTestApp(services, { LOGIN_ATTEMPTS_PER_ACCOUNT_MAX: '3', API_TRUST_PROXY: 'true' });
  });
  afterAll(() => services.close());

  it('throttles wrong current passwords with 429 and Retry-After, and mails a notice on a change', async () => {
    const dan = await signUp(app, 'dan');
    const change = (currentPassword: string) =>
      postJson(app, '/v1/me/password', { currentPassword, newPassword: `pw-${randomUUID()}` }, bearer(dan));
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) statuses.push((await change('wrong')).status);
    expect(statuses).toEqual([403, 403, 403]);
    const blocked = await change(dan.password);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect((await problemOf(blocked)).type).toBe(problemType('rate-limited'));
    // The right password was refused too while blocked: the password is still the old one.
    expect((await postJson(app, '/v1/auth/login', { email: dan.email, password: dan.password })).status).toBe(
      200,
    );

    const eve = await signUp(app, 'eve');
    const changed = await postJson(
      app,
      '/v1/me/password',
      { currentPassword: eve.password, newPassword: `pw-${randomUUID()}` },
      bearer(eve),
    );
    expect(changed.status).toBe(204);
    expect((await waitForMail(eve.email, /password was changed/)).text).toContain(`@${eve.handle}`);
  });

  it('lists sessions with device, address and last use, and ends one', async () => {
    const fay = await signUp(app, 'fay');
    const phone = await postJson(
      app,
      '/v1/auth/login',
      { email: fay.email, password: fay.password },
      { 'User-Agent': 'KizoPhone/1.0', 'X-Forwarded-For': '192.0.2.7' },
    );
    const phoneSession = (await phone.json()) as { accessToken: string; refreshToken: string };
    const list = await get(app, '/v1/me/sessions', fay);
    expect(list.status).toBe(200);
    const { sessions } = (await list.json()) as {
      sessions: {
        id: string;
        userAgent: string | null;
        ipAddress: string | null;
        current: boolean;
        createdAt: string;
        lastUsedAt: string;
      }[];
    };
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((session) => session.current)).toHaveLength(1);
    const phoneRow = sessions.find((session) => session.userAgent === 'KizoPhone/1.0');
    expect(phoneRow).toMatchObject({ current: false });
    expect(Date.parse(phoneRow!.lastUsedAt)).toBeGreaterThanOrEqual(Date.parse(phoneRow!.createdAt));

    // Another user cannot end Fay's session; an unknown id is 404 too.
    const gus = await signUp(app, 'gus');
    const foreign = await app.request(`/v1/me/sessions/${phoneRow!.id}`, {
      method: 'DELETE',
      headers: bearer(gus),
    });
    expect(foreign.status).toBe(404);
    expect((await problemOf(foreign)).type).toBe(problemType('session-not-found'));
    const unknown = await app.request(`/v1/me/sessions/${randomUUID()}`, {
      method: 'DELETE',
      headers: bearer(fay),
    });
    expect(unknown.status).toBe(404);
    expect(
      (await app.request('/v1/me/sessions/nope', { method: 'DELETE', headers: bearer(fay) })).status,
    ).toBe(400);

    const ended = await app.request(`/v1/me/sessions/${phoneRow!.id}`, {
      method: 'DELETE',
      headers: bearer(fay),
    });
    expect(ended.status).toBe(204);
    expect((await get(app, '/v1/me', phoneSession)).status).toBe(401);
    expect(
      (await postJson(app, '/v1/auth/refresh', { refreshToken: phoneSession.refreshToken })).status,
    ).toBe(401);
    expect((await get(app, '/v1/me', fay)).status).toBe(200);
    const after = (await (await get(app, '/v1/me/sessions', fay)).json()) as { sessions: unknown[] };
    expect(after.sessions).toHaveLength(1);
  });
});

/**
 * Goal: an email counts only once its owner followed the link mailed to it, read here from the
 * run's real SMTP server. Until then nobody can name the user by email (lookup, transfers,
 * payment requests and schedules answer exactly as for an unregistered address), KIZO_ADMIN_EMAILS
 * grants nothing, and withdrawals are refused with `email-not-verified`, while the user can still
 * top up and be paid by handle. Following a link twice, an expired link, a replaced one and one
 * of another user each get their own answer; resends are rate-limited; a change of email takes
 * effect only through a link sent to the new address. Money tests end with the ledger audit and
 * the bank reconciliation clean.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  connectServices,
  eventually,
  expectLedgerAuditClean,
  expectReconciliationClean,
  type TestServices,
} from '../support/fixtures';
import { linkIn, mailsTo, waitForMail } from '../support/mailbox';
import {
  bearer,
  createTestApp,
  get,
  postJson,
  postMoney,
  problemOf,
  problemType,
  signUp,
  signUpVerified,
  verificationToken,
  verifyEmail,
  type SignedUp,
  type TestApp,
} from './support';

describe('email verification', () => {
  let services: TestServices;
  let app: TestApp;

  beforeAll(async () => {
    services = await connectServices();
    app = createTestApp(services, { VERIFICATION_RESENDS_PER_HOUR_MAX: '2' });
  });
  afterEach(async () => {
    await expectLedgerAuditClean(services.db);
    await expectReconciliationClean(services.db);
  });
  afterAll(() => services.close());

  const me = async (user: SignedUp) =>
    (await (await get(app, '/v1/me', user)).json()) as Record<string, unknown>;
  /** Waits for the movement a 202 answer started to complete. */
  const completed = async (user: SignedUp, response: Response) => {
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    await eventually(
      async () => (await (await get(app, `/v1/transfers/${id}`, user)).json()) as { status: string },
      (transfer) => transfer.status === 'COMPLETED',
    );
  };
  /** Status and problem body without `instance` (which names the path) */
  const answerOf = async (response: Response) => {
    const status = response.status;
    if (status < 400) return { status, body: (await response.json()) as unknown };
    const { instance: _instance, ...problem } = await problemOf(response);
    return { status, body: problem };
  };

  it('mails a link at sign-up, in text and HTML, that verifies the email once', async () => {
    const ada = await signUp(app, 'ada');
    expect(await me(ada)).toMatchObject({ email: ada.email, emailVerified: false });
    const mail = await waitForMail(ada.email, /Confirm your email/);
    expect(mail.from).toBe('no-reply@kizo.localhost');
    const { url, token } = linkIn(mail, '/verify-email');
    expect(url.origin).toBe('http://127.0.0.1:5173');
    expect(mail.html).toContain(`href="${url.href.replaceAll('&', '&amp;')}"`);
    expect(mail.text).toContain(`@${ada.handle}`);
    // Only a hash of the token is stored.
    const row = await services.db.emailToken.findFirstOrThrow({ where: { userId: ada.id } });
    expect(row.tokenHash).not.toContain(token);
    expect(row.email).toBe(ada.email);

    const verified = await postJson(app, '/v1/auth/verify-email', { token });
    expect(verified.status).toBe(200);
    expect(await verified.json()).toEqual({ email: ada.email, emailVerified: true, changed: false });
    expect(await me(ada)).toMatchObject({ emailVerified: true });

    const twice = await postJson(app, '/v1/auth/verify-email', { token });
    expect(twice.status).toBe(409);
    expect(await problemOf(twice)).toMatchObject({
      type: problemType('verification-link-used'),
      emailVerified: true,
    });

    const resend = await postJson(app, '/v1/me/email/verification', {}, bearer(ada));
    expect(resend.status).toBe(409);
    expect((await problemOf(resend)).type).toBe(problemType('email-already-verified'));
  });

  it("answers an expired, a replaced, a garbled and another user's link each in its own way", async () => {
    const bob = await signUp(app, 'bob');
    const eve = await signUp(app, 'eve');
    const first = await verificationToken(bob.email);

    // Eve, signed in, follows Bob's link: refused, and the link still works for Bob.
    const crossed = await postJson(app, '/v1/auth/verify-email', { token: first }, bearer(eve));
    expect(crossed.status).toBe(403);
    expect((await problemOf(crossed)).type).toBe(problemType('verification-link-other-user'));
    expect(await me(eve)).toMatchObject({ emailVerified: false });

    // A resend replaces the first link; resends are limited (2 an hour here).
    const resend = await postJson(app, '/v1/me/email/verification', {}, bearer(bob));
    expect(resend.status).toBe(202);
    const second = await verificationToken(bob.email, 1);
    expect(second).not.toBe(first);
    const replaced = await postJson(app, '/v1/auth/verify-email', { token: first });
    expect(replaced.status).toBe(400);
    expect((await problemOf(replaced)).type).toBe(problemType('verification-link-invalid'));
    expect((await postJson(app, '/v1/me/email/verification', {}, bearer(bob))).status).toBe(202);
    const limited = await postJson(app, '/v1/me/email/verification', {}, bearer(bob));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect((await problemOf(limited)).type).toBe(problemType('rate-limited'));

    // The newest link, once past its expiry.
    const newest = await verificationToken(bob.email, 2);
    await services.db.$executeRaw`
      UPDATE email_tokens SET created_at = now() - interval '2 days', expires_at = now() - interval '1 second'
       WHERE user_id = ${bob.id}::uuid AND used_at IS NULL`;
    const expired = await postJson(app, '/v1/auth/verify-email', { token: newest });
    expect(expired.status).toBe(410);
    expect((await problemOf(expired)).type).toBe(problemType('verification-link-expired'));

    for (const token of ['x'.repeat(43), 'not a token', randomUUID()]) {
      const garbled = await postJson(app, '/v1/auth/verify-email', { token });
      expect(garbled.status).toBe(400);
      expect((await problemOf(garbled)).type).toBe(problemType('verification-link-invalid'));
    }
    expect(await me(bob)).toMatchObject({ emailVerified: false });
  });

  it('names nobody by an unverified email: every route answers as for an unregistered one', async () => {
    const payer = await signUpVerified(app, 'payer');
    const carol = await signUp(app, 'carol');
    const unknownEmail = `nobody-${randomUUID().slice(0, 8)}@example.test`;
    await completed(
      payer,
      await postMoney(app, payer, '/v1/deposits', { amountMinor: '5000', currency: 'EUR' }),
    );
    const startAt = new Date(Date.now() + 24 * 3600 * 1000).toISOString();
    const attempts: [string, (name: string) => Promise<Response>][] = [
      ['lookup', (name) => get(app, `/v1/contacts/lookup?recipient=${encodeURIComponent(name)}`, payer)],
      ['contact', (name) => postJson(app, '/v1/contacts', { recipient: name }, bearer(payer))],
      [
        'transfer',
        (name) =>
          postMoney(app, payer, '/v1/transfers', { recipient: name, amountMinor: '100', currency: 'EUR' }),
      ],
      [
        'request',
        (name) =>
          postMoney(app, payer, '/v1/payment-requests', { payer: name, amountMinor: '100', currency: 'EUR' }),
      ],
      [
        'schedule',
        (name) =>
          postMoney(app, payer, '/v1/schedules', {
            recipient: name,
            amountMinor: '100',
            currency: 'EUR',
            startAt,
            repeat: 'monthly',
            timeZone: 'Europe/Berlin',
          }),
      ],
    ];
    for (const [what, attempt] of attempts) {
      const unverified = await answerOf(await attempt(carol.email));
      const unregistered = await answerOf(await attempt(unknownEmail));
      expect(unverified, what).toEqual(unregistered);
      expect(unverified.status, what).toBeGreaterThanOrEqual(404);
      expect(JSON.stringify(unverified.body), what).not.toContain(carol.handle);
    }

    // By handle Carol is paid at once, and she can top up; she cannot withdraw yet.
    const byHandle = await postMoney(app, payer, '/v1/transfers', {
      recipient: `@${carol.handle}`,
      amountMinor: '700',
      currency: 'EUR',
    });
    await completed(payer, byHandle);
    await completed(
      carol,
      await postMoney(app, carol, '/v1/deposits', { amountMinor: '300', currency: 'EUR' }),
    );
    const withdrawal = await postMoney(app, carol, '/v1/withdrawals', {
      amountMinor: '100',
      currency: 'EUR',
    });
    expect(withdrawal.status).toBe(403);
    expect((await problemOf(withdrawal)).type).toBe(problemType('email-not-verified'));
    expect(await services.db.transfer.count({ where: { userId: carol.id, kind: 'WITHDRAWAL' } })).toBe(0);

    // Verified, her email names her.
    await verifyEmail(app, carol);
    const lookup = await get(app, `/v1/contacts/lookup?recipient=${encodeURIComponent(carol.email)}`, payer);
    expect(lookup.status).toBe(200);
    await completed(
      payer,
      await postMoney(app, payer, '/v1/transfers', {
        recipient: carol.email,
        amountMinor: '200',
        currency: 'EUR',
      }),
    );
    const balance = (await (await get(app, '/v1/wallets', carol)).json()) as {
      wallets: { availableMinor: string }[];
    };
    expect(balance.wallets[0]?.availableMinor).toBe('1200');
  });

  it('grants KIZO_ADMIN_EMAILS only to a verified address', async () => {
    const adminEmail = `boss-${randomUUID().slice(0, 8)}@example.test`;
    const listed = createTestApp(services, { KIZO_ADMIN_EMAILS: adminEmail });
    const squatter = await signUp(listed, 'boss', adminEmail);
    expect(squatter.role).toBe('user');
    const login = await postJson(listed, '/v1/auth/login', {
      email: adminEmail,
      password: squatter.password,
    });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { user: { role: string } }).user.role).toBe('user');
    expect((await get(listed, '/v1/admin/transfers', squatter)).status).toBe(403);

    await verifyEmail(listed, squatter);
    const now = (await (await get(listed, '/v1/me', squatter)).json()) as {
      role: string;
      emailVerified: boolean;
    };
    expect(now).toMatchObject({ role: 'admin', emailVerified: true });
    expect((await get(listed, '/v1/admin/transfers', squatter)).status).toBe(200);
  });

  it('changes the email only once the new address follows its link, and tells the old one', async () => {
    const dan = await signUpVerified(app, 'dan');
    const newEmail = `dan-new-${randomUUID().slice(0, 8)}@example.test`;
    const wrong = await postJson(
      app,
      '/v1/me/email',
      { email: newEmail, currentPassword: 'nope' },
      bearer(dan),
    );
    expect(wrong.status).toBe(403);
    expect((await problemOf(wrong)).type).toBe(problemType('invalid-credentials'));
    const same = await postJson(
      app,
      '/v1/me/email',
      { email: dan.email, currentPassword: dan.password },
      bearer(dan),
    );
    expect(same.status).toBe(422);

    const asked = await postJson(
      app,
      '/v1/me/email',
      { email: newEmail, currentPassword: dan.password },
      bearer(dan),
    );
    expect(asked.status).toBe(202);
    const mail = await waitForMail(newEmail, /Confirm your new email/);
    expect(await me(dan)).toMatchObject({ email: dan.email, emailVerified: true });
    const followed = await postJson(
      app,
      '/v1/auth/verify-email',
      { token: linkIn(mail, '/verify-email').token },
      bearer(dan),
    );
    expect(followed.status).toBe(200);
    expect(await followed.json()).toEqual({ email: newEmail, emailVerified: true, changed: true });
    expect(await me(dan)).toMatchObject({ email: newEmail, emailVerified: true });
    const notice = await waitForMail(dan.email, /email of your Kizo account was changed/);
    expect(notice.text).toContain(`@${dan.handle}`);
    expect(await mailsTo(newEmail)).toHaveLength(1);

    // The new address logs in; the old one no longer does.
    expect((await postJson(app, '/v1/auth/login', { email: newEmail, password: dan.password })).status).toBe(
      200,
    );
    expect((await postJson(app, '/v1/auth/login', { email: dan.email, password: dan.password })).status).toBe(
      401,
    );
  });
});

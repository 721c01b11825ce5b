/**
 * Sign-up, login, token refresh and logout; following an email-verification link; password reset
 * by email. Passwords are argon2id hashes; access tokens are short-lived JWTs naming their
 * session; refresh tokens rotate on every use and a reused one ends its session. Rate limits are
 * shared by every replica (auth/rate-limits.ts).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { Config } from '../../common/config';
import type { Database } from '../../prisma/client';
import { signAccessToken } from '../auth/access-tokens';
import { localeFromAcceptLanguage } from '../../mail/templates/render';
import type { AccountMail } from '../auth/account-mail';
import { isAdminEmail } from '../auth/admin-emails';
import { clientAddress } from '../auth/client-address';
import type { EmailTokens } from '../auth/email-tokens';
import { confirmEmail } from '../auth/email-verification';
import { authenticate, toPublicUser } from '../auth/middleware';
import { hashPassword, PASSWORD_LENGTH_MAX, PASSWORD_LENGTH_MIN, verifyPassword } from '../auth/passwords';
import { assertNotBlocked, consume, type RateLimits } from '../auth/rate-limits';
import type { RefreshTokenStore } from '../auth/refresh-tokens';
import { ProblemError } from '../problem';
import { createDemoBankAccount } from '../../transfers/bank-accounts';
import { createRouter } from '../router';
import { DisplayNameInput, problemDoc, User } from '../schemas';

const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email().max(254))
  .openapi({ example: 'ada@example.com', description: 'Case-insensitive; stored lower-case' });
const Handle = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.string().regex(/^[a-z0-9_]{3,30}$/, 'use 3 to 30 letters, digits or underscores'))
  .openapi({ example: 'ada', description: 'Public name others send money to; 3-30 of [a-z0-9_]' });
const Password = z
  .string()
  .min(PASSWORD_LENGTH_MIN)
  .max(PASSWORD_LENGTH_MAX)
  .openapi({ example: 'correct horse battery' });
const RefreshTokenBody = z.object({ refreshToken: z.string().min(1).max(200) });

const Tokens = z.object({
  accessToken: z.string(),
  refreshToken: z.string().openapi({ description: 'Single use: each refresh returns the next one' }),
  accessTokenExpiresAt: z.string().openapi({ format: 'date-time' }),
});
const Session = Tokens.extend({ user: User }).openapi('Session');

const json = <T extends z.ZodType>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true,
});

const signup = createRoute({
  method: 'post',
  path: '/signup',
  tags: ['auth'],
  summary: 'Create an account and start a session',
  request: {
    body: json(
      z.object({
        email: Email,
        handle: Handle,
        password: Password,
        displayName: DisplayNameInput.optional(),
      }),
    ),
  },
  responses: {
    201: { description: 'Account created', content: { 'application/json': { schema: Session } } },
    400: problemDoc('Invalid email, handle or password'),
    409: problemDoc('Email or handle already taken (`email-taken`, `handle-taken`)'),
    429: problemDoc('Too many sign-ups from this address (`rate-limited`); see Retry-After'),
  },
});

const login = createRoute({
  method: 'post',
  path: '/login',
  tags: ['auth'],
  summary: 'Log in with email and password',
  description:
    'Throttled per account and client address together (failed attempts; the owner signing in from elsewhere is not locked out) and per address; a refused attempt answers 429 with Retry-After. Limits are shared by every API replica.',
  request: { body: json(z.object({ email: Email, password: z.string().min(1).max(PASSWORD_LENGTH_MAX) })) },
  responses: {
    200: { description: 'Logged in', content: { 'application/json': { schema: Session } } },
    400: problemDoc('Invalid body'),
    401: problemDoc('Wrong email or password (`invalid-credentials`)'),
    429: problemDoc('Too many attempts (`rate-limited`); see Retry-After'),
  },
});

const refresh = createRoute({
  method: 'post',
  path: '/refresh',
  tags: ['auth'],
  summary: 'Exchange a refresh token for new tokens (rotation)',
  description:
    'The presented token becomes unusable. Presenting a used token again revokes every token of its session.',
  request: { body: json(RefreshTokenBody) },
  responses: {
    200: { description: 'New tokens', content: { 'application/json': { schema: Tokens } } },
    400: problemDoc('Invalid body'),
    401: problemDoc(
      'Unknown, expired, revoked or reused refresh token (`invalid-refresh-token`, `refresh-token-reused`)',
    ),
    429: problemDoc('Too many refreshes from this address (`rate-limited`); see Retry-After'),
  },
});

const EmailToken = z
  .string()
  .min(1)
  .max(200)
  .openapi({ description: 'The `token` parameter of the mailed link' });

const verifyEmail = createRoute({
  method: 'post',
  path: '/verify-email',
  tags: ['auth'],
  summary: 'Follow a link mailed to verify an email',
  description:
    "Works without signing in (the token proves the mailbox). With an access token, the link must belong to that user. A link verifies the address it was sent to: the account's email, or the one asked for through POST /v1/me/email, which becomes the account's now. Each link works once, within EMAIL_VERIFICATION_TTL_SECONDS, and only the newest one of a user works.",
  request: { body: json(z.object({ token: EmailToken })) },
  responses: {
    200: {
      description: 'Verified',
      content: {
        'application/json': {
          schema: z
            .object({ email: z.string(), emailVerified: z.literal(true), changed: z.boolean() })
            .openapi('VerifiedEmail'),
        },
      },
    },
    400: problemDoc('Invalid body, or an unknown or replaced link (`verification-link-invalid`)'),
    401: problemDoc('An access token was sent and is not valid (`unauthenticated`)'),
    403: problemDoc("The link is another user's than the signed-in one (`verification-link-other-user`)"),
    409: problemDoc(
      'The link was used already (`verification-link-used`, with `emailVerified`), or the new address was taken meanwhile (`email-taken`)',
    ),
    410: problemDoc('The link has expired (`verification-link-expired`); ask for a new one'),
  },
});

const requestPasswordReset = createRoute({
  method: 'post',
  path: '/password-reset',
  tags: ['auth'],
  summary: 'Mail a password-reset link',
  description:
    'Answers the same for every address, registered or not; a registered one gets a link valid for PASSWORD_RESET_TTL_SECONDS, once. Throttled per client address and per address asked about (the same for unknown ones).',
  request: { body: json(z.object({ email: Email })) },
  responses: {
    202: {
      description: 'If the address has an account, a link is on its way',
      content: {
        'application/json': { schema: z.object({ message: z.string() }).openapi('ResetRequested') },
      },
    },
    400: problemDoc('Invalid body'),
    429: problemDoc('Too many resets asked for (`rate-limited`); see Retry-After'),
  },
});

const confirmPasswordReset = createRoute({
  method: 'post',
  path: '/password-reset/confirm',
  tags: ['auth'],
  summary: 'Choose a new password with a mailed reset link',
  description:
    'Sets the password, ends every session of the account (log in again), verifies the email the link went to, and mails the owner a notice.',
  request: { body: json(z.object({ token: EmailToken, newPassword: Password })) },
  responses: {
    204: { description: 'Password changed; every session ended' },
    400: problemDoc(
      'Invalid body (e.g. a short password), or an unknown or replaced link (`reset-link-invalid`)',
    ),
    409: problemDoc('The link was used already (`reset-link-used`)'),
    410: problemDoc('The link has expired (`reset-link-expired`); ask for a new one'),
  },
});

const logout = createRoute({
  method: 'post',
  path: '/logout',
  tags: ['auth'],
  summary: 'End the session the refresh token belongs to',
  request: { body: json(RefreshTokenBody) },
  responses: {
    204: { description: 'Logged out (also for unknown tokens)' },
    400: problemDoc('Invalid body'),
  },
});

export interface AuthRouteDependencies {
  db: Database;
  config: Config;
  jwtSecret: string;
  refreshTokens: RefreshTokenStore;
  rateLimits: RateLimits;
  emailTokens: EmailTokens;
  accountMail: AccountMail;
  logger?: Logger;
}

export function authRoutes({
  db,
  config,
  jwtSecret,
  refreshTokens,
  rateLimits,
  emailTokens,
  accountMail,
  logger,
}: AuthRouteDependencies) {
  const app = createRouter();
  // Tokens are secrets: no cache (browser, proxy or CDN) may keep an answer of these routes.
  app.use('*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
    c.header('Pragma', 'no-cache');
  });
  const addressOf = (c: Context) => clientAddress(c, config.API_TRUST_PROXY);
  const deviceOf = (c: Context) => ({ userAgent: c.req.header('User-Agent'), ipAddress: addressOf(c) });

  async function session(
    c: Context,
    user: {
      id: string;
      email: string;
      handle: string;
      displayName?: string | null;
      role: 'USER' | 'ADMIN';
      emailVerifiedAt: Date | null;
    },
  ) {
    const started = await refreshTokens.issue(user.id, deviceOf(c));
    const access = await signAccessToken(
      { secret: jwtSecret, ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS },
      user.id,
      started.sessionId,
    );
    return {
      user: toPublicUser(user),
      accessToken: access.token,
      refreshToken: started.refreshToken,
      accessTokenExpiresAt: access.expiresAt.toISOString(),
    };
  }

  app.openapi(signup, async (c) => {
    const body = c.req.valid('json');
    await consume(rateLimits.signup, addressOf(c), 'sign-ups from this address');
    const taken = await db.user.findFirst({
      where: { OR: [{ email: body.email }, { handle: body.handle }] },
    });
    if (taken) throw takenProblem(taken.email === body.email ? 'email' : 'handle');
    // KIZO_ADMIN_EMAILS grants the role once the address is verified (auth/email-verification.ts).
    const role = 'USER';
    const passwordHash = await hashPassword(body.password);
    const user = await db
      .$transaction(async (tx) => {
        const created = await tx.user.create({
          data: {
            email: body.email,
            handle: body.handle,
            displayName: body.displayName ?? null,
            passwordHash,
            role,
            locale: localeFromAcceptLanguage(c.req.header('Accept-Language')),
          },
        });
        await createDemoBankAccount(tx, created);
        return created;
      })
      .catch((error: unknown) => {
        // Two sign-ups racing for one email or handle: the unique index decides.
        if ((error as { code?: string }).code === 'P2002') throw takenProblem('email or handle');
        throw error;
      });
    await accountMail.sendVerification(user);
    return c.json(await session(c, user), 201);
  });

  app.openapi(login, async (c) => {
    const body = c.req.valid('json');
    const address = addressOf(c);
    const pair = `${body.email}|${address}`;
    await consume(rateLimits.loginPerAddress, address, 'login attempts from this address');
    await assertNotBlocked(rateLimits.loginPerAccountAndAddress, pair, 'failed logins for this account');
    const user = await db.user.findUnique({ where: { email: body.email } });
    if (!(await verifyPassword(user?.passwordHash, body.password)) || !user) {
      // Counted after the answer is known: a refused attempt that reaches the limit still says 401.
      await consume(rateLimits.loginPerAccountAndAddress, pair, 'failed logins for this account').catch(
        () => {},
      );
      throw new ProblemError(401, 'invalid-credentials', 'Wrong email or password');
    }
    await rateLimits.loginPerAccountAndAddress.delete(pair);
    // KIZO_ADMIN_EMAILS also promotes existing accounts with a verified email, at their next login.
    const current =
      user.role === 'USER' && user.emailVerifiedAt && isAdminEmail(config, user.email)
        ? await db.user.update({ where: { id: user.id }, data: { role: 'ADMIN' } })
        : user;
    return c.json(await session(c, current), 200);
  });

  app.openapi(refresh, async (c) => {
    await consume(rateLimits.refresh, addressOf(c), 'token refreshes from this address');
    const outcome = await refreshTokens.rotate(c.req.valid('json').refreshToken, deviceOf(c));
    if (!outcome.ok) {
      if (outcome.reason === 'reused' || outcome.reason === 'revoked') {
        throw new ProblemError(
          401,
          'refresh-token-reused',
          'Refresh token reused',
          'this session was ended for safety; log in again',
        );
      }
      throw new ProblemError(
        401,
        'invalid-refresh-token',
        'Invalid refresh token',
        `the refresh token is ${outcome.reason}`,
      );
    }
    const access = await signAccessToken(
      { secret: jwtSecret, ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS },
      outcome.userId,
      outcome.sessionId,
    );
    return c.json(
      {
        accessToken: access.token,
        refreshToken: outcome.refreshToken,
        accessTokenExpiresAt: access.expiresAt.toISOString(),
      },
      200,
    );
  });

  app.openapi(logout, async (c) => {
    await refreshTokens.revoke(c.req.valid('json').refreshToken);
    return c.body(null, 204);
  });

  app.openapi(verifyEmail, async (c) => {
    const authorization = c.req.header('Authorization');
    const caller = authorization ? (await authenticate(db, jwtSecret, authorization)).user.id : undefined;
    const verified = await confirmEmail(
      { db, tokens: emailTokens, accountMail, config },
      c.req.valid('json').token,
      caller,
    );
    return c.json(verified, 200);
  });

  app.openapi(requestPasswordReset, async (c) => {
    const { email } = c.req.valid('json');
    await consume(rateLimits.passwordResetPerAddress, addressOf(c), 'password resets from this address');
    await consume(rateLimits.passwordResetPerAccount, email, 'password resets for this email');
    // The answer leaves before the lookup: a known and an unknown address answer alike, in the same time.
    void (async () => {
      const user = await db.user.findUnique({
        where: { email },
        select: { id: true, email: true, handle: true, locale: true },
      });
      if (user) await accountMail.sendPasswordReset(user);
    })().catch((error: unknown) => logger?.error({ err: error }, 'password reset not sent'));
    return c.json(
      { message: 'If that address has a Kizo account, a link to reset its password is on its way.' },
      202,
    );
  });

  app.openapi(confirmPasswordReset, async (c) => {
    const body = c.req.valid('json');
    const found = await emailTokens.find(body.token, 'RESET_PASSWORD');
    const invalid = () =>
      new ProblemError(
        400,
        'reset-link-invalid',
        'This password-reset link is not valid',
        'it may be mistyped or replaced by a newer one; ask for a new link',
      );
    if (found.state === 'unknown') throw invalid();
    if (found.state === 'used')
      throw new ProblemError(
        409,
        'reset-link-used',
        'This password-reset link was used already',
        'ask for a new link',
      );
    if (found.state === 'expired')
      throw new ProblemError(
        410,
        'reset-link-expired',
        'This password-reset link has expired',
        'ask for a new link',
      );
    const passwordHash = await hashPassword(body.newPassword);
    if (!(await emailTokens.use(found.row.id))) throw invalid();
    const user = await db.user.findUniqueOrThrow({
      where: { id: found.row.userId },
      select: { id: true, email: true, handle: true, locale: true, emailVerifiedAt: true },
    });
    // Following the link proved the mailbox: the address it went to counts as verified.
    const verifies = user.email === found.row.email && user.emailVerifiedAt === null;
    await db.user.update({
      where: { id: user.id },
      data: { passwordHash, ...(verifies ? { emailVerifiedAt: new Date() } : {}) },
    });
    await refreshTokens.revokeAll(user.id, 'password-reset');
    accountMail.sendSecurityNotice(user, 'password-reset');
    return c.body(null, 204);
  });

  return app;
}

function takenProblem(what: 'email' | 'handle' | 'email or handle') {
  const slug = what === 'handle' ? 'handle-taken' : 'email-taken';
  return new ProblemError(409, slug, `That ${what} is already taken`);
}

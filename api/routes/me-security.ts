/**
 * The signed-in user's email and sessions: ask for a new verification link, change the email
 * (the new address must be verified by a link mailed to it before it replaces the old one), list
 * the sessions in force (device, address, when started, last use) and end one of them.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Database } from '../../prisma/client';
import type { AccountMail } from '../auth/account-mail';
import { checkCurrentPassword } from '../auth/current-password';
import { PASSWORD_LENGTH_MAX } from '../auth/passwords';
import { consume, type RateLimits } from '../auth/rate-limits';
import type { RefreshTokenStore } from '../auth/refresh-tokens';
import { ProblemError } from '../problem';
import { createRouter } from '../router';
import { authProblems, problemDoc } from '../schemas';

const Accepted = z.object({ message: z.string() }).openapi('MailOnItsWay');

const resendVerification = createRoute({
  method: 'post',
  path: '/email/verification',
  tags: ['account'],
  summary: 'Mail a new link to verify the email',
  description: 'The earlier links stop working. Limited to VERIFICATION_RESENDS_PER_HOUR_MAX an hour.',
  security: [{ bearerAuth: [] }],
  responses: {
    202: { description: 'A link is on its way', content: { 'application/json': { schema: Accepted } } },
    ...authProblems,
    409: problemDoc('The email is verified already (`email-already-verified`)'),
    429: problemDoc('Too many links asked for (`rate-limited`); see Retry-After'),
  },
});

const changeEmail = createRoute({
  method: 'post',
  path: '/email',
  tags: ['account'],
  summary: 'Change the email: a link goes to the new address',
  description:
    'The account keeps its email until the link mailed to the new one is followed (POST /v1/auth/verify-email); the old address is told then. The answer is the same whether or not the new address belongs to another account (that is found out when the link is followed).',
  security: [{ bearerAuth: [] }],
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
            currentPassword: z.string().min(1).max(PASSWORD_LENGTH_MAX),
          }),
        },
      },
    },
  },
  responses: {
    202: {
      description: 'A link is on its way to the new address',
      content: { 'application/json': { schema: Accepted } },
    },
    400: problemDoc('Invalid body'),
    ...authProblems,
    403: problemDoc('The current password is wrong (`invalid-credentials`)'),
    422: problemDoc('That is the email already (`same-email`)'),
    429: problemDoc('Too many wrong passwords or links asked for (`rate-limited`); see Retry-After'),
  },
});

const Session = z
  .object({
    id: z.string().uuid(),
    userAgent: z
      .string()
      .nullable()
      .openapi({ description: 'The device, as its browser or app names itself' }),
    ipAddress: z
      .string()
      .nullable()
      .openapi({ description: 'The client address of its last sign-in or refresh' }),
    createdAt: z.string().openapi({ format: 'date-time' }),
    lastUsedAt: z.string().openapi({ format: 'date-time', description: 'Its last sign-in or token refresh' }),
    expiresAt: z.string().openapi({ format: 'date-time' }),
    current: z.boolean().openapi({ description: 'The session of this request' }),
  })
  .openapi('SessionInfo');

const listSessions = createRoute({
  method: 'get',
  path: '/sessions',
  tags: ['account'],
  summary: 'The sessions in force, the most recently used first',
  security: [{ bearerAuth: [] }],
  responses: {
    200: {
      description: 'At most 100 sessions',
      content: {
        'application/json': { schema: z.object({ sessions: z.array(Session) }).openapi('Sessions') },
      },
    },
    ...authProblems,
  },
});

const revokeSession = createRoute({
  method: 'delete',
  path: '/sessions/{id}',
  tags: ['account'],
  summary: 'End one session (its refresh and access tokens stop working)',
  security: [{ bearerAuth: [] }],
  request: {
    params: z.object({
      id: z
        .string()
        .uuid()
        .openapi({ param: { name: 'id', in: 'path' } }),
    }),
  },
  responses: {
    204: { description: 'Ended' },
    400: problemDoc('Not a session id'),
    ...authProblems,
    404: problemDoc('No such session of yours in force (`session-not-found`)'),
  },
});

export function meSecurityRoutes({
  db,
  refreshTokens,
  rateLimits,
  accountMail,
}: {
  db: Database;
  refreshTokens: RefreshTokenStore;
  rateLimits: Pick<RateLimits, 'passwordCheck' | 'verificationResend'>;
  accountMail: AccountMail;
}) {
  const app = createRouter();
  const owner = (userId: string) =>
    db.user.findUniqueOrThrow({
      where: { id: userId },
      select: { id: true, email: true, handle: true, locale: true, emailVerifiedAt: true },
    });

  app.openapi(resendVerification, async (c) => {
    const user = await owner(c.get('user').id);
    if (user.emailVerifiedAt)
      throw new ProblemError(409, 'email-already-verified', 'Your email is verified already');
    await consume(rateLimits.verificationResend, user.id, 'verification mails');
    await accountMail.sendVerification(user);
    return c.json({ message: `A new link is on its way to ${user.email}.` }, 202);
  });

  app.openapi(changeEmail, async (c) => {
    const body = c.req.valid('json');
    const userId = c.get('user').id;
    await checkCurrentPassword(db, rateLimits, userId, body.currentPassword);
    const user = await owner(userId);
    if (body.email === user.email) throw new ProblemError(422, 'same-email', 'That is your email already');
    await consume(rateLimits.verificationResend, user.id, 'verification mails');
    await accountMail.sendVerification(user, body.email);
    return c.json(
      { message: `A link is on its way to ${body.email}; your email changes once it is followed.` },
      202,
    );
  });

  app.openapi(listSessions, async (c) => {
    const current = c.get('session').id;
    const sessions = await refreshTokens.list(c.get('user').id);
    return c.json(
      {
        sessions: sessions.map((session) => ({
          ...session,
          createdAt: session.createdAt.toISOString(),
          lastUsedAt: session.lastUsedAt.toISOString(),
          expiresAt: session.expiresAt.toISOString(),
          current: session.id === current,
        })),
      },
      200,
    );
  });

  app.openapi(revokeSession, async (c) => {
    if (!(await refreshTokens.revokeOne(c.get('user').id, c.req.valid('param').id)))
      throw new ProblemError(404, 'session-not-found', 'No such session', 'it may have ended already');
    return c.body(null, 204);
  });

  return app;
}

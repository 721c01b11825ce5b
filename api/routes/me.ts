/**
 * The signed-in user: who they are (`GET /v1/me`), "log out everywhere", and a password change,
 * which also ends every session (each device signs in again with the new password).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Database } from '../../prisma/client';
import type { AccountMail } from '../auth/account-mail';
import { checkCurrentPassword } from '../auth/current-password';
import { hashPassword, PASSWORD_LENGTH_MAX, PASSWORD_LENGTH_MIN } from '../auth/passwords';
import type { RateLimits } from '../auth/rate-limits';
import type { RefreshTokenStore } from '../auth/refresh-tokens';
import { createRouter } from '../router';
import { authProblems, problemDoc, User } from '../schemas';

const me = createRoute({
  method: 'get',
  path: '/',
  tags: ['account'],
  summary: 'The signed-in user',
  security: [{ bearerAuth: [] }],
  responses: {
    200: { description: 'The user', content: { 'application/json': { schema: User } } },
    ...authProblems,
  },
});

const logoutEverywhere = createRoute({
  method: 'post',
  path: '/logout-everywhere',
  tags: ['account'],
  summary: "End every session of the caller's, this one included",
  description: 'Every refresh token and access token of the user stops working at once.',
  security: [{ bearerAuth: [] }],
  responses: { 204: { description: 'Every session ended' }, ...authProblems },
});

const changePassword = createRoute({
  method: 'post',
  path: '/password',
  tags: ['account'],
  summary: 'Change the password; every session ends',
  security: [{ bearerAuth: [] }],
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            currentPassword: z.string().min(1).max(PASSWORD_LENGTH_MAX),
            newPassword: z.string().min(PASSWORD_LENGTH_MIN).max(PASSWORD_LENGTH_MAX),
          }),
        },
      },
    },
  },
  responses: {
    204: { description: 'Changed; log in again with the new password' },
    400: problemDoc('Invalid body, e.g. a new password that is too short'),
    ...authProblems,
    403: problemDoc('The current password is wrong (`invalid-credentials`)'),
    429: problemDoc('Too many wrong current passwords (`rate-limited`); see Retry-After'),
  },
});

export function meRoutes({
  db,
  refreshTokens,
  rateLimits,
  accountMail,
}: {
  db: Database;
  refreshTokens: RefreshTokenStore;
  rateLimits: Pick<RateLimits, 'passwordCheck'>;
  accountMail: AccountMail;
}) {
  const app = createRouter();
  app.openapi(me, (c) => c.json(c.get('user'), 200));
  app.openapi(logoutEverywhere, async (c) => {
    await refreshTokens.revokeAll(c.get('user').id, 'logout-everywhere');
    return c.body(null, 204);
  });
  app.openapi(changePassword, async (c) => {
    const userId = c.get('user').id;
    const body = c.req.valid('json');
    await checkCurrentPassword(db, rateLimits, userId, body.currentPassword);
    await db.user.update({
      where: { id: userId },
      data: { passwordHash: await hashPassword(body.newPassword) },
    });
    await refreshTokens.revokeAll(userId, 'password-change');
    const owner = await db.user.findUniqueOrThrow({
      where: { id: userId },
      select: { id: true, email: true, handle: true, locale: true },
    });
    accountMail.sendSecurityNotice(owner, 'password-changed');
    return c.body(null, 204);
  });
  return app;
}

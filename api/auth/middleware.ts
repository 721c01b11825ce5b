/**
 * Authentication and role checks. `requireUser` accepts only `Authorization: Bearer <JWT>` with
 * a valid access token, then loads the user so a deleted user's token stops working and the
 * role is always the current one. `requireAdmin` runs after it.
 */
import { createMiddleware } from 'hono/factory';
import type { Database } from '../../prisma/client';
import { ProblemError } from '../problem';
import { verifyAccessToken } from './access-tokens';

export interface AuthenticatedUser {
  id: string;
  email: string;
  handle: string;
  role: 'user' | 'admin';
}

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;

const unauthenticated = (detail: string) =>
  new ProblemError(401, 'unauthenticated', 'Authentication required', detail, {}, { 'WWW-Authenticate': 'Bearer' });

export function requireUser(db: Database, jwtSecret: string) {
  return createMiddleware<{ Variables: { user: AuthenticatedUser } }>(async (c, next) => {
    const match = BEARER.exec(c.req.header('Authorization') ?? '');
    if (!match) throw unauthenticated('send Authorization: Bearer <access token>');
    const userId = await verifyAccessToken(jwtSecret, match[1]!);
    if (!userId) throw unauthenticated('the access token is invalid or expired; refresh it or log in again');
    const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, handle: true, role: true } });
    if (!user) throw unauthenticated('the account no longer exists');
    c.set('user', { ...user, role: user.role === 'ADMIN' ? 'admin' : 'user' });
    await next();
  });
}

export const requireAdmin = createMiddleware<{ Variables: { user: AuthenticatedUser } }>(async (c, next) => {
  if (c.get('user').role !== 'admin') throw new ProblemError(403, 'forbidden', 'Forbidden', 'this action needs the admin role');
  await next();
});

export function toPublicUser(user: { id: string; email: string; handle: string; role: 'USER' | 'ADMIN' }): AuthenticatedUser {
  return { id: user.id, email: user.email, handle: user.handle, role: user.role === 'ADMIN' ? 'admin' : 'user' };
}

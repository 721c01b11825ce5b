/**
 * Authentication and role checks. `requireUser` accepts only `Authorization: Bearer <JWT>` with
 * a valid access token, then loads its session with the user in one query, so the token of a
 * logged-out or revoked session, or of a deleted user, stops working at once and the role is
 * always the current one. `requireAdmin` runs after it.
 */
import { createMiddleware } from 'hono/factory';
import type { Database } from '../../prisma/client';
import { ProblemError } from '../problem';
import { verifyAccessToken } from './access-tokens';

export interface AuthenticatedUser {
  id: string;
  email: string;
  handle: string;
  displayName: string | null;
  role: 'user' | 'admin';
  /** Whether the user followed a link mailed to `email`: until then nobody can name them by it. */
  emailVerified: boolean;
}

/** The session the request's access token belongs to. */
export interface AuthenticatedSession {
  id: string;
}

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;

const unauthenticated = (detail: string) =>
  new ProblemError(
    401,
    'unauthenticated',
    'Authentication required',
    detail,
    {},
    { 'WWW-Authenticate': 'Bearer' },
  );

/** The user and session an Authorization header names, or a 401 problem. */
export async function authenticate(
  db: Database,
  jwtSecret: string,
  authorization: string | undefined,
): Promise<{ user: AuthenticatedUser; session: AuthenticatedSession }> {
  const match = BEARER.exec(authorization ?? '');
  if (!match) throw unauthenticated('send Authorization: Bearer <access token>');
  const claims = await verifyAccessToken(jwtSecret, match[1]!);
  if (!claims) throw unauthenticated('the access token is invalid or expired; refresh it or log in again');
  const session = await db.authSession.findUnique({
    where: { id: claims.sessionId },
    select: {
      userId: true,
      revokedAt: true,
      user: {
        select: { id: true, email: true, handle: true, displayName: true, role: true, emailVerifiedAt: true },
      },
    },
  });
  if (!session || session.userId !== claims.userId)
    throw unauthenticated('the session no longer exists; log in again');
  if (session.revokedAt) throw unauthenticated('the session has ended; log in again');
  return { user: toPublicUser(session.user), session: { id: claims.sessionId } };
}

export function requireUser(db: Database, jwtSecret: string) {
  return createMiddleware<{ Variables: { user: AuthenticatedUser; session: AuthenticatedSession } }>(
    async (c, next) => {
      const { user, session } = await authenticate(db, jwtSecret, c.req.header('Authorization'));
      c.set('user', user);
      c.set('session', session);
      await next();
    },
  );
}

export const requireAdmin = createMiddleware<{ Variables: { user: AuthenticatedUser } }>(async (c, next) => {
  if (c.get('user').role !== 'admin')
    throw new ProblemError(403, 'forbidden', 'Forbidden', 'this action needs the admin role');
  await next();
});

export function toPublicUser(user: {
  id: string;
  email: string;
  handle: string;
  displayName?: string | null;
  role: 'USER' | 'ADMIN';
  emailVerifiedAt: Date | null;
}): AuthenticatedUser {
  return {
    id: user.id,
    email: user.email,
    handle: user.handle,
    displayName: user.displayName ?? null,
    role: user.role === 'ADMIN' ? 'admin' : 'user',
    emailVerified: user.emailVerifiedAt !== null,
  };
}

/**
 * Development-only authentication stub: `Authorization: Bearer dev-user:<uuid>` names the
 * caller. Refused in production. The JWT middleware replaces it (issue 5).
 */
import { createMiddleware } from 'hono/factory';
import { ProblemError } from '../problem';

export interface AuthVariables {
  userId: string;
  role: 'user' | 'admin';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const devAuth = createMiddleware<{ Variables: AuthVariables }>(async (c, next) => {
  const header = c.req.header('Authorization') ?? '';
  const match = /^Bearer dev-user:(.+)$/.exec(header);
  if (!match || !UUID.test(match[1]!) || process.env.NODE_ENV === 'production') {
    throw new ProblemError(401, 'unauthenticated', 'Authentication required', 'send a valid bearer token');
  }
  c.set('userId', match[1]!);
  c.set('role', 'user');
  await next();
});

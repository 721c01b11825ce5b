/**
 * The check signed-in routes make before a change of password or email: the current password,
 * throttled per user like login (a stolen access token must not become a password-guessing
 * oracle). Wrong answers count; past the limit the user waits out a window (429, Retry-After).
 */
import type { Database } from '../../prisma/client';
import { ProblemError } from '../problem';
import { verifyPassword } from './passwords';
import { assertNotBlocked, consume, type RateLimits } from './rate-limits';

const WHAT = 'wrong current passwords';

export async function checkCurrentPassword(
  db: Database,
  rateLimits: Pick<RateLimits, 'passwordCheck'>,
  userId: string,
  password: string,
): Promise<void> {
  await assertNotBlocked(rateLimits.passwordCheck, userId, WHAT);
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  if (await verifyPassword(user.passwordHash, password)) return;
  // Counted after the answer is known: the attempt that reaches the limit still says 403.
  await consume(rateLimits.passwordCheck, userId, WHAT).catch(() => {});
  throw new ProblemError(403, 'invalid-credentials', 'The current password is wrong');
}

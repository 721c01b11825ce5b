/**
 * Following a verification link. The link's token names a user and the address it was sent to:
 * their current email (sign-up, a resend) or the one they asked to change to, which becomes
 * theirs only now. A verified address is what lets others name the user by email and what
 * KIZO_ADMIN_EMAILS grants the admin role to. Each outcome is its own problem: an unknown link,
 * a link of another user than the signed-in one, a used one, an expired one.
 */
import type { Config } from '../../common/config';
import type { Database } from '../../prisma/client';
import { ProblemError } from '../problem';
import type { AccountMail } from './account-mail';
import { isAdminEmail } from './admin-emails';
import type { EmailTokens } from './email-tokens';

export interface VerifiedEmail {
  email: string;
  emailVerified: true;
  /** Whether this link changed the account's email. */
  changed: boolean;
}

const invalid = () =>
  new ProblemError(
    400,
    'verification-link-invalid',
    'This verification link is not valid',
    'it may be mistyped or replaced by a newer one; ask for a new link',
  );

export async function confirmEmail(
  dependencies: {
    db: Database;
    tokens: EmailTokens;
    accountMail: AccountMail;
    config: Pick<Config, 'KIZO_ADMIN_EMAILS'>;
  },
  token: string,
  callerId: string | undefined,
): Promise<VerifiedEmail> {
  const { db, tokens, accountMail, config } = dependencies;
  const found = await tokens.find(token, 'VERIFY_EMAIL');
  if (found.state === 'unknown') throw invalid();
  const { row } = found;
  // A signed-in caller following someone else's link (a forwarded mail, a shared device) changes nothing.
  if (callerId !== undefined && callerId !== row.userId)
    throw new ProblemError(
      403,
      'verification-link-other-user',
      'This verification link belongs to another account',
      'sign out, or open the link from the mail sent to your own address',
    );
  const user = await db.user.findUniqueOrThrow({
    where: { id: row.userId },
    select: { id: true, email: true, handle: true, locale: true, role: true, emailVerifiedAt: true },
  });
  if (found.state === 'used')
    throw new ProblemError(
      409,
      'verification-link-used',
      'This verification link was used already',
      user.email === row.email && user.emailVerifiedAt ? `${row.email} is verified` : 'ask for a new link',
      { emailVerified: user.email === row.email && user.emailVerifiedAt !== null },
    );
  if (found.state === 'expired')
    throw new ProblemError(
      410,
      'verification-link-expired',
      'This verification link has expired',
      'ask for a new link',
    );
  if (!(await tokens.use(row.id))) throw invalid();
  const changed = row.email !== user.email;
  const role = user.role === 'USER' && isAdminEmail(config, row.email) ? 'ADMIN' : user.role;
  await db.user
    .update({ where: { id: user.id }, data: { email: row.email, emailVerifiedAt: new Date(), role } })
    .catch((error: unknown) => {
      // A change to an address another account took meanwhile: that account keeps it.
      if ((error as { code?: string }).code === 'P2002')
        throw new ProblemError(409, 'email-taken', 'That email is already taken');
      throw error;
    });
  if (changed) accountMail.sendSecurityNotice(user, 'email-changed', user.email);
  return { email: row.email, emailVerified: true, changed };
}

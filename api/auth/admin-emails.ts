/**
 * KIZO_ADMIN_EMAILS: a comma-separated list of emails that hold the admin role. An account
 * with one of them is created as admin, and an existing one becomes admin at its next login.
 * The other way in is `npm run user:promote -- <email>` (api/cli/promote-user.ts).
 */
import type { Config } from '../../common/config';

export function isAdminEmail(config: Pick<Config, 'KIZO_ADMIN_EMAILS'>, email: string): boolean {
  const wanted = email.trim().toLowerCase();
  return config.KIZO_ADMIN_EMAILS.split(',')
    .map((entry) => entry.trim().toLowerCase())
    .some((entry) => entry !== '' && entry === wanted);
}

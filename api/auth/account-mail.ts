/**
 * The mails about an account: the link that verifies an email (at sign-up and for a change of
 * email), the link that resets a password, and the notice that something about the account's
 * security changed. Links point to the web app, which posts the token to the API: a mail
 * scanner that opens every link cannot use one up by fetching it.
 */
import type { Config } from '../../common/config';
import type { Mailer } from '../../mail/mailer';
import { passwordResetMail } from '../../mail/templates/password-reset';
import { securityNoticeMail, type SecurityChange } from '../../mail/templates/security-notice';
import { verifyEmailMail } from '../../mail/templates/verify-email';
import type { EmailTokens } from './email-tokens';

export interface MailedUser {
  id: string;
  email: string;
  handle: string;
  locale: string;
}

export type AccountMailConfig = Pick<
  Config,
  'WEB_ORIGIN' | 'EMAIL_VERIFICATION_TTL_SECONDS' | 'PASSWORD_RESET_TTL_SECONDS'
>;

export function createAccountMail(mailer: Mailer, tokens: EmailTokens, config: AccountMailConfig) {
  const link = (path: string, token: string) => {
    const url = new URL(path, config.WEB_ORIGIN);
    url.searchParams.set('token', token);
    return url.href;
  };
  return {
    /** A verification link to `email` (the user's own, or the one they want to change to). */
    async sendVerification(user: MailedUser, email = user.email): Promise<void> {
      const issued = await tokens.issue(
        user.id,
        'VERIFY_EMAIL',
        email,
        config.EMAIL_VERIFICATION_TTL_SECONDS,
      );
      mailer.queue(
        email,
        verifyEmailMail({
          handle: user.handle,
          url: link('/verify-email', issued.token),
          expiresAt: issued.expiresAt,
          locale: user.locale,
          change: email !== user.email,
        }),
      );
    },

    async sendPasswordReset(user: MailedUser): Promise<void> {
      const issued = await tokens.issue(
        user.id,
        'RESET_PASSWORD',
        user.email,
        config.PASSWORD_RESET_TTL_SECONDS,
      );
      mailer.queue(
        user.email,
        passwordResetMail({
          handle: user.handle,
          url: link('/reset-password', issued.token),
          expiresAt: issued.expiresAt,
          locale: user.locale,
        }),
      );
    },

    /** Tells `to` (the account's address, or its former one) what changed. */
    sendSecurityNotice(user: MailedUser, change: SecurityChange, to = user.email): void {
      mailer.queue(
        to,
        securityNoticeMail({
          handle: user.handle,
          change,
          at: new Date(),
          locale: user.locale,
          supportUrl: new URL('/support', config.WEB_ORIGIN).href,
        }),
      );
    },
  };
}

export type AccountMail = ReturnType<typeof createAccountMail>;

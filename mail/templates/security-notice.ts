/**
 * Tells the owner that something about their account's security changed (password changed or
 * reset, email changed), when, and what to do if it was not them.
 */
import { escapeHtml, formatDateTime, htmlPage, type RenderedMail } from './render';

export type SecurityChange = 'password-changed' | 'password-reset' | 'email-changed';

const WHAT: Record<SecurityChange, { subject: string; line: string }> = {
  'password-changed': {
    subject: 'Your Kizo password was changed',
    line: 'The password of your Kizo account was changed, and every device was signed out.',
  },
  'password-reset': {
    subject: 'Your Kizo password was reset',
    line: 'The password of your Kizo account was reset through a link mailed to you, and every device was signed out.',
  },
  'email-changed': {
    subject: 'The email of your Kizo account was changed',
    line: 'The email of your Kizo account was changed; mails now go to the new address.',
  },
};

export function securityNoticeMail(input: {
  handle: string;
  change: SecurityChange;
  at: Date;
  locale: string;
  supportUrl: string;
}): RenderedMail {
  const what = WHAT[input.change];
  const at = formatDateTime(input.at, input.locale);
  const help = `If this was not you, reset your password at once and tell us: ${input.supportUrl}`;
  return {
    subject: what.subject,
    text: `Hello @${input.handle},

${what.line}
When: ${at}

${help}
`,
    html: htmlPage({
      paragraphs: [
        `Hello @${escapeHtml(input.handle)},`,
        escapeHtml(what.line),
        `When: ${escapeHtml(at)}`,
        `If this was not you, reset your password at once and <a href="${escapeHtml(input.supportUrl)}">tell us</a>.`,
      ],
    }),
  };
}

/** The link that lets the owner of an account's mailbox choose a new password. */
import { escapeHtml, formatDateTime, htmlPage, type RenderedMail } from './render';

export function passwordResetMail(input: {
  handle: string;
  url: string;
  expiresAt: Date;
  locale: string;
}): RenderedMail {
  const expires = formatDateTime(input.expiresAt, input.locale);
  return {
    subject: 'Reset your Kizo password',
    text: `Hello @${input.handle},

Someone (we hope you) asked to reset the password of your Kizo account.
Open this link to choose a new one (valid until ${expires}, once):
${input.url}

Choosing a new password signs every device out. If you did not ask, ignore this mail: your
password stays as it is.
`,
    html: htmlPage({
      paragraphs: [
        `Hello @${escapeHtml(input.handle)},`,
        'Someone (we hope you) asked to reset the password of your Kizo account.',
        `The link is valid until ${escapeHtml(expires)}, once. Choosing a new password signs every device out.`,
        'If you did not ask, ignore this mail: your password stays as it is.',
      ],
      action: { label: 'Choose a new password', url: input.url },
    }),
  };
}

/** The link that proves a user reads the mailbox of their (new) email. */
import { escapeHtml, formatDateTime, htmlPage, type RenderedMail } from './render';

export function verifyEmailMail(input: {
  handle: string;
  url: string;
  expiresAt: Date;
  locale: string;
  change: boolean;
}): RenderedMail {
  const expires = formatDateTime(input.expiresAt, input.locale);
  const why = input.change
    ? 'You asked to use this address for your Kizo account.'
    : 'Welcome to Kizo! Confirm this is your address so people can pay you by email.';
  const subject = input.change ? 'Confirm your new email for Kizo' : 'Confirm your email for Kizo';
  return {
    subject,
    text: `Hello @${input.handle},

${why}

Open this link to confirm it (valid until ${expires}, once):
${input.url}

If you did not ask for this, ignore this mail: nothing changes until the link is followed.
`,
    html: htmlPage({
      paragraphs: [
        `Hello @${escapeHtml(input.handle)},`,
        escapeHtml(why),
        `The link is valid until ${escapeHtml(expires)}, once.`,
        'If you did not ask for this, ignore this mail: nothing changes until the link is followed.',
      ],
      action: { label: 'Confirm my email', url: input.url },
    }),
  };
}

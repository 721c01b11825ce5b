/**
 * Reading the mails the API sent, from the run's test SMTP server (test/support/mail-server.ts):
 * wait for one addressed to someone, and take the token out of the link it carries.
 */
import { inject } from 'vitest';
import type { ReceivedMail } from './mail-server';

/** The SMTP relay the apps under test send through. */
export const testSmtpUrl = () => `smtp://127.0.0.1:${inject('smtpPort')}`;

export async function mailsTo(address: string): Promise<ReceivedMail[]> {
  const response = await fetch(`${inject('mailInboxUrl')}/?to=${encodeURIComponent(address)}`);
  if (!response.ok) throw new Error(`the test inbox answered ${response.status}`);
  return (await response.json()) as ReceivedMail[];
}

/**
 * The newest mail to `address` whose subject matches, waiting up to `timeoutMs` for it (mails
 * leave the API in the background). `skip` mails that matched before are passed over, to wait
 * for a second one.
 */
export async function waitForMail(
  address: string,
  subject: RegExp,
  options: { skip?: number; timeoutMs?: number } = {},
): Promise<ReceivedMail> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    const matching = (await mailsTo(address)).filter((mail) => subject.test(mail.subject));
    if (matching.length > (options.skip ?? 0)) return matching[matching.length - 1]!;
    if (Date.now() > deadline) throw new Error(`no mail to ${address} matching ${subject} arrived`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The link in a mail's text that goes to `path` (e.g. /verify-email), and its token. */
export function linkIn(mail: ReceivedMail, path: string): { url: URL; token: string } {
  const found = mail.text
    .match(/https?:\/\/\S+/g)
    ?.map((link) => new URL(link))
    .find((url) => url.pathname === path);
  if (!found) throw new Error(`no ${path} link in mail "${mail.subject}":\n${mail.text}`);
  const token = found.searchParams.get('token');
  if (!token) throw new Error(`the ${path} link carries no token: ${found.href}`);
  return { url: found, token };
}

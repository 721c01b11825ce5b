/**
 * A real SMTP server for the tests (smtp-server, mails parsed by mailparser) with a small HTTP
 * inbox on loopback, started once by the global set-up: the API under test sends to it over
 * SMTP like to any relay, and test files (in other workers) read what arrived over HTTP
 * (test/support/mailbox.ts).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** The environment variable that names the inbox of the run's (or the stack's) test SMTP server. */
export const MAIL_INBOX_ENV = 'KIZO_TEST_MAIL_INBOX_URL';

export interface ReceivedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  receivedAt: string;
}

/** Mails kept at once (the oldest go first), and the largest one accepted. */
const MAILS_MAX = 10_000;
const MAIL_SIZE_MAX_BYTES = 1024 * 1024;

export interface TestMailServer {
  smtpPort: number;
  inboxUrl: string;
  stop(): Promise<void>;
}

export async function startTestMailServer(): Promise<TestMailServer> {
  const mails: ReceivedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    size: MAIL_SIZE_MAX_BYTES,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          mails.push({
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            receivedAt: new Date().toISOString(),
          });
          if (mails.length > MAILS_MAX) mails.shift();
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  const inbox: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://inbox');
    const to = url.searchParams.get('to')?.toLowerCase();
    const found = to ? mails.filter((mail) => mail.to.includes(to)) : mails;
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(found));
  });
  await new Promise<void>((resolve) => inbox.listen(0, '127.0.0.1', resolve));
  const inboxUrl = `http://127.0.0.1:${(inbox.address() as AddressInfo).port}`;

  return {
    smtpPort,
    inboxUrl,
    async stop() {
      await new Promise<void>((resolve) => inbox.close(() => resolve()));
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    },
  };
}

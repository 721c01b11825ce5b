/**
 * Outgoing mail over SMTP (nodemailer). The relay comes from configuration: SMTP_URL, else
 * SMTP_HOST and SMTP_PORT (the development mail catcher by default). Mails leave in the
 * background: a request never waits on the relay (so a known and an unknown address answer in
 * the same time, and a slow relay slows no sign-up), and a failed send is logged, never thrown
 * at the caller: every mail Kizo sends can be asked for again.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../common/config';
import type { RenderedMail } from './templates/render';

/** Bounds on one conversation with the relay, so a hung relay cannot pile up sends. */
const CONNECTION_TIMEOUT_MS = 5_000;
const SOCKET_TIMEOUT_MS = 15_000;
/** Sends in flight at once; more are dropped (and logged) rather than queued without bound. */
const IN_FLIGHT_MAX = 200;

export interface Mailer {
  /** Sends now and resolves when the relay accepted the mail; rejects on failure. */
  send(to: string, mail: RenderedMail): Promise<void>;
  /** Sends in the background; a failure is logged. */
  queue(to: string, mail: RenderedMail): void;
  /** Resolves once every queued send has finished (tests and shutdown). */
  idle(): Promise<void>;
  close(): void;
}

export type MailConfig = Pick<Config, 'SMTP_URL' | 'SMTP_HOST' | 'SMTP_PORT' | 'MAIL_FROM'>;

export function createMailer(config: MailConfig, logger?: Logger): Mailer {
  const timeouts = {
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    greetingTimeout: CONNECTION_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
  };
  const transport: Transporter = nodemailer.createTransport({ ...relayOf(config), ...timeouts });
  const inFlight = new Set<Promise<void>>();

  async function send(to: string, mail: RenderedMail): Promise<void> {
    await transport.sendMail({
      from: config.MAIL_FROM,
      to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
    });
  }

  return {
    send,
    queue(to, mail) {
      if (inFlight.size >= IN_FLIGHT_MAX) {
        logger?.error({ subject: mail.subject }, 'mail dropped: too many sends in flight');
        return;
      }
      const sending = send(to, mail)
        .catch((error: unknown) => logger?.error({ err: error, subject: mail.subject }, 'mail not sent'))
        .finally(() => inFlight.delete(sending));
      inFlight.add(sending);
    },
    async idle() {
      await Promise.all([...inFlight]);
    },
    close() {
      transport.close();
    },
  };
}

/** Where to send: SMTP_URL (smtps:// is TLS from the start; user and password from the URL), else host and port. */
function relayOf(config: MailConfig) {
  if (!config.SMTP_URL) return { host: config.SMTP_HOST, port: config.SMTP_PORT, secure: false };
  const url = new URL(config.SMTP_URL);
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
  };
}

/**
 * A small HTTP client for Kizo's API as a real client uses it: sign up, move money with an
 * Idempotency-Key, and retry the same request with the same key when the network or the
 * server fails. Used by the fault suite and the load benchmark.
 */
import { randomUUID } from 'node:crypto';
import { FINAL_STATUSES, type TransferKind } from '../../common/transfer-status';
import { MAIL_INBOX_ENV, type ReceivedMail } from './mail-server';

export interface TransferView {
  id: string;
  kind: TransferKind;
  status: string;
  amountMinor: string;
  failureReason: string | null;
  workflowId: string;
}

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
  replayed: boolean;
}

const RETRY_ATTEMPTS_MAX = 120;
const RETRY_PAUSE_MS = 250;
const REQUEST_TIMEOUT_MS = 15_000;

export class ApiClient {
  accessToken = '';
  userId = '';
  handle = '';
  email = '';
  password = '';

  constructor(readonly baseUrl: string) {}

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiAnswer<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(this.accessToken ? { Authorization: `Bearer ${this.accessToken}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : undefined) as T,
      replayed: response.headers.get('Idempotent-Replayed') === 'true',
    };
  }

  /**
   * Signs up and, as its owner would, follows the verification link mailed to the address (read
   * from the test SMTP server's inbox), unless `verify` is false.
   */
  async signUp(name = 'user', options: { verify?: boolean } = {}): Promise<this> {
    const suffix = randomUUID().slice(0, 8);
    this.email = `${name}-${suffix}@example.test`;
    this.password = `correct horse ${suffix} battery`;
    const answer = await this.request<{ user: { id: string; handle: string }; accessToken: string }>(
      'POST',
      '/v1/auth/signup',
      { email: this.email, handle: `${name}_${suffix}`, password: this.password },
    );
    if (answer.status !== 201)
      throw new Error(`sign-up answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    this.accessToken = answer.body.accessToken;
    this.userId = answer.body.user.id;
    this.handle = answer.body.user.handle;
    if (options.verify ?? true) await this.verifyEmail();
    return this;
  }

  /** Follows the newest verification link mailed to this user. */
  async verifyEmail(): Promise<void> {
    const token = await verificationTokenFor(this.email);
    const answer = await this.request('POST', '/v1/auth/verify-email', { token });
    if (answer.status !== 200)
      throw new Error(`verification answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }

  /** POSTs a money movement once with the given key. */
  move(
    path: '/v1/deposits' | '/v1/transfers' | '/v1/withdrawals',
    body: Record<string, unknown>,
    key: string,
  ) {
    return this.request<TransferView>('POST', path, body, { 'Idempotency-Key': key });
  }

  /**
   * POSTs with one key until the API gives a definite answer, as a careful client does: a
   * network error, a 5xx or a 409 (the first attempt still in flight) means "ask again".
   */
  async moveUntilAnswered(
    path: '/v1/deposits' | '/v1/transfers' | '/v1/withdrawals',
    body: Record<string, unknown>,
    key = randomUUID(),
  ) {
    for (let attempt = 1; attempt <= RETRY_ATTEMPTS_MAX; attempt += 1) {
      try {
        const answer = await this.move(path, body, key);
        if (answer.status < 500 && answer.status !== 409) return { ...answer, key, attempts: attempt };
      } catch {
        // Connection refused or reset while the API restarts: the same key makes retrying safe.
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
    }
    throw new Error(`no definite answer for ${path} with key ${key} after ${RETRY_ATTEMPTS_MAX} attempts`);
  }

  async transfer(id: string): Promise<TransferView> {
    const answer = await this.request<TransferView>('GET', `/v1/transfers/${id}`);
    if (answer.status !== 200) throw new Error(`GET transfer ${id} answered ${answer.status}`);
    return answer.body;
  }

  /** Polls a transfer until it reaches a final status. */
  async waitFinal(id: string, timeoutMs = 120_000): Promise<TransferView> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const transfer = await this.transfer(id);
        if (FINAL_STATUSES.has(transfer.status)) return transfer;
      } catch {
        // The API may be restarting.
      }
      if (Date.now() > deadline) throw new Error(`transfer ${id} not final after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async availableMinor(currency = 'EUR'): Promise<bigint> {
    const answer = await this.request<{ wallets: { currency: string; availableMinor: string }[] }>(
      'GET',
      '/v1/wallets',
    );
    if (answer.status !== 200) throw new Error(`GET wallets answered ${answer.status}`);
    return BigInt(answer.body.wallets.find((wallet) => wallet.currency === currency)?.availableMinor ?? '0');
  }
}

const MAIL_WAIT_MS = 15_000;

/** The token of the newest verification link mailed to `email`, from the test inbox (MAIL_INBOX_ENV). */
export async function verificationTokenFor(email: string): Promise<string> {
  const inbox = process.env[MAIL_INBOX_ENV];
  if (!inbox) throw new Error(`${MAIL_INBOX_ENV} is not set: no test SMTP server to read mail from`);
  const deadline = Date.now() + MAIL_WAIT_MS;
  for (;;) {
    const response = await fetch(`${inbox}/?to=${encodeURIComponent(email)}`);
    const mails = (await response.json()) as ReceivedMail[];
    const mail = mails.filter((each) => /Confirm your (new )?email/.test(each.subject)).at(-1);
    const token = mail?.text.match(/\/verify-email\?token=([A-Za-z0-9_-]+)/)?.[1];
    if (token) return token;
    if (Date.now() > deadline) throw new Error(`no verification mail to ${email} arrived`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Sets the mock bank's injected faults (`PUT /control/faults`). */
export async function setBankFaults(bankUrl: string, faults: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${bankUrl}/control/${Object.keys(faults).length ? 'faults' : 'reset'}`, {
    method: Object.keys(faults).length ? 'PUT' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(faults),
  });
  if (!response.ok) throw new Error(`bank controls answered ${response.status}: ${await response.text()}`);
}

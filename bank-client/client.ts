/**
 * Typed HTTP client for the (mock) bank, used by the worker's activities. It turns every
 * answer into one of three outcomes the workflows rely on: a record; a permanent refusal
 * (`BankRefusedError`, never retry); or an unavailable bank (`BankUnavailableError`, retry with
 * the same id, which the bank's idempotency makes safe even when the first call did land).
 * Error `name`s equal the types in BANK_ERROR_TYPES, which Temporal uses as the failure type
 * when an activity throws them, so retry policies can list them as non-retryable.
 */
import { z } from 'zod';
import { isUuid } from '../common/ids';
import { CURRENCIES, formatAmountMinor, parseAmountMinor, type Currency } from '../common/money';

export const BANK_ERROR_TYPES = {
  /** The bank said no for good (closed account, over limit). Compensate; do not retry. */
  refused: 'BankRefused',
  /** Down, slow, or answered nonsense. Retry with the same id. */
  unavailable: 'BankUnavailable',
  /** The bank rejected our request as malformed or reusing an id: our bug, do not retry. */
  rejected: 'BankRequestRejected',
} as const;
export type BankErrorType = (typeof BANK_ERROR_TYPES)[keyof typeof BANK_ERROR_TYPES];

/** Known refusal codes; an unknown code from a newer bank still arrives as a string. */
export type BankRefusalCode = 'ACCOUNT_CLOSED' | 'LIMIT_EXCEEDED' | 'VOIDED' | (string & {});

/** The refusal code of a tombstone: the id was voided before anything was booked under it. */
export const VOIDED_CODE = 'VOIDED';

export type BankRecordKind = 'collection' | 'payout';

export interface BankRecord {
  id: string;
  kind: BankRecordKind;
  status: 'ACCEPTED' | 'REFUSED';
  reason: BankRefusalCode | null;
  amountMinor: bigint;
  currency: Currency;
  accountRef: string;
  /** ISO 8601 time the bank first recorded the call. */
  createdAt: string;
}

export interface BankMovementRequest {
  /** Our transfer id (a uuid); the bank's idempotency key. */
  id: string;
  accountRef: string;
  currency: Currency;
  amountMinor: bigint;
}

export interface BankMovement {
  record: BankRecord;
  /** True when the bank had already recorded this id: an earlier attempt did land. */
  replayed: boolean;
}

export interface ListRecordsOptions {
  kind?: BankRecordKind;
  /** Defaults to ACCEPTED on the bank's side: the records that moved money. */
  status?: 'ACCEPTED' | 'REFUSED' | 'ALL';
  cursor?: string;
  /** 1..1000. */
  limit?: number;
}

export interface RecordPage {
  records: BankRecord[];
  nextCursor: string | null;
}

export interface BankClientOptions {
  baseUrl: string;
  /** Limit on each whole call, body included. */
  timeoutMs: number;
}

export interface BankClient {
  collect(request: BankMovementRequest): Promise<BankMovement>;
  payout(request: BankMovementRequest): Promise<BankMovement>;
  /**
   * Voids our id at the bank: a definite answer, unlike a lookup. The record returned is the
   * tombstone (REFUSED, reason VOIDED: nothing was booked and nothing ever will be) or what was
   * booked first (ACCEPTED: the money moved; REFUSED for another reason: it never did).
   */
  voidMovement(kind: BankRecordKind, request: BankMovementRequest): Promise<BankRecord>;
  /** The stored collection, or null when the bank never recorded this id as one. */
  getCollection(id: string): Promise<BankRecord | null>;
  getPayout(id: string): Promise<BankRecord | null>;
  listRecords(options?: ListRecordsOptions): Promise<RecordPage>;
  /** Whether `holderName` holds `accountRef` at the bank (an account-holder check). */
  checkAccountHolder(accountRef: string, holderName: string): Promise<AccountHolderCheck>;
  /**
   * Sends micro-deposits from Kizo's own account to `accountRef`, once per `id` (a retry with
   * the same id and amounts books nothing more). A closed account is a `BankRefusedError`.
   */
  sendVerificationCredits(request: VerificationCreditsRequest): Promise<{ replayed: boolean }>;
}

export interface VerificationCreditsRequest {
  /** The link's id (a uuid); the bank's idempotency key. */
  id: string;
  accountRef: string;
  currency: Currency;
  /** Each 1..99 minor units. */
  amountsMinor: bigint[];
}

export type AccountHolderCheck = 'MATCH' | 'NO_MATCH' | 'CLOSED';

export class BankRefusedError extends Error {
  override readonly name = BANK_ERROR_TYPES.refused;
  constructor(
    readonly code: BankRefusalCode,
    message: string,
    /** The refusal the bank stored, when it sent one. */
    readonly record: BankRecord | null = null,
  ) {
    super(message);
  }
}

export class BankUnavailableError extends Error {
  override readonly name = BANK_ERROR_TYPES.unavailable;
  constructor(
    message: string,
    /** HTTP status when the bank answered at all; null for timeouts and network errors. */
    readonly status: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class BankRequestRejectedError extends Error {
  override readonly name = BANK_ERROR_TYPES.rejected;
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

const PATHS = { collection: 'collections', payout: 'payouts' } as const satisfies Record<
  BankRecordKind,
  string
>;
const LIST_LIMIT_MAX = 1000;

const recordSchema = z.object({
  id: z.string(),
  kind: z.enum(['collection', 'payout']),
  status: z.enum(['ACCEPTED', 'REFUSED']),
  reason: z.string().optional(),
  amountMinor: z.string().transform((text, context) => {
    try {
      return parseAmountMinor(text);
    } catch {
      context.addIssue({ code: 'custom', message: 'amountMinor is not a valid amount' });
      return z.NEVER;
    }
  }),
  currency: z.enum(Object.keys(CURRENCIES) as [Currency, ...Currency[]]),
  accountRef: z.string(),
  createdAt: z.string(),
});
const accountCheckSchema = z.object({ result: z.enum(['MATCH', 'NO_MATCH', 'CLOSED']) });
const verificationCreditsSchema = z.object({ id: z.string(), amountsMinor: z.array(z.string()) });
const pageSchema = z.object({ records: z.array(recordSchema), nextCursor: z.string().nullable() });
const problemSchema = z.object({
  code: z.string(),
  detail: z.string().optional(),
  record: recordSchema.optional(),
});

type WireRecord = z.infer<typeof recordSchema>;

function toRecord(wire: WireRecord): BankRecord {
  return { ...wire, reason: wire.reason ?? null };
}

export function createBankClient(options: BankClientOptions): BankClient {
  if (!Number.isInteger(options.timeoutMs) || options.timeoutMs <= 0)
    throw new RangeError('timeoutMs must be a positive integer');
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const call = (method: 'GET' | 'POST', path: string, body?: unknown) =>
    send(baseUrl, options.timeoutMs, method, path, body);

  /** The movement as the bank's body has it; its id is checked first and goes in the body or the path. */
  function movementBody(request: BankMovementRequest) {
    assertUuid(request.id);
    // Round-trips through the one parser so zero, negative or oversized amounts never leave.
    const amountMinor = formatAmountMinor(parseAmountMinor(formatAmountMinor(request.amountMinor)));
    return { accountRef: request.accountRef, currency: request.currency, amountMinor };
  }

  /** A success body for `request`; the bank answering for another id, kind or amount would be a bank bug, never trusted. */
  function matchingRecord(
    answer: Answer,
    kind: BankRecordKind,
    request: BankMovementRequest,
    what: string,
  ): BankRecord {
    const record = toRecord(parseOr(recordSchema, answer));
    if (
      record.id !== request.id.toLowerCase() ||
      record.kind !== kind ||
      record.amountMinor !== request.amountMinor
    ) {
      throw new BankUnavailableError(
        `bank answered ${what} with a record that does not match`,
        answer.status,
      );
    }
    return record;
  }

  async function submitMovement(kind: BankRecordKind, request: BankMovementRequest): Promise<BankMovement> {
    const answer = await call('POST', `/v1/${PATHS[kind]}`, { id: request.id, ...movementBody(request) });
    const what = `${kind} ${request.id}`;
    if (answer.status !== 200 && answer.status !== 201) throw failure(answer, what);
    const record = matchingRecord(answer, kind, request, what);
    if (record.status !== 'ACCEPTED')
      throw new BankUnavailableError(
        `bank answered ${what} with a record that does not match`,
        answer.status,
      );
    return { record, replayed: answer.replayed };
  }

  async function voidMovement(kind: BankRecordKind, request: BankMovementRequest): Promise<BankRecord> {
    const body = movementBody(request);
    const what = `the void of ${kind} ${request.id}`;
    const answer = await call('POST', `/v1/${PATHS[kind]}/${encodeURIComponent(request.id)}/void`, body);
    if (answer.status !== 200 && answer.status !== 201) throw failure(answer, what);
    return matchingRecord(answer, kind, request, what);
  }

  async function getRecord(kind: BankRecordKind, id: string): Promise<BankRecord | null> {
    assertUuid(id);
    const answer = await call('GET', `/v1/${PATHS[kind]}/${encodeURIComponent(id)}`);
    if (answer.status === 200) return toRecord(parseOr(recordSchema, answer));
    // Only the bank's own "no such record" means it never happened; a 404 from a wrong URL does not.
    if (answer.status === 404 && problemCode(answer) === 'NOT_FOUND') return null;
    throw failure(answer, `get ${kind} ${id}`);
  }

  return {
    collect: (request) => submitMovement('collection', request),
    payout: (request) => submitMovement('payout', request),
    voidMovement,
    getCollection: (id) => getRecord('collection', id),
    getPayout: (id) => getRecord('payout', id),
    async checkAccountHolder(accountRef, holderName) {
      const answer = await call('POST', '/v1/account-checks', { accountRef, holderName });
      if (answer.status !== 200) throw failure(answer, 'account-holder check');
      return parseOr(accountCheckSchema, answer).result;
    },
    async sendVerificationCredits(request) {
      assertUuid(request.id);
      for (const amount of request.amountsMinor)
        if (amount < 1n || amount > 99n)
          throw new RangeError('verification credits are 1..99 minor units each');
      const amountsMinor = request.amountsMinor.map((amount) => formatAmountMinor(amount));
      const what = `verification credits ${request.id}`;
      const answer = await call('POST', '/v1/verification-credits', {
        id: request.id,
        accountRef: request.accountRef,
        currency: request.currency,
        amountsMinor,
      });
      if (answer.status !== 200 && answer.status !== 201) throw failure(answer, what);
      const credits = parseOr(verificationCreditsSchema, answer);
      if (credits.id !== request.id.toLowerCase() || credits.amountsMinor.join() !== amountsMinor.join())
        throw new BankUnavailableError(`bank answered ${what} with credits that do not match`, answer.status);
      return { replayed: answer.replayed };
    },
    async listRecords(listOptions = {}) {
      const { limit } = listOptions;
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > LIST_LIMIT_MAX)) {
        throw new RangeError(`limit must be 1..${LIST_LIMIT_MAX}`);
      }
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(listOptions))
        if (value !== undefined) query.set(key, String(value));
      const answer = await call('GET', `/v1/records?${query.toString()}`);
      if (answer.status !== 200) throw failure(answer, 'list records');
      const page = parseOr(pageSchema, answer);
      return { records: page.records.map(toRecord), nextCursor: page.nextCursor };
    },
  };
}

interface Answer {
  status: number;
  replayed: boolean;
  /** Parsed JSON, or undefined when the body was not JSON. */
  json: unknown;
}

async function send(
  baseUrl: string,
  timeoutMs: number,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<Answer> {
  try {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      // One deadline for connect, headers and body: a bank that trickles bytes is as down as one that is silent.
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    return {
      status: response.status,
      replayed: response.headers.get('idempotent-replayed') === 'true',
      json: parseJson(text),
    };
  } catch (error) {
    const reason =
      error instanceof Error && error.name === 'TimeoutError'
        ? `timed out after ${timeoutMs} ms`
        : 'could not be reached';
    throw new BankUnavailableError(`bank ${method} ${path} ${reason}`, null, { cause: error });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Parses a success body; a body that does not fit is treated as a fault worth retrying. */
function parseOr<T extends z.ZodType>(schema: T, answer: Answer): z.output<T> {
  const parsed = schema.safeParse(answer.json);
  if (!parsed.success)
    throw new BankUnavailableError(
      `bank answered ${answer.status} with a body that is not the expected JSON`,
      answer.status,
    );
  return parsed.data;
}

function problemCode(answer: Answer): string | null {
  const parsed = problemSchema.safeParse(answer.json);
  return parsed.success ? parsed.data.code : null;
}

/** Classifies a non-success answer. Anything we cannot read is "unavailable": retrying is safe. */
function failure(answer: Answer, what: string): Error {
  const parsed = problemSchema.safeParse(answer.json);
  const problem = parsed.success ? parsed.data : null;
  const detail = problem?.detail ? `: ${problem.detail}` : '';
  if (answer.status === 422 && problem) {
    return new BankRefusedError(
      problem.code,
      `bank refused ${what} (${problem.code})${detail}`,
      problem.record ? toRecord(problem.record) : null,
    );
  }
  if ((answer.status === 400 || answer.status === 409) && problem) {
    return new BankRequestRejectedError(
      problem.code,
      `bank rejected ${what} (${problem.code})${detail}`,
      answer.status,
    );
  }
  return new BankUnavailableError(`bank answered ${what} with ${answer.status}${detail}`, answer.status);
}

function assertUuid(id: string): void {
  if (!isUuid(id)) throw new RangeError(`bank ids are uuids, got ${JSON.stringify(id)}`);
}

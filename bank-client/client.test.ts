/**
 * Goal: the bank client turns every bank answer into the outcome workflows rely on, against
 * the real mock bank over HTTP: records (with replay detection) for success, BankRefusedError
 * with a stable code for permanent refusals, BankUnavailableError for 503s, lost responses,
 * timeouts, refused connections and garbage bodies, and BankRequestRejectedError for our bugs.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { startBank, type RunningBank } from '../bank/server';
import {
  BANK_ERROR_TYPES,
  BankRefusedError,
  BankRequestRejectedError,
  BankUnavailableError,
  createBankClient,
  type BankClient,
  type BankMovementRequest,
} from './client';

let bank: RunningBank;
let client: BankClient;

beforeAll(async () => {
  bank = await startBank({
    port: 0,
    databaseUrl: inject('bankDatabaseUrl'),
    controls: true,
    limitMinor: 1_000_000n,
    hangMs: 600,
  });
  client = createBankClient({ baseUrl: `${bank.url}/`, timeoutMs: 5000 });
});
afterAll(() => bank.stop());
beforeEach(() => void bank.faults.reset());

const request = (overrides: Partial<BankMovementRequest> = {}): BankMovementRequest => ({
  id: randomUUID(),
  accountRef: 'acc-client',
  currency: 'EUR',
  amountMinor: 2_500n,
  ...overrides,
});

describe('bank client against the mock bank', () => {
  it('pays out once, replays on retry, and reads the record back', async () => {
    const payout = request();
    const first = await client.payout(payout);
    expect(first.replayed).toBe(false);
    expect(first.record).toMatchObject({
      id: payout.id,
      kind: 'payout',
      status: 'ACCEPTED',
      amountMinor: 2_500n,
      reason: null,
    });
    const again = await client.payout(payout);
    expect(again).toEqual({ record: first.record, replayed: true });
    expect(await client.getPayout(payout.id)).toEqual(first.record);
    expect(await client.getCollection(payout.id)).toBeNull();
  });

  it('collects and lists records page by page', async () => {
    const accountRef = `acc-list-${randomUUID().slice(0, 8)}`;
    const ids = [];
    for (let index = 0; index < 3; index += 1)
      ids.push((await client.collect(request({ accountRef }))).record.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pageIndex = 0; pageIndex < 10_000; pageIndex += 1) {
      const page = await client.listRecords({ kind: 'collection', limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.records.every((record) => typeof record.amountMinor === 'bigint')).toBe(true);
      seen.push(
        ...page.records.filter((record) => record.accountRef === accountRef).map((record) => record.id),
      );
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    expect(seen.sort()).toEqual(ids.sort());
    await expect(client.listRecords({ limit: 1001 })).rejects.toThrow(RangeError);
  });

  it('raises BankRefusedError with a stable code, and again on retry', async () => {
    const closed = request({ accountRef: 'closed-acc' });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const error = await client.payout(closed).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(BankRefusedError);
      expect(error).toMatchObject({
        name: BANK_ERROR_TYPES.refused,
        code: 'ACCOUNT_CLOSED',
        record: { status: 'REFUSED' },
      });
    }
    await expect(client.collect(request({ amountMinor: 1_000_001n }))).rejects.toMatchObject({
      code: 'LIMIT_EXCEEDED',
    });
    // A refusal is stored: reading it back shows it, it is not "never happened".
    expect(await client.getPayout(closed.id)).toMatchObject({ status: 'REFUSED', reason: 'ACCOUNT_CLOSED' });
  });

  it('raises BankRequestRejectedError for a reused id with another body', async () => {
    const payout = request();
    await client.payout(payout);
    const error = await client.payout({ ...payout, amountMinor: 2_501n }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BankRequestRejectedError);
    expect(error).toMatchObject({
      name: BANK_ERROR_TYPES.rejected,
      code: 'IDEMPOTENCY_CONFLICT',
      status: 409,
    });
  });

  it('refuses to send zero, negative or oversized amounts and non-uuid ids', async () => {
    for (const amountMinor of [0n, -1n, 10n ** 15n + 1n])
      await expect(client.payout(request({ amountMinor }))).rejects.toThrow(/amount/);
    await expect(client.payout(request({ id: 'transfer-1' }))).rejects.toThrow(RangeError);
  });

  it('raises BankUnavailableError for 503s and outages, and the retry succeeds once the bank is back', async () => {
    bank.faults.update({ failNext: 1 });
    const payout = request();
    await expect(client.payout(payout)).rejects.toMatchObject({
      name: BANK_ERROR_TYPES.unavailable,
      status: 503,
    });
    bank.faults.update({ outage: true });
    await expect(client.getPayout(payout.id)).rejects.toBeInstanceOf(BankUnavailableError);
    bank.faults.reset();
    expect((await client.payout(payout)).replayed).toBe(false);
  });

  it('a lost response is unavailable; the retry shows it had landed', async () => {
    bank.faults.update({ dropResponseNext: 1 });
    const payout = request();
    await expect(client.payout(payout)).rejects.toBeInstanceOf(BankUnavailableError);
    expect((await client.payout(payout)).replayed).toBe(true);
  });

  it('a timeout is unavailable; the call may still land, and the retry then replays it', async () => {
    bank.faults.update({ hangNext: 1 });
    const payout = request();
    const impatient = createBankClient({ baseUrl: bank.url, timeoutMs: 200 });
    const error = await impatient.payout(payout).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BankUnavailableError);
    expect((error as BankUnavailableError).message).toMatch(/timed out after 200 ms/);
    expect((error as BankUnavailableError).status).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await client.getPayout(payout.id)).toMatchObject({ status: 'ACCEPTED' });
    expect((await client.payout(payout)).replayed).toBe(true);
  });

  it('a refused connection is unavailable', async () => {
    const port = await closedPort();
    const offline = createBankClient({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 1000 });
    await expect(offline.payout(request())).rejects.toMatchObject({
      name: BANK_ERROR_TYPES.unavailable,
      status: null,
    });
  });
});

describe('bank client against a misbehaving server', () => {
  let fake: Server;
  let reply: { status: number; contentType: string; body: string };
  let garbage: BankClient;

  beforeAll(async () => {
    fake = createServer((_incoming, outgoing) => {
      outgoing.writeHead(reply.status, { 'content-type': reply.contentType });
      outgoing.end(reply.body);
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    garbage = createBankClient({
      baseUrl: `http://127.0.0.1:${(fake.address() as AddressInfo).port}`,
      timeoutMs: 1000,
    });
  });
  afterAll(() => new Promise<void>((resolve) => fake.close(() => resolve())));

  const record = (id: string, overrides: Record<string, unknown> = {}) =>
    JSON.stringify({
      id,
      kind: 'payout',
      status: 'ACCEPTED',
      amountMinor: '2500',
      currency: 'EUR',
      accountRef: 'acc-client',
      createdAt: new Date().toISOString(),
      ...overrides,
    });

  const cases: Array<[string, (id: string) => { status: number; contentType: string; body: string }]> = [
    [
      'HTML from a proxy',
      () => ({ status: 200, contentType: 'text/html', body: '<html>502 Bad Gateway</html>' }),
    ],
    ['truncated JSON', () => ({ status: 201, contentType: 'application/json', body: '{"id":"' })],
    [
      'JSON of the wrong shape',
      () => ({ status: 201, contentType: 'application/json', body: '{"ok":true}' }),
    ],
    [
      'a float amount',
      (id) => ({ status: 201, contentType: 'application/json', body: record(id, { amountMinor: 25.5 }) }),
    ],
    [
      'a record for another amount',
      (id) => ({ status: 201, contentType: 'application/json', body: record(id, { amountMinor: '2600' }) }),
    ],
    [
      'a record for another id',
      () => ({ status: 201, contentType: 'application/json', body: record(randomUUID()) }),
    ],
    ['a 422 without a problem body', () => ({ status: 422, contentType: 'text/plain', body: 'nope' })],
    ['a 404 from a wrong path', () => ({ status: 404, contentType: 'text/plain', body: 'Not Found' })],
    ['a 500', () => ({ status: 500, contentType: 'application/json', body: '{}' })],
  ];
  it.each(cases)('treats %s as unavailable', async (_name, makeReply) => {
    const payout = request();
    reply = makeReply(payout.id);
    await expect(garbage.payout(payout)).rejects.toBeInstanceOf(BankUnavailableError);
  });

  it('treats a 404 without the bank NOT_FOUND code as unavailable, not as "no record"', async () => {
    reply = { status: 404, contentType: 'text/plain', body: 'Not Found' };
    await expect(garbage.getPayout(randomUUID())).rejects.toBeInstanceOf(BankUnavailableError);
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

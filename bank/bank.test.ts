/**
 * Goal: the mock bank keeps its promises over real HTTP and a real PostgreSQL: one record per
 * id whatever the retries (201 then 200 replays, 409 for a changed body), stable 422 refusals,
 * 400 problems for bad input, 404 for unknown ids, and complete, non-overlapping record pages.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { startBank, type RunningBank } from './server';

let bank: RunningBank;

beforeAll(async () => {
  bank = await startBank({
    port: 0,
    databaseUrl: inject('bankDatabaseUrl'),
    controls: true,
    limitMinor: 1_000_000n,
  });
});
afterAll(() => bank.stop());
beforeEach(() => void bank.faults.reset());

interface Reply {
  status: number;
  headers: Headers;
  json: Record<string, unknown>;
}

async function call(method: string, path: string, body?: unknown): Promise<Reply> {
  const response = await fetch(`${bank.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    json: (await response.json()) as Record<string, unknown>,
  };
}

const movement = (overrides: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  accountRef: 'acc-alice',
  currency: 'EUR',
  amountMinor: '12345',
  ...overrides,
});

describe('idempotency', () => {
  it('records a payout once and replays it for the same id and body', async () => {
    const body = movement();
    const first = await call('POST', '/v1/payouts', body);
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      id: body.id,
      kind: 'payout',
      status: 'ACCEPTED',
      amountMinor: '12345',
      currency: 'EUR',
    });
    expect(first.headers.get('idempotent-replayed')).toBeNull();

    const second = await call('POST', '/v1/payouts', body);
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.json).toEqual(first.json);

    const stored = await call('GET', `/v1/payouts/${body.id}`);
    expect(stored.json).toEqual(first.json);
  });

  it('answers 409 when an id is reused with another amount, account or kind', async () => {
    const body = movement();
    expect((await call('POST', '/v1/collections', body)).status).toBe(201);
    for (const changed of [
      { ...body, amountMinor: '12346' },
      { ...body, accountRef: 'acc-bob' },
      { ...body, currency: 'USD' },
    ]) {
      const conflict = await call('POST', '/v1/collections', changed);
      expect(conflict.status).toBe(409);
      expect(conflict.headers.get('content-type')).toBe('application/problem+json');
      expect(conflict.json).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', status: 409 });
    }
    expect((await call('POST', '/v1/payouts', body)).status).toBe(409);
    expect((await call('GET', `/v1/payouts/${body.id}`)).status).toBe(404);
  });

  it('records one row when the same id races in concurrently', async () => {
    const body = movement();
    const replies = await Promise.all(Array.from({ length: 8 }, () => call('POST', '/v1/payouts', body)));
    expect(replies.map((reply) => reply.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(replies.map((reply) => reply.json.createdAt)).size).toBe(1);
  });

  it('treats an upper-case id as the same key', async () => {
    const body = movement();
    await call('POST', '/v1/payouts', body);
    const again = await call('POST', '/v1/payouts', { ...body, id: body.id.toUpperCase() });
    expect(again.status).toBe(200);
  });
});

describe('void', () => {
  const voidBody = (body: ReturnType<typeof movement>) => ({
    accountRef: body.accountRef,
    currency: body.currency,
    amountMinor: body.amountMinor,
  });

  it('records a tombstone for an unbooked id, and refuses every later request with it', async () => {
    const body = movement();
    const voided = await call('POST', `/v1/payouts/${body.id}/void`, voidBody(body));
    expect(voided.status).toBe(201);
    expect(voided.json).toMatchObject({ id: body.id, status: 'REFUSED', reason: 'VOIDED' });
    const late = await call('POST', '/v1/payouts', body);
    expect([late.status, late.json.code]).toEqual([422, 'VOIDED']);
    const again = await call('POST', `/v1/payouts/${body.id}/void`, voidBody(body));
    expect([again.status, again.json.reason]).toEqual([200, 'VOIDED']);
    expect((await call('GET', `/v1/payouts/${body.id}`)).json).toMatchObject({
      status: 'REFUSED',
      reason: 'VOIDED',
    });
  });

  it('returns what is booked instead of voiding it', async () => {
    const body = movement();
    expect((await call('POST', '/v1/collections', body)).status).toBe(201);
    const voided = await call('POST', `/v1/collections/${body.id}/void`, voidBody(body));
    expect([voided.status, voided.json.status]).toEqual([200, 'ACCEPTED']);
    const refusedBody = movement({ accountRef: 'closed-acc' });
    expect((await call('POST', '/v1/payouts', refusedBody)).status).toBe(422);
    const ofRefused = await call('POST', `/v1/payouts/${refusedBody.id}/void`, voidBody(refusedBody));
    expect([ofRefused.status, ofRefused.json.reason]).toEqual([200, 'ACCOUNT_CLOSED']);
  });

  it('answers 409 for a void that names another movement, 400 for a malformed one', async () => {
    const body = movement();
    expect((await call('POST', '/v1/payouts', body)).status).toBe(201);
    const other = await call('POST', `/v1/payouts/${body.id}/void`, { ...voidBody(body), amountMinor: '1' });
    expect([other.status, other.json.code]).toEqual([409, 'IDEMPOTENCY_CONFLICT']);
    const asCollection = await call('POST', `/v1/collections/${body.id}/void`, voidBody(body));
    expect(asCollection.status).toBe(409);
    expect((await call('POST', '/v1/payouts/not-a-uuid/void', voidBody(body))).status).toBe(400);
    expect((await call('POST', `/v1/payouts/${randomUUID()}/void`, { accountRef: 'x' })).status).toBe(400);
  });

  it('lets exactly one of a booking and a void of the same id win, however they interleave', async () => {
    const ROUNDS = 60;
    const delay = () => new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 6)));
    let booked = 0;
    let voided = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      const body = movement({ amountMinor: String(1_000 + round) });
      const [booking, voiding] = await Promise.all([
        delay().then(() => call('POST', '/v1/payouts', body)),
        delay().then(() => call('POST', `/v1/payouts/${body.id}/void`, voidBody(body))),
      ]);
      const stored = await call('GET', `/v1/payouts/${body.id}`);
      if (stored.json.status === 'ACCEPTED') {
        booked += 1;
        expect([booking.status, voiding.status, voiding.json.status]).toEqual([201, 200, 'ACCEPTED']);
      } else {
        voided += 1;
        expect(stored.json.reason).toBe('VOIDED');
        expect([voiding.status, booking.status, booking.json.code]).toEqual([201, 422, 'VOIDED']);
      }
    }
    expect(booked + voided).toBe(ROUNDS);
  });
});

describe('refusals', () => {
  it('refuses closed accounts with a stored, stable 422', async () => {
    const body = movement({ accountRef: 'closed-carol' });
    const first = await call('POST', '/v1/payouts', body);
    expect(first.status).toBe(422);
    expect(first.json).toMatchObject({
      type: 'urn:kizo:bank:problem:account-closed',
      code: 'ACCOUNT_CLOSED',
      status: 422,
    });
    expect(first.json.record).toMatchObject({ status: 'REFUSED', reason: 'ACCOUNT_CLOSED' });
    const again = await call('POST', '/v1/payouts', body);
    expect(again.status).toBe(422);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json.record).toEqual(first.json.record);
  });

  it('refuses accounts listed in the faults, and keeps the refusal after they are unlisted', async () => {
    await call('PUT', '/control/faults', { refuseAccounts: ['acc-dave'] });
    const body = movement({ accountRef: 'acc-dave' });
    expect((await call('POST', '/v1/collections', body)).json.code).toBe('ACCOUNT_CLOSED');
    await call('POST', '/control/reset');
    expect((await call('POST', '/v1/collections', body)).status).toBe(422);
    expect((await call('POST', '/v1/collections', movement({ accountRef: 'acc-dave' }))).status).toBe(201);
  });

  it('refuses amounts above the limit, accepts the limit itself', async () => {
    expect((await call('POST', '/v1/payouts', movement({ amountMinor: '1000000' }))).status).toBe(201);
    const over = await call('POST', '/v1/payouts', movement({ amountMinor: '1000001' }));
    expect(over.status).toBe(422);
    expect(over.json).toMatchObject({ type: 'urn:kizo:bank:problem:limit-exceeded', code: 'LIMIT_EXCEEDED' });
    await call('PUT', '/control/faults', { limitMinor: '10' });
    expect((await call('POST', '/v1/payouts', movement({ amountMinor: '11' }))).json.code).toBe(
      'LIMIT_EXCEEDED',
    );
  });
});

describe('bad input', () => {
  const cases: Array<[string, unknown]> = [
    ['zero amount', movement({ amountMinor: '0' })],
    ['negative amount', movement({ amountMinor: '-5' })],
    ['fractional amount', movement({ amountMinor: '12.5' })],
    ['amount as a number', movement({ amountMinor: 12345 })],
    ['amount above the maximum', movement({ amountMinor: '1000000000000001' })],
    ['unknown currency', movement({ currency: 'XYZ' })],
    ['id that is not a uuid', movement({ id: 'transfer-1' })],
    ['empty account', movement({ accountRef: '' })],
    ['unknown field', { ...movement(), extra: true }],
    ['not JSON', '{"id":'],
    ['JSON array', '[]'],
  ];
  it.each(cases)('answers 400 problem+json for %s', async (_name, body) => {
    const reply = await call('POST', '/v1/payouts', body);
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toBe('application/problem+json');
    expect(reply.json).toMatchObject({
      type: 'urn:kizo:bank:problem:invalid-request',
      title: expect.any(String),
      status: 400,
      detail: expect.any(String),
    });
  });

  it('answers 404 problems for unknown ids and routes, 400 for bad paging', async () => {
    expect((await call('GET', `/v1/collections/${randomUUID()}`)).json.code).toBe('NOT_FOUND');
    expect((await call('GET', '/v1/collections/not-a-uuid')).status).toBe(404);
    expect((await call('GET', '/v1/nowhere')).json.code).toBe('NO_ROUTE');
    expect((await call('GET', '/v1/records?limit=1001')).status).toBe(400);
    expect((await call('GET', '/v1/records?limit=0')).status).toBe(400);
    expect((await call('GET', '/v1/records?cursor=bogus')).status).toBe(400);
    expect((await call('GET', '/v1/records?kind=refund')).status).toBe(400);
  });
});

describe('records', () => {
  it('pages through every accepted record exactly once', async () => {
    const accountRef = `acc-page-${randomUUID().slice(0, 8)}`;
    const ids = new Set<string>();
    for (let index = 0; index < 7; index += 1) {
      const body = movement({ accountRef, amountMinor: String(100 + index) });
      await call('POST', index % 2 === 0 ? '/v1/payouts' : '/v1/collections', body);
      ids.add(body.id);
    }
    await call('POST', '/v1/payouts', movement({ accountRef: `closed-${accountRef}` }));

    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pageIndex = 0; pageIndex < 10_000; pageIndex += 1) {
      const query: string = cursor === null ? '' : `&cursor=${cursor}`;
      const page = await call('GET', `/v1/records?limit=3${query}`);
      const records = page.json.records as Array<{ id: string; accountRef: string; status: string }>;
      expect(records.length).toBeLessThanOrEqual(3);
      expect(records.every((record) => record.status === 'ACCEPTED')).toBe(true);
      seen.push(...records.filter((record) => record.accountRef === accountRef).map((record) => record.id));
      cursor = page.json.nextCursor as string | null;
      if (cursor === null) break;
    }
    expect(seen.sort()).toEqual([...ids].sort());

    const payouts = await call('GET', '/v1/records?kind=payout&limit=1000');
    const payoutRecords = payouts.json.records as Array<{ kind: string; accountRef: string }>;
    expect(payoutRecords.every((record) => record.kind === 'payout')).toBe(true);
    expect(payoutRecords.filter((record) => record.accountRef === accountRef)).toHaveLength(4);
    const refused = await call('GET', '/v1/records?status=REFUSED&limit=1000');
    expect(
      (refused.json.records as Array<{ accountRef: string }>).some(
        (record) => record.accountRef === `closed-${accountRef}`,
      ),
    ).toBe(true);
  });

  it('answers the health check', async () => {
    expect(await call('GET', '/healthz')).toMatchObject({
      status: 200,
      json: { status: 'ok', outage: false },
    });
  });
});

describe('verification credits (micro-deposits)', () => {
  it('books them once per id, shows them with payouts as the account incoming credits, and never in the records', async () => {
    const accountRef = `acc-proof-${randomUUID().slice(0, 8)}`;
    const body = { id: randomUUID(), accountRef, currency: 'EUR', amountsMinor: ['12', '7'] };
    const first = await call('POST', '/v1/verification-credits', body);
    expect([first.status, first.json.amountsMinor]).toEqual([201, ['12', '7']]);
    const again = await call('POST', '/v1/verification-credits', body);
    expect([again.status, again.headers.get('idempotent-replayed')]).toEqual([200, 'true']);
    const other = await call('POST', '/v1/verification-credits', { ...body, amountsMinor: ['12', '8'] });
    expect([other.status, other.json.code]).toEqual([409, 'IDEMPOTENCY_CONFLICT']);
    const payout = movement({ accountRef, amountMinor: '500' });
    expect((await call('POST', '/v1/payouts', payout)).status).toBe(201);

    const credits = await call('GET', `/control/accounts/${accountRef}/credits`);
    expect(
      (credits.json.credits as Array<{ kind: string; id: string; amountMinor: string }>).map((credit) => [
        credit.kind,
        credit.id,
        credit.amountMinor,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['VERIFICATION', body.id, '12'],
        ['VERIFICATION', body.id, '7'],
        ['PAYOUT', payout.id, '500'],
      ]),
    );
    expect((credits.json.credits as unknown[]).length).toBe(3);
    const records = await call('GET', '/v1/records?status=ALL&limit=1000');
    expect(JSON.stringify(records.json)).not.toContain(body.id);
  });

  it('refuses closed accounts, zero, over 99 and more than four amounts, and keeps the holder view off without controls', async () => {
    const closed = await call('POST', '/v1/verification-credits', {
      id: randomUUID(),
      accountRef: 'closed-proof',
      currency: 'EUR',
      amountsMinor: ['1', '2'],
    });
    expect([closed.status, closed.json.code]).toEqual([422, 'ACCOUNT_CLOSED']);
    for (const amountsMinor of [['0', '5'], ['100', '5'], ['1', '2', '3', '4', '5'], []]) {
      const answer = await call('POST', '/v1/verification-credits', {
        id: randomUUID(),
        accountRef: 'acc-proof',
        currency: 'EUR',
        amountsMinor,
      });
      expect([answer.status, answer.json.code]).toEqual([400, 'INVALID_REQUEST']);
    }
    const production = await startBank({ port: 0, databaseUrl: inject('bankDatabaseUrl'), controls: false });
    try {
      const response = await fetch(`${production.url}/control/accounts/acc-proof/credits`);
      expect(response.status).toBe(404);
    } finally {
      await production.stop();
    }
  });
});

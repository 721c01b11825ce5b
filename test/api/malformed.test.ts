/**
 * Goal: every malformed or refused money request is answered with the right problem+json
 * (stable type, field errors, no internals) and changes no balance: bad JSON, wrong media
 * type, missing fields, zero/negative/fractional/exponent/huge amounts, unknown currency,
 * unknown recipient, self-transfer, one over the balance, bad keys, oversized bodies.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  availableMinor,
  connectServices,
  expectLedgerAuditClean,
  fundWallet,
  type TestServices,
} from '../support/fixtures';
import {
  bearer,
  createTestApp,
  postMoney,
  problemOf,
  problemType,
  signUpVerified,
  type SignedUp,
  type TestApp,
} from './support';

describe('malformed and refused money requests', () => {
  let services: TestServices;
  let app: TestApp;
  let alice: SignedUp;
  let bob: SignedUp;

  beforeAll(async () => {
    services = await connectServices();
    app = createTestApp(services);
    alice = await signUpVerified(app, 'alice');
    bob = await signUpVerified(app, 'bob');
    await fundWallet(services.db, alice.id, 1_000n);
  });
  afterEach(() => expectLedgerAuditClean(services.db));
  afterAll(() => services.close());

  const p2p = (overrides: Record<string, unknown>) => ({
    recipient: bob.handle,
    amountMinor: '100',
    currency: 'EUR',
    ...overrides,
  });

  const cases: {
    name: string;
    path: string;
    body: () => unknown;
    status: number;
    type: string;
    errorPath?: string;
  }[] = [
    {
      name: 'empty object',
      path: '/v1/transfers',
      body: () => ({}),
      status: 400,
      type: 'validation-failed',
      errorPath: 'recipient',
    },
    { name: 'array body', path: '/v1/transfers', body: () => [], status: 400, type: 'validation-failed' },
    {
      name: 'zero',
      path: '/v1/transfers',
      body: () => p2p({ amountMinor: '0' }),
      status: 400,
      type: 'validation-failed',
      errorPath: 'amountMinor',
    },
    {
      name: 'negative',
      path: '/v1/transfers',
      body: () => p2p({ amountMinor: '-5' }),
      status: 400,
      type: 'validation-failed',
      errorPath: 'amountMinor',
    },
    {
      name: 'negative number',
      path: '/v1/transfers',
      body: () => p2p({ amountMinor: -5 }),
      status: 400,
      type: 'validation-failed',
      errorPath: 'amountMinor',
    },
    {
      name: 'fraction string',
      path: '/v1/transfers',
      body: () => p2p({ amountMinor: '12.5' }),
      status: 400,
      type: 'validation-failed',
      errorPath: 'amountMinor',
    },
    {
      name: 'fraction number',
      path: '/v1/transfers',
      body: () => p2p({ amountMinor: 12.5 }),
      status: 400,
      type: 'validation-failed',
      errorPath: 'amountMinor',
    },
    {
      name: 'exponent',
      path: '/v1/transfers',
      body: () => p2p({ amountMinor: '1e3' }),
      status: 400,
      type: 'validation-failed',
      errorPath: 'amountMinor',
    },
    {
      name: 'above maximum',
      path: '/v1/transfers',
      body: () => p2p({ amountMinor: '1000000000000001' }),
      status: 400,
      type: 'validation-failed',
      errorPath: 'amountMinor',
    },
    {
      name: 'beyond bigint',
      path: '/v1/transfers',
      body: () => p2p({ amountMinor: '99999999999999999999' }),
      status: 400,
      type: 'validation-failed',
      errorPath: 'amountMinor',
    },
    {
      name: 'unsafe number',
      path: '/v1/transfers',
      body: () => p2p({ amountMinor: 2 ** 60 }),
      status: 400,
      type: 'validation-failed',
      errorPath: 'amountMinor',
    },
    {
      name: 'empty amount',
      path: '/v1/transfers',
      body: () => p2p({ amountMinor: '' }),
      status: 400,
      type: 'validation-failed',
      errorPath: 'amountMinor',
    },
    {
      name: 'amount as object',
      path: '/v1/transfers',
      body: () => p2p({ amountMinor: { value: 1 } }),
      status: 400,
      type: 'validation-failed',
      errorPath: 'amountMinor',
    },
    {
      name: 'unknown currency',
      path: '/v1/transfers',
      body: () => p2p({ currency: 'XXX' }),
      status: 400,
      type: 'validation-failed',
      errorPath: 'currency',
    },
    {
      name: 'lower-case currency',
      path: '/v1/transfers',
      body: () => p2p({ currency: 'eur' }),
      status: 400,
      type: 'validation-failed',
      errorPath: 'currency',
    },
    {
      name: 'note too long',
      path: '/v1/transfers',
      body: () => p2p({ note: 'x'.repeat(141) }),
      status: 400,
      type: 'validation-failed',
      errorPath: 'note',
    },
    {
      name: 'unknown recipient',
      path: '/v1/transfers',
      body: () => p2p({ recipient: `nobody_${randomUUID().slice(0, 8)}` }),
      status: 422,
      type: 'recipient-not-found',
    },
    {
      name: 'self by handle',
      path: '/v1/transfers',
      body: () => p2p({ recipient: alice.handle }),
      status: 422,
      type: 'self-transfer',
    },
    {
      name: 'self by email',
      path: '/v1/transfers',
      body: () => p2p({ recipient: alice.email.toUpperCase() }),
      status: 422,
      type: 'self-transfer',
    },
    {
      name: 'one over the balance',
      path: '/v1/transfers',
      body: () => p2p({ amountMinor: '1001' }),
      status: 422,
      type: 'insufficient-funds',
    },
    {
      name: 'deposit of zero',
      path: '/v1/deposits',
      body: () => ({ amountMinor: '0', currency: 'EUR' }),
      status: 400,
      type: 'validation-failed',
      errorPath: 'amountMinor',
    },
    {
      name: 'withdrawal to an account of bad characters',
      path: '/v1/withdrawals',
      body: () => ({ amountMinor: '10', currency: 'EUR', bankAccountRef: 'acc/../x' }),
      status: 400,
      type: 'validation-failed',
      errorPath: 'bankAccountRef',
    },
    {
      name: 'withdrawal to an account never linked',
      path: '/v1/withdrawals',
      body: () => ({ amountMinor: '10', currency: 'EUR', bankAccountRef: 'DE89 3704 0044 0532 0130 00' }),
      status: 422,
      type: 'bank-account-not-linked',
    },
    {
      name: "withdrawal to another user's account",
      path: '/v1/withdrawals',
      body: () => ({ amountMinor: '10', currency: 'EUR', bankAccountRef: `kizo-linked-${bob.id}` }),
      status: 422,
      type: 'bank-account-not-linked',
    },
    {
      name: "deposit from another user's account",
      path: '/v1/deposits',
      body: () => ({ amountMinor: '2500', currency: 'EUR', bankAccountRef: `kizo-linked-${bob.id}` }),
      status: 422,
      type: 'bank-account-not-linked',
    },
    {
      name: 'deposit over the per-movement limit',
      path: '/v1/deposits',
      body: () => ({ amountMinor: '5000001', currency: 'EUR' }),
      status: 422,
      type: 'limit-exceeded',
    },
    {
      name: 'withdrawal over the balance',
      path: '/v1/withdrawals',
      body: () => ({ amountMinor: '1001', currency: 'EUR' }),
      status: 422,
      type: 'insufficient-funds',
    },
  ];

  for (const testCase of cases) {
    it(`${testCase.name}: ${testCase.status} ${testCase.type}, no balance changed`, async () => {
      const response = await postMoney(app, alice, testCase.path, testCase.body());
      expect(response.status).toBe(testCase.status);
      const problem = await problemOf(response);
      expect(problem.type).toBe(problemType(testCase.type));
      if (testCase.errorPath)
        expect(problem.errors?.map((error) => error.path)).toContain(testCase.errorPath);
      expect(await availableMinor(services.db, alice.id)).toBe(1_000n);
      expect(await availableMinor(services.db, bob.id)).toBe(0n);
    });
  }

  it('answers transport-level mistakes with problems and no balance changed', async () => {
    const send = (init: { body: string; headers?: Record<string, string> }) =>
      app.request('/v1/transfers', {
        method: 'POST',
        body: init.body,
        headers: {
          ...bearer(alice),
          'Idempotency-Key': randomUUID(),
          'Content-Type': 'application/json',
          ...init.headers,
        },
      });
    const expectations: [Response, number, string][] = [
      [await send({ body: '{"amountMinor": ' }), 400, 'malformed-json'],
      [
        await send({ body: 'amountMinor=100', headers: { 'Content-Type': 'text/plain' } }),
        415,
        'unsupported-media-type',
      ],
      [await send({ body: JSON.stringify(p2p({ note: 'x'.repeat(20 * 1024) })) }), 413, 'payload-too-large'],
      [
        await send({ body: JSON.stringify(p2p({})), headers: { 'Idempotency-Key': 'short' } }),
        400,
        'idempotency-key-invalid',
      ],
      [
        await send({ body: JSON.stringify(p2p({})), headers: { 'Idempotency-Key': 'has spaces in it' } }),
        400,
        'idempotency-key-invalid',
      ],
      [await postMoney(app, { accessToken: 'forged' }, '/v1/transfers', p2p({})), 401, 'unauthenticated'],
    ];
    const missingKey = await app.request('/v1/transfers', {
      method: 'POST',
      body: JSON.stringify(p2p({})),
      headers: { ...bearer(alice), 'Content-Type': 'application/json' },
    });
    expectations.push([missingKey, 400, 'idempotency-key-missing']);
    for (const [response, status, type] of expectations) {
      expect(response.status, type).toBe(status);
      expect((await problemOf(response)).type).toBe(problemType(type));
    }
    expect(await availableMinor(services.db, alice.id)).toBe(1_000n);
    expect(
      await services.db.transfer.count({
        where: { userId: alice.id, kind: 'P2P', status: { not: 'FAILED' } },
      }),
    ).toBe(0);
  });
});

/**
 * Goal: thousands of bad requests to the money-moving endpoints move no money and break
 * nothing. A seeded generator builds malformed bodies (wrong types, boundary and absurd
 * amounts, unknown currencies and recipients, self-transfers, injection strings, broken JSON,
 * bad or missing Idempotency-Keys, other users' transfers); every answer must be a 4xx
 * problem+json that leaks no internals (never a 5xx, never a 2xx), every balance stays as it
 * was, and the ledger audit and bank reconciliation are clean afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../bank/faults';
import {
  createUser,
  expectLedgerAuditClean,
  expectReconciliationClean,
  connectServices,
  fundWallet,
  availableMinor,
  type TestServices,
} from '../support/fixtures';
import {
  createTestApp,
  postJson,
  problemOf,
  signUp,
  bearer,
  type SignedUp,
  type TestApp,
} from '../api/support';

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 3_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_125);
const CONCURRENCY = 16;
const FUNDING_MINOR = 5_000n;

const PATHS = ['/v1/transfers', '/v1/deposits', '/v1/withdrawals'] as const;

/** Amounts that must all be refused: none is a positive whole number of minor units in range. */
const BAD_AMOUNTS: unknown[] = [
  0,
  -1,
  '0',
  '-1',
  '-0',
  '00',
  '1.5',
  1.5,
  '1,5',
  '1e3',
  1e21,
  '1e21',
  ' 1',
  '1 ',
  '+1',
  '0x10',
  'NaN',
  'Infinity',
  NaN,
  Number.MAX_SAFE_INTEGER + 2,
  '1000000000000001',
  '99999999999999999999',
  '9'.repeat(400),
  '',
  null,
  true,
  false,
  [],
  {},
  [1],
  { amountMinor: '1' },
  '١٢٣',
  '１２',
  '12\u0000',
  '1;DROP TABLE accounts',
  2 ** 63,
  '-9223372036854775808',
];
const BAD_CURRENCIES: unknown[] = [
  'eur',
  'EURO',
  'XXX',
  'BTC',
  '',
  ' EUR',
  'EUR ',
  null,
  7,
  ['EUR'],
  "EUR'; --",
  'ÉUR',
];
const BAD_STRINGS: unknown[] = [
  '',
  ' ',
  'nobody-here',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  'a'.repeat(10_000),
  null,
  42,
  {},
  '\u202e',
];
/** Not an account reference: too short, too long, spaces, quotes, control or non-string values. */
const BAD_ACCOUNT_REFS: unknown[] = [
  '',
  'ab',
  'a'.repeat(65),
  'has space',
  "' OR 1=1 --",
  '<b>x</b>',
  '\u202eabc',
  null,
  42,
  {},
  ['acc-1'],
];
const BAD_KEYS = [
  '',
  'short',
  'has space inside it',
  'ä'.repeat(20),
  'k'.repeat(300),
  '../../etc/passwd',
  '%00%00%00%00',
];

type Random = () => number;
const pick = <T>(random: Random, values: readonly T[]): T => values[Math.floor(random() * values.length)]!;

interface FuzzCase {
  path: string;
  body: string;
  headers: Record<string, string>;
}

/** One bad request. Every case breaks at least one rule, so none may move money. */
function makeCase(random: Random, sender: SignedUp, recipient: SignedUp, validKey: () => string): FuzzCase {
  const path = pick(random, PATHS);
  const good: Record<string, unknown> = {
    amountMinor: '100',
    currency: 'EUR',
    recipient: recipient.handle,
    // Deposits and withdrawals default to the sender's own demo account.
  };
  const headers: Record<string, string> = {
    ...bearer(sender),
    'Content-Type': 'application/json',
    'Idempotency-Key': validKey(),
  };
  const body: Record<string, unknown> = { ...good };
  switch (Math.floor(random() * 9)) {
    case 0:
      body.amountMinor = pick(random, BAD_AMOUNTS);
      break;
    case 1:
      body.currency = pick(random, BAD_CURRENCIES);
      break;
    case 2:
      delete body[pick(random, ['amountMinor', 'currency'])];
      break;
    case 3:
      // More than the sender has: refused before any money moves (422), for movements that spend.
      if (path === '/v1/deposits') body.amountMinor = pick(random, BAD_AMOUNTS);
      else body.amountMinor = (FUNDING_MINOR + 1n + BigInt(Math.floor(random() * 1e9))).toString();
      break;
    case 4:
      if (path === '/v1/transfers')
        body.recipient = random() < 0.3 ? sender.handle : pick(random, BAD_STRINGS);
      else if (path === '/v1/withdrawals') body.bankAccountRef = pick(random, BAD_ACCOUNT_REFS);
      else body.currency = pick(random, BAD_CURRENCIES);
      break;
    case 5:
      if (random() < 0.5) delete headers['Idempotency-Key'];
      else headers['Idempotency-Key'] = pick(random, BAD_KEYS);
      break;
    case 6:
      return {
        path,
        headers,
        body: pick(random, [
          '{',
          '',
          'null',
          '[]',
          '"text"',
          '{"amountMinor":}',
          '\u0000',
          '{"a":1}'.repeat(3000),
        ]),
      };
    case 7:
      if (random() < 0.5) delete headers.Authorization;
      else
        headers.Authorization = pick(random, [
          'Bearer ',
          'Bearer x.y.z',
          `Bearer ${sender.accessToken}x`,
          'Basic YTpi',
          sender.accessToken,
        ]);
      break;
    default:
      body.amountMinor = pick(random, BAD_AMOUNTS);
      body.currency = pick(random, BAD_CURRENCIES);
      body.extra = pick(random, BAD_STRINGS);
  }
  return { path, headers, body: JSON.stringify(body) };
}

describe('a bad-input fuzz of the money-moving endpoints', () => {
  let services: TestServices;
  let app: TestApp;

  beforeAll(async () => {
    services = await connectServices();
    app = createTestApp(services);
  });
  afterAll(() => services.close());

  it(`answers ${REQUESTS} bad requests with 4xx problem+json and moves no money`, async () => {
    const sender = await signUp(app, 'fuzzsender');
    const recipient = await signUp(app, 'fuzzrecipient');
    const bystander = await createUser(services.db, 'bystander');
    await fundWallet(services.db, sender.id, FUNDING_MINOR);
    const before = [
      await availableMinor(services.db, sender.id),
      await availableMinor(services.db, recipient.id),
      await availableMinor(services.db, bystander.id),
    ];

    const random = seededRandom(SEED);
    let keyCounter = 0;
    const validKey = () => `fuzz-${SEED}-${(keyCounter += 1)}`;
    const cases = Array.from({ length: REQUESTS }, () => makeCase(random, sender, recipient, validKey));
    const statuses = new Map<number, number>();
    const unexpected: string[] = [];

    for (let start = 0; start < cases.length; start += CONCURRENCY) {
      await Promise.all(
        cases.slice(start, start + CONCURRENCY).map(async (fuzzCase) => {
          const response = await postJson(app, fuzzCase.path, fuzzCase.body, fuzzCase.headers);
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (response.status < 400 || response.status >= 500) {
            unexpected.push(
              `${response.status} ${fuzzCase.path} ${fuzzCase.body.slice(0, 120)} ${JSON.stringify(fuzzCase.headers['Idempotency-Key'] ?? null)}`,
            );
            return;
          }
          // Asserts the media type and that no stack trace, SQL or Prisma text leaked.
          await problemOf(response).catch((error: unknown) =>
            unexpected.push((error as Error).message.slice(0, 200)),
          );
        }),
      );
    }

    expect(unexpected.slice(0, 10)).toEqual([]);
    // The generator reached every family of refusal, not just one.
    for (const status of [400, 401, 422])
      expect(statuses.get(status) ?? 0, `status ${status}`).toBeGreaterThan(0);
    const after = [
      await availableMinor(services.db, sender.id),
      await availableMinor(services.db, recipient.id),
      await availableMinor(services.db, bystander.id),
    ];
    expect(after).toEqual(before);
    const held = await services.db.hold.count({ where: { status: 'OPEN', account: { userId: sender.id } } });
    expect(held).toBe(0);
    await expectLedgerAuditClean(services.db);
    await expectReconciliationClean(services.db);
    console.log(
      `fuzz: ${REQUESTS} requests, seed ${SEED}, statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
  }, 300_000);
});

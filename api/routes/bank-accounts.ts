/**
 * The caller's bank accounts: list them, link one, and prove it. Linking asks the bank whether
 * the name holds the IBAN (an account-holder check, throttled per user and per IBAN), then has
 * the bank send two small random micro-deposits from Kizo's own account to it: the link is
 * PENDING_VERIFICATION until its user types the amounts back (three tries, then VOID). Only a
 * VERIFIED link collects deposits and receives withdrawals. An IBAN someone else linked may be
 * linked too: whoever proves it owns it, and every other link of it is voided, so a squatter who
 * linked an IBAN first cannot keep its owner out.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import type pg from 'pg';
import { BankRefusedError, BankUnavailableError, type BankClient } from '../../bank-client/client';
import type { Config } from '../../common/config';
import { formatIban, parseIban } from '../../common/iban';
import type { Database } from '../../prisma/client';
import {
  CONFIRM_TRIES_MAX,
  MICRO_DEPOSIT_COUNT,
  MICRO_DEPOSIT_MINOR_MAX,
  canonicalBankAccountRef,
  confirmMicroDeposits,
  drawMicroDeposits,
  microDepositHash,
} from '../../transfers/bank-accounts';
import { createHolderCheckLimits, type HolderCheckLimits } from '../bank-account-throttle';
import { consume } from '../auth/rate-limits';
import { ProblemError } from '../problem';
import { createRouter } from '../router';
import { authProblems, problemDoc, retryAfterHeader } from '../schemas';

/** Live (not voided) accounts one user may keep; a bound on the list and on what an attacker can probe. */
export const BANK_ACCOUNTS_PER_USER_MAX = 20;
/** Links one user may ever have made, voided ones included: each costs Kizo micro-deposits. */
export const BANK_ACCOUNT_LINKS_PER_USER_MAX = 50;
/** The currency micro-deposits are sent in. */
const MICRO_DEPOSIT_CURRENCY = 'EUR';

const BankAccountStatus = z.enum(['PENDING_VERIFICATION', 'VERIFIED', 'VOID']).openapi({
  description:
    'PENDING_VERIFICATION: micro-deposits were sent, confirm them (`POST /v1/bank-accounts/{accountRef}/confirm`). VERIFIED: deposits collect from it and withdrawals pay to it. VOID: never usable again (tries used up, or its proven owner claimed the account); link it anew to try again.',
});

const BankAccount = z
  .object({
    id: z.string().uuid(),
    accountRef: z.string().openapi({ description: 'What deposits and withdrawals name as `bankAccountRef`' }),
    display: z.string().openapi({
      description: 'For people: an IBAN in groups of four',
      example: 'DE89 3704 0044 0532 0130 00',
    }),
    holderName: z.string(),
    label: z.string().nullable(),
    status: BankAccountStatus,
    verified: z.boolean().openapi({ description: 'Whether `status` is VERIFIED' }),
    confirmTriesLeft: z.number().int().min(0).max(CONFIRM_TRIES_MAX).openapi({
      description: 'Tries left to confirm the micro-deposits: 0 unless PENDING_VERIFICATION',
    }),
    voidReason: z.enum(['CONFIRM_TRIES_EXHAUSTED', 'CLAIMED_BY_PROVEN_OWNER']).nullable(),
    createdAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('BankAccount');

interface BankAccountRow {
  id: string;
  ref: string;
  holderName: string;
  label: string | null;
  status: 'PENDING_VERIFICATION' | 'VERIFIED' | 'VOID';
  voidReason: string | null;
  createdAt: Date;
  proof: { triesLeft: number } | null;
}

/** The fields of a row the API shows; the proof's hash is never selected. */
const VIEW_SELECT = {
  id: true,
  ref: true,
  holderName: true,
  label: true,
  status: true,
  voidReason: true,
  createdAt: true,
  proof: { select: { triesLeft: true } },
} as const;

/** A row as the API shows it: an IBAN in groups of four for people, the reference for requests. */
function toBankAccountView(row: BankAccountRow): z.infer<typeof BankAccount> {
  return {
    id: row.id,
    accountRef: row.ref,
    display: parseIban(row.ref) ? formatIban(row.ref) : row.ref,
    holderName: row.holderName,
    label: row.label,
    status: row.status,
    verified: row.status === 'VERIFIED',
    confirmTriesLeft: row.status === 'PENDING_VERIFICATION' ? (row.proof?.triesLeft ?? 0) : 0,
    voidReason: row.voidReason as z.infer<typeof BankAccount>['voidReason'],
    createdAt: row.createdAt.toISOString(),
  };
}

const LinkBankAccount = z
  .object({
    iban: z
      .string()
      .trim()
      .min(5)
      .max(64)
      .refine((text) => parseIban(text) !== null, 'Enter a valid IBAN, such as DE89 3704 0044 0532 0130 00')
      .openapi({ example: 'DE89 3704 0044 0532 0130 00' }),
    holderName: z
      .string()
      .trim()
      .min(1)
      .max(140)
      .openapi({ description: 'The name the bank holds the account under', example: 'Ada Lovelace' }),
    label: z.string().trim().min(1).max(60).optional(),
  })
  .openapi('LinkBankAccount');

const ConfirmBankAccount = z
  .object({
    amountsMinor: z
      .array(
        z
          .string()
          .trim()
          .regex(/^[0-9]{1,2}$/, `Each amount is a number of cents, 1 to ${MICRO_DEPOSIT_MINOR_MAX}`)
          .openapi({ example: '12' }),
      )
      .length(MICRO_DEPOSIT_COUNT, `Enter the ${MICRO_DEPOSIT_COUNT} amounts, in any order`)
      .openapi({
        description: `The ${MICRO_DEPOSIT_COUNT} micro-deposits the account received from Kizo, in minor units (cents), in any order`,
        example: ['12', '34'],
      }),
  })
  .openapi('ConfirmBankAccount');

const AccountRefParam = z.object({
  accountRef: z
    .string()
    .min(3)
    .max(64)
    .openapi({
      param: { name: 'accountRef', in: 'path' },
      description: "The link's `accountRef` (an IBAN; spaces may be left out)",
      example: 'DE89370400440532013000',
    }),
});

const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['bank accounts'],
  summary: "The caller's bank accounts, voided links included",
  security: [{ bearerAuth: [] }],
  responses: {
    200: {
      description: 'Accounts, oldest first',
      content: { 'application/json': { schema: z.object({ items: z.array(BankAccount) }) } },
    },
    ...authProblems,
  },
});

const link = createRoute({
  method: 'post',
  path: '/',
  tags: ['bank accounts'],
  summary: 'Start linking a bank account: the bank checks the holder and sends two micro-deposits',
  description: `The link is PENDING_VERIFICATION: the account receives ${MICRO_DEPOSIT_COUNT} small amounts from Kizo (1 to ${MICRO_DEPOSIT_MINOR_MAX} cents each); confirm them with \`POST /v1/bank-accounts/{accountRef}/confirm\` (${CONFIRM_TRIES_MAX} tries). An account another user linked can be linked too: whoever confirms it owns it, and every other link of it is voided.`,
  security: [{ bearerAuth: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: LinkBankAccount } } } },
  responses: {
    201: {
      description: 'Linked, PENDING_VERIFICATION: the micro-deposits are on their way',
      content: { 'application/json': { schema: BankAccount } },
    },
    400: problemDoc('Invalid body, e.g. not an IBAN (`validation-failed`)'),
    ...authProblems,
    409: problemDoc(
      'Already one of your accounts, pending or verified (`bank-account-already-linked`), or you have too many (`bank-accounts-limit`)',
    ),
    422: problemDoc(
      'The bank says the name does not hold the account (`bank-account-holder-mismatch`), or it is closed (`bank-account-closed`)',
    ),
    429: {
      ...problemDoc('Too many holder-name checks by you, or of this account (`rate-limited`)'),
      headers: retryAfterHeader,
    },
    503: {
      ...problemDoc('The bank did not answer (`bank-unavailable`); nothing was linked, try again'),
      headers: retryAfterHeader,
    },
  },
});

const show = createRoute({
  method: 'get',
  path: '/{accountRef}',
  tags: ['bank accounts'],
  summary: "One of the caller's links: its status and the confirmation tries left",
  security: [{ bearerAuth: [] }],
  request: { params: AccountRefParam },
  responses: {
    200: {
      description: 'The newest link of this account',
      content: { 'application/json': { schema: BankAccount } },
    },
    ...authProblems,
    404: problemDoc('You never linked this account (`not-found`)'),
  },
});

const confirm = createRoute({
  method: 'post',
  path: '/{accountRef}/confirm',
  tags: ['bank accounts'],
  summary: 'Confirm the micro-deposits: the link becomes VERIFIED, and any other link of the account VOID',
  security: [{ bearerAuth: [] }],
  request: {
    params: AccountRefParam,
    body: { required: true, content: { 'application/json': { schema: ConfirmBankAccount } } },
  },
  responses: {
    200: {
      description: 'VERIFIED: deposits collect from it and withdrawals pay to it',
      content: { 'application/json': { schema: BankAccount } },
    },
    400: problemDoc('Invalid body, e.g. not two amounts (`validation-failed`)'),
    ...authProblems,
    404: problemDoc('You never linked this account (`not-found`)'),
    409: problemDoc(
      'The link is not waiting for a confirmation: verified already (`bank-account-already-verified`), or void (`bank-account-void`, with `voidReason`)',
    ),
    422: problemDoc(
      'Not the amounts the account received (`bank-account-confirmation-failed`, with `confirmTriesLeft`; at 0 the link is void)',
    ),
  },
});

const alreadyLinked = () =>
  new ProblemError(409, 'bank-account-already-linked', 'Already one of your accounts');
const notFound = () => new ProblemError(404, 'not-found', 'You never linked this account');

function bankUnavailable(): ProblemError {
  return new ProblemError(
    503,
    'bank-unavailable',
    'The bank did not answer',
    'try again in a moment',
    {},
    { 'Retry-After': '5' },
  );
}

/** The bank's transport failures as a 503; anything else passes through. */
function unlessBankDown(error: unknown): never {
  if (error instanceof BankUnavailableError) throw bankUnavailable();
  throw error;
}

export interface BankAccountRouteDependencies {
  db: Database;
  bank: BankClient;
  config: Pick<
    Config,
    | 'BANK_HOLDER_CHECKS_PER_USER_PER_HOUR_MAX'
    | 'BANK_HOLDER_CHECKS_PER_ACCOUNT_PER_HOUR_MAX'
    | 'RATE_LIMIT_NAMESPACE'
  >;
  /** The access tokens' key; the key of the micro-deposit hashes is derived from it. */
  jwtSecret: string | Uint8Array;
  /** Where the throttles' counters live (shared by replicas); in memory when omitted. */
  rateLimitStore?: pg.Pool;
}

export function bankAccountRoutes({
  db,
  bank,
  config,
  jwtSecret,
  rateLimitStore,
}: BankAccountRouteDependencies) {
  const app = createRouter();
  const throttles: HolderCheckLimits = createHolderCheckLimits(config, rateLimitStore);
  // A key of its own, so a hash of amounts is worthless to whoever reads the table alone.
  const proofKey = createHmac('sha256', jwtSecret).update('kizo bank-account micro-deposits').digest();

  /** The caller's newest link of `text` (a ref or an IBAN in any spacing). */
  async function newestLink(userId: string, text: string) {
    const row = await db.bankAccount.findFirst({
      where: { userId, ref: canonicalBankAccountRef(text) },
      orderBy: { createdAt: 'desc' },
      select: VIEW_SELECT,
    });
    if (!row) throw notFound();
    return row;
  }

  app.openapi(list, async (c) => {
    const rows = await db.bankAccount.findMany({
      where: { userId: c.get('user').id },
      orderBy: { createdAt: 'asc' },
      take: BANK_ACCOUNT_LINKS_PER_USER_MAX + 1,
      select: VIEW_SELECT,
    });
    return c.json({ items: rows.map(toBankAccountView) }, 200);
  });

  app.openapi(link, async (c) => {
    const userId = c.get('user').id;
    const body = c.req.valid('json');
    const ref = parseIban(body.iban)!;
    const mine = await db.bankAccount.findMany({ where: { userId }, select: { ref: true, status: true } });
    const live = mine.filter((account) => account.status !== 'VOID');
    if (live.some((account) => account.ref === ref)) throw alreadyLinked();
    if (live.length >= BANK_ACCOUNTS_PER_USER_MAX || mine.length >= BANK_ACCOUNT_LINKS_PER_USER_MAX)
      throw new ProblemError(
        409,
        'bank-accounts-limit',
        'Too many bank accounts',
        `at most ${BANK_ACCOUNTS_PER_USER_MAX} at once, and ${BANK_ACCOUNT_LINKS_PER_USER_MAX} links ever`,
      );
    await consume(throttles.perUser, userId, 'bank-account checks');
    await consume(throttles.perAccount, ref, 'checks of this bank account');

    const check = await bank.checkAccountHolder(ref, body.holderName).catch(unlessBankDown);
    if (check === 'NO_MATCH')
      throw new ProblemError(
        422,
        'bank-account-holder-mismatch',
        'The bank says this name does not hold the account',
      );
    if (check === 'CLOSED')
      throw new ProblemError(422, 'bank-account-closed', 'The bank says the account is closed');

    // The row first: a twin request is refused by the unique index before any money is sent.
    const id = randomUUID();
    const amountsMinor = drawMicroDeposits();
    const row = await db.bankAccount
      .create({
        data: {
          id,
          userId,
          ref,
          holderName: body.holderName,
          label: body.label ?? null,
          status: 'PENDING_VERIFICATION',
          proof: {
            create: {
              amountsHash: microDepositHash(proofKey, id, amountsMinor),
              triesLeft: CONFIRM_TRIES_MAX,
            },
          },
        },
        select: VIEW_SELECT,
      })
      .catch((error: unknown) => {
        // The unique index on live links said no: the caller's own twin request got there first.
        if ((error as { code?: string }).code === 'P2002') throw alreadyLinked();
        throw error;
      });
    try {
      await bank.sendVerificationCredits({
        id,
        accountRef: ref,
        currency: MICRO_DEPOSIT_CURRENCY,
        amountsMinor,
      });
    } catch (error) {
      // Without its micro-deposits the link could never be proven: it goes, and the caller retries.
      // (Credits whose answer was lost did reach the account; a new link sends new ones.)
      await db.bankAccount.delete({ where: { id } });
      if (error instanceof BankRefusedError)
        throw new ProblemError(422, 'bank-account-closed', 'The bank says the account is closed');
      unlessBankDown(error);
    }
    return c.json(toBankAccountView(row), 201);
  });

  app.openapi(show, async (c) => {
    const row = await newestLink(c.get('user').id, c.req.valid('param').accountRef);
    return c.json(toBankAccountView(row), 200);
  });

  app.openapi(confirm, async (c) => {
    const userId = c.get('user').id;
    const target = await newestLink(userId, c.req.valid('param').accountRef);
    const outcome = await confirmMicroDeposits(db, {
      userId,
      bankAccountId: target.id,
      amountsMinor: c.req.valid('json').amountsMinor.map((amount) => BigInt(amount)),
      key: proofKey,
    });
    switch (outcome.outcome) {
      case 'NOT_FOUND':
        throw notFound();
      case 'NOT_PENDING': {
        if (outcome.status === 'VERIFIED')
          throw new ProblemError(409, 'bank-account-already-verified', 'This account is verified already');
        const voided = await newestLink(userId, target.ref);
        throw new ProblemError(
          409,
          'bank-account-void',
          'This link is void',
          'link the account anew to try again',
          {
            voidReason: voided.voidReason,
          },
        );
      }
      case 'WRONG':
        throw new ProblemError(
          422,
          'bank-account-confirmation-failed',
          'These are not the amounts the account received',
          `${outcome.triesLeft} ${outcome.triesLeft === 1 ? 'try' : 'tries'} left`,
          { confirmTriesLeft: outcome.triesLeft },
        );
      case 'VOIDED':
        throw new ProblemError(
          422,
          'bank-account-confirmation-failed',
          'These are not the amounts the account received',
          'no tries left: the link is void; link the account anew to try again',
          { confirmTriesLeft: 0 },
        );
      case 'VERIFIED':
        return c.json(toBankAccountView(await newestLink(userId, target.ref)), 200);
    }
  });

  return app;
}

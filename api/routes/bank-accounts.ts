/**
 * The caller's bank accounts: list them, and link one (an IBAN the bank confirms the holder of,
 * as real rails' account-holder check does). Deposits collect only from, and withdrawals pay
 * out only to, these accounts. An account another user linked cannot be linked again.
 */
import { randomUUID } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { BankUnavailableError, type BankClient } from '../../bank-client/client';
import { formatIban, parseIban } from '../../common/iban';
import type { Database } from '../../prisma/client';
import { ProblemError } from '../problem';
import { createRouter } from '../router';
import { authProblems, problemDoc } from '../schemas';

/** Accounts one user may link; a bound on the list and on what an attacker can probe. */
export const BANK_ACCOUNTS_PER_USER_MAX = 20;

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
    verified: z.boolean(),
    createdAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('BankAccount');

/** A row as the API shows it: an IBAN in groups of four for people, the reference for requests. */
function toBankAccountView(row: {
  id: string;
  ref: string;
  holderName: string;
  label: string | null;
  verifiedAt: Date | null;
  createdAt: Date;
}): z.infer<typeof BankAccount> {
  return {
    id: row.id,
    accountRef: row.ref,
    display: parseIban(row.ref) ? formatIban(row.ref) : row.ref,
    holderName: row.holderName,
    label: row.label,
    verified: row.verifiedAt !== null,
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

const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['bank accounts'],
  summary: "The caller's bank accounts",
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
  summary: 'Link a bank account (the bank checks the holder)',
  security: [{ bearerAuth: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: LinkBankAccount } } } },
  responses: {
    201: { description: 'Linked and verified', content: { 'application/json': { schema: BankAccount } } },
    400: problemDoc('Invalid body, e.g. not an IBAN (`validation-failed`)'),
    ...authProblems,
    409: problemDoc(
      'Already one of your accounts (`bank-account-already-linked`), or you have too many (`bank-accounts-limit`)',
    ),
    422: problemDoc(
      'The bank says the name does not hold the account (`bank-account-holder-mismatch`), it is closed (`bank-account-closed`), or it cannot be linked to this wallet (`bank-account-unavailable`)',
    ),
    503: problemDoc('The bank did not answer (`bank-unavailable`); try again (Retry-After)'),
  },
});

const alreadyLinked = () =>
  new ProblemError(409, 'bank-account-already-linked', 'Already one of your accounts');

export function bankAccountRoutes({ db, bank }: { db: Database; bank: BankClient }) {
  const app = createRouter();

  app.openapi(list, async (c) => {
    const rows = await db.bankAccount.findMany({
      where: { userId: c.get('user').id },
      orderBy: { createdAt: 'asc' },
      take: BANK_ACCOUNTS_PER_USER_MAX,
    });
    return c.json({ items: rows.map(toBankAccountView) }, 200);
  });

  app.openapi(link, async (c) => {
    const userId = c.get('user').id;
    const body = c.req.valid('json');
    const ref = parseIban(body.iban)!;
    const mine = await db.bankAccount.findMany({ where: { userId }, select: { ref: true } });
    if (mine.some((account) => account.ref === ref)) throw alreadyLinked();
    if (mine.length >= BANK_ACCOUNTS_PER_USER_MAX)
      throw new ProblemError(
        409,
        'bank-accounts-limit',
        'Too many bank accounts',
        `at most ${BANK_ACCOUNTS_PER_USER_MAX}`,
      );
    const check = await bank.checkAccountHolder(ref, body.holderName).catch((error: unknown) => {
      if (error instanceof BankUnavailableError) {
        throw new ProblemError(
          503,
          'bank-unavailable',
          'The bank did not answer',
          'try again in a moment',
          {},
          { 'Retry-After': '5' },
        );
      }
      throw error;
    });
    if (check === 'NO_MATCH')
      throw new ProblemError(
        422,
        'bank-account-holder-mismatch',
        'The bank says this name does not hold the account',
      );
    if (check === 'CLOSED')
      throw new ProblemError(422, 'bank-account-closed', 'The bank says the account is closed');
    const row = await db.bankAccount
      .create({
        data: {
          id: randomUUID(),
          userId,
          ref,
          holderName: body.holderName,
          label: body.label ?? null,
          verifiedAt: new Date(),
        },
      })
      .catch(async (error: unknown) => {
        if ((error as { code?: string }).code !== 'P2002') throw error;
        // A unique index said no: the caller's own twin request got there first, or another
        // user holds this account in their wallet.
        if (await db.bankAccount.findUnique({ where: { userId_ref: { userId, ref } } }))
          throw alreadyLinked();
        throw new ProblemError(
          422,
          'bank-account-unavailable',
          'This account cannot be linked to your wallet',
        );
      });
    return c.json(toBankAccountView(row), 201);
  });

  return app;
}

/**
 * Wire schemas shared by several routes. The same zod objects validate requests and generate
 * the OpenAPI document, so the document cannot drift from what the API accepts.
 * Money is a string of digits (minor units) on the wire; common/money.ts is the one parser.
 */
import { z } from '@hono/zod-openapi';
import { AMOUNT_MINOR_MAX, CURRENCIES, MoneyError, parseAmountMinor, parseCurrency } from '../common/money';
import { TRANSFER_KINDS, TRANSFER_STATUSES } from '../common/transfer-status';
import { IDEMPOTENCY_KEY_PATTERN } from './idempotency/require-key';

/** Page sizes: a default and a named maximum, so no list can be asked for unbounded. */
export const PAGE_LIMIT_DEFAULT = 20;
export const PAGE_LIMIT_MAX = 100;

const moneyIssue = (parse: (value: unknown) => unknown) => (value: unknown, context: z.RefinementCtx) => {
  try {
    parse(value);
  } catch (error) {
    if (!(error instanceof MoneyError)) throw error;
    context.addIssue({ code: 'custom', message: error.message });
  }
};

/** The moments the API accepts: the ledger's dates are all within them, and the database's and JavaScript's calendars agree on every one. */
export const MOMENT_MIN = '1970-01-01T00:00:00Z';
export const MOMENT_MAX = '9999-12-31T23:59:59Z';
const momentMessage = `Give a date and time in ISO 8601 from ${MOMENT_MIN} to ${MOMENT_MAX}, e.g. 2026-12-01T00:00:00Z`;

/** An ISO 8601 date and time with its offset, from MOMENT_MIN to MOMENT_MAX (a 400 outside). */
export const Moment = z.iso
  .datetime({ offset: true, message: momentMessage })
  .refine((value) => {
    const time = Date.parse(value);
    return time >= Date.parse(MOMENT_MIN) && time <= Date.parse(MOMENT_MAX);
  }, momentMessage)
  .openapi({
    format: 'date-time',
    description: `ISO 8601 with an offset, from ${MOMENT_MIN} to ${MOMENT_MAX}`,
    example: '2026-12-01T00:00:00Z',
  });

/** A positive amount in minor units: a string of digits (a safe integer is accepted too). */
export const AmountMinorInput = z
  // The patterns document the wire format; parseAmountMinor below is what enforces it.
  .union([z.string().openapi({ pattern: '^[0-9]{1,16}$' }), z.number().int().openapi({ minimum: 1 })])
  .superRefine(moneyIssue(parseAmountMinor))
  .openapi({
    description: `Positive amount in minor units (cents), as a string of digits; at most ${AMOUNT_MINOR_MAX}. Never a float.`,
    example: '2500',
  });

export const CurrencyInput = z
  .string()
  .superRefine(moneyIssue(parseCurrency))
  .openapi({
    description: 'ISO 4217 code the wallet supports',
    enum: Object.keys(CURRENCIES),
    example: 'EUR',
  });

export const BankAccountRef = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9 ._:-]{3,64}$/,
    'Enter an IBAN such as DE89 3704 0044 0532 0130 00, or the reference of one of your accounts',
  )
  .openapi({
    description: "One of the caller's bank accounts: an IBAN (spaces allowed) or its reference",
    example: 'DE89 3704 0044 0532 0130 00',
  });

/** No control or invisible formatting characters (line breaks, bidi overrides): shown as is to others. */
const isPlainLine = (text: string) => !/[\p{Cc}\p{Cf}]/u.test(text);

/** Plain text on a transfer or request: trimmed, one line, no control characters; empty is none. */
export const NoteInput = z
  .string()
  .trim()
  .max(140, 'A note has at most 140 characters')
  .refine(isPlainLine, 'A note is plain text on one line')
  .transform((note) => (note === '' ? undefined : note))
  .openapi({ description: 'Plain text both sides see, at most 140 characters', example: 'Dinner on Friday' });

export const DisplayNameInput = z
  .string()
  .trim()
  .min(1)
  .max(60, 'A name has at most 60 characters')
  .refine(isPlainLine, 'A name is plain text on one line')
  .openapi({ description: 'The name others see when they send to you', example: 'Ada Lovelace' });

export const MinorUnits = z
  .string()
  .regex(/^-?[0-9]+$/)
  .openapi({ description: 'Minor units as a string of digits', example: '2500', pattern: '^-?[0-9]+$' });

export const IdempotencyKeyHeader = z.object({
  'idempotency-key': z
    .string()
    .regex(IDEMPOTENCY_KEY_PATTERN)
    .openapi({
      param: { name: 'idempotency-key', in: 'header', required: true },
      description:
        'Client-chosen key, 8 to 128 of [A-Za-z0-9._:-]; one per intended money movement (a UUID is ideal).',
      example: '4f9a1c2e-7b3d-4e8a-9f10-2c4d6e8f0a1b',
    }),
});

export const Problem = z
  .object({
    type: z.string().openapi({ example: 'https://kizo.dev/problems/insufficient-funds' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .catchall(z.unknown())
  .openapi('Problem', { description: 'RFC 9457 problem details; `type` is stable, switch on it.' });

export const TransferEvent = z.object({
  status: z.enum(TRANSFER_STATUSES),
  detail: z.string().nullable(),
  createdAt: z.string().openapi({ format: 'date-time' }),
});

export const Transfer = z
  .object({
    id: z.string().uuid(),
    kind: z.enum(TRANSFER_KINDS),
    status: z.enum(TRANSFER_STATUSES),
    direction: z
      .enum(['sent', 'received'])
      .openapi({ description: 'Whether the caller sent (or deposited / withdrew) or received it' }),
    amountMinor: MinorUnits,
    currency: z.string(),
    counterparty: z
      .string()
      .nullable()
      .openapi({ description: "The other user's handle (P2P) or the bank account reference" }),
    failureReason: z.string().nullable(),
    createdAt: z.string().openapi({ format: 'date-time' }),
    updatedAt: z.string().openapi({ format: 'date-time' }),
    workflowId: z
      .string()
      .nullable()
      .openapi({ description: "The workflow's id, for the sender only (null for money received)" }),
    allowedActions: z.array(z.enum(['cancel', 'approve', 'reject'])).openapi({
      description:
        "What the caller may do now, from the kind's status machine: `cancel` (POST /v1/withdrawals/{id}/cancel), `approve` and `reject` (admins who are not a party). A cancel already recorded (`cancelRequested`) is not offered again.",
    }),
    cancelRequested: z.boolean().openapi({
      description:
        'True while a cancel is recorded but not yet decided: the bank does not answer the void of the payout, so the status stays SENT_TO_BANK until it does (then CANCELLED, or COMPLETED if it had paid out)',
    }),
    note: z.string().nullable().openapi({ description: 'Plain text from the sender, shown to both sides' }),
    paymentRequestId: z
      .string()
      .uuid()
      .nullable()
      .openapi({ description: 'The payment request this transfer paid' }),
    scheduleId: z
      .string()
      .uuid()
      .nullable()
      .openapi({ description: "The sender's schedule this transfer is a run of (sender only)" }),
    bank: z
      .object({
        unavailableSince: z.string().openapi({ format: 'date-time' }),
        retryingUntil: z.string().nullable().openapi({
          format: 'date-time',
          description: 'The deadline: after it the transfer is given up and its funds released',
        }),
      })
      .nullable()
      .openapi({
        description:
          'Set while the bank does not answer this deposit or withdrawal (we keep trying; a withdrawal can still be cancelled)',
      }),
    events: z.array(TransferEvent),
  })
  .openapi('Transfer');

export const TransferPage = z
  .object({ items: z.array(Transfer), nextCursor: z.string().nullable() })
  .openapi('TransferPage');

export const PageQuery = z.object({
  cursor: z.string().max(200).optional().openapi({ description: 'Opaque cursor from the previous page' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(PAGE_LIMIT_MAX)
    .default(PAGE_LIMIT_DEFAULT)
    .openapi({ example: PAGE_LIMIT_DEFAULT }),
});

export const IdParam = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export const User = z
  .object({
    id: z.string().uuid(),
    email: z.string(),
    handle: z.string(),
    displayName: z
      .string()
      .nullable()
      .openapi({ description: 'The name others see when they send to this user (null: the handle)' }),
    role: z.enum(['user', 'admin']),
    emailVerified: z.boolean().openapi({
      description:
        'Whether the user followed the link mailed to `email`. Until then nobody can name them by email (only by handle), KIZO_ADMIN_EMAILS grants nothing and withdrawals are refused (`email-not-verified`).',
    }),
  })
  .openapi('User');

/** OpenAPI response entries for problems (`problemDoc`), and those every authenticated route may answer. */
export const problemContent = { 'application/problem+json': { schema: Problem } };
/** Response headers clients act on, documented where the routes send them. */
export const retryAfterHeader = {
  'Retry-After': {
    description: 'Seconds to wait before trying again',
    schema: { type: 'integer' as const, minimum: 1 },
  },
};
export const idempotentReplayedHeader = {
  'Idempotent-Replayed': {
    description: '`true` when this is the stored first answer to the same Idempotency-Key and body',
    schema: { type: 'string' as const, enum: ['true'] },
  },
};

export const problemDoc = (description: string) => ({ description, content: problemContent });

export const authProblems = {
  401: problemDoc('Missing, malformed, forged or expired access token'),
};

/** One line of a wallet's statement. */
export const WalletTransaction = z
  .object({
    id: z.string(),
    transferId: z.string().nullable(),
    kind: z.string().openapi({ description: 'Ledger posting kind: HOLD, SETTLE, RELEASE, DEPOSIT, ...' }),
    description: z.string(),
    amountMinor: MinorUnits.openapi({ description: 'Signed: negative leaves the wallet' }),
    balanceAfterMinor: MinorUnits,
    note: z.string().nullable().openapi({ description: "The transfer's note, if it has one" }),
    createdAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('WalletTransaction');

/** What a create keyed by an Idempotency-Key may answer besides its success: `refusals` are its 422s. */
export function idempotentCreateProblems(refusals: string) {
  return {
    400: problemDoc('Invalid body (`validation-failed`) or Idempotency-Key'),
    ...authProblems,
    409: {
      ...problemDoc('A request with this Idempotency-Key is still in flight'),
      headers: retryAfterHeader,
    },
    422: problemDoc(refusals),
    429: { ...problemDoc('Too many money requests (`rate-limited`)'), headers: retryAfterHeader },
  };
}

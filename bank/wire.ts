/**
 * The bank's wire format: how requests are validated and records are serialised. Amounts are
 * strings of digits on the wire and `bigint` inside, converted only through common/money.
 */
import { z } from 'zod';
import { CURRENCIES, MoneyError, formatAmountMinor, parseAmountMinor, type Currency } from '../common/money';
import {
  PAGE_LIMIT_MAX,
  VERIFICATION_CREDITS_MAX,
  VERIFICATION_CREDIT_MINOR_MAX,
  type BankRecord,
  type IncomingCredit,
  type RecordKind,
  type VerificationCredits,
} from './store';

const currencyCodes = Object.keys(CURRENCIES) as [Currency, ...Currency[]];

/** Body of `POST /v1/collections` and `POST /v1/payouts`; a void's body too, its id taken from the path. */
export const moneyRequestSchema = z
  .object({
    // Lower-cased so that one id written two ways is still one idempotency key.
    id: z.uuid().transform((id) => id.toLowerCase()),
    accountRef: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[\x21-\x7e]+$/, 'accountRef must be printable ASCII without spaces'),
    currency: z.enum(currencyCodes),
    amountMinor: z.string().transform((text, context) => {
      try {
        return parseAmountMinor(text);
      } catch (error) {
        if (!(error instanceof MoneyError)) throw error;
        context.addIssue({ code: 'custom', message: error.message });
        return z.NEVER;
      }
    }),
  })
  .strict();

/** Body of `POST /v1/account-checks`. */
export const accountCheckSchema = z
  .object({
    accountRef: moneyRequestSchema.shape.accountRef,
    holderName: z.string().trim().min(1).max(140),
  })
  .strict();

/** Body of `POST /v1/verification-credits`: the micro-deposits Kizo sends to prove control of an account. */
export const verificationCreditsSchema = z
  .object({
    id: moneyRequestSchema.shape.id,
    accountRef: moneyRequestSchema.shape.accountRef,
    currency: moneyRequestSchema.shape.currency,
    amountsMinor: z
      .array(
        z
          .string()
          .regex(/^[1-9][0-9]?$/, 'each amount is 1..99 minor units')
          .transform((text) => BigInt(text))
          .refine((amount) => amount <= VERIFICATION_CREDIT_MINOR_MAX),
      )
      .min(1)
      .max(VERIFICATION_CREDITS_MAX),
  })
  .strict();

export function verificationCreditsToJson(credits: VerificationCredits) {
  return {
    id: credits.id,
    accountRef: credits.accountRef,
    currency: credits.currency,
    amountsMinor: credits.amountsMinor.map((amount) => formatAmountMinor(amount)),
    createdAt: credits.createdAt.toISOString(),
  };
}

export function incomingCreditToJson(credit: IncomingCredit) {
  return {
    kind: credit.kind,
    id: credit.id,
    currency: credit.currency,
    amountMinor: formatAmountMinor(credit.amountMinor),
    createdAt: credit.createdAt.toISOString(),
  };
}

export const PAGE_LIMIT_DEFAULT = 100;

/** Query of `GET /v1/records`. By default only ACCEPTED records: those are what moved money. */
export const listQuerySchema = z
  .object({
    kind: z.enum(['collection', 'payout']).optional(),
    status: z.enum(['ACCEPTED', 'REFUSED', 'ALL']).default('ACCEPTED'),
    cursor: z.string().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(PAGE_LIMIT_MAX).default(PAGE_LIMIT_DEFAULT),
  })
  .strict();

/** Path segment of each kind, e.g. `/v1/payouts`. */
export const KIND_PATHS = { collection: 'collections', payout: 'payouts' } as const satisfies Record<
  RecordKind,
  string
>;

export function recordToJson(record: BankRecord) {
  return {
    id: record.id,
    kind: record.kind,
    status: record.status,
    ...(record.reason === null ? {} : { reason: record.reason }),
    amountMinor: formatAmountMinor(record.amountMinor),
    currency: record.currency,
    accountRef: record.accountRef,
    createdAt: record.createdAt.toISOString(),
  };
}

/** Turns zod issues into one readable `detail` line. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
}

/**
 * RFC 9457 problem details for the mock bank. Every error the bank answers goes through here,
 * so each has a stable `type` (and `code`) that callers can switch on instead of parsing text.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The bank's problem codes; the `type` URI is derived from the code and equally stable. */
export const BANK_PROBLEMS = {
  ACCOUNT_CLOSED: { status: 422, title: 'The account is closed' },
  LIMIT_EXCEEDED: { status: 422, title: 'The amount is above the per-transaction limit' },
  VOIDED: { status: 422, title: 'This id was voided before anything was booked under it' },
  IDEMPOTENCY_CONFLICT: { status: 409, title: 'This id was already used with a different request' },
  INVALID_REQUEST: { status: 400, title: 'The request is not valid' },
  NOT_FOUND: { status: 404, title: 'No such record' },
  // Distinct from NOT_FOUND so a client pointed at the wrong path never reads it as "no record".
  NO_ROUTE: { status: 404, title: 'No such endpoint' },
  UNAVAILABLE: { status: 503, title: 'The bank is temporarily unavailable' },
  INTERNAL: { status: 500, title: 'The bank failed unexpectedly' },
} as const satisfies Record<string, { status: ContentfulStatusCode; title: string }>;
export type BankProblemCode = keyof typeof BANK_PROBLEMS;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemType(code: BankProblemCode): string {
  return `urn:kizo:bank:problem:${code.toLowerCase().replaceAll('_', '-')}`;
}

/** Answers a problem+json response; `extra` adds members such as the stored record. */
export function problem(
  c: Context,
  code: BankProblemCode,
  detail: string,
  extra: Record<string, unknown> = {},
): Response {
  const { status, title } = BANK_PROBLEMS[code];
  const body = { type: problemType(code), title, status, detail, code, ...extra };
  return c.newResponse(JSON.stringify(body), status, { 'Content-Type': PROBLEM_CONTENT_TYPE });
}

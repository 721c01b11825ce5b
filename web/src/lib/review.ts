/**
 * The review threshold, disclosed before money moves (issue #20): transfers and withdrawals at or
 * above it wait for an operator's review, funds set aside. The API's policy has one threshold in
 * minor units for every currency (REVIEW_THRESHOLD_MINOR). This module reads it from the answer of
 * GET /v1/limits, accepting the shapes that answer may carry it in (a `review` object, a top-level
 * field, or per item), and says it in words; when the API gives no threshold, the wording stays
 * general rather than guessing a number. Pure.
 */
import { formatMoney } from './money';

const DIGITS = /^[0-9]{1,20}$/;

function digits(value: unknown): string | undefined {
  if (typeof value === 'string' && DIGITS.test(value)) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  return undefined;
}

function objectOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The threshold in minor units for `currency`, from the /v1/limits answer; undefined when it has none. */
export function readReviewThreshold(limitsAnswer: unknown, currency: string): string | undefined {
  const body = objectOf(limitsAnswer);
  if (!body) return undefined;
  const review = objectOf(body.review) ?? objectOf(body.reviewThreshold);
  const fromReview = review && (review.currency === undefined || review.currency === currency) ? (digits(review.thresholdMinor) ?? digits(review.amountMinor)) : undefined;
  if (fromReview) return fromReview;
  const topLevel = digits(body.reviewThresholdMinor);
  if (topLevel) return topLevel;
  const items = Array.isArray(body.items) ? body.items.map(objectOf) : [];
  for (const item of items) {
    if (!item || (item.currency !== undefined && item.currency !== currency)) continue;
    const found = digits(item.reviewThresholdMinor) ?? (item.kind === 'REVIEW' ? (digits(item.thresholdMinor) ?? digits(item.perMovementMinor)) : undefined);
    if (found) return found;
  }
  return undefined;
}

/** True when an amount would wait for review (at or above the threshold). */
export function needsReview(amountMinor: string, thresholdMinor: string | undefined): boolean {
  return thresholdMinor !== undefined && BigInt(amountMinor) >= BigInt(thresholdMinor);
}

/** The disclosure shown under the amount before anything is sent. */
export function reviewDisclosure(kind: 'transfer' | 'withdraw', thresholdMinor: string | undefined, currency: string, locale?: string): string {
  const what = kind === 'transfer' ? 'Transfers' : 'Withdrawals';
  if (thresholdMinor === undefined) {
    return `Large ${what.toLowerCase()} wait for a review by our team before the money moves; the amount is set aside meanwhile.`;
  }
  return `${what} of ${formatMoney(thresholdMinor, currency, locale)} or more wait for a review by our team before the money moves; the amount is set aside meanwhile.`;
}

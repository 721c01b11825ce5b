/**
 * The review threshold, disclosed before money moves (issue #20): transfers and withdrawals at or
 * above it wait for an operator's review, funds set aside. The API's policy has one threshold in
 * minor units for every currency (REVIEW_THRESHOLD_MINOR), which GET /v1/limits gives as
 * `reviewThresholdMinor`; this module says it in words (general words until it is known). Pure.
 */
import { formatMoney } from './money';

/** The threshold in minor units from the answer of GET /v1/limits (its `reviewThresholdMinor`). */
export function readReviewThreshold(
  limits: { reviewThresholdMinor?: string } | undefined,
): string | undefined {
  return limits?.reviewThresholdMinor;
}

/** True when an amount would wait for review (at or above the threshold). */
export function needsReview(amountMinor: string, thresholdMinor: string | undefined): boolean {
  return thresholdMinor !== undefined && BigInt(amountMinor) >= BigInt(thresholdMinor);
}

/** The disclosure shown under the amount before anything is sent. */
export function reviewDisclosure(
  kind: 'transfer' | 'withdraw',
  thresholdMinor: string | undefined,
  currency: string,
  locale?: string,
): string {
  const what = kind === 'transfer' ? 'Transfers' : 'Withdrawals';
  if (thresholdMinor === undefined) {
    return `Large ${what.toLowerCase()} wait for a review by our team before the money moves; the amount is set aside meanwhile.`;
  }
  return `${what} of ${formatMoney(thresholdMinor, currency, locale)} or more wait for a review by our team before the money moves; the amount is set aside meanwhile.`;
}

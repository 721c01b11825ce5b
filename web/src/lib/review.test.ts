// Goal: the review threshold is disclosed before money moves: read from the /v1/limits answer in
// whatever shape it carries it, compared exactly (at the threshold is reviewed), and said in the
// currency's own units; with no threshold from the API, the wording stays general.
import { describe, expect, it } from 'vitest';
import { needsReview, readReviewThreshold, reviewDisclosure } from './review';

describe('readReviewThreshold', () => {
  it('reads the threshold GET /v1/limits gives, and nothing when there is no answer yet', () => {
    expect(readReviewThreshold({ reviewThresholdMinor: '100000' })).toBe('100000');
    expect(readReviewThreshold(undefined)).toBeUndefined();
  });
});

describe('needsReview', () => {
  it('reviews at the threshold and above, never below', () => {
    expect(needsReview('100000', '100000')).toBe(true);
    expect(needsReview('100001', '100000')).toBe(true);
    expect(needsReview('99999', '100000')).toBe(false);
    expect(needsReview('99999999999999999999', '1')).toBe(true);
    expect(needsReview('100000', undefined)).toBe(false);
  });
});

describe('reviewDisclosure', () => {
  it('names the threshold in currency units', () => {
    expect(reviewDisclosure('transfer', '100000', 'EUR', 'en')).toBe(
      'Transfers of €1,000.00 or more wait for a review by our team before the money moves; the amount is set aside meanwhile.',
    );
    expect(reviewDisclosure('withdraw', '100000', 'EUR', 'de')).toMatch(
      /^Withdrawals of 1\.000,00\u00a0€ or more/,
    );
  });

  it('stays general without a threshold', () => {
    expect(reviewDisclosure('transfer', undefined, 'EUR')).toBe(
      'Large transfers wait for a review by our team before the money moves; the amount is set aside meanwhile.',
    );
  });
});

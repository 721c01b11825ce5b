/**
 * Custom search attributes the workflows keep current, so operators can find transfers in
 * Temporal visibility (`temporal workflow list --query 'KizoStatus="FAILED"'`).
 * Pure definitions: workflows import this module.
 */
import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair } from '@temporalio/common';

export const KizoStatus = defineSearchAttributeKey('KizoStatus', SearchAttributeType.KEYWORD);
export const KizoKind = defineSearchAttributeKey('KizoKind', SearchAttributeType.KEYWORD);
export const KizoAmountMinor = defineSearchAttributeKey('KizoAmountMinor', SearchAttributeType.INT);
export const KizoUserId = defineSearchAttributeKey('KizoUserId', SearchAttributeType.KEYWORD);
export const KizoCurrency = defineSearchAttributeKey('KizoCurrency', SearchAttributeType.KEYWORD);

/** Name and CLI type of each attribute, as `temporal server start-dev --search-attribute` wants them. */
export const SEARCH_ATTRIBUTE_DEFINITIONS: ReadonlyArray<readonly [string, string]> = [
  ['KizoStatus', 'Keyword'],
  ['KizoKind', 'Keyword'],
  ['KizoAmountMinor', 'Int'],
  ['KizoUserId', 'Keyword'],
  ['KizoCurrency', 'Keyword'],
];

/**
 * The attributes a transfer's workflow starts with. The API passes them in the start request,
 * so the workflow need not record an upsert for them (workflows started otherwise upsert them).
 */
export function initialSearchAttributes(input: {
  kind: string;
  userId: string;
  currency: string;
  amountMinor: string;
}): SearchAttributePair[] {
  return [
    { key: KizoKind, value: input.kind },
    { key: KizoUserId, value: input.userId },
    { key: KizoCurrency, value: input.currency },
    // Visibility stores Int as a 64-bit number; amounts are capped far below 2^53 (common/money.ts).
    { key: KizoAmountMinor, value: Number(input.amountMinor) },
    { key: KizoStatus, value: 'PENDING' },
  ];
}

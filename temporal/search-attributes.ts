/**
 * Custom search attributes the workflows keep current, so operators can find transfers in
 * Temporal visibility (`temporal workflow list --query 'KizoStatus="FAILED"'`).
 * Pure definitions: workflows import this module.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

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

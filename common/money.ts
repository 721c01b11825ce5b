/**
 * The one place where money crosses a text boundary. Amounts are integer minor units held in
 * `bigint`; on the wire (JSON, Temporal payloads) they travel as strings of digits because JSON
 * numbers cannot carry a `bigint` and floats cannot carry money.
 * Pure code: workflows import this module, so it must stay free of I/O.
 */

/** ISO 4217 currencies the wallet supports, with their minor-unit exponent. */
export const CURRENCIES = { EUR: 2, USD: 2, GBP: 2, JPY: 0 } as const;
export type Currency = keyof typeof CURRENCIES;

/** Largest amount one movement may carry: fits a PostgreSQL BIGINT with room for sums. */
export const AMOUNT_MINOR_MAX = 10n ** 15n;

const DIGITS = /^[0-9]{1,19}$/;

export class MoneyError extends Error {
  override readonly name = 'MoneyError';
}

export function isCurrency(value: unknown): value is Currency {
  return typeof value === 'string' && Object.hasOwn(CURRENCIES, value);
}

/** Parses a currency code, refusing anything the wallet does not hold. */
export function parseCurrency(value: unknown): Currency {
  if (!isCurrency(value)) {
    throw new MoneyError(
      `unsupported currency ${JSON.stringify(value)}; use one of ${Object.keys(CURRENCIES).join(', ')}`,
    );
  }
  return value;
}

/**
 * Parses a positive amount of minor units from a string of digits (or a safe integer).
 * Refuses zero, negatives, fractions, exponents and amounts above AMOUNT_MINOR_MAX.
 */
export function parseAmountMinor(value: unknown): bigint {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new MoneyError('amount must be a whole number of minor units');
    text = String(value);
  } else if (typeof value === 'string') {
    text = value;
  } else {
    throw new MoneyError('amount must be a string of digits in minor units');
  }
  if (!DIGITS.test(text)) throw new MoneyError('amount must be a string of digits in minor units');
  const amountMinor = BigInt(text);
  if (amountMinor <= 0n) throw new MoneyError('amount must be greater than zero');
  if (amountMinor > AMOUNT_MINOR_MAX) throw new MoneyError(`amount must be at most ${AMOUNT_MINOR_MAX}`);
  return amountMinor;
}

/** Serialises minor units for JSON and Temporal payloads. */
export function formatAmountMinor(amountMinor: bigint): string {
  return amountMinor.toString();
}

/** Minor units as a decimal in major units, for people and spreadsheets: -1250 EUR is "-12.50". */
export function formatMajorUnits(amountMinor: bigint, currency: Currency): string {
  const decimals = CURRENCIES[currency];
  const sign = amountMinor < 0n ? '-' : '';
  const digits = (amountMinor < 0n ? -amountMinor : amountMinor).toString().padStart(decimals + 1, '0');
  return decimals === 0
    ? `${sign}${digits}`
    : `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

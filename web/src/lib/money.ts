/**
 * Money as text in the browser. The API carries amounts as strings of digits in minor units
 * ("1234" is EUR 12.34); this module turns what a person types into that string and turns API
 * strings back into display text, with integer (BigInt) arithmetic only: a float never touches money.
 * The exponents mirror `common/money.ts` (a test keeps the two in step).
 */

/** Currencies the wallet supports, with their minor-unit exponent (ISO 4217). */
export const CURRENCIES = { EUR: 2, USD: 2, GBP: 2, JPY: 0 } as const;
export type Currency = keyof typeof CURRENCIES;

/** Largest amount one movement may carry, in minor units; the API refuses more. */
export const AMOUNT_MINOR_MAX = 10n ** 15n;

const SYMBOLS: Record<Currency, string> = { EUR: '€', USD: '$', GBP: '£', JPY: '¥' };
const SIGNED_DIGITS = /^-?[0-9]{1,20}$/;
/** Digits, then optionally one decimal separator ("." or ",") and more digits. */
const AMOUNT_INPUT = /^([0-9]+)(?:[.,]([0-9]*))?$/;
const INPUT_LENGTH_MAX = 32;

export function isCurrency(value: unknown): value is Currency {
  return typeof value === 'string' && Object.hasOwn(CURRENCIES, value);
}

/** The exponent for a known currency; unknown codes display with 2 decimals. */
export function exponentOf(currency: string): number {
  return isCurrency(currency) ? CURRENCIES[currency] : 2;
}

export type ParseResult = { ok: true; amountMinor: string } | { ok: false; message: string };

/**
 * Parses what a person typed ("12.34", "12,5", "7", " 1 000.00 ") into a positive string of minor
 * units ("1234", "1250", "700", "100000"). Refuses zero, negatives, exponents, more decimals than the
 * currency has, and amounts above AMOUNT_MINOR_MAX, each with a message fit to show beside the field.
 */
export function parseAmountInput(input: string, currency: string): ParseResult {
  const exponent = exponentOf(currency);
  // Spaces (including no-break spaces) are digit-group separators people type; they carry no value.
  const text = input.replace(/[\s\u00a0\u202f]/g, '');
  if (text.length === 0) return { ok: false, message: 'Enter an amount.' };
  if (text.length > INPUT_LENGTH_MAX) return { ok: false, message: 'That amount is too long.' };
  if (text.startsWith('-')) return { ok: false, message: 'The amount must be greater than zero.' };
  const match = AMOUNT_INPUT.exec(text);
  if (!match) {
    return { ok: false, message: 'Use digits and at most one decimal point, for example 12.50.' };
  }
  const whole = match[1] ?? '';
  const fraction = match[2] ?? '';
  if (fraction.length > exponent) {
    return {
      ok: false,
      message:
        exponent === 0
          ? `${currency} has no decimal places.`
          : `${currency} has at most ${exponent} decimal places.`,
    };
  }
  const amountMinor = BigInt(whole + fraction.padEnd(exponent, '0'));
  if (amountMinor <= 0n) return { ok: false, message: 'The amount must be greater than zero.' };
  if (amountMinor > AMOUNT_MINOR_MAX) {
    return {
      ok: false,
      message: `The amount must be at most ${formatMinor(AMOUNT_MINOR_MAX.toString(), currency)}.`,
    };
  }
  return { ok: true, amountMinor: amountMinor.toString() };
}

/** Groups a string of digits by thousands: "1234567" -> "1,234,567". */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Formats a signed string of minor units for display: ("-123456", "EUR") -> "-1,234.56".
 * Throws on anything but an integer string: a malformed amount is a bug to surface, not to hide.
 */
export function formatMinor(amountMinor: string, currency: string): string {
  if (!SIGNED_DIGITS.test(amountMinor)) throw new TypeError(`not an amount in minor units: ${amountMinor}`);
  const exponent = exponentOf(currency);
  const value = BigInt(amountMinor);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(exponent + 1, '0');
  const whole = exponent === 0 ? digits : digits.slice(0, -exponent);
  const fraction = exponent === 0 ? '' : `.${digits.slice(-exponent)}`;
  return `${negative ? '-' : ''}${groupThousands(whole)}${fraction}`;
}

/**
 * An amount as a person would type it, to prefill a field: ("123456", "EUR") -> "1234.56", without
 * group separators, so parseAmountInput reads it back unchanged.
 */
export function amountToInput(amountMinor: string, currency: string): string {
  return formatMinor(amountMinor, currency).replace(/,/g, '');
}

/** Formats with the currency's symbol: ("-500", "EUR") -> "−€5.00" (a true minus sign for display). */
export function formatMoney(amountMinor: string, currency: string): string {
  const text = formatMinor(amountMinor, currency);
  const symbol = isCurrency(currency) ? SYMBOLS[currency] : `${currency} `;
  return text.startsWith('-') ? `\u2212${symbol}${text.slice(1)}` : `${symbol}${text}`;
}

/** Formats with an explicit sign for ledger lines: "+€5.00", "−€5.00". */
export function formatSignedMoney(amountMinor: string, currency: string): string {
  const text = formatMoney(amountMinor, currency);
  return amountMinor.startsWith('-') || /^0+$/.test(amountMinor) ? text : `+${text}`;
}

/** True when a signed amount string is below zero. */
export function isNegative(amountMinor: string): boolean {
  return amountMinor.startsWith('-') && !/^-0+$/.test(amountMinor);
}

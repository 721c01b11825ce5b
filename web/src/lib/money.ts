/**
 * Money as text in the browser. The API carries amounts as strings of digits in minor units
 * ("1234" is EUR 12.34); this module turns what a person types into that string and turns API
 * strings back into display text, with integer (BigInt) arithmetic only: a float never touches money.
 * Display follows the person's locale (Intl.NumberFormat, given the amount as an exact decimal
 * string, never a number), and input accepts the locale's grouping and decimal marks ("1,000.00" in
 * English, "1.000,00" in German). `locale` is a BCP 47 tag; undefined means the browser's own.
 * The exponents mirror `common/money.ts` (a test keeps the two in step).
 */

/** Currencies the wallet supports, with their minor-unit exponent (ISO 4217). */
export const CURRENCIES = { EUR: 2, USD: 2, GBP: 2, JPY: 0 } as const;
export type Currency = keyof typeof CURRENCIES;

/** Largest amount one movement may carry, in minor units; the API refuses more. */
export const AMOUNT_MINOR_MAX = 10n ** 15n;

const SIGNED_DIGITS = /^-?[0-9]{1,20}$/;
const INPUT_LENGTH_MAX = 32;
const MINUS = '\u2212';
/** Spaces people and locales use between digit groups (space, no-break, narrow no-break, thin). */
const GROUP_SPACES = /[\s\u00a0\u202f\u2009]/g;
/** Apostrophes used as group marks (Switzerland, Liechtenstein). */
const GROUP_APOSTROPHES = /['\u2019]/g;

export function isCurrency(value: unknown): value is Currency {
  return typeof value === 'string' && Object.hasOwn(CURRENCIES, value);
}

/** The exponent for a known currency; unknown codes display with 2 decimals. */
export function exponentOf(currency: string): number {
  return isCurrency(currency) ? CURRENCIES[currency] : 2;
}

/** The locale's decimal mark ("." or ","), from Intl. */
export function decimalMark(locale?: string): string {
  const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((item) => item.type === 'decimal');
  return part?.value ?? '.';
}

export type ParseResult = { ok: true; amountMinor: string } | { ok: false; message: string };

/**
 * Digit groups after the first have three digits ("1,234,567"), or two then a last three as Indian
 * grouping has ("12,34,567"); "12,34" is no grouping.
 */
function isGrouped(whole: string, mark: string): boolean {
  const [first, ...rest] = whole.split(mark);
  const last = rest.at(-1);
  return (
    first !== undefined &&
    /^[0-9]{1,3}$/.test(first) &&
    last !== undefined &&
    /^[0-9]{3}$/.test(last) &&
    rest.every((group) => /^[0-9]{2,3}$/.test(group))
  );
}

/**
 * Splits typed text (spaces already removed) into whole and fraction digits, deciding which of "."
 * and "," is the decimal mark: with both present, the last one; with one of them only, the locale's
 * decimal mark is decimal, and the other is a group mark when every group after it has three digits
 * ("1,000" in English is one thousand), else a decimal mark too ("12,50" is read as 12.50 anywhere).
 */
function splitAmount(text: string, locale?: string): { whole: string; fraction: string } | undefined {
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  if (lastDot < 0 && lastComma < 0) return /^[0-9]+$/.test(text) ? { whole: text, fraction: '' } : undefined;
  let decimal: string | undefined;
  if (lastDot >= 0 && lastComma >= 0) decimal = lastDot > lastComma ? '.' : ',';
  else {
    const mark = lastDot >= 0 ? '.' : ',';
    const count = text.split(mark).length - 1;
    if (mark !== decimalMark(locale) && isGrouped(text, mark))
      return { whole: text.split(mark).join(''), fraction: '' };
    if (count > 1) return undefined;
    decimal = mark;
  }
  const index = text.lastIndexOf(decimal);
  const wholeText = text.slice(0, index);
  const fraction = text.slice(index + 1);
  if (!/^[0-9]*$/.test(fraction) || wholeText === '') return undefined;
  const group = decimal === '.' ? ',' : '.';
  if (/^[0-9]+$/.test(wholeText)) return { whole: wholeText, fraction };
  if (!isGrouped(wholeText, group)) return undefined;
  return { whole: wholeText.split(group).join(''), fraction };
}

/**
 * Parses what a person typed ("12.34", "12,5", "7", " 1 000.00 ", "1,000.00", "1.000,00") into a
 * positive string of minor units ("1234", "1250", "700", "100000"). Refuses zero, negatives,
 * exponents, more decimals than the currency has, and amounts above AMOUNT_MINOR_MAX, each with a
 * message fit to show beside the field.
 */
export function parseAmountInput(input: string, currency: string, locale?: string): ParseResult {
  const exponent = exponentOf(currency);
  const text = input.replace(GROUP_SPACES, '').replace(GROUP_APOSTROPHES, '');
  if (text.length === 0) return { ok: false, message: 'Enter an amount.' };
  if (text.length > INPUT_LENGTH_MAX) return { ok: false, message: 'That amount is too long.' };
  if (text.startsWith('-') || text.startsWith(MINUS))
    return { ok: false, message: 'The amount must be greater than zero.' };
  const parts = splitAmount(text, locale);
  if (!parts) {
    return {
      ok: false,
      message: `Use digits and at most one decimal mark, for example ${exampleAmount(currency, locale)}.`,
    };
  }
  if (parts.fraction.length > exponent) {
    return {
      ok: false,
      message:
        exponent === 0
          ? `${currency} has no decimal places.`
          : `${currency} has at most ${exponent} decimal places.`,
    };
  }
  const amountMinor = BigInt(parts.whole + parts.fraction.padEnd(exponent, '0'));
  if (amountMinor <= 0n) return { ok: false, message: 'The amount must be greater than zero.' };
  if (amountMinor > AMOUNT_MINOR_MAX) {
    return {
      ok: false,
      message: `The amount must be at most ${formatMoney(AMOUNT_MINOR_MAX.toString(), currency, locale)}.`,
    };
  }
  return { ok: true, amountMinor: amountMinor.toString() };
}

/** An exact decimal string for Intl: ("-123456", 2) -> "-1234.56". */
function decimalString(amountMinor: string, exponent: number): string {
  if (!SIGNED_DIGITS.test(amountMinor)) throw new TypeError(`not an amount in minor units: ${amountMinor}`);
  const negative = amountMinor.startsWith('-');
  const digits = (negative ? amountMinor.slice(1) : amountMinor)
    .replace(/^0+(?=\d)/, '')
    .padStart(exponent + 1, '0');
  const whole = exponent === 0 ? digits : digits.slice(0, -exponent);
  const fraction = exponent === 0 ? '' : `.${digits.slice(-exponent)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** Intl formatters are costly to build; a page formats hundreds of amounts with a handful of them. */
const FORMATTERS = new Map<string, Intl.NumberFormat>();
const FORMATTERS_MAX = 64;

function formatter(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify([locale ?? '', options]);
  let found = FORMATTERS.get(key);
  if (!found) {
    if (FORMATTERS.size >= FORMATTERS_MAX) FORMATTERS.clear();
    found = new Intl.NumberFormat(locale, options);
    FORMATTERS.set(key, found);
  }
  return found;
}

/** Formats parts, with a true minus sign (U+2212) for display. */
function render(format: Intl.NumberFormat, decimal: string): string {
  // Intl formats exact decimal strings (Intl.NumberFormat v3); the cast covers older lib typings.
  const parts = format.formatToParts(decimal as unknown as number);
  return parts.map((part) => (part.type === 'minusSign' ? MINUS : part.value)).join('');
}

/**
 * Formats a signed string of minor units as a number in the locale, without a currency:
 * ("-123456", "EUR", "en") -> "−1,234.56"; ("-123456", "EUR", "de") -> "−1.234,56".
 * Throws on anything but an integer string: a malformed amount is a bug to surface, not to hide.
 */
export function formatMinor(amountMinor: string, currency: string, locale?: string): string {
  const exponent = exponentOf(currency);
  const options = { minimumFractionDigits: exponent, maximumFractionDigits: exponent };
  return render(formatter(locale, options), decimalString(amountMinor, exponent));
}

/**
 * An amount as a person would type it, to prefill a field: ("123456", "EUR", "en") -> "1234.56",
 * ("123456", "EUR", "de") -> "1234,56": the locale's decimal mark and no group marks, so
 * parseAmountInput reads it back unchanged.
 */
export function amountToInput(amountMinor: string, currency: string, locale?: string): string {
  const text = decimalString(amountMinor, exponentOf(currency));
  return text.replace('.', decimalMark(locale));
}

/** A placeholder for an amount field: "0.00" in English, "0,00" in German, "0" for yen. */
export function amountPlaceholder(currency: string, locale?: string): string {
  return amountToInput('0', currency, locale);
}

/** An example amount for messages: "12.50" or "12,50". */
function exampleAmount(currency: string, locale?: string): string {
  return amountToInput('1250', currency, locale);
}

function currencyOptions(currency: string, signDisplay: 'auto' | 'exceptZero'): Intl.NumberFormatOptions {
  const exponent = exponentOf(currency);
  return {
    style: 'currency',
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
    signDisplay,
  };
}

/**
 * Formats with the currency, per the locale: ("-500", "EUR", "en") -> "−€5.00",
 * ("-500", "EUR", "de") -> "−5,00 €". The currency is the wallet's, whatever the locale.
 */
export function formatMoney(amountMinor: string, currency: string, locale?: string): string {
  const decimal = decimalString(amountMinor, exponentOf(currency));
  try {
    return render(formatter(locale, currencyOptions(currency, 'auto')), decimal);
  } catch {
    // Not an ISO 4217 code Intl knows: the code, then the number.
    return `${currency} ${formatMinor(amountMinor, currency, locale)}`;
  }
}

/** Formats with an explicit sign for ledger lines: "+€5.00", "−€5.00", and "€0.00" for zero. */
export function formatSignedMoney(amountMinor: string, currency: string, locale?: string): string {
  const decimal = decimalString(amountMinor, exponentOf(currency));
  try {
    return render(formatter(locale, currencyOptions(currency, 'exceptZero')), decimal);
  } catch {
    const text = formatMoney(amountMinor, currency, locale);
    return isNegative(amountMinor) || /^-?0+$/.test(amountMinor) ? text : `+${text}`;
  }
}

/** True when a signed amount string is below zero. */
export function isNegative(amountMinor: string): boolean {
  return amountMinor.startsWith('-') && !/^-0+$/.test(amountMinor);
}

// Goal: money typed by people becomes exact minor units, and API amounts display exactly, with
// no float anywhere, in the person's locale (English and German marks both ways); edge cases: zero,
// negatives, too many decimals, the maximum and one over it.
import { describe, expect, it } from 'vitest';
import { CURRENCIES as SERVER_CURRENCIES, AMOUNT_MINOR_MAX as SERVER_MAX } from '../../../common/money';
import {
  AMOUNT_MINOR_MAX,
  amountPlaceholder,
  amountToInput,
  CURRENCIES,
  decimalMark,
  formatMinor,
  formatMoney,
  formatSignedMoney,
  isNegative,
  parseAmountInput,
} from './money';

function parsed(input: string, currency = 'EUR', locale = 'en'): string {
  const result = parseAmountInput(input, currency, locale);
  if (!result.ok) throw new Error(result.message);
  return result.amountMinor;
}

function refusal(input: string, currency = 'EUR', locale = 'en'): string {
  const result = parseAmountInput(input, currency, locale);
  if (result.ok) throw new Error(`expected a refusal for ${input}, got ${result.amountMinor}`);
  return result.message;
}

describe('parseAmountInput', () => {
  it('parses whole and decimal amounts into minor units', () => {
    expect(parsed('12.34')).toBe('1234');
    expect(parsed('12')).toBe('1200');
    expect(parsed('12.3')).toBe('1230');
    expect(parsed('12.')).toBe('1200');
    expect(parsed('0.01')).toBe('1');
    expect(parsed('12,34')).toBe('1234');
    expect(parsed(' 1 000.50 ')).toBe('100050');
    expect(parsed('007.10')).toBe('710');
  });

  it('keeps precision a float would lose', () => {
    expect(parsed('0.29')).toBe('29');
    expect(parsed('1.15')).toBe('115');
    expect(parsed('9999999999999.99')).toBe('999999999999999');
  });

  it('honours the currency exponent', () => {
    expect(parsed('500', 'JPY')).toBe('500');
    expect(refusal('5.5', 'JPY')).toMatch(/no decimal/);
    expect(refusal('1.234', 'EUR')).toMatch(/at most 2 decimal/);
  });

  it('refuses zero, negatives, empty and malformed input', () => {
    expect(refusal('0')).toMatch(/greater than zero/);
    expect(refusal('0.00')).toMatch(/greater than zero/);
    expect(refusal('-5')).toMatch(/greater than zero/);
    expect(refusal('')).toMatch(/Enter an amount/);
    expect(refusal('   ')).toMatch(/Enter an amount/);
    expect(refusal('1e3')).toBeTruthy();
    expect(refusal('1.2.3')).toBeTruthy();
    expect(refusal('1,00,0.00')).toBeTruthy();
    expect(refusal('1.000.00')).toBeTruthy();
    expect(refusal('.5')).toBeTruthy();
    expect(refusal('abc')).toBeTruthy();
    expect(refusal('+5')).toBeTruthy();
    expect(refusal('Infinity')).toBeTruthy();
    expect(refusal('1'.repeat(40))).toMatch(/too long/);
  });

  it("accepts the locale's grouping and decimal marks", () => {
    // English: "," groups, "." is decimal.
    expect(parsed('1,000.00', 'EUR', 'en')).toBe('100000');
    expect(parsed('1,000', 'EUR', 'en')).toBe('100000');
    expect(parsed('1,234,567.89', 'EUR', 'en')).toBe('123456789');
    // German: "." groups, "," is decimal.
    expect(parsed('1.000,00', 'EUR', 'de')).toBe('100000');
    expect(parsed('1.000', 'EUR', 'de')).toBe('100000');
    expect(parsed('12,50', 'EUR', 'de')).toBe('1250');
    expect(parsed('1 000,50', 'EUR', 'fr')).toBe('100050');
    expect(parsed("1'000.50", 'EUR', 'de-CH')).toBe('100050');
    // A decimal mark from the other convention still reads as decimal when it cannot be grouping.
    expect(parsed('12,50', 'EUR', 'en')).toBe('1250');
    expect(parsed('12.50', 'EUR', 'de')).toBe('1250');
    // Yen has no decimals: "1,000" is a thousand yen.
    expect(parsed('1,000', 'JPY', 'en')).toBe('1000');
    // In English "1.000" is one with three decimals, which euros cannot have: refused, never 1000.
    expect(refusal('1.000', 'EUR', 'en')).toMatch(/at most 2 decimal/);
    // Both marks typed: the last one is the decimal mark, whatever the locale.
    expect(parsed('1,000.00', 'EUR', 'de')).toBe('100000');
    expect(parsed('12,34,567.89', 'EUR', 'en-IN')).toBe('1234567' + '89');
  });

  it('accepts the maximum and refuses one minor unit over it', () => {
    expect(parsed('10000000000000', 'EUR')).toBe(AMOUNT_MINOR_MAX.toString());
    expect(refusal('10000000000000.01', 'EUR')).toMatch(/at most/);
  });
});

describe('formatMinor and formatMoney', () => {
  it('formats with integer arithmetic', () => {
    expect(formatMinor('0', 'EUR', 'en')).toBe('0.00');
    expect(formatMinor('5', 'EUR', 'en')).toBe('0.05');
    expect(formatMinor('1234', 'EUR', 'en')).toBe('12.34');
    expect(formatMinor('-500', 'EUR', 'en')).toBe('\u22125.00');
    expect(formatMinor('123456789', 'EUR', 'en')).toBe('1,234,567.89');
    expect(formatMinor('1234', 'JPY', 'en')).toBe('1,234');
    // Beyond a float's precision, every digit survives.
    expect(formatMinor('99999999999999999999', 'EUR', 'en')).toBe('999,999,999,999,999,999.99');
    expect(formatMinor('123456789', 'EUR', 'de')).toBe('1.234.567,89');
  });

  it('adds the currency and a true minus sign, per the locale', () => {
    expect(formatMoney('1234', 'EUR', 'en')).toBe('€12.34');
    expect(formatMoney('-500', 'EUR', 'en')).toBe('\u2212€5.00');
    expect(formatMoney('120450', 'EUR', 'en')).toBe('€1,204.50');
    expect(formatMoney('120450', 'EUR', 'de')).toBe('1.204,50\u00a0€');
    expect(formatMoney('-500', 'EUR', 'de')).toBe('\u22125,00\u00a0€');
    expect(formatMoney('120450', 'USD', 'en-US')).toBe('$1,204.50');
    // The wallet's currency, whatever the locale: euros stay euros for an American reader.
    expect(formatMoney('120450', 'EUR', 'en-US')).toBe('€1,204.50');
    expect(formatMoney('1234', 'JPY', 'ja')).toMatch(/^[¥￥]1,234$/);
    expect(formatMoney('100', 'CHF', 'en').replace(/\s/g, ' ')).toBe('CHF 1.00');
    expect(formatMoney('100', 'XX1', 'en')).toBe('XX1 1.00');
  });

  it('signs ledger lines', () => {
    expect(formatSignedMoney('500', 'USD', 'en')).toBe('+$5.00');
    expect(formatSignedMoney('-500', 'GBP', 'en')).toBe('\u2212£5.00');
    expect(formatSignedMoney('0', 'EUR', 'en')).toBe('€0.00');
    expect(formatSignedMoney('2550', 'EUR', 'de')).toBe('+25,50\u00a0€');
  });

  it('refuses anything that is not an integer string', () => {
    expect(() => formatMinor('12.5', 'EUR')).toThrow(TypeError);
    expect(() => formatMinor('', 'EUR')).toThrow(TypeError);
    expect(() => formatMinor('1e3', 'EUR')).toThrow(TypeError);
    expect(() => formatMoney('1e3', 'EUR')).toThrow(TypeError);
  });

  it('round-trips parse and format in each locale', () => {
    for (const locale of ['en', 'de', 'fr', 'en-IN']) {
      for (const amountMinor of ['1', '1234', '100000', '99999999', AMOUNT_MINOR_MAX.toString()]) {
        const shown = formatMinor(amountMinor, 'EUR', locale);
        expect(parsed(shown, 'EUR', locale)).toBe(amountMinor);
      }
    }
  });

  it('prefills a field with an amount that parses back to itself', () => {
    expect(amountToInput('123456', 'EUR', 'en')).toBe('1234.56');
    expect(amountToInput('123456', 'EUR', 'de')).toBe('1234,56');
    expect(amountToInput('2500', 'JPY', 'en')).toBe('2500');
    for (const locale of ['en', 'de']) {
      for (const amountMinor of ['1', '1250', '100000000']) {
        expect(parsed(amountToInput(amountMinor, 'EUR', locale), 'EUR', locale)).toBe(amountMinor);
      }
    }
  });

  it("shows the locale's decimal mark in placeholders", () => {
    expect(decimalMark('en')).toBe('.');
    expect(decimalMark('de')).toBe(',');
    expect(amountPlaceholder('EUR', 'en')).toBe('0.00');
    expect(amountPlaceholder('EUR', 'de')).toBe('0,00');
    expect(amountPlaceholder('JPY', 'en')).toBe('0');
  });

  it('tells negative amounts apart', () => {
    expect(isNegative('-1')).toBe(true);
    expect(isNegative('1')).toBe(false);
    expect(isNegative('-0')).toBe(false);
  });
});

describe('agreement with the server', () => {
  it('uses the same currencies, exponents and maximum as common/money.ts', () => {
    expect(CURRENCIES).toEqual(SERVER_CURRENCIES);
    expect(AMOUNT_MINOR_MAX).toBe(SERVER_MAX);
  });
});

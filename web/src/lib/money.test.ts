// Goal: money typed by people becomes exact minor units, and API amounts display exactly, with
// no float anywhere; edge cases: zero, negatives, too many decimals, the maximum and one over it.
import { describe, expect, it } from 'vitest';
import { CURRENCIES as SERVER_CURRENCIES, AMOUNT_MINOR_MAX as SERVER_MAX } from '../../../common/money';
import {
  AMOUNT_MINOR_MAX,
  amountToInput,
  CURRENCIES,
  formatMinor,
  formatMoney,
  formatSignedMoney,
  isNegative,
  parseAmountInput,
} from './money';

function parsed(input: string, currency = 'EUR'): string {
  const result = parseAmountInput(input, currency);
  if (!result.ok) throw new Error(result.message);
  return result.amountMinor;
}

function refusal(input: string, currency = 'EUR'): string {
  const result = parseAmountInput(input, currency);
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
    expect(refusal('1,000.00')).toBeTruthy();
    expect(refusal('.5')).toBeTruthy();
    expect(refusal('abc')).toBeTruthy();
    expect(refusal('+5')).toBeTruthy();
    expect(refusal('Infinity')).toBeTruthy();
    expect(refusal('1'.repeat(40))).toMatch(/too long/);
  });

  it('accepts the maximum and refuses one minor unit over it', () => {
    expect(parsed('10000000000000', 'EUR')).toBe(AMOUNT_MINOR_MAX.toString());
    expect(refusal('10000000000000.01', 'EUR')).toMatch(/at most/);
  });
});

describe('formatMinor and formatMoney', () => {
  it('formats with integer arithmetic', () => {
    expect(formatMinor('0', 'EUR')).toBe('0.00');
    expect(formatMinor('5', 'EUR')).toBe('0.05');
    expect(formatMinor('1234', 'EUR')).toBe('12.34');
    expect(formatMinor('-500', 'EUR')).toBe('-5.00');
    expect(formatMinor('123456789', 'EUR')).toBe('1,234,567.89');
    expect(formatMinor('1234', 'JPY')).toBe('1,234');
    expect(formatMinor('99999999999999999999', 'EUR')).toBe('999,999,999,999,999,999.99');
  });

  it('adds symbols and signs', () => {
    expect(formatMoney('1234', 'EUR')).toBe('€12.34');
    expect(formatMoney('-500', 'EUR')).toBe('\u2212€5.00');
    expect(formatMoney('100', 'CHF')).toBe('CHF 1.00');
    expect(formatSignedMoney('500', 'USD')).toBe('+$5.00');
    expect(formatSignedMoney('-500', 'GBP')).toBe('\u2212£5.00');
    expect(formatSignedMoney('0', 'EUR')).toBe('€0.00');
  });

  it('refuses anything that is not an integer string', () => {
    expect(() => formatMinor('12.5', 'EUR')).toThrow(TypeError);
    expect(() => formatMinor('', 'EUR')).toThrow(TypeError);
    expect(() => formatMinor('1e3', 'EUR')).toThrow(TypeError);
  });

  it('round-trips parse and format', () => {
    for (const input of ['0.01', '12.34', '1000.00', '999999.99']) {
      expect(formatMinor(parsed(input), 'EUR').replaceAll(',', '')).toBe(input);
    }
  });

  it('prefills a field with an amount that parses back to itself', () => {
    expect(amountToInput('123456', 'EUR')).toBe('1234.56');
    expect(amountToInput('2500', 'JPY')).toBe('2500');
    for (const amountMinor of ['1', '1250', '100000000']) {
      expect(parsed(amountToInput(amountMinor, 'EUR'))).toBe(amountMinor);
    }
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

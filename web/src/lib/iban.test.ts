// Goal: the IBAN field accepts what the API accepts and refuses what it refuses: the example the
// form shows passes (issue #20: it was refused while "hello" was accepted), typos in the check
// digits or the length fail, and the browser's check agrees with common/iban.ts (ibantools).
import { describe, expect, it } from 'vitest';
import { parseIban as serverParseIban } from '../../../common/iban';
import { electronicIban, formatIban, IBAN_EXAMPLE, ibanError, parseIban } from './iban';

const VALID = [
  IBAN_EXAMPLE,
  'DE89370400440532013000',
  'de89 3704 0044 0532 0130 00',
  'GB82 WEST 1234 5698 7654 32',
  'FR76 3000 6000 0112 3456 7890 189',
  'NL91 ABNA 0417 1643 00',
  'CH93 0076 2011 6238 5295 7',
  'NO93 8601 1117 947',
  'BE68 5390 0754 7034',
];
const INVALID = [
  'hello',
  '',
  'DE89 3704 0044 0532 0130 01',
  'DE89 3704 0044 0532 0130 0',
  'GB82 WEST 1234 5698 7654 3',
  'XX89 3704 0044 0532 0130 00',
  'DE8937040044053201300000',
  '1234567890',
];

describe('parseIban', () => {
  it('accepts the example the form shows, in any spacing and case', () => {
    expect(parseIban(IBAN_EXAMPLE)).toBe('DE89370400440532013000');
    expect(ibanError(IBAN_EXAMPLE)).toBeUndefined();
    for (const text of VALID) expect(parseIban(text), text).not.toBeNull();
  });

  it('refuses words, wrong check digits, wrong lengths and unknown countries', () => {
    for (const text of INVALID) expect(parseIban(text), text).toBeNull();
    expect(ibanError('hello')).toBe(`Enter a valid IBAN, such as ${IBAN_EXAMPLE}.`);
    expect(ibanError('  ')).toBe('Enter the IBAN of your account.');
    expect(ibanError('DE89 3704 0044 0532 0130 0')).toBe(
      'An IBAN from DE has 22 characters; this one has 21.',
    );
  });

  it('agrees with the API on every sample', () => {
    for (const text of [...VALID, ...INVALID]) expect(parseIban(text), text).toBe(serverParseIban(text));
  });

  it('prints in groups of four', () => {
    expect(formatIban(electronicIban(IBAN_EXAMPLE))).toBe(IBAN_EXAMPLE);
  });
});

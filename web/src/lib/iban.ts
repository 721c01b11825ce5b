/**
 * IBANs in the browser, checked before the form is sent the way the API checks them
 * (common/iban.ts, with ibantools): spaces and case do not matter, the country's length must match
 * and the check digits must be right (ISO 13616, mod 97). So the example the form shows,
 * "DE89 3704 0044 0532 0130 00", is accepted, and "hello" is not. Kept small for the bundle (a
 * length table, no per-country BBAN patterns): the API has the last word, and a test keeps this
 * check in step with it on a set of samples. Pure.
 */

/** The example every IBAN field shows; it must pass this module's check (a test says so). */
export const IBAN_EXAMPLE = 'DE89 3704 0044 0532 0130 00';

/** IBAN lengths by country (SWIFT IBAN registry). */
const LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MR: 27,
  MT: 31,
  MU: 30,
  NL: 18,
  NO: 15,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  SA: 24,
  SC: 31,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
};

/** The electronic form: no spaces, upper case ("de89 3704…" -> "DE893704…"). */
export function electronicIban(text: string): string {
  return text.replace(/[\s\u00a0-]/g, '').toUpperCase();
}

/** ISO 7064 mod 97-10 over the rearranged IBAN, in chunks so no number exceeds 2^53. */
function mod97(electronic: string): number {
  const rearranged = electronic.slice(4) + electronic.slice(0, 4);
  let remainder = 0;
  for (const character of rearranged) {
    const value = /[0-9]/.test(character) ? character : String(character.charCodeAt(0) - 55);
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder;
}

/** The electronic form of a valid IBAN, or null when it is not one. */
export function parseIban(text: string): string | null {
  const electronic = electronicIban(text);
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/.test(electronic)) return null;
  const length = LENGTHS[electronic.slice(0, 2)];
  if (length === undefined || electronic.length !== length) return null;
  return mod97(electronic) === 1 ? electronic : null;
}

/** What to say beside the field, or undefined when the IBAN is fine. */
export function ibanError(text: string): string | undefined {
  if (text.trim() === '') return 'Enter the IBAN of your account.';
  if (parseIban(text)) return undefined;
  const electronic = electronicIban(text);
  const length = LENGTHS[electronic.slice(0, 2)];
  if (/^[A-Z]{2}[0-9]{2}/.test(electronic) && length !== undefined && electronic.length !== length) {
    return `An IBAN from ${electronic.slice(0, 2)} has ${length} characters; this one has ${electronic.length}.`;
  }
  return `Enter a valid IBAN, such as ${IBAN_EXAMPLE}.`;
}

/** Groups of four, as printed on a statement: "DE89370400440532013000" -> "DE89 3704 0044 0532 0130 00". */
export function formatIban(electronic: string): string {
  return electronic.replace(/(.{4})(?=.)/g, '$1 ');
}

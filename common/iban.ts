/**
 * IBANs as people write them ("DE89 3704 0044 0532 0130 00") and as banks store them
 * ("DE89370400440532013000"), checked by ibantools (country format and check digits). Pure.
 */
import { electronicFormatIBAN, friendlyFormatIBAN, isValidIBAN } from 'ibantools';

/** The electronic form of a valid IBAN, or null when it is not one. */
export function parseIban(text: string): string | null {
  const electronic = electronicFormatIBAN(text.trim());
  return electronic && isValidIBAN(electronic) ? electronic : null;
}

/** Groups of four, as printed on a statement. */
export function formatIban(electronic: string): string {
  return friendlyFormatIBAN(electronic) ?? electronic;
}

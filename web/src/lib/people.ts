/**
 * Other people as the wallet shows them: by the name they chose and their handle. Also the
 * suggestions offered in a recipient field (the people the person recently paid or was paid by,
 * then their saved contacts), and what a typed recipient becomes on the wire.
 */
import type { components } from './api-types';

export type Contact = components['schemas']['Contact'];
export type Contacts = components['schemas']['Contacts'];

/** A recipient field offers at most this many suggestions. */
export const SUGGESTIONS_MAX = 50;

/** The name to show: "Ada Lovelace", or "@ada" for someone who chose no name. */
export function personName(person: Contact): string {
  const name = person.displayName?.trim();
  return name ? name : `@${person.handle}`;
}

/** The name and the handle, so a person can tell two Adas apart: "Ada Lovelace (@ada)", or "@ada". */
export function personLabel(person: Contact): string {
  const name = person.displayName?.trim();
  return name ? `${name} (@${person.handle})` : `@${person.handle}`;
}

/** Recent counterparties first (newest first, as the API orders them), then saved contacts; each handle once. */
export function contactSuggestions(contacts: Contacts): Contact[] {
  const seen = new Set<string>();
  const suggestions: Contact[] = [];
  for (const contact of [...contacts.recent, ...contacts.saved]) {
    if (seen.has(contact.handle) || suggestions.length >= SUGGESTIONS_MAX) continue;
    seen.add(contact.handle);
    suggestions.push({ handle: contact.handle, displayName: contact.displayName });
  }
  return suggestions;
}

/** What a person typed as a recipient, as the API takes it: trimmed, "@ada" -> "ada"; an email stays as typed. */
export function recipientInput(text: string): string {
  return text.trim().replace(/^@/, '');
}

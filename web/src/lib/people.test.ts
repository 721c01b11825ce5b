// Goal: people are shown by their chosen name and handle, recipient suggestions list each person
// once (recent first), and a typed recipient reaches the API without a leading "@".
import { describe, expect, it } from 'vitest';
import { contactSuggestions, personLabel, personName, recipientInput, SUGGESTIONS_MAX } from './people';

describe('people', () => {
  it('names a person by display name and handle, or by handle alone', () => {
    expect(personLabel({ handle: 'ada', displayName: 'Ada Lovelace' })).toBe('Ada Lovelace (@ada)');
    expect(personLabel({ handle: 'bob', displayName: null })).toBe('@bob');
    expect(personLabel({ handle: 'bob', displayName: '  ' })).toBe('@bob');
    expect(personName({ handle: 'ada', displayName: 'Ada Lovelace' })).toBe('Ada Lovelace');
    expect(personName({ handle: 'bob', displayName: null })).toBe('@bob');
  });

  it('suggests recent counterparties first, then saved contacts, each once', () => {
    const suggestions = contactSuggestions({
      recent: [
        { handle: 'bob', displayName: null, lastTransferAt: '2026-12-01T10:00:00Z' },
        { handle: 'ada', displayName: 'Ada', lastTransferAt: '2026-11-01T10:00:00Z' },
      ],
      saved: [
        { handle: 'ada', displayName: 'Ada' },
        { handle: 'cy', displayName: 'Cy' },
      ],
    });
    expect(suggestions).toEqual([
      { handle: 'bob', displayName: null },
      { handle: 'ada', displayName: 'Ada' },
      { handle: 'cy', displayName: 'Cy' },
    ]);
    expect(contactSuggestions({ recent: [], saved: [] })).toEqual([]);
  });

  it('offers at most SUGGESTIONS_MAX suggestions', () => {
    const saved = Array.from({ length: SUGGESTIONS_MAX + 5 }, (_, index) => ({
      handle: `p${index}`,
      displayName: null,
    }));
    expect(contactSuggestions({ recent: [], saved })).toHaveLength(SUGGESTIONS_MAX);
  });

  it('sends a handle without "@" and an email as typed', () => {
    expect(recipientInput('  @ada ')).toBe('ada');
    expect(recipientInput('ada')).toBe('ada');
    expect(recipientInput('ada@example.test')).toBe('ada@example.test');
  });
});

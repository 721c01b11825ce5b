// Goal: dates read in the person's locale and time zone, a deadline today shows its time alone
// (and another day its date too), and a date the API sent malformed shows as sent, never "Invalid Date".
import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDeadline, formatShortDateTime } from './format';

const AT = '2026-03-02T09:41:02Z';

describe('formatDateTime', () => {
  it('follows the locale and the time zone', () => {
    expect(formatDateTime(AT, { locale: 'en-GB', timeZone: 'UTC' })).toBe('2 Mar 2026, 09:41');
    expect(formatDateTime(AT, { locale: 'de', timeZone: 'Europe/Berlin' })).toBe('02.03.2026, 10:41');
    expect(formatDateTime(AT, { locale: 'en-GB', timeZone: 'UTC', seconds: true })).toBe(
      '2 Mar 2026, 09:41:02',
    );
    expect(formatShortDateTime(AT, { locale: 'en-GB', timeZone: 'UTC' })).toBe('02/03/2026, 09:41');
  });

  it('shows a malformed date as it came', () => {
    expect(formatDateTime('not a date')).toBe('not a date');
    expect(formatDeadline('soon')).toBe('soon');
  });
});

describe('formatDeadline', () => {
  const now = new Date('2026-03-02T08:00:00Z');
  it('shows the time alone on the same day, and the date too on another', () => {
    expect(formatDeadline('2026-03-02T14:05:00Z', now, { locale: 'en-GB', timeZone: 'UTC' })).toBe('14:05');
    expect(formatDeadline('2026-03-02T14:05:00Z', now, { locale: 'en-US', timeZone: 'UTC' })).toMatch(
      /^2:05\sPM$/,
    );
    expect(formatDeadline('2026-03-03T14:05:00Z', now, { locale: 'en-GB', timeZone: 'UTC' })).toBe(
      '3 Mar, 14:05',
    );
  });

  it('decides "today" in the reader\'s time zone', () => {
    // 23:30 UTC on the 2nd is already the 3rd in Berlin.
    expect(formatDeadline('2026-03-02T23:30:00Z', now, { locale: 'en-GB', timeZone: 'Europe/Berlin' })).toBe(
      '3 Mar, 00:30',
    );
  });
});

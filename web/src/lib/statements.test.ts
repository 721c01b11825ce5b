import { describe, expect, it } from 'vitest';
import { monthPeriod, statementPath } from './statements';

describe('statement periods', () => {
  it('is a whole local month, this one or earlier ones, across a year boundary', () => {
    const at = new Date(2027, 0, 15, 12);
    const january = monthPeriod(at, 0, 'en-GB');
    expect(january.month).toBe('2027-01');
    expect(january.label).toBe('January 2027');
    expect(new Date(january.from).getTime()).toBe(new Date(2027, 0, 1).getTime());
    expect(new Date(january.to).getTime()).toBe(new Date(2027, 1, 1).getTime());
    expect(monthPeriod(at, 1, 'en-GB').month).toBe('2026-12');
  });

  it('asks the API for the period and the format', () => {
    const path = statementPath(
      'EUR',
      { from: '2026-12-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' },
      'pdf',
    );
    expect(path).toBe(
      '/v1/wallets/EUR/statement?from=2026-12-01T00%3A00%3A00.000Z&to=2027-01-01T00%3A00%3A00.000Z&format=pdf',
    );
  });
});

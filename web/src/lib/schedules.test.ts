// Goal: a schedule's repeat reads in words at the wall-clock time of its own time zone, run
// outcomes read in words, and the first run time typed into a datetime-local field becomes the
// right instant, refused when it is not a real date, not in the future, or more than a year ahead.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkStartInput,
  describeRepeat,
  localInputToDate,
  ordinal,
  repeatLabel,
  runOutcomeLabel,
  runTime,
  scheduleStatusLabel,
  toLocalInput,
} from './schedules';

describe('repeat in words', () => {
  it('labels the repeat options', () => {
    expect(['once', 'daily', 'weekly', 'monthly'].map(repeatLabel)).toEqual([
      'Once',
      'Every day',
      'Every week',
      'Every month',
    ]);
  });

  it('writes ordinals', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '31st',
    ]);
  });

  it("reads the day and time in the schedule's time zone", () => {
    // 2027-01-04T23:30Z is Tuesday the 5th at 08:30 in Tokyo and Monday the 4th at 23:30 in UTC.
    const startAt = '2027-01-04T23:30:00Z';
    expect(describeRepeat({ repeat: 'monthly', startAt, timeZone: 'Asia/Tokyo' })).toBe(
      'Every month on the 5th at 08:30',
    );
    expect(describeRepeat({ repeat: 'weekly', startAt, timeZone: 'Asia/Tokyo' })).toBe(
      'Every week on Tuesday at 08:30',
    );
    expect(describeRepeat({ repeat: 'weekly', startAt, timeZone: 'UTC' })).toBe(
      'Every week on Monday at 23:30',
    );
    expect(describeRepeat({ repeat: 'daily', startAt, timeZone: 'Europe/Berlin' })).toBe(
      'Every day at 00:30',
    );
    expect(describeRepeat({ repeat: 'once', startAt, timeZone: 'UTC' })).toBe('Once');
  });

  it('warns that a monthly run late in the month skips shorter months', () => {
    expect(describeRepeat({ repeat: 'monthly', startAt: '2027-01-31T09:00:00Z', timeZone: 'UTC' })).toBe(
      'Every month on the 31st at 09:00 (skipped in months without that day)',
    );
    expect(describeRepeat({ repeat: 'monthly', startAt: '2027-01-28T09:00:00Z', timeZone: 'UTC' })).toBe(
      'Every month on the 28th at 09:00',
    );
  });
});

describe('runs', () => {
  it('names outcomes and dates a run by its scheduled time', () => {
    expect(['PENDING', 'COMPLETED', 'REFUSED', 'FAILED', 'SKIPPED'].map(runOutcomeLabel)).toEqual([
      'In progress',
      'Paid',
      'Refused',
      'Failed',
      'Skipped',
    ]);
    expect([scheduleStatusLabel('ACTIVE'), scheduleStatusLabel('PAUSED')]).toEqual(['Active', 'Paused']);
    expect(runTime({ runKey: '2027-01-05T08:30:00Z', createdAt: '2027-01-05T08:30:02Z' })).toBe(
      '2027-01-05T08:30:00Z',
    );
    expect(runTime({ runKey: 'manual_1', createdAt: '2027-01-05T08:30:02Z' })).toBe('2027-01-05T08:30:02Z');
  });
});

describe('the first run time', () => {
  const originalTimeZone = process.env.TZ;
  beforeEach(() => {
    // Node reads TZ when a Date is made; Berlin has an offset, so a mix-up with UTC would show.
    process.env.TZ = 'Europe/Berlin';
  });
  afterEach(() => {
    process.env.TZ = originalTimeZone;
  });

  it('reads a datetime-local value as wall-clock time in the local time zone', () => {
    expect(localInputToDate('2027-01-05T09:30')?.toISOString()).toBe('2027-01-05T08:30:00.000Z');
    expect(localInputToDate('2027-07-05T09:30:15')?.toISOString()).toBe('2027-07-05T07:30:15.000Z');
    expect(toLocalInput(new Date('2027-01-05T08:30:00Z'))).toBe('2027-01-05T09:30');
  });

  it('refuses what is not a real date and time', () => {
    expect(localInputToDate('2027-02-30T09:00')).toBeUndefined();
    expect(localInputToDate('tomorrow')).toBeUndefined();
    expect(localInputToDate('2027-01-05')).toBeUndefined();
  });

  it('accepts only the future, within a year', () => {
    const now = new Date('2027-01-05T08:00:00Z'); // 09:00 in Berlin
    expect(checkStartInput('2027-01-05T09:30', now)).toEqual({
      ok: true,
      startAt: '2027-01-05T08:30:00.000Z',
    });
    expect(checkStartInput('', now)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Choose the date/),
    });
    expect(checkStartInput('2027-01-05T09:00', now)).toMatchObject({
      ok: false,
      message: 'Choose a time in the future.',
    });
    expect(checkStartInput('2028-02-01T09:00', now)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/within the next year/),
    });
    expect(checkStartInput('2027-13-01T09:00', now)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Enter a date/),
    });
  });
});

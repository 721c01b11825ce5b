/**
 * Dates and times as people read them, in their locale and time zone (Intl.DateTimeFormat).
 * `locale` and `timeZone` default to the browser's; tests pass them explicitly. An unreadable
 * date string is shown as it came rather than as "Invalid Date".
 */

export interface DateOptions {
  locale?: string;
  timeZone?: string;
}

function parse(iso: string): Date | undefined {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** "2 Mar 2026, 10:41" (en-GB), "Mar 2, 2026, 10:41 AM" (en-US), "02.03.2026, 10:41" (de). */
export function formatDateTime(iso: string, options: DateOptions & { seconds?: boolean } = {}): string {
  const date = parse(iso);
  if (!date) return iso;
  return date.toLocaleString(options.locale, {
    dateStyle: 'medium',
    timeStyle: options.seconds ? 'medium' : 'short',
    timeZone: options.timeZone,
  });
}

/** A compact date and time for tables: "02/03/2026, 10:41" style, short enough for one line. */
export function formatShortDateTime(iso: string, options: DateOptions = {}): string {
  const date = parse(iso);
  if (!date) return iso;
  return date.toLocaleString(options.locale, {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: options.timeZone,
  });
}

/**
 * A moment soon, as a deadline reads: the time alone when it is on the same calendar day as `now`
 * ("14:05", "2:05 PM"), else the date too ("3 Mar, 14:05").
 */
export function formatDeadline(iso: string, now: Date = new Date(), options: DateOptions = {}): string {
  const date = parse(iso);
  if (!date) return iso;
  const day = (value: Date) => value.toLocaleDateString('en-CA', { timeZone: options.timeZone });
  const time = date.toLocaleTimeString(options.locale, { timeStyle: 'short', timeZone: options.timeZone });
  if (day(date) === day(now)) return time;
  return `${date.toLocaleDateString(options.locale, { month: 'short', day: 'numeric', timeZone: options.timeZone })}, ${time}`;
}

/**
 * Scheduled and recurring transfers as the UI shows and creates them: the repeat in words ("Every
 * month on the 5th at 09:30"), the outcome of a run, and the first run time a person picks in a
 * `datetime-local` field (wall-clock time in the browser's time zone) turned into an instant.
 */
import type { components } from './api-types';

export type TransferSchedule = components['schemas']['TransferSchedule'];
export type ScheduleRepeat = TransferSchedule['repeat'];
export type ScheduleRun = TransferSchedule['runs'][number];

export const REPEAT_OPTIONS: readonly { value: ScheduleRepeat; label: string }[] = [
  { value: 'once', label: 'Once' },
  { value: 'daily', label: 'Every day' },
  { value: 'weekly', label: 'Every week' },
  { value: 'monthly', label: 'Every month' },
];

/** How far ahead the first run may be; the API refuses later starts. */
export const START_WITHIN_DAYS = 366;
const DAY_MS = 24 * 3600 * 1000;
/** Days every month has; a schedule on a later day skips the months without it. */
const DAYS_IN_EVERY_MONTH = 28;

export function repeatLabel(repeat: string): string {
  return REPEAT_OPTIONS.find((option) => option.value === repeat)?.label ?? repeat;
}

/** 1 -> "1st", 2 -> "2nd", 11 -> "11th", 23 -> "23rd". */
export function ordinal(day: number): string {
  const lastTwo = day % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${day}th`;
  return `${day}${['th', 'st', 'nd', 'rd'][day % 10] ?? 'th'}`;
}

/** The wall-clock fields of an instant in a time zone (the schedule's, not the browser's). */
function wallClock(at: Date, timeZone: string): { weekday: string; day: number; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'long',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return { weekday: parts.weekday ?? '', day: Number(parts.day), time: `${parts.hour}:${parts.minute}` };
}

/**
 * The repeat in words, read at the start time's wall clock in the schedule's time zone, as the
 * API runs it: "Once", "Every day at 09:30", "Every week on Monday at 09:30", "Every month on the
 * 5th at 09:30" (with a warning from the 29th on: months without that day have no run).
 */
export function describeRepeat(schedule: Pick<TransferSchedule, 'repeat' | 'startAt' | 'timeZone'>): string {
  const startAt = new Date(schedule.startAt);
  if (schedule.repeat === 'once' || Number.isNaN(startAt.getTime())) return repeatLabel(schedule.repeat);
  const clock = wallClock(startAt, schedule.timeZone);
  if (schedule.repeat === 'daily') return `Every day at ${clock.time}`;
  if (schedule.repeat === 'weekly') return `Every week on ${clock.weekday} at ${clock.time}`;
  const skipped = clock.day > DAYS_IN_EVERY_MONTH ? ' (skipped in months without that day)' : '';
  return `Every month on the ${ordinal(clock.day)} at ${clock.time}${skipped}`;
}

export function scheduleStatusLabel(status: string): string {
  if (status === 'ACTIVE') return 'Active';
  if (status === 'PAUSED') return 'Paused';
  if (status === 'FINISHED') return 'Done';
  return status;
}

const RUN_OUTCOME_LABELS: Record<ScheduleRun['outcome'], string> = {
  PENDING: 'In progress',
  COMPLETED: 'Paid',
  REFUSED: 'Refused',
  FAILED: 'Failed',
  SKIPPED: 'Skipped',
};

export function runOutcomeLabel(outcome: string): string {
  return (RUN_OUTCOME_LABELS as Record<string, string>)[outcome] ?? outcome;
}

export function runOutcomeTone(outcome: string): 'ok' | 'bad' | 'wait' | 'neutral' {
  if (outcome === 'COMPLETED') return 'ok';
  if (outcome === 'REFUSED' || outcome === 'FAILED') return 'bad';
  if (outcome === 'PENDING') return 'wait';
  return 'neutral';
}

/** When a run was due: its key is its scheduled time (RFC 3339); else when it was recorded. */
export function runTime(run: Pick<ScheduleRun, 'runKey' | 'createdAt'>): string {
  return Number.isNaN(Date.parse(run.runKey)) ? run.createdAt : run.runKey;
}

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * Reads a `datetime-local` value ("2027-01-05T09:30") as wall-clock time in the browser's time
 * zone. Undefined for anything else, including dates that do not exist ("2027-02-30").
 */
export function localInputToDate(value: string): Date | undefined {
  const match = LOCAL_INPUT.exec(value.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(year, month - 1, day, hour, minute, second);
  // Date rolls "February 30th" over into March; a field that changed means no such date.
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day)
    return undefined;
  return date;
}

/** A `datetime-local` value for an instant, in the browser's time zone, to the minute. */
export function toLocalInput(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export type StartCheck = { ok: true; startAt: string } | { ok: false; message: string };

/** Checks the first run time a person picked: a real date and time, in the future, within a year. */
export function checkStartInput(value: string, now: Date = new Date()): StartCheck {
  if (value.trim() === '') return { ok: false, message: 'Choose the date and time of the first transfer.' };
  const date = localInputToDate(value);
  if (!date) return { ok: false, message: 'Enter a date and time, for example 2027-01-05 09:30.' };
  if (date.getTime() <= now.getTime()) return { ok: false, message: 'Choose a time in the future.' };
  if (date.getTime() > now.getTime() + START_WITHIN_DAYS * DAY_MS) {
    return { ok: false, message: 'Choose a first transfer within the next year.' };
  }
  return { ok: true, startAt: date.toISOString() };
}

/** The browser's IANA time zone ("Europe/Berlin"); the API reads the schedule's wall clock in it. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

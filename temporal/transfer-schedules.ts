/**
 * The Temporal Schedule behind each scheduled or recurring transfer: id `kizo-transfer-<id>`,
 * a calendar spec from the owner's start time, repeat and time zone, and an action that starts
 * one `scheduledTransferWorkflow` run per time. Operators see and work them in the Web UI
 * (Schedules) and with `temporal schedule list|describe|trigger|toggle` (docs/operators.md).
 * The API calls these for the owner; the worker pauses a schedule whose runs keep being refused.
 */
import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type CalendarSpec,
  type Client,
  type DayOfWeek,
  type Month,
  type ScheduleSpec,
} from '@temporalio/client';
import type { ScheduleRepeat } from '../transfers/schedules';
import { scheduledRunWorkflowIdPrefix } from '../workflows/ids';
import { TASK_QUEUE_TRANSFERS } from './task-queues';

const MONTHS: readonly Month[] = [
  'JANUARY',
  'FEBRUARY',
  'MARCH',
  'APRIL',
  'MAY',
  'JUNE',
  'JULY',
  'AUGUST',
  'SEPTEMBER',
  'OCTOBER',
  'NOVEMBER',
  'DECEMBER',
];
const DAYS: readonly DayOfWeek[] = [
  'SUNDAY',
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
];

export function temporalScheduleId(scheduleId: string): string {
  return `kizo-transfer-${scheduleId}`;
}

export interface TransferScheduleTiming {
  repeat: ScheduleRepeat;
  startAt: Date;
  /** IANA name; the calendar's wall-clock time is read in it (the 1st of the month where the owner lives). */
  timeZone: string;
}

/** The start time's wall-clock fields in the time zone. */
function wallClock(at: Date, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday ?? ''),
  };
}

/** Whether the runtime knows the IANA time zone. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export function scheduleSpecOf(timing: TransferScheduleTiming): ScheduleSpec {
  const t = wallClock(timing.startAt, timing.timeZone);
  const time: CalendarSpec = { hour: t.hour, minute: t.minute, second: t.second };
  const calendar: CalendarSpec =
    timing.repeat === 'once'
      ? { ...time, year: t.year, month: MONTHS[t.month - 1]!, dayOfMonth: t.day }
      : timing.repeat === 'daily'
        ? time
        : timing.repeat === 'weekly'
          ? { ...time, dayOfWeek: DAYS[t.weekday]! }
          : // A month without that day (the 31st in April) has no run, as with a standing order on that day.
            { ...time, dayOfMonth: t.day };
  // The first run is at the start time, never before (a daily schedule created at 18:00 for 09:00 tomorrow).
  return { calendars: [calendar], timezone: timing.timeZone, startAt: timing.startAt };
}

/** Creates the Schedule (a retry finds it there and leaves it). */
export async function createTransferSchedule(
  client: Client,
  scheduleId: string,
  timing: TransferScheduleTiming,
  memo: Record<string, string>,
): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId: temporalScheduleId(scheduleId),
      spec: scheduleSpecOf(timing),
      action: {
        type: 'startWorkflow',
        workflowType: 'scheduledTransferWorkflow',
        workflowId: scheduledRunWorkflowIdPrefix(scheduleId),
        taskQueue: TASK_QUEUE_TRANSFERS,
        args: [{ scheduleId }],
      },
      memo,
      // Runs queue rather than overlap or vanish; a run missed while the cluster was down is
      // still made within a day (its idempotency key is its scheduled time, so it pays once).
      policies: { overlap: ScheduleOverlapPolicy.BUFFER_ALL, catchupWindow: '1 day' },
      state: timing.repeat === 'once' ? { remainingActions: 1 } : {},
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
}

export async function pauseTransferSchedule(client: Client, scheduleId: string, note: string): Promise<void> {
  await client.schedule.getHandle(temporalScheduleId(scheduleId)).pause(note);
}

export async function resumeTransferSchedule(
  client: Client,
  scheduleId: string,
  note: string,
): Promise<void> {
  await client.schedule.getHandle(temporalScheduleId(scheduleId)).unpause(note);
}

/** Deletes the Schedule; one already gone is fine. */
export async function deleteTransferSchedule(client: Client, scheduleId: string): Promise<void> {
  try {
    await client.schedule.getHandle(temporalScheduleId(scheduleId)).delete();
  } catch (error) {
    if (!(error instanceof ScheduleNotFoundError)) throw error;
  }
}

/** When it runs next (none when paused, finished or gone). */
export async function nextRunsOf(client: Client, scheduleId: string, count = 3): Promise<Date[]> {
  try {
    const description = await client.schedule.getHandle(temporalScheduleId(scheduleId)).describe();
    if (description.state.paused) return [];
    if (description.state.remainingActions === 0) return [];
    return description.info.nextActionTimes.slice(0, count);
  } catch (error) {
    if (error instanceof ScheduleNotFoundError) return [];
    throw error;
  }
}

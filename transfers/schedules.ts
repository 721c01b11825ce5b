/**
 * The `transfer_schedules` and `transfer_schedule_runs` tables, read and written here only.
 * The API writes what the owner asks (create, pause, resume, new amount, delete); each run of a
 * schedule records itself here before its transfer starts and its outcome after, once.
 */
import type { Database } from '../prisma/client';
import type { ScheduledRunOutcome } from '../workflows/definitions';

export type ScheduleRepeat = 'once' | 'daily' | 'weekly' | 'monthly';
export const SCHEDULE_REPEATS: readonly ScheduleRepeat[] = ['once', 'daily', 'weekly', 'monthly'];

export interface NewSchedule {
  id: string;
  ownerId: string;
  recipientUserId: string;
  currency: string;
  amountMinor: bigint;
  note: string | null;
  repeat: ScheduleRepeat;
  startAt: Date;
  timeZone: string;
  idempotencyKey: string;
}

/** Runs shown with a schedule, newest first. */
export const RECENT_RUNS = 10;

const WITH_RECENT_RUNS = { runs: { orderBy: { createdAt: 'desc' as const }, take: RECENT_RUNS } };

/** Inserts the schedule once per owner and key; answers the stored one (a retry's twin). */
export async function insertSchedule(db: Database, schedule: NewSchedule) {
  await db.$executeRaw`
    INSERT INTO transfer_schedules (id, owner_id, recipient_user_id, currency, amount_minor, note, repeat, start_at, time_zone, idempotency_key)
    VALUES (${schedule.id}::uuid, ${schedule.ownerId}::uuid, ${schedule.recipientUserId}::uuid, ${schedule.currency}, ${schedule.amountMinor},
            ${schedule.note}, ${schedule.repeat}, ${schedule.startAt}, ${schedule.timeZone}, ${schedule.idempotencyKey})
    ON CONFLICT DO NOTHING`;
  return db.transferSchedule.findUnique({
    where: { ownerId_idempotencyKey: { ownerId: schedule.ownerId, idempotencyKey: schedule.idempotencyKey } },
    include: WITH_RECENT_RUNS,
  });
}

export function listSchedules(db: Database, ownerId: string) {
  return db.transferSchedule.findMany({
    where: { ownerId, status: { not: 'DELETED' } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    include: WITH_RECENT_RUNS,
  });
}

/** The owner's schedule (a deleted one is gone for them). */
export function findSchedule(db: Database, scheduleId: string, ownerId: string) {
  return db.transferSchedule.findFirst({
    where: { id: scheduleId, ownerId, status: { not: 'DELETED' } },
    include: WITH_RECENT_RUNS,
  });
}

export type ScheduleRow = NonNullable<Awaited<ReturnType<typeof findSchedule>>>;

/** Schedules that may still run (the per-user bound). */
export function countSchedules(db: Database, ownerId: string): Promise<number> {
  return db.transferSchedule.count({ where: { ownerId, status: { in: ['ACTIVE', 'PAUSED'] } } });
}

/** The owner's change; a resume also forgets the refusals that paused it. */
export async function updateSchedule(
  db: Database,
  scheduleId: string,
  change: { status?: 'ACTIVE' | 'PAUSED' | 'DELETED'; amountMinor?: bigint },
): Promise<void> {
  await db.transferSchedule.update({
    where: { id: scheduleId },
    data: {
      ...(change.status ? { status: change.status } : {}),
      ...(change.status === 'ACTIVE' ? { consecutiveRefusals: 0, pausedReason: null } : {}),
      ...(change.amountMinor !== undefined ? { amountMinor: change.amountMinor } : {}),
      updatedAt: new Date(),
    },
  });
}

/** What a run needs to pay: the schedule as it is now, or why it does not pay. */
export async function readScheduleForRun(db: Database, scheduleId: string) {
  return db.transferSchedule.findUnique({ where: { id: scheduleId } });
}

/** Records a run once (PENDING with its transfer, or SKIPPED with why); a repeat keeps the first. */
export async function insertRun(
  db: Database,
  run: {
    scheduleId: string;
    runKey: string;
    transferId: string | null;
    outcome: 'PENDING' | 'SKIPPED';
    reason: string | null;
  },
): Promise<void> {
  await db.$executeRaw`
    INSERT INTO transfer_schedule_runs (schedule_id, run_key, transfer_id, outcome, failure_reason)
    VALUES (${run.scheduleId}::uuid, ${run.runKey}, ${run.transferId}::uuid, ${run.outcome}, ${run.reason})
    ON CONFLICT DO NOTHING`;
}

/**
 * Records a run's outcome once and counts it: a refusal adds one to the schedule's refusals in a
 * row, a completed run resets them. Answers the count after this run (a repeat changes nothing).
 */
export async function finishRun(
  db: Database,
  run: {
    scheduleId: string;
    runKey: string;
    outcome: Exclude<ScheduledRunOutcome, 'SKIPPED'>;
    reason: string | null;
  },
): Promise<{ consecutiveRefusals: number; status: string }> {
  const [row] = await db.$queryRaw<{ consecutive_refusals: number; status: string }[]>`
    WITH run AS (
      UPDATE transfer_schedule_runs SET outcome = ${run.outcome}, failure_reason = ${run.reason}, updated_at = now()
       WHERE schedule_id = ${run.scheduleId}::uuid AND run_key = ${run.runKey} AND outcome = 'PENDING'
      RETURNING schedule_id),
    counted AS (
      UPDATE transfer_schedules
         SET consecutive_refusals = CASE ${run.outcome} WHEN 'REFUSED' THEN consecutive_refusals + 1 WHEN 'COMPLETED' THEN 0 ELSE consecutive_refusals END,
             -- A one-off schedule has had its run, whatever came of it.
             status = CASE WHEN repeat = 'once' AND status = 'ACTIVE' THEN 'FINISHED'::"TransferScheduleStatus" ELSE status END,
             updated_at = now()
       WHERE id IN (SELECT schedule_id FROM run)
      RETURNING consecutive_refusals, status::text)
    SELECT consecutive_refusals, status FROM counted
    UNION ALL
    SELECT consecutive_refusals, status::text FROM transfer_schedules WHERE id = ${run.scheduleId}::uuid AND NOT EXISTS (SELECT 1 FROM counted)`;
  return { consecutiveRefusals: row?.consecutive_refusals ?? 0, status: row?.status ?? 'DELETED' };
}

/** The worker paused it (refusals in a row); an owner's own pause or delete stands. */
export async function markPausedByWorker(db: Database, scheduleId: string, reason: string): Promise<boolean> {
  const changed = await db.$executeRaw`
    UPDATE transfer_schedules SET status = 'PAUSED', paused_reason = ${reason}, updated_at = now()
     WHERE id = ${scheduleId}::uuid AND status = 'ACTIVE'`;
  return changed > 0;
}

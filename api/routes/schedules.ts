/**
 * Scheduled and recurring transfers: "send 25.00 to bob on the 1st of every month", or once at a
 * given time. The owner creates (idempotent by Idempotency-Key), lists, pauses, resumes, changes
 * the amount of, and deletes their schedules; each is a Temporal Schedule
 * (temporal/transfer-schedules.ts) whose runs are ordinary P2P transfers keyed by their
 * scheduled time (workflows/scheduled-transfer.ts). Anyone else's schedule does not exist here.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Client } from '@temporalio/client';
import type { Config } from '../../common/config';
import { uuidV5 } from '../../common/ids';
import { parseAmountMinor, parseCurrency } from '../../common/money';
import type { Database } from '../../prisma/client';
import {
  createTransferSchedule,
  deleteTransferSchedule,
  isTimeZone,
  nextRunsOf,
  pauseTransferSchedule,
  resumeTransferSchedule,
  temporalScheduleId,
} from '../../temporal/transfer-schedules';
import {
  countSchedules,
  findSchedule,
  insertSchedule,
  listSchedules,
  SCHEDULE_REPEATS,
  updateSchedule,
  type ScheduleRow,
} from '../../transfers/schedules';
import { idempotent } from '../idempotency/idempotent';
import { requireIdempotencyKey } from '../idempotency/require-key';
import type { IdempotencyStore } from '../idempotency/store';
import { ProblemError } from '../problem';
import { resolveRecipient } from '../recipients';
import { createRouter } from '../router';
import {
  AmountMinorInput,
  authProblems,
  CurrencyInput,
  IdempotencyKeyHeader,
  IdParam,
  idempotentReplayedHeader,
  MinorUnits,
  NoteInput,
  idempotentCreateProblems,
  problemDoc,
} from '../schemas';

/** How far ahead a schedule may start. */
const START_WITHIN_DAYS = 366;

const ScheduleRun = z.object({
  runKey: z.string().openapi({ description: 'The scheduled time of the run, as Temporal names it' }),
  outcome: z.enum(['PENDING', 'COMPLETED', 'REFUSED', 'FAILED', 'SKIPPED']),
  transferId: z.string().uuid().nullable(),
  failureReason: z.string().nullable(),
  createdAt: z.string().openapi({ format: 'date-time' }),
});

export const TransferSchedule = z
  .object({
    id: z.string().uuid(),
    status: z
      .enum(['ACTIVE', 'PAUSED', 'FINISHED'])
      .openapi({ description: 'FINISHED: a one-off schedule that has run' }),
    pausedReason: z
      .string()
      .nullable()
      .openapi({ description: 'Set when the worker paused it after refused runs in a row' }),
    recipient: z.object({ handle: z.string(), displayName: z.string().nullable() }),
    amountMinor: MinorUnits,
    currency: z.string(),
    note: z.string().nullable(),
    repeat: z.enum(['once', 'daily', 'weekly', 'monthly']),
    startAt: z.string().openapi({ format: 'date-time' }),
    timeZone: z.string(),
    consecutiveRefusals: z.number().int(),
    nextRunsAt: z
      .array(z.string().openapi({ format: 'date-time' }))
      .openapi({ description: 'The next few run times (none while paused)' }),
    temporalScheduleId: z.string().openapi({
      description: 'Its Temporal Schedule, for operators (`temporal schedule describe --schedule-id ...`)',
    }),
    runs: z.array(ScheduleRun).openapi({ description: 'The latest runs, newest first' }),
    createdAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('TransferSchedule');

const scheduleProblems = {
  ...authProblems,
  404: problemDoc("No such schedule among the caller's (`not-found`)"),
};
const json = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});
const ok = (description: string) => ({
  description,
  content: { 'application/json': { schema: TransferSchedule } },
});

const create = createRoute({
  method: 'post',
  path: '/',
  tags: ['schedules'],
  summary: 'Schedule a transfer, once or recurring',
  description:
    'Idempotent by the `Idempotency-Key` header. `repeat` is `once` (at `startAt`), `daily`, `weekly` (on the weekday of `startAt`) or `monthly` (on its day of the month; months without that day are skipped), at the wall-clock time of `startAt` in `timeZone`. Each run is an ordinary P2P transfer; a run refused (e.g. insufficient funds) is recorded and the schedule goes on, until several in a row pause it.',
  security: [{ bearerAuth: [] }],
  middleware: [requireIdempotencyKey] as const,
  request: {
    headers: IdempotencyKeyHeader,
    body: json(
      z.object({
        recipient: z
          .string()
          .trim()
          .min(1)
          .max(254)
          .openapi({ description: "Recipient's email or handle", example: 'bob' }),
        amountMinor: AmountMinorInput,
        currency: CurrencyInput,
        note: NoteInput.optional(),
        startAt: z.iso
          .datetime({
            offset: true,
            message: 'Give the first run time as an ISO 8601 date and time, e.g. 2027-01-01T09:00:00Z',
          })
          .openapi({ example: '2027-01-01T09:00:00Z' }),
        repeat: z
          .enum(SCHEDULE_REPEATS as unknown as ['once', 'daily', 'weekly', 'monthly'])
          .default('monthly'),
        timeZone: z
          .string()
          .max(64)
          .default('UTC')
          .refine(isTimeZone, 'Use an IANA time zone such as Europe/Berlin')
          .openapi({ example: 'Europe/Berlin' }),
      }),
    ),
  },
  responses: {
    201: { ...ok('The schedule'), headers: idempotentReplayedHeader },
    ...idempotentCreateProblems(
      '`recipient-not-found`, `self-transfer`, `start-not-in-future`, `too-many-schedules`, `idempotency-key-reused`',
    ),
  },
});

const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['schedules'],
  summary: "The caller's schedules, newest first",
  security: [{ bearerAuth: [] }],
  responses: {
    200: {
      description: 'Every schedule not deleted',
      content: {
        'application/json': {
          schema: z.object({ items: z.array(TransferSchedule) }).openapi('TransferScheduleList'),
        },
      },
    },
    ...authProblems,
  },
});

const get = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['schedules'],
  summary: 'One schedule with its latest runs',
  security: [{ bearerAuth: [] }],
  request: { params: IdParam },
  responses: { 200: ok('The schedule'), 400: problemDoc('The id is not a UUID'), ...scheduleProblems },
});

const edit = createRoute({
  method: 'patch',
  path: '/{id}',
  tags: ['schedules'],
  summary: 'Change the amount of the next runs',
  security: [{ bearerAuth: [] }],
  request: { params: IdParam, body: json(z.object({ amountMinor: AmountMinorInput })) },
  responses: { 200: ok('The schedule'), 400: problemDoc('Invalid amount or id'), ...scheduleProblems },
});

const toggle = (action: 'pause' | 'resume') =>
  createRoute({
    method: 'post',
    path: `/{id}/${action}`,
    tags: ['schedules'],
    summary:
      action === 'pause'
        ? 'Pause: no run until resumed'
        : 'Resume a paused schedule (its refusal count starts again)',
    security: [{ bearerAuth: [] }],
    request: { params: IdParam },
    responses: {
      200: ok('The schedule'),
      400: problemDoc('The id is not a UUID'),
      ...scheduleProblems,
      409: problemDoc('A one-off schedule that has run (`schedule-finished`)'),
    },
  });

const remove = createRoute({
  method: 'delete',
  path: '/{id}',
  tags: ['schedules'],
  summary: 'Delete a schedule: no more runs (transfers made stay)',
  security: [{ bearerAuth: [] }],
  request: { params: IdParam },
  responses: {
    204: { description: 'Deleted' },
    400: problemDoc('The id is not a UUID'),
    ...scheduleProblems,
  },
});

export function scheduleRoutes(dependencies: {
  db: Database;
  temporal: Client;
  config: Config;
  idempotency: IdempotencyStore;
}) {
  const { db, temporal, config } = dependencies;
  const app = createRouter();

  async function viewOf(row: ScheduleRow) {
    const recipient = await db.user.findUnique({
      where: { id: row.recipientUserId },
      select: { handle: true, displayName: true },
    });
    const nextRuns = row.status === 'ACTIVE' ? await nextRunsOf(temporal, row.id) : [];
    return {
      id: row.id,
      status: row.status === 'DELETED' ? ('FINISHED' as const) : row.status,
      pausedReason: row.pausedReason,
      recipient: recipient ?? { handle: 'unknown', displayName: null },
      amountMinor: row.amountMinor.toString(),
      currency: row.currency,
      note: row.note,
      repeat: row.repeat as 'once' | 'daily' | 'weekly' | 'monthly',
      startAt: row.startAt.toISOString(),
      timeZone: row.timeZone,
      consecutiveRefusals: row.consecutiveRefusals,
      nextRunsAt: nextRuns.map((at) => at.toISOString()),
      temporalScheduleId: temporalScheduleId(row.id),
      runs: row.runs.map((run) => ({
        runKey: run.runKey,
        outcome: run.outcome as 'PENDING',
        transferId: run.transferId,
        failureReason: run.failureReason,
        createdAt: run.createdAt.toISOString(),
      })),
      createdAt: row.createdAt.toISOString(),
    };
  }

  async function ownSchedule(id: string, ownerId: string): Promise<ScheduleRow> {
    const row = await findSchedule(db, id, ownerId);
    if (!row) throw new ProblemError(404, 'not-found', 'Schedule not found');
    return row;
  }

  app.openapi(create, async (c) => {
    const body = c.req.valid('json');
    const user = c.get('user');
    const idempotencyKey = c.req.valid('header')['idempotency-key'];
    const amountMinor = parseAmountMinor(body.amountMinor);
    const response = await idempotent(
      c,
      dependencies.idempotency,
      { userId: user.id, key: idempotencyKey, body: { ...body, amountMinor: amountMinor.toString() } },
      async () => {
        const recipient = await resolveRecipient(db, user.id, body.recipient);
        const startAt = new Date(body.startAt);
        const now = Date.now();
        if (startAt.getTime() <= now || startAt.getTime() > now + START_WITHIN_DAYS * 24 * 3600 * 1000) {
          throw new ProblemError(
            422,
            'start-not-in-future',
            'Choose a start time in the future',
            `the first run must be within ${START_WITHIN_DAYS} days from now`,
          );
        }
        if ((await countSchedules(db, user.id)) >= config.SCHEDULES_PER_USER_MAX) {
          throw new ProblemError(
            422,
            'too-many-schedules',
            'Too many schedules',
            `you may keep ${config.SCHEDULES_PER_USER_MAX} schedules; delete one first`,
          );
        }
        const row = await insertSchedule(db, {
          id: uuidV5(`schedule-${user.id}-${idempotencyKey}`),
          ownerId: user.id,
          recipientUserId: recipient.id,
          currency: parseCurrency(body.currency),
          amountMinor,
          note: body.note ?? null,
          repeat: body.repeat,
          startAt,
          timeZone: body.timeZone,
          idempotencyKey,
        });
        if (!row || row.status === 'DELETED')
          throw new ProblemError(
            422,
            'idempotency-key-reused',
            'Idempotency-Key reused',
            'this key named a schedule that was deleted; use a new key',
          );
        // The row first: a run that finds no active row pays nothing, so a crash here is harmless.
        await createTransferSchedule(
          temporal,
          row.id,
          { repeat: row.repeat as 'once', startAt: row.startAt, timeZone: row.timeZone },
          { owner: user.handle, recipient: recipient.handle },
        );
        return { status: 201, body: await viewOf(row) };
      },
    );
    return response as never;
  });

  app.openapi(list, async (c) => {
    const rows = await listSchedules(db, c.get('user').id);
    return c.json({ items: await Promise.all(rows.map(viewOf)) }, 200);
  });

  app.openapi(get, async (c) =>
    c.json(await viewOf(await ownSchedule(c.req.valid('param').id, c.get('user').id)), 200),
  );

  app.openapi(edit, async (c) => {
    const row = await ownSchedule(c.req.valid('param').id, c.get('user').id);
    await updateSchedule(db, row.id, { amountMinor: parseAmountMinor(c.req.valid('json').amountMinor) });
    return c.json(await viewOf(await ownSchedule(row.id, row.ownerId)), 200);
  });

  /** A finished one-off schedule has nothing left to pause or resume. */
  const assertNotFinished = (row: ScheduleRow) => {
    if (row.status === 'FINISHED')
      throw new ProblemError(
        409,
        'schedule-finished',
        'This schedule has finished',
        'a one-off schedule runs once; create a new one',
      );
  };

  app.openapi(toggle('pause'), async (c) => {
    const row = await ownSchedule(c.req.valid('param').id, c.get('user').id);
    assertNotFinished(row);
    // The row first: a run that starts meanwhile sees PAUSED and pays nothing.
    await updateSchedule(db, row.id, { status: 'PAUSED' });
    await pauseTransferSchedule(temporal, row.id, `paused by its owner @${c.get('user').handle}`);
    return c.json(await viewOf(await ownSchedule(row.id, row.ownerId)), 200);
  });

  app.openapi(toggle('resume'), async (c) => {
    const row = await ownSchedule(c.req.valid('param').id, c.get('user').id);
    assertNotFinished(row);
    await resumeTransferSchedule(temporal, row.id, `resumed by its owner @${c.get('user').handle}`);
    await updateSchedule(db, row.id, { status: 'ACTIVE' });
    return c.json(await viewOf(await ownSchedule(row.id, row.ownerId)), 200);
  });

  app.openapi(remove, async (c) => {
    const row = await ownSchedule(c.req.valid('param').id, c.get('user').id);
    await updateSchedule(db, row.id, { status: 'DELETED' });
    await deleteTransferSchedule(temporal, row.id);
    return c.body(null, 204);
  });

  return app;
}

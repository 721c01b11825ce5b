/**
 * Goal: scheduled and recurring transfers over HTTP against the real app, PostgreSQL, Temporal
 * (its Schedules) and worker. A recurring schedule's runs pay once each, a run refused for
 * insufficient funds is recorded and the schedule goes on, refusals in a row pause it; a
 * trigger repeated and a catch-up (backfill) run twice over the same times pay once per
 * scheduled time; pause, resume, a new amount and delete work from the API and show in
 * Temporal; strangers see nothing. The audit and the reconciliation are clean after each test.
 */
import { randomUUID } from 'node:crypto';
import { ScheduleNotFoundError } from '@temporalio/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  availableMinor,
  connectServices,
  eventually,
  expectLedgerAuditClean,
  expectReconciliationClean,
  fundWallet,
  type TestServices,
} from '../support/fixtures';
import { maybeRecordHistory } from '../workflows/support';
import {
  createTestApp,
  get,
  postMoney,
  problemOf,
  problemType,
  signUp,
  type SignedUp,
  type TestApp,
} from './support';

interface ScheduleBody {
  id: string;
  status: string;
  pausedReason: string | null;
  amountMinor: string;
  repeat: string;
  nextRunsAt: string[];
  temporalScheduleId: string;
  consecutiveRefusals: number;
  runs: { runKey: string; outcome: string; transferId: string | null; failureReason: string | null }[];
}

const HOUR_MS = 3_600_000;

describe('scheduled transfers over HTTP', () => {
  let services: TestServices;
  let app: TestApp;

  beforeAll(async () => {
    services = await connectServices();
    app = createTestApp(services);
  });
  afterEach(async () => {
    await expectLedgerAuditClean(services.db);
    await expectReconciliationClean(services.db);
  });
  afterAll(() => services.close());

  const call = (user: SignedUp, method: string, path: string, body?: unknown) =>
    Promise.resolve(
      app.request(path, {
        method,
        headers: { Authorization: `Bearer ${user.accessToken}`, 'Content-Type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      }),
    );
  const scheduleOf = async (user: SignedUp, id: string) =>
    (await (await get(app, `/v1/schedules/${id}`, user)).json()) as ScheduleBody;
  const create = async (owner: SignedUp, recipient: SignedUp, amountMinor: string, repeat = 'monthly') => {
    const startAt = new Date(Date.now() + 24 * HOUR_MS).toISOString();
    const response = await postMoney(app, owner, '/v1/schedules', {
      recipient: recipient.handle,
      amountMinor,
      currency: 'EUR',
      note: 'Rent',
      startAt,
      repeat,
      timeZone: 'Europe/Berlin',
    });
    expect(response.status).toBe(201);
    return (await response.json()) as ScheduleBody;
  };
  const handleOf = (schedule: ScheduleBody) =>
    services.temporal.schedule.getHandle(schedule.temporalScheduleId);
  /** Triggers one run now and waits until it is recorded with an outcome. */
  const triggerRun = async (owner: SignedUp, schedule: ScheduleBody) => {
    const before = (await scheduleOf(owner, schedule.id)).runs.length;
    // Runs are named by the second they are scheduled for: one trigger per second.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await handleOf(schedule).trigger();
    const after = await eventually(
      () => scheduleOf(owner, schedule.id),
      (body) => body.runs.length > before && body.runs[0]!.outcome !== 'PENDING',
    );
    return after.runs[0]!;
  };

  it('runs a recurring transfer, records a refused run and goes on, and takes a new amount', async () => {
    const ada = await signUp(app, 'ada');
    const bob = await signUp(app, 'bob');
    await fundWallet(services.db, ada.id, 4_000n);
    const schedule = await create(ada, bob, '2500');
    expect(schedule).toMatchObject({ status: 'ACTIVE', repeat: 'monthly', amountMinor: '2500' });
    expect(schedule.nextRunsAt.length).toBeGreaterThan(0);
    // The first run is the start time, the 1st run after now; the next a month on.
    expect(new Date(schedule.nextRunsAt[0]!).getTime()).toBeGreaterThan(Date.now());
    const description = await handleOf(schedule).describe();
    expect(description.action).toMatchObject({ workflowType: 'scheduledTransferWorkflow' });

    const first = await triggerRun(ada, schedule);
    expect(first.outcome).toBe('COMPLETED');
    const transfer = await (await get(app, `/v1/transfers/${first.transferId}`, bob)).json();
    expect(transfer).toMatchObject({
      kind: 'P2P',
      status: 'COMPLETED',
      direction: 'received',
      amountMinor: '2500',
      note: 'Rent',
    });

    const refused = await triggerRun(ada, schedule);
    expect(refused).toMatchObject({ outcome: 'REFUSED', failureReason: 'insufficient funds' });
    expect(await scheduleOf(ada, schedule.id)).toMatchObject({ status: 'ACTIVE', consecutiveRefusals: 1 });

    const edited = await call(ada, 'PATCH', `/v1/schedules/${schedule.id}`, { amountMinor: '1500' });
    expect(edited.status).toBe(200);
    const third = await triggerRun(ada, schedule);
    expect(third.outcome).toBe('COMPLETED');
    expect(await scheduleOf(ada, schedule.id)).toMatchObject({ consecutiveRefusals: 0, amountMinor: '1500' });
    expect(await availableMinor(services.db, ada.id)).toBe(0n);
    expect(await availableMinor(services.db, bob.id)).toBe(4_000n);
    expect(await services.db.transfer.count({ where: { scheduleId: schedule.id } })).toBe(3);
  });

  it('pauses itself after refusals in a row; the owner resumes, pauses and deletes it', async () => {
    const ada = await signUp(app, 'ada');
    const bob = await signUp(app, 'bob');
    const schedule = await create(ada, bob, '1000', 'weekly');
    for (let run = 0; run < 3; run += 1) expect((await triggerRun(ada, schedule)).outcome).toBe('REFUSED');
    const paused = await eventually(
      () => scheduleOf(ada, schedule.id),
      (body) => body.status === 'PAUSED',
    );
    expect(paused.pausedReason).toMatch(/3 refused runs in a row/);
    expect(paused.nextRunsAt).toEqual([]);
    expect((await handleOf(schedule).describe()).state.paused).toBe(true);

    // A run triggered while paused pays nothing and says why.
    await fundWallet(services.db, ada.id, 5_000n);
    expect(await triggerRun(ada, schedule)).toMatchObject({
      outcome: 'SKIPPED',
      failureReason: 'the schedule is paused',
    });

    const resumed = await call(ada, 'POST', `/v1/schedules/${schedule.id}/resume`);
    expect(await resumed.json()).toMatchObject({
      status: 'ACTIVE',
      consecutiveRefusals: 0,
      pausedReason: null,
    });
    expect((await handleOf(schedule).describe()).state.paused).toBe(false);
    expect((await triggerRun(ada, schedule)).outcome).toBe('COMPLETED');

    expect(await (await call(ada, 'POST', `/v1/schedules/${schedule.id}/pause`)).json()).toMatchObject({
      status: 'PAUSED',
    });
    expect((await handleOf(schedule).describe()).state.paused).toBe(true);

    expect((await call(ada, 'DELETE', `/v1/schedules/${schedule.id}`)).status).toBe(204);
    expect((await get(app, `/v1/schedules/${schedule.id}`, ada)).status).toBe(404);
    await expect(handleOf(schedule).describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
    expect(await availableMinor(services.db, bob.id)).toBe(1_000n);
  });

  it('a catch-up over the same times, twice, pays once per scheduled time', async () => {
    const ada = await signUp(app, 'ada');
    const bob = await signUp(app, 'bob');
    await fundWallet(services.db, ada.id, 10_000n);
    const schedule = await create(ada, bob, '700', 'daily');
    // Three daily times that passed (a cluster that was down for three days, say), backfilled twice.
    const end = new Date();
    const start = new Date(end.getTime() - 3 * 24 * HOUR_MS);
    // Its first run is tomorrow; move the start back, as if it had been made four days ago.
    await handleOf(schedule).update((previous) => ({
      ...previous,
      spec: { ...previous.spec, startAt: new Date(start.getTime() - 24 * HOUR_MS) },
    }));
    await handleOf(schedule).backfill([{ start, end }]);
    await handleOf(schedule).backfill([{ start, end }]);
    const done = await eventually(
      () => scheduleOf(ada, schedule.id),
      (body) => body.runs.length >= 3 && body.runs.every((run) => run.outcome !== 'PENDING'),
      60_000,
    );
    // Let any second start of the same times finish too, then count.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const runs = await services.db.transferScheduleRun.findMany({ where: { scheduleId: schedule.id } });
    expect(runs).toHaveLength(3);
    expect(runs.every((run) => run.outcome === 'COMPLETED')).toBe(true);
    expect(done.runs.every((run) => run.outcome === 'COMPLETED')).toBe(true);
    expect(await services.db.transfer.count({ where: { scheduleId: schedule.id } })).toBe(3);
    expect(await availableMinor(services.db, bob.id)).toBe(2_100n);
    expect(await availableMinor(services.db, ada.id)).toBe(7_900n);
  }, 120_000);

  it('a run started again (a retried run) finds its transfer and pays nothing more', async () => {
    const ada = await signUp(app, 'ada');
    const bob = await signUp(app, 'bob');
    await fundWallet(services.db, ada.id, 1_000n);
    const schedule = await create(ada, bob, '600', 'daily');
    const workflowId = `scheduled-${schedule.id}-2026-11-30T09:00:00Z`;
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const handle = await services.temporal.workflow.start('scheduledTransferWorkflow', {
        workflowId,
        taskQueue: 'kizo-transfers',
        args: [{ scheduleId: schedule.id }],
        workflowIdReusePolicy: 'ALLOW_DUPLICATE',
      });
      expect(await handle.result()).toMatchObject({ outcome: 'COMPLETED' });
      await maybeRecordHistory(handle, attempt === 0 ? 'scheduled-run-completed' : 'scheduled-run-repeated');
    }
    expect(await services.db.transfer.count({ where: { scheduleId: schedule.id } })).toBe(1);
    expect(await scheduleOf(ada, schedule.id)).toMatchObject({
      consecutiveRefusals: 0,
      runs: [{ runKey: '2026-11-30T09:00:00Z', outcome: 'COMPLETED' }],
    });
    expect(await availableMinor(services.db, ada.id)).toBe(400n);
  });

  it('a one-off schedule pays once and then is finished', async () => {
    const ada = await signUp(app, 'ada');
    const bob = await signUp(app, 'bob');
    await fundWallet(services.db, ada.id, 1_000n);
    const once = await create(ada, bob, '400', 'once');
    expect(once.nextRunsAt).toHaveLength(1);
    expect((await triggerRun(ada, once)).outcome).toBe('COMPLETED');
    expect(await scheduleOf(ada, once.id)).toMatchObject({ status: 'FINISHED', nextRunsAt: [] });
    const pause = await call(ada, 'POST', `/v1/schedules/${once.id}/pause`);
    expect(pause.status).toBe(409);
    expect((await problemOf(pause)).type).toBe(problemType('schedule-finished'));
    expect(
      await services.db.transferSchedule.count({
        where: { ownerId: ada.id, status: { in: ['ACTIVE', 'PAUSED'] } },
      }),
    ).toBe(0);
    expect(await availableMinor(services.db, bob.id)).toBe(400n);
  });

  it('refuses bad schedules with clear problems; strangers see nothing', async () => {
    const ada = await signUp(app, 'ada');
    const bob = await signUp(app, 'bob');
    const eve = await signUp(app, 'eve');
    const base = {
      recipient: bob.handle,
      amountMinor: '100',
      currency: 'EUR',
      startAt: new Date(Date.now() + HOUR_MS).toISOString(),
      repeat: 'monthly',
    };
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ ...base, startAt: new Date(Date.now() - HOUR_MS).toISOString() }, 422, 'start-not-in-future'],
      [{ ...base, startAt: 'next tuesday' }, 400, 'validation-failed'],
      [{ ...base, repeat: 'hourly' }, 400, 'validation-failed'],
      [{ ...base, timeZone: 'Mars/Olympus' }, 400, 'validation-failed'],
      [{ ...base, recipient: ada.handle }, 422, 'self-transfer'],
      [{ ...base, amountMinor: '-5' }, 400, 'validation-failed'],
    ];
    for (const [body, status, slug] of cases) {
      const response = await postMoney(app, ada, '/v1/schedules', body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect((await problemOf(response)).type).toBe(problemType(slug));
    }
    expect(await services.db.transferSchedule.count({ where: { ownerId: ada.id } })).toBe(0);

    const key = randomUUID();
    const first = await postMoney(app, ada, '/v1/schedules', base, key);
    const twin = await postMoney(app, ada, '/v1/schedules', base, key);
    expect([first.status, twin.status]).toEqual([201, 201]);
    const schedule = (await first.json()) as ScheduleBody;
    expect(((await twin.json()) as ScheduleBody).id).toBe(schedule.id);
    expect(await services.db.transferSchedule.count({ where: { ownerId: ada.id } })).toBe(1);

    for (const [method, path] of [
      ['GET', ''],
      ['PATCH', ''],
      ['POST', '/pause'],
      ['POST', '/resume'],
      ['DELETE', ''],
    ] as const) {
      const response = await call(
        eve,
        method,
        `/v1/schedules/${schedule.id}${path}`,
        method === 'PATCH' ? { amountMinor: '1' } : undefined,
      );
      expect(response.status, `${method} ${path}`).toBe(404);
    }
    expect(await (await get(app, '/v1/schedules', eve)).json()).toEqual({ items: [] });
    expect(await scheduleOf(ada, schedule.id)).toMatchObject({ status: 'ACTIVE', amountMinor: '100' });
    await call(ada, 'DELETE', `/v1/schedules/${schedule.id}`);
  });
});

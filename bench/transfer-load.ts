/**
 * The transfer load both load benchmarks drive (bench/load-bench.ts from Node, bench/k6-bench.ts
 * with k6): the stack's settings for it, funded users, the flat-out client loop of today's mix
 * of movements (its capacity) and the no-op workflow rate it is compared with.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { sleep } from '../scripts/stack';
import { TASK_QUEUE_TRANSFERS } from '../temporal/task-queues';
import { ApiClient } from '../test/support/api-client';
import { percentile } from './percentile';
import { cpuPerUnit, cpuSnapshot, waitQuiet } from './process-cpu';

const FUNDING_MINOR = 100_000_000n;
const COMPLETION_TIMEOUT_MS = 120_000;
const SIGNUP_CONCURRENCY = 8;

/**
 * The load comes from one address and a few users: lift the per-address and per-user limits
 * (rate limits and daily money limits) that would otherwise be what the bench measures.
 */
export const LOAD_STACK_ENVIRONMENT = {
  LOG_LEVEL: 'error',
  KIZO_BENCH_WORKFLOWS: 'on',
  SIGNUPS_PER_ADDRESS_PER_HOUR_MAX: '1000000',
  MONEY_REQUESTS_PER_USER_PER_MINUTE_MAX: '1000000',
  DEPOSIT_LIMIT_PER_MOVEMENT_MINOR: '1000000000000',
  DEPOSIT_LIMIT_DAILY_MINOR: '1000000000000',
  WITHDRAWAL_LIMIT_DAILY_MINOR: '1000000000000',
  // A soak outlives the default 15-minute access token.
  ACCESS_TOKEN_TTL_SECONDS: '7200',
};

/** Signs up `count` users, spread over the API replicas, each funded by a completed deposit. */
export async function fundedUsers(apiUrls: string[], count: number): Promise<ApiClient[]> {
  return inBatches(count, SIGNUP_CONCURRENCY, async (index) => {
    const user = await new ApiClient(apiUrls[index % apiUrls.length]!).signUp(`load${index}`);
    const deposit = await user.moveUntilAnswered('/v1/deposits', {
      amountMinor: FUNDING_MINOR.toString(),
      currency: 'EUR',
    });
    await user.waitFinal(deposit.body.id, COMPLETION_TIMEOUT_MS);
    return user;
  });
}

export interface Sample {
  acceptMs: number;
  completeMs: number | null;
  ok: boolean;
  finalStatus: string | null;
}

export interface PhaseSummary {
  requests: number;
  completed: number;
  acceptedPerSecond: number;
  completedPerSecond: number;
  acceptP50: number;
  acceptP99: number;
  completeP50: number;
  completeP99: number;
  errors: number;
}

/** What a phase's samples add up to: rates over its `seconds`, latencies, and the failures. */
export function summarize(samples: Sample[], seconds: number): PhaseSummary {
  const accepted = samples.filter(
    (sample) => sample.finalStatus !== null && !sample.finalStatus.startsWith('HTTP'),
  );
  const completed = samples.filter((sample) => sample.ok);
  return {
    requests: samples.length,
    completed: completed.length,
    acceptedPerSecond: accepted.length / seconds,
    completedPerSecond: completed.length / seconds,
    acceptP50: percentile(
      accepted.map((sample) => sample.acceptMs),
      0.5,
    ),
    acceptP99: percentile(
      accepted.map((sample) => sample.acceptMs),
      0.99,
    ),
    completeP50: percentile(
      completed.map((sample) => sample.completeMs!),
      0.5,
    ),
    completeP99: percentile(
      completed.map((sample) => sample.completeMs!),
      0.99,
    ),
    errors: samples.length - completed.length,
  };
}

async function inBatches<T>(count: number, batch: number, make: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += batch) {
    results.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(batch, count - start) }, (_, offset) => make(start + offset)),
      )),
    );
  }
  return results;
}

/**
 * One client: loops request → wait for completion until the level's time is up, pausing a
 * random think time between transfers when `thinkMs` is set (a paced user; 0 = flat out).
 */
export async function clientLoop(
  users: ApiClient[],
  temporal: Client,
  until: number,
  samples: Sample[],
  thinkMs = 0,
): Promise<void> {
  // Paced clients start spread out, as users arriving over time would.
  if (thinkMs > 0) await sleep(Math.random() * thinkMs);
  while (Date.now() < until) {
    const sender = users[Math.floor(Math.random() * users.length)]!;
    const roll = Math.random();
    const started = performance.now();
    let sample: Sample;
    try {
      // 70% P2P (ledger only), 15% deposits and 15% withdrawals (through the bank).
      const answer =
        roll < 0.7
          ? await sender.move(
              '/v1/transfers',
              {
                amountMinor: '100',
                currency: 'EUR',
                recipient: users[(users.indexOf(sender) + 1) % users.length]!.handle,
              },
              randomUUID(),
            )
          : roll < 0.85
            ? await sender.move('/v1/deposits', { amountMinor: '500', currency: 'EUR' }, randomUUID())
            : await sender.move('/v1/withdrawals', { amountMinor: '300', currency: 'EUR' }, randomUUID());
      const acceptMs = performance.now() - started;
      if (answer.status !== 202) {
        samples.push({ acceptMs, completeMs: null, ok: false, finalStatus: `HTTP ${answer.status}` });
        continue;
      }
      // Temporal's long-poll for the result measures completion without loading the API.
      const state = (await temporal.workflow.getHandle(answer.body.workflowId).result()) as {
        status: string;
      };
      sample = {
        acceptMs,
        completeMs: performance.now() - started,
        ok: state.status === 'COMPLETED',
        finalStatus: state.status,
      };
    } catch (error) {
      sample = {
        acceptMs: performance.now() - started,
        completeMs: null,
        ok: false,
        finalStatus: (error as Error).message.slice(0, 80),
      };
    }
    samples.push(sample);
    if (thinkMs > 0)
      await sleep(Math.min(-Math.log(1 - Math.random()) * thinkMs, Math.max(0, until - Date.now())));
  }
}

/** Starts and awaits no-op workflows from `clients` loops: the server's orchestration rate. */
export async function noopRate(temporal: Client, clients: number, durationMs: number): Promise<number> {
  const until = Date.now() + durationMs;
  let completed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < until) {
        await temporal.workflow.execute('noopWorkflow', {
          taskQueue: TASK_QUEUE_TRANSFERS,
          workflowId: `noop-${randomUUID()}`,
        });
        completed += 1;
      }
    }),
  );
  return completed / ((performance.now() - started) / 1000);
}

/** What `flatOut` measured: the transfers (summary and samples), the no-op rate, CPU per unit of each. */
export interface FlatOutResult {
  summary: PhaseSummary;
  samples: Sample[];
  noopPerSecond: number;
  cpuPerTransferMs: Map<string, number>;
  cpuPerNoopMs: Map<string, number>;
}

/**
 * The capacity: `clients` loops of the mix flat out for `durationMs`, then, once the stack is
 * quiet again, the no-op workflow rate from as many loops for `noopDurationMs`, each with the
 * CPU it cost per unit by process. Each phase starts on a quiet stack.
 */
export async function flatOut(
  users: ApiClient[],
  temporal: Client,
  options: { clients: number; durationMs: number; noopDurationMs: number },
): Promise<FlatOutResult> {
  await waitQuiet();
  const samples: Sample[] = [];
  const began = performance.now();
  const cpuBefore = cpuSnapshot();
  await Promise.all(
    Array.from({ length: options.clients }, () =>
      clientLoop(users, temporal, Date.now() + options.durationMs, samples),
    ),
  );
  const cpuAfterTransfers = cpuSnapshot();
  const summary = summarize(samples, (performance.now() - began) / 1000);
  await waitQuiet();
  const cpuBeforeNoops = cpuSnapshot();
  const noopPerSecond = await noopRate(temporal, options.clients, options.noopDurationMs);
  const cpuAfterNoops = cpuSnapshot();
  return {
    summary,
    samples,
    noopPerSecond,
    cpuPerTransferMs: cpuPerUnit(cpuBefore, cpuAfterTransfers, summary.completed),
    cpuPerNoopMs: cpuPerUnit(
      cpuBeforeNoops,
      cpuAfterNoops,
      Math.round((noopPerSecond * options.noopDurationMs) / 1000),
    ),
  };
}

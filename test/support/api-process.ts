/**
 * The API as its own process (`node --import tsx api/main.ts`), as `./kizo up` and compose run
 * it, on the run's PostgreSQL and Temporal: for tests of what only a real process shows (start-up
 * refusals, several replicas sharing state).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { inject } from 'vitest';
import { freePort } from '../../common/free-port';
import { stopChild } from '../../temporal/dev-server';

const ROOT = path.resolve(import.meta.dirname, '../..');
const READY_WAIT_MS = 20_000;

export interface ApiProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** Starts the API with `environment` on a free port (NODE_ENV development unless given). */
export async function startApiProcess(environment: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      API_PORT: String(port),
      DATABASE_URL: inject('databaseUrl'),
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      ...environment,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, url: `http://127.0.0.1:${port}`, output: () => output, stop: () => stopChild(child) };
}

/** Waits for the API's "listening" line; throws with its output if it exits or never says it. */
export async function untilListening(api: ApiProcess): Promise<void> {
  const deadline = Date.now() + READY_WAIT_MS;
  while (!/api listening/.test(api.output())) {
    if (api.child.exitCode !== null || Date.now() > deadline)
      throw new Error(`the API did not start:\n${api.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

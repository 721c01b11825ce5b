/**
 * What `./kizo up` does with the processes it starts: their output prefixed with their names,
 * and a crashed process started again, with a pause that doubles (up to a cap) and starts over
 * once it has stayed up a while. A process that fails to start at all (it exits within its start
 * grace on the first run) stops everything, as does Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface SupervisorOptions {
  log: (line: string) => void;
  /** Called when a process fails to start: the caller stops everything. */
  onFailedStart: (name: string, code: number | null) => void;
  /** A first run that ends sooner than this is a failure to start. */
  startGraceMs?: number;
  restartMinMs?: number;
  restartMaxMs?: number;
  /** Up this long, a process's next crash restarts it after the shortest pause again. */
  healthyAfterMs?: number;
}

export interface Supervised {
  readonly name: string;
  /** The process running now (a restart replaces it). */
  current(): ChildProcess;
  restarts(): number;
}

export function createSupervisor(options: SupervisorOptions) {
  const {
    log,
    onFailedStart,
    startGraceMs = 5_000,
    restartMinMs = 1_000,
    restartMaxMs = 30_000,
    healthyAfterMs = 60_000,
  } = options;
  const supervised: Array<Supervised & { child: ChildProcess }> = [];
  let stopping = false;

  function start(
    name: string,
    command: string,
    args: string[],
    env: NodeJS.ProcessEnv,
    cwd = process.cwd(),
  ): Supervised {
    let restarts = 0;
    let pauseMs = restartMinMs;
    const entry = {
      name,
      child: undefined as unknown as ChildProcess,
      current: () => entry.child,
      restarts: () => restarts,
    };

    const launch = (first: boolean) => {
      const startedAt = Date.now();
      const child = spawn(command, args, {
        cwd,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      entry.child = child;
      const prefix = `[${name}]`.padEnd(9);
      for (const stream of [child.stdout, child.stderr]) {
        let buffered = '';
        stream?.on('data', (chunk: Buffer) => {
          buffered += chunk.toString();
          const lines = buffered.split('\n');
          buffered = lines.pop() ?? '';
          for (const line of lines) console.log(`${prefix} ${line}`);
        });
      }
      child.once('exit', (code, signal) => {
        if (stopping) return;
        const upMs = Date.now() - startedAt;
        if (first && upMs < startGraceMs) {
          log(`${name} failed to start (${signal ?? code}); stopping everything`);
          onFailedStart(name, code);
          return;
        }
        if (upMs >= healthyAfterMs) pauseMs = restartMinMs;
        restarts += 1;
        log(
          `${name} exited (${signal ?? code}) after ${Math.round(upMs / 1000)} s; restarting in ${pauseMs / 1000} s (restart ${restarts})`,
        );
        const wait = pauseMs;
        pauseMs = Math.min(pauseMs * 2, restartMaxMs);
        setTimeout(() => {
          if (!stopping) launch(false);
        }, wait).unref();
      });
    };
    launch(true);
    supervised.push(entry);
    return entry;
  }

  return {
    start,
    /** Stops restarting and returns every process running now, for the caller to stop. */
    stopAll(): ChildProcess[] {
      stopping = true;
      return supervised.map((entry) => entry.child);
    },
  };
}

/**
 * Runs a workload with PostgreSQL's own pgbench: the rate the database itself sustains, with no
 * application client in between (no Node, no Prisma). The ledger bench uses it to show how much
 * of its comparison is the client's overhead, shared by both sides, and how much is the database.
 * pgbench ships with the PostgreSQL server packages; where it is missing, callers skip this part.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** pgbench on PATH, else the newest one under Debian's /usr/lib/postgresql/<major>/bin; null if none. */
export function findPgbench(): string | null {
  for (const directory of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(directory, 'pgbench');
    if (directory && existsSync(candidate)) return candidate;
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const majors = readdirSync(root)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  for (const major of majors) {
    const candidate = path.join(root, major, 'bin', 'pgbench');
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * Transactions per second of `script` (pgbench's script language; `:client_id` is 0..clients-1)
 * run by `clients` connections for `seconds`, with prepared statements, as an application would.
 */
export async function pgbenchRate(
  pgbench: string,
  databaseUrl: string,
  script: string,
  clients: number,
  seconds: number,
): Promise<number> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'kizo-pgbench-'));
  try {
    const file = path.join(directory, 'workload.sql');
    await writeFile(file, script);
    const threads = Math.min(clients, os.availableParallelism());
    const { stdout } = await run(
      pgbench,
      [
        '-n',
        '-M',
        'prepared',
        '-c',
        String(clients),
        '-j',
        String(threads),
        '-T',
        String(seconds),
        '-f',
        file,
        databaseUrl,
      ],
      {
        encoding: 'utf8',
      },
    );
    const tps = /^tps = ([\d.]+)/m.exec(stdout)?.[1];
    if (!tps) throw new Error(`pgbench printed no rate:\n${stdout}`);
    return Number(tps);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

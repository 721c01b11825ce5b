/**
 * `./kizo up`: runs the whole system on one machine. PostgreSQL from DATABASE_URL or an
 * embedded server under the data folder; Temporal from TEMPORAL_ADDRESS when one answers there,
 * else a dev server with its SQLite file under the data folder (workflows survive a restart);
 * then a development mail catcher (maildev: SMTP and a web inbox on loopback) unless SMTP_URL or
 * SMTP_HOST names a relay, the mock bank, the worker, the API and the web app as child processes, their output
 * prefixed with their names, each started again if it crashes (scripts/supervisor.ts). Ctrl-C, or a
 * process that cannot start, stops everything it started.
 */
import { spawn } from 'node:child_process';
import { createSupervisor } from './supervisor';
import { ensureJwtKey } from './jwt-key';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { config } from '../common/config';
import { migrate } from '../prisma/migrate';
import { ensureDatabase, findOrStartPostgres } from '../prisma/provision';
import { startDevServer, stopChild } from '../temporal/dev-server';

const settings = config();
const dataDir = path.resolve(settings.KIZO_DATA_DIR);
const log = (line: string) => console.log(`[kizo] ${line}`);
const stoppers: (() => Promise<void>)[] = [];

async function temporalAnswers(address: string): Promise<boolean> {
  try {
    const connection = await Connection.connect({ address, connectTimeout: 1000 });
    await connection.close();
    return true;
  } catch {
    return false;
  }
}

// A crashed bank, worker, API or web process is started again; one that cannot start stops all.
const supervisor = createSupervisor({ log, onFailedStart: (_name, code) => void shutdown(code ?? 1) });
const run = (name: string, command: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string) =>
  supervisor.start(name, command, args, env, cwd);

let shuttingDown = false;
async function shutdown(exitCode = 0): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  await Promise.all(supervisor.stopAll().map((child) => stopChild(child)));
  for (const stop of stoppers.reverse()) await stop().catch(() => {});
  process.exit(exitCode);
}
process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));

const postgres = await findOrStartPostgres({ dataDir, log });
stoppers.push(postgres.stop);
const databaseUrl = settings.DATABASE_URL ?? (await ensureDatabase(postgres.adminUrl, 'kizo'));
const bankDatabaseUrl =
  process.env.BANK_DATABASE_URL ?? (await ensureDatabase(postgres.adminUrl, 'kizo_bank'));
const applied = await migrate(databaseUrl, log);
log(applied.length ? `migrated ${applied.length}` : 'database schema is up to date');

let temporalAddress = settings.TEMPORAL_ADDRESS;
if (await temporalAnswers(temporalAddress)) {
  log(`using the Temporal server at ${temporalAddress}`);
} else {
  const port = Number(temporalAddress.split(':').pop());
  const server = await startDevServer({
    port,
    uiPort: settings.TEMPORAL_UI_PORT,
    dbFile: path.join(dataDir, 'temporal', 'kizo.sqlite'),
    log,
  });
  stoppers.push(server.stop);
  temporalAddress = server.address;
}

// The services write to a pipe: they log pretty lines for a person at this terminal, JSON otherwise.
const env = {
  DATABASE_URL: databaseUrl,
  BANK_DATABASE_URL: bankDatabaseUrl,
  TEMPORAL_ADDRESS: temporalAddress,
  LOG_FORMAT: process.env.LOG_FORMAT || (process.stdout.isTTY ? 'pretty' : 'json'),
};
// Node with tsx's loader (not the tsx CLI, which would add a wrapper process per service).
const node = (entry: string) => ['--import', 'tsx', entry];
// Every mail the API sends (verification links, password resets) lands in maildev's web inbox.
const mailCatcher = !process.env.SMTP_URL && !process.env.SMTP_HOST;
if (mailCatcher) {
  run(
    'mail',
    process.execPath,
    [
      'node_modules/maildev/dist/bin/maildev.js',
      ...['--ip', '127.0.0.1', '--smtp', String(settings.SMTP_PORT)],
      ...['--web-ip', '127.0.0.1', '--web', String(settings.MAIL_INBOX_PORT)],
      // Plain SMTP on loopback: its STARTTLS certificate is self-signed.
      ...['--hide-extensions', 'STARTTLS'],
    ],
    {},
  );
}
run('bank', process.execPath, node('bank/main.ts'), env);
run('worker', process.execPath, node('temporal/worker-main.ts'), env);
// Only the API signs tokens, so only it gets the key: the one configured, else this folder's own.
run('api', process.execPath, node('api/main.ts'), {
  ...env,
  JWT_SECRET: process.env.JWT_SECRET || ensureJwtKey(dataDir),
});
const webBuild = spawn('npx', ['vite', 'build'], { cwd: 'web', stdio: ['ignore', 'ignore', 'inherit'] });
const built = await new Promise<number>((resolve) => webBuild.once('exit', (code) => resolve(code ?? 1)));
if (built !== 0) {
  log('the web app did not build; see the errors above');
  await shutdown(1);
}
run(
  'web',
  process.execPath,
  ['build'],
  {
    PORT: String(settings.WEB_PORT),
    HOST: '127.0.0.1',
    ORIGIN: settings.WEB_ORIGIN,
    PUBLIC_API_URL: settings.API_PUBLIC_URL,
    PUBLIC_TEMPORAL_UI_URL: settings.TEMPORAL_UI_URL,
  },
  'web',
);

log('Kizo is up:');
log(`  web app        ${settings.WEB_ORIGIN}`);
log(`  API            ${settings.API_PUBLIC_URL}  (OpenAPI at /openapi.json, docs at /docs)`);
log(`  mock bank      ${settings.BANK_URL}`);
log(`  Temporal UI    ${settings.TEMPORAL_UI_URL}`);
log(
  mailCatcher
    ? `  mail inbox     http://127.0.0.1:${settings.MAIL_INBOX_PORT}  (every mail Kizo sends, e.g. sign-up links)`
    : `  mail relay     ${settings.SMTP_URL ? 'SMTP_URL' : `${settings.SMTP_HOST}:${settings.SMTP_PORT}`}`,
);
log('Press Ctrl-C to stop.');

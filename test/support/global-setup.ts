/**
 * Starts the real services every integration test talks to, once per `vitest run`:
 * a fresh PostgreSQL database (migrated), the mock bank on a fresh database of its own, an
 * in-memory Temporal dev server on free ports, and one worker with a client of that bank.
 * Test files read their addresses with `inject(...)`. Tests that inject bank faults start a
 * bank and worker of their own (test/support/fault-bank.ts) so they cannot disturb the others.
 */
import type { TestProject } from 'vitest/node';
import { createBankClient } from '../../bank-client/client';
import { startBank } from '../../bank/server';
import { migrate } from '../../prisma/migrate';
import { dropDatabase, ensureDatabase, findOrStartPostgres } from '../../prisma/provision';
import { createDatabase } from '../../prisma/client';
import { freePort } from '../../common/free-port';
import { startDevServer } from '../../temporal/dev-server';
import { createKizoWorker } from '../../temporal/worker';
import { MAIL_INBOX_ENV, startTestMailServer } from './mail-server';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    bankDatabaseUrl: string;
    temporalAddress: string;
    /** The bank the worker calls, fault-free: tests must not change its faults. */
    bankUrl: string;
    /**
     * The store behind bankUrl, kept apart from bankDatabaseUrl (where the bank's own tests
     * create records with no transfer behind them) so reconciliation sees only wallet traffic.
     * Fault-test banks open it too: one bank's books, several front doors.
     */
    walletBankDatabaseUrl: string;
    /** The test SMTP server on loopback every app under test sends its mail to, and its inbox over HTTP. */
    smtpPort: number;
    mailInboxUrl: string;
  }
}

/** Short enough that a hung bank call fails fast in tests. */
const BANK_TIMEOUT_MS = 3_000;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const log = (line: string) => console.log(`[setup] ${line}`);
  const postgres = await findOrStartPostgres({ dataDir: '.data/test', preferLocalServer: true, log });
  const suffix = `${process.pid}_${Date.now().toString(36)}`;
  const databaseName = `kizo_test_${suffix}`;
  const bankDatabaseName = `kizo_bank_test_${suffix}`;
  const databaseUrl = await ensureDatabase(postgres.adminUrl, databaseName);
  const bankDatabaseUrl = await ensureDatabase(postgres.adminUrl, bankDatabaseName);
  const walletBankDatabaseName = `kizo_wallet_bank_test_${suffix}`;
  const walletBankDatabaseUrl = await ensureDatabase(postgres.adminUrl, walletBankDatabaseName);
  await migrate(databaseUrl);
  const temporal = await startDevServer({ port: await freePort(), headless: true, log });
  const bank = await startBank({ port: 0, databaseUrl: walletBankDatabaseUrl, controls: true });
  log(`bank at ${bank.url}`);
  const mail = await startTestMailServer();
  log(`SMTP server on 127.0.0.1:${mail.smtpPort}, inbox at ${mail.inboxUrl}`);
  // Inherited by the test workers and every process they start (scripts/stack.ts, api-process.ts):
  // all mail of the run goes to this server, and ApiClient reads it to verify its users.
  process.env.SMTP_URL = `smtp://127.0.0.1:${mail.smtpPort}`;
  process.env[MAIL_INBOX_ENV] = mail.inboxUrl;

  // One worker for the whole run, as in production: tests drive it through Temporal.
  const workerDb = createDatabase(databaseUrl);
  const { worker, connection } = await createKizoWorker({
    address: temporal.address,
    namespace: 'default',
    db: workerDb,
    bank: createBankClient({ baseUrl: bank.url, timeoutMs: BANK_TIMEOUT_MS }),
    // The webhook tests' receivers listen on loopback.
    webhooksToPrivateUrls: true,
  });
  const running = worker.run();

  project.provide('databaseUrl', databaseUrl);
  project.provide('bankDatabaseUrl', bankDatabaseUrl);
  project.provide('temporalAddress', temporal.address);
  project.provide('bankUrl', bank.url);
  project.provide('walletBankDatabaseUrl', walletBankDatabaseUrl);
  project.provide('smtpPort', mail.smtpPort);
  project.provide('mailInboxUrl', mail.inboxUrl);

  return async () => {
    worker.shutdown();
    await running;
    await connection.close();
    await workerDb.$disconnect();
    await bank.stop();
    await mail.stop();
    await temporal.stop();
    if (!process.env.KIZO_KEEP_TEST_DATABASE) {
      await dropDatabase(postgres.adminUrl, databaseName);
      await dropDatabase(postgres.adminUrl, bankDatabaseName);
      await dropDatabase(postgres.adminUrl, walletBankDatabaseName);
    }
    await postgres.stop();
  };
}

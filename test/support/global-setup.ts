/**
 * Starts the real services every integration test talks to, once per `vitest run`:
 * a fresh PostgreSQL database (migrated), a fresh bank database, and an in-memory Temporal
 * dev server on free ports. Test files read their addresses with `inject(...)`.
 */
import type { TestProject } from 'vitest/node';
import { migrate } from '../../prisma/migrate';
import { dropDatabase, ensureDatabase, findOrStartPostgres } from '../../prisma/provision';
import { createDatabase } from '../../prisma/client';
import { freePort, startDevServer } from '../../temporal/dev-server';
import { createKizoWorker } from '../../temporal/worker';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    bankDatabaseUrl: string;
    temporalAddress: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const log = (line: string) => console.log(`[setup] ${line}`);
  const postgres = await findOrStartPostgres({ dataDir: '.data/test', log });
  const suffix = `${process.pid}_${Date.now().toString(36)}`;
  const databaseName = `kizo_test_${suffix}`;
  const bankDatabaseName = `kizo_bank_test_${suffix}`;
  const databaseUrl = await ensureDatabase(postgres.adminUrl, databaseName);
  const bankDatabaseUrl = await ensureDatabase(postgres.adminUrl, bankDatabaseName);
  await migrate(databaseUrl);
  const temporal = await startDevServer({ port: await freePort(), headless: true, log });

  // One worker for the whole run, as in production: tests drive it through Temporal.
  const workerDb = createDatabase(databaseUrl);
  const { worker, connection } = await createKizoWorker({ address: temporal.address, namespace: 'default', db: workerDb });
  const running = worker.run();

  project.provide('databaseUrl', databaseUrl);
  project.provide('bankDatabaseUrl', bankDatabaseUrl);
  project.provide('temporalAddress', temporal.address);

  return async () => {
    worker.shutdown();
    await running;
    await connection.close();
    await workerDb.$disconnect();
    await temporal.stop();
    if (!process.env.KIZO_KEEP_TEST_DATABASE) {
      await dropDatabase(postgres.adminUrl, databaseName);
      await dropDatabase(postgres.adminUrl, bankDatabaseName);
    }
    await postgres.stop();
  };
}

/**
 * Starts the real services every integration test talks to, once per `vitest run`:
 * a fresh PostgreSQL database (migrated), a fresh bank database, and an in-memory Temporal
 * dev server on free ports. Test files read their addresses with `inject(...)`.
 */
import type { TestProject } from 'vitest/node';
import { migrate } from '../../prisma/migrate';
import { dropDatabase, ensureDatabase, findOrStartPostgres } from '../../prisma/provision';
import { freePort, startDevServer } from '../../temporal/dev-server';

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

  project.provide('databaseUrl', databaseUrl);
  project.provide('bankDatabaseUrl', bankDatabaseUrl);
  project.provide('temporalAddress', temporal.address);

  return async () => {
    await temporal.stop();
    if (!process.env.KIZO_KEEP_TEST_DATABASE) {
      await dropDatabase(postgres.adminUrl, databaseName);
      await dropDatabase(postgres.adminUrl, bankDatabaseName);
    }
    await postgres.stop();
  };
}

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      '{common,transfers,ledger,bank-client,workflows,activities,api,bank,temporal,prisma,test,scripts,mail}/**/*.test.ts',
    ],
    globalSetup: ['test/support/global-setup.ts'],
    // Integration tests share one PostgreSQL, Temporal server, bank and worker; two cores here.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});

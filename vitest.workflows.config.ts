// The fast workflow tests alone (`npm run test:workflows`): the time-skipping test server and
// in-memory activities, without the real services the global set-up of vitest.config.ts starts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['workflows/**/*.workflow.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

// Unit tests for the web app's pure logic (money text, idempotency keys, problem+json). They need
// no server, database or browser, so they run apart from the root suite and its global setup.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});

/**
 * Runs `prisma generate`. Prisma's CLI insists on a schema-engine binary path even though
 * generate never runs it, and cannot download one on our machines; any existing file will do.
 */
import { spawnSync } from 'node:child_process';

const result = spawnSync('npx', ['prisma', 'generate'], {
  stdio: 'inherit',
  env: { PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1', ...process.env },
});
process.exit(result.status ?? 1);

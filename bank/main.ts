/**
 * The mock bank as a process: `npx tsx bank/main.ts`. Reads BANK_PORT (default 4000),
 * BANK_HOST (default 127.0.0.1; 0.0.0.0 in containers), BANK_DATABASE_URL (its database is
 * created when missing), BANK_LIMIT_MINOR and BANK_CONTROLS, and stops cleanly on SIGTERM/SIGINT.
 */
import { z } from 'zod';
import { createLogger } from '../common/logger';
import { startTelemetry } from '../common/telemetry';
import { startBank } from './server';

const environmentSchema = z.object({
  BANK_PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  BANK_HOST: z.string().min(1).default('127.0.0.1'),
  BANK_DATABASE_URL: z.string().url().default('postgresql://postgres@127.0.0.1:5432/kizo_bank'),
  BANK_LIMIT_MINOR: z
    .string()
    .regex(/^[0-9]{1,19}$/)
    .optional(),
  LOG_LEVEL: z.string().default('info'),
});

async function main(): Promise<void> {
  const cleaned = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== ''));
  const environment = environmentSchema.parse(cleaned);
  startTelemetry('kizo-bank');
  const log = createLogger('bank', { level: environment.LOG_LEVEL });
  const bank = await startBank({
    port: environment.BANK_PORT,
    hostname: environment.BANK_HOST,
    databaseUrl: environment.BANK_DATABASE_URL,
    ...(environment.BANK_LIMIT_MINOR ? { limitMinor: BigInt(environment.BANK_LIMIT_MINOR) } : {}),
    logError: (error) => log.error({ err: error }, 'unexpected error'),
  });
  log.info({ url: bank.url }, 'mock bank listening');

  const shutdown = (signal: string) => {
    log.info({ signal }, 'stopping');
    // A second signal means the operator does not want to wait.
    process.once(signal, () => process.exit(1));
    bank.stop().then(
      () => process.exit(0),
      (error: unknown) => (log.error({ err: error }, 'stop failed'), process.exit(1)),
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/** Worker process entry: `tsx temporal/worker-main.ts`. Stops cleanly on SIGINT/SIGTERM. */
import { createBankClient } from '../activities/bank-client';
import { config } from '../common/config';
import { createDatabase } from '../prisma/client';
import { createKizoWorker } from './worker';

const settings = config();
if (!settings.DATABASE_URL) {
  console.error('DATABASE_URL is not set: the worker needs the ledger database');
  process.exit(2);
}
const db = createDatabase(settings.DATABASE_URL);
const { worker, connection } = await createKizoWorker({
  address: settings.TEMPORAL_ADDRESS,
  namespace: settings.TEMPORAL_NAMESPACE,
  db,
  bank: createBankClient({ baseUrl: settings.BANK_URL, timeoutMs: settings.BANK_TIMEOUT_MS }),
});
console.log(`worker polling ${settings.TEMPORAL_ADDRESS}, bank at ${settings.BANK_URL}`);
await worker.run();
await connection.close();
await db.$disconnect();

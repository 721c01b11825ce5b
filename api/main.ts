/** API process entry: `tsx api/main.ts`. */
import { serve } from '@hono/node-server';
import { config } from '../common/config';
import { createDatabase } from '../prisma/client';
import { createTemporalClient } from '../temporal/client';
import { createApp } from './app';

const settings = config();
if (!settings.DATABASE_URL) {
  console.error('DATABASE_URL is not set: the API needs the database');
  process.exit(2);
}
const db = createDatabase(settings.DATABASE_URL);
const temporal = await createTemporalClient({ address: settings.TEMPORAL_ADDRESS, namespace: settings.TEMPORAL_NAMESPACE });
const server = serve({ fetch: createApp({ db, temporal, config: settings }).fetch, port: settings.API_PORT, hostname: '127.0.0.1' });
console.log(`api listening on http://127.0.0.1:${settings.API_PORT}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    void temporal.connection.close().then(() => db.$disconnect());
  });
}

/**
 * Writes the API's OpenAPI document to a file (or stdout) without a running server: the app is
 * built with placeholder services, which the document does not touch. `npm run api:openapi`
 * feeds `redocly lint` and the web's generated types (web/src/lib/api-types.ts).
 */
import { writeFileSync } from 'node:fs';
import type { Client } from '@temporalio/client';
import { createApp } from '../api/app';
import { openApiDocument } from '../api/openapi';
import { parseConfig } from '../common/config';
import type { Database } from '../prisma/client';

export function buildOpenApiDocument(): unknown {
  const config = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const app = createApp({ db: {} as Database, temporal: {} as Client, config });
  return openApiDocument(app, config);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const text = `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
  const target = process.argv[2];
  if (target) writeFileSync(target, text);
  else process.stdout.write(text);
}

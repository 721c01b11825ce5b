/**
 * Generates the web app's wire types from the API's OpenAPI document (openapi-typescript), so
 * the browser and the API cannot drift apart: `npm run web:api-types` writes
 * web/src/lib/api-types.ts, and test/api/web-api-types.test.ts fails when the file is stale.
 */
import { writeFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildOpenApiDocument } from './openapi-document';

export const WEB_API_TYPES_PATH = new URL('../web/src/lib/api-types.ts', import.meta.url);

const HEADER = `/**
 * The API's wire types, generated from its OpenAPI document by \`npm run web:api-types\`
 * (openapi-typescript). Do not edit: change the API's schemas, then regenerate.
 */
`;

export async function webApiTypes(): Promise<string> {
  const ast = await openapiTS(buildOpenApiDocument() as Parameters<typeof openapiTS>[0]);
  return `${HEADER}\n${astToString(ast)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(WEB_API_TYPES_PATH, await webApiTypes());
  console.log(`wrote ${WEB_API_TYPES_PATH.pathname}`);
}

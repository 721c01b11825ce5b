/**
 * Goal: the web app's wire types are the API's: web/src/lib/api-types.ts equals what
 * openapi-typescript generates from today's OpenAPI document. Regenerate with
 * `npm run web:api-types` after changing an API schema.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WEB_API_TYPES_PATH, webApiTypes } from '../../scripts/web-api-types';

describe('web/src/lib/api-types.ts', () => {
  it('is generated from the current OpenAPI document', async () => {
    const fresh = await webApiTypes();
    expect(fresh).toMatch(/Transfer: \{/);
    expect(readFileSync(WEB_API_TYPES_PATH, 'utf8')).toBe(fresh);
  });
});

/**
 * Goal: the API's OpenAPI document passes `redocly lint` (the recommended rules, redocly.yaml)
 * with no error and no warning: every operation has an operationId, public routes say
 * `security: []`, tags are described; and the headers clients act on are documented where the
 * routes send them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../scripts/openapi-document';

interface Document {
  paths: Record<
    string,
    Record<
      string,
      {
        operationId?: string;
        security?: unknown[];
        responses: Record<string, { headers?: Record<string, unknown> }>;
      }
    >
  >;
}

describe('the OpenAPI document', () => {
  const document = buildOpenApiDocument() as Document;

  it('passes redocly lint with no problem', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'kizo-openapi-'));
    try {
      const file = path.join(folder, 'openapi.json');
      writeFileSync(file, JSON.stringify(document));
      const run = spawnSync(
        'node_modules/.bin/redocly',
        ['lint', file, '--config', 'redocly.yaml', '--format', 'json'],
        { encoding: 'utf8' },
      );
      const report = JSON.parse(run.stdout) as {
        totals: { errors: number; warnings: number };
        problems: { ruleId: string; message: string }[];
      };
      expect(report.problems.map((problem) => `${problem.ruleId}: ${problem.message}`)).toEqual([]);
      expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('names every operation once, and documents Idempotent-Replayed and Retry-After where they are sent', () => {
    const operations = Object.values(document.paths).flatMap((item) => Object.values(item));
    const ids = operations.map((operation) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const withdrawals = document.paths['/v1/withdrawals']!.post!;
    expect(withdrawals.operationId).toBe('postWithdrawals');
    expect(Object.keys(withdrawals.responses['202']!.headers ?? {})).toEqual(['Idempotent-Replayed']);
    expect(Object.keys(withdrawals.responses['429']!.headers ?? {})).toEqual(['Retry-After']);
    expect(document.paths['/v1/auth/login']!.post!.security).toEqual([]);
  });
});

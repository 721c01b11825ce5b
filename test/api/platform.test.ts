/**
 * Goal: the API's platform behaviour on the real app: the OpenAPI 3.1 document is structurally
 * valid (required fields, every $ref resolves) and lists every registered route; the docs page
 * renders; /healthz and /readyz (503 when PostgreSQL or Temporal is down); strict CORS for the
 * web app's origin only; unknown paths are 404 problems.
 */
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { createDatabase } from '../../prisma/client';
import { connectServices, type TestServices } from '../support/fixtures';
import { createTestApp, get, problemOf, problemType, testConfig, type TestApp } from './support';

interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description: string };
  paths: Record<
    string,
    Record<string, { responses?: Record<string, unknown>; parameters?: { name: string; in: string }[] }>
  >;
  components?: Record<string, Record<string, unknown>>;
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** Every `$ref` anywhere in the document, with where it was found. */
function collectRefs(node: unknown, at: string, found: { ref: string; at: string }[]): void {
  if (Array.isArray(node)) node.forEach((item, index) => collectRefs(item, `${at}/${index}`, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push({ ref: value, at });
      else collectRefs(value, `${at}/${key}`, found);
    }
  }
}

function resolvePointer(document: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>(
      (node, part) =>
        node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined,
      document,
    );
}

describe('platform: OpenAPI, docs, health, CORS', () => {
  let services: TestServices;
  let app: TestApp;
  let document: OpenApiDocument;

  beforeAll(async () => {
    services = await connectServices();
    app = createTestApp(services);
    const response = await get(app, '/openapi.json');
    expect(response.status).toBe(200);
    document = (await response.json()) as OpenApiDocument;
  });
  afterAll(() => services.close());

  it('serves a structurally valid OpenAPI 3.1 document whose every $ref resolves', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.title).toBe('Kizo API');
    expect(document.info.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(document.info.description).toMatch(/Idempotency-Key/);
    expect(document.info.description).toMatch(/24 hours/);
    expect(Object.keys(document.paths).length).toBeGreaterThan(10);
    for (const [path, item] of Object.entries(document.paths)) {
      expect(path.startsWith('/'), path).toBe(true);
      for (const [method, operation] of Object.entries(item)) {
        expect(HTTP_METHODS.has(method), `${path} ${method}`).toBe(true);
        expect(Object.keys(operation.responses ?? {}).length, `${path} ${method} responses`).toBeGreaterThan(
          0,
        );
        // Every {param} in the path is declared as a path parameter.
        for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
          expect(
            operation.parameters?.some((parameter) => parameter.in === 'path' && parameter.name === name),
            `${path} ${method} ${name}`,
          ).toBe(true);
        }
      }
    }
    const refs: { ref: string; at: string }[] = [];
    collectRefs(document, '#', refs);
    expect(refs.length).toBeGreaterThan(5);
    for (const { ref, at } of refs) expect(resolvePointer(document, ref), `${ref} at ${at}`).toBeDefined();
    expect(document.components?.securitySchemes?.bearerAuth).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    const transfer = resolvePointer(document, '#/components/schemas/Transfer') as {
      properties: Record<string, unknown>;
    };
    expect(Object.keys(transfer.properties)).toEqual(
      expect.arrayContaining([
        'id',
        'kind',
        'status',
        'amountMinor',
        'currency',
        'counterparty',
        'failureReason',
        'createdAt',
        'updatedAt',
        'workflowId',
        'events',
      ]),
    );
  });

  it('documents every route the app registers, and nothing it does not serve', () => {
    const served = new Set(
      app.routes
        .filter((route) => route.method !== 'ALL')
        .map((route) => `${route.method.toLowerCase()} ${route.path.replace(/:([^/]+)/g, '{$1}')}`),
    );
    const documented = new Set(
      Object.entries(document.paths).flatMap(([path, item]) =>
        Object.keys(item).map((method) => `${method} ${path}`),
      ),
    );
    expect([...served].filter((route) => !documented.has(route))).toEqual([]);
    expect([...documented].filter((route) => !served.has(route))).toEqual([]);
    for (const route of [
      'post /v1/auth/signup',
      'post /v1/transfers',
      'post /v1/withdrawals/{id}/cancel',
      'get /v1/admin/reconciliation',
      'get /readyz',
    ]) {
      expect(served.has(route), route).toBe(true);
    }
  });

  it('renders a readable docs page', async () => {
    const response = await get(app, '/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/text\/html/);
    const html = await response.text();
    expect(html).toContain('/v1/transfers');
    expect(html).toContain('Idempotent-Replayed');
    // Rendered by Redoc, served from here: the page may run our script and nothing from elsewhere.
    expect(html).toContain('<redoc spec-url="/openapi.json"');
    expect(response.headers.get('Content-Security-Policy')).toMatch(/script-src 'self';/);
    const script = await get(app, '/docs/redoc.standalone.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('Content-Type')).toMatch(/^application\/javascript/);
    expect((await script.text()).length).toBeGreaterThan(500_000);
  });

  it('reports liveness, and readiness of PostgreSQL and Temporal', async () => {
    expect(await (await get(app, '/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await get(app, '/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { postgres: 'ok', temporal: 'ok' } });

    // Nothing listens on port 1: both dependencies are down for this app.
    const deadDb = createDatabase('postgresql://kizo@127.0.0.1:1/kizo');
    const deadConnection = await Connection.connect({ address: '127.0.0.1:1', connectTimeout: 500 }).catch(
      () => undefined,
    );
    const deadTemporal = deadConnection
      ? new Client({ connection: deadConnection })
      : new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
    const broken = createApp({
      db: deadDb,
      temporal: deadTemporal,
      config: testConfig({ READINESS_TIMEOUT_MS: '1000' }),
    });
    const notReady = await broken.request('/readyz');
    expect(notReady.status).toBe(503);
    const problem = await problemOf(notReady);
    expect(problem.type).toBe(problemType('not-ready'));
    expect(problem.checks).toEqual({ postgres: 'down', temporal: 'down' });
    expect(notReady.headers.get('Retry-After')).toBeTruthy();
    expect((await broken.request('/healthz')).status).toBe(200);
    await deadDb.$disconnect();

    // Only Temporal down: PostgreSQL still reports ok.
    const halfBroken = createApp({
      db: services.db,
      temporal: deadTemporal,
      config: testConfig({ READINESS_TIMEOUT_MS: '1000' }),
    });
    expect((await problemOf(await halfBroken.request('/readyz'))).checks).toEqual({
      postgres: 'ok',
      temporal: 'down',
    });
  });

  it('allows CORS only from the web app origin', async () => {
    const origin = testConfig().WEB_ORIGIN;
    const preflight = (from: string) =>
      app.request('/v1/transfers', {
        method: 'OPTIONS',
        headers: {
          Origin: from,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization,content-type,idempotency-key',
        },
      });
    const allowed = await preflight(origin);
    expect(allowed.headers.get('Access-Control-Allow-Origin')).toBe(origin);
    expect(allowed.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toContain('idempotency-key');
    const evil = await preflight('https://evil.example');
    expect(evil.headers.get('Access-Control-Allow-Origin')).toBeNull();
    const simple = await app.request('/healthz', { headers: { Origin: origin } });
    expect(simple.headers.get('Access-Control-Expose-Headers')).toContain('Idempotent-Replayed');
  });

  it('answers unknown paths and methods with a 404 problem', async () => {
    for (const response of [
      await get(app, '/v1/nope'),
      await get(app, '/v2/transfers'),
      await app.request('/healthz', { method: 'DELETE' }),
    ]) {
      expect(response.status).toBe(404);
      expect((await problemOf(response)).type).toBe(problemType('not-found'));
    }
  });
});

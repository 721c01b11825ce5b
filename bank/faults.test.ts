/**
 * Goal: every fault the mock bank can inject behaves as documented over real HTTP: outages
 * and fail-next answer 503 without recording; drop-response records then answers 503; hangs
 * outlast a client timeout and still record; failure rates are deterministic for a seed;
 * latency slows calls; control input is validated, and controls can be left unmounted.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createFaults } from './faults';
import { startBank, type RunningBank } from './server';

let bank: RunningBank;

beforeAll(async () => {
  bank = await startBank({ port: 0, databaseUrl: inject('bankDatabaseUrl'), controls: true, hangMs: 600 });
});
afterAll(() => bank.stop());
beforeEach(async () => {
  expect((await request('POST', '/control/reset')).status).toBe(200);
});

async function request(method: string, path: string, body?: unknown, timeoutMs = 10_000) {
  const response = await fetch(`${bank.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return {
    status: response.status,
    headers: response.headers,
    json: (await response.json()) as Record<string, unknown>,
  };
}

const setFaults = (faults: Record<string, unknown>) => request('PUT', '/control/faults', faults);
const payout = (id: string = randomUUID()) => ({
  id,
  accountRef: 'acc-faults',
  currency: 'EUR',
  amountMinor: '500',
});
const stored = async (id: string) => (await request('GET', `/v1/payouts/${id}`)).status === 200;

describe('faults', () => {
  it('outage answers 503 with Retry-After to every /v1 call and records nothing', async () => {
    await setFaults({ outage: true });
    const body = payout();
    const reply = await request('POST', '/v1/payouts', body);
    expect(reply.status).toBe(503);
    expect(reply.headers.get('retry-after')).toBe('1');
    expect(reply.json).toMatchObject({ code: 'UNAVAILABLE', status: 503 });
    expect((await request('GET', '/v1/records')).status).toBe(503);
    expect((await request('GET', '/healthz')).json).toMatchObject({ outage: true });
    await setFaults({ outage: false });
    expect(await stored(body.id)).toBe(false);
  });

  it('outageUntil ends by itself', async () => {
    await setFaults({ outageUntil: new Date(Date.now() + 1500).toISOString() });
    const during = await request('POST', '/v1/payouts', payout());
    expect(during.status).toBe(503);
    expect(Number(during.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect((await request('POST', '/v1/payouts', payout())).status).toBe(201);
  });

  it('failNext fails exactly n money calls without recording them', async () => {
    await setFaults({ failNext: 2 });
    const body = payout();
    expect((await request('POST', '/v1/payouts', body)).status).toBe(503);
    expect(await stored(body.id)).toBe(false);
    expect((await request('POST', '/v1/payouts', body)).status).toBe(503);
    expect((await request('POST', '/v1/payouts', body)).status).toBe(201);
    expect((await request('GET', '/control/faults')).json.failNext).toBe(0);
  });

  it('dropResponseNext records the call but loses the answer; the retry replays', async () => {
    await setFaults({ dropResponseNext: 1 });
    const body = payout();
    expect((await request('POST', '/v1/payouts', body)).status).toBe(503);
    expect(await stored(body.id)).toBe(true);
    const retry = await request('POST', '/v1/payouts', body);
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
  });

  it('garbageNext records the call but answers a body that is not JSON; the retry replays', async () => {
    await setFaults({ garbageNext: 1 });
    const body = payout();
    const garbled = await fetch(`${bank.url}/v1/payouts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(garbled.status).toBe(200);
    expect(await garbled.text()).not.toMatch(/^\{/);
    expect(await stored(body.id)).toBe(true);
    const retry = await request('POST', '/v1/payouts', body);
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
  });

  it('hangNext outlasts a client timeout, then records the call', async () => {
    await setFaults({ hangNext: 1 });
    const body = payout();
    await expect(request('POST', '/v1/payouts', body, 150)).rejects.toThrow();
    expect(await stored(body.id)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(await stored(body.id)).toBe(true);
    expect((await request('POST', '/v1/payouts', body)).status).toBe(200);
  });

  it('failureRate fails a seeded, repeatable share of calls', async () => {
    const outcomes = async () => {
      await setFaults({ failureRate: 0.5, seed: 42 });
      const statuses: number[] = [];
      for (let index = 0; index < 20; index += 1)
        statuses.push((await request('POST', '/v1/payouts', payout())).status);
      return statuses;
    };
    const first = await outcomes();
    expect(await outcomes()).toEqual(first);
    const failures = first.filter((status) => status === 503).length;
    expect(failures).toBeGreaterThan(2);
    expect(failures).toBeLessThan(18);
    expect(first.every((status) => status === 503 || status === 201)).toBe(true);
  });

  it('latencyMs slows every /v1 call', async () => {
    await setFaults({ latencyMs: 250 });
    const started = performance.now();
    expect((await request('GET', '/v1/records?limit=1')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('validates control input and reports the settings', async () => {
    for (const bad of [
      { failureRate: 1.5 },
      { failNext: -1 },
      { limitMinor: 5 },
      { outageUntil: 'tomorrow' },
      { surprise: 1 },
    ]) {
      const reply = await setFaults(bad);
      expect(reply.status).toBe(400);
      expect(reply.headers.get('content-type')).toBe('application/problem+json');
    }
    const settings = await setFaults({ failNext: 3, refuseAccounts: ['acc-x'], limitMinor: '999' });
    expect(settings.json).toMatchObject({
      failNext: 3,
      refuseAccounts: ['acc-x'],
      limitMinor: '999',
      outage: false,
    });
    expect((await request('POST', '/control/reset')).json).toMatchObject({
      failNext: 0,
      refuseAccounts: [],
      limitMinor: '100000000',
    });
  });

  it('does not mount /control when controls are off', async () => {
    const closed = await startBank({ port: 0, databaseUrl: inject('bankDatabaseUrl'), controls: false });
    try {
      const reply = await fetch(`${closed.url}/control/faults`);
      expect(reply.status).toBe(404);
    } finally {
      await closed.stop();
    }
  });

  it('stop() cuts a hanging call short instead of waiting for it', async () => {
    const other = await startBank({
      port: 0,
      databaseUrl: inject('bankDatabaseUrl'),
      controls: true,
      hangMs: 60_000,
    });
    other.faults.update({ hangNext: 1 });
    const hung = fetch(`${other.url}/v1/payouts`, { method: 'POST', body: JSON.stringify(payout()) }).catch(
      () => undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    await other.stop();
    await hung;
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('fault decisions (unit)', () => {
  it('consumes one counter per call, in order: fail, drop, hang, garbage', () => {
    const faults = createFaults({ hangMs: 5 });
    faults.update({ failNext: 1, dropResponseNext: 1, hangNext: 1, garbageNext: 1 });
    expect([1, 2, 3, 4, 5].map(() => faults.nextMoneyCallFault().kind)).toEqual([
      'unavailable',
      'drop-response',
      'hang',
      'garbage',
      'none',
    ]);
  });

  it('ends an outageUntil on the injected clock', () => {
    let now = new Date('2030-01-01T00:00:00Z');
    const faults = createFaults({ now: () => now });
    faults.update({ outageUntil: '2030-01-01T00:00:10Z' });
    expect(faults.inOutage()).toBe(true);
    expect(faults.retryAfterSeconds()).toBe(10);
    now = new Date('2030-01-01T00:00:10Z');
    expect(faults.inOutage()).toBe(false);
  });
});

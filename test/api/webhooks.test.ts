/**
 * Goal: signed webhooks end to end on the real stack (app, PostgreSQL outbox, Temporal
 * dispatcher and delivery workflows, worker): a receiver (a small HTTP server here) that fails
 * five times, asking to come back later, then succeeds gets each event exactly once after
 * deduplication by event id, every signature valid, a tampered body refused by the verifier;
 * a rotated secret still verifies during its grace period; a redelivery sends the same event
 * again; unsafe URLs and strangers are refused.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebhookDispatcher } from '../../temporal/webhook-dispatcher';
import { verifyWebhookSignature } from '../../webhooks/signature';
import { dispatchNewEvents } from '../../webhooks/store';
import {
  connectServices,
  eventually,
  expectLedgerAuditClean,
  expectReconciliationClean,
  fundWallet,
  type TestServices,
} from '../support/fixtures';
import { webhookDeliveryWorkflowId } from '../../workflows/ids';
import { maybeRecordHistory } from '../workflows/support';
import {
  createTestApp,
  get,
  postJson,
  postMoney,
  problemOf,
  problemType,
  signUpVerified,
  type SignedUp,
  type TestApp,
} from './support';

interface Received {
  eventId: string;
  type: string;
  body: string;
  signature: string;
}

/** A receiver that answers 503 (Retry-After: 1) to its first `failures` requests, then 200. */
async function startReceiver(
  failures: number,
): Promise<{ url: string; requests: Received[]; server: Server }> {
  const requests: Received[] = [];
  let failed = 0;
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      requests.push({
        eventId: String(request.headers['kizo-event-id']),
        type: String(request.headers['kizo-event-type']),
        body,
        signature: String(request.headers['kizo-signature']),
      });
      if (failed < failures) {
        failed += 1;
        response.writeHead(503, { 'Retry-After': '1' }).end('down for maintenance');
        return;
      }
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, requests, server };
}

describe('signed webhooks', () => {
  let services: TestServices;
  let app: TestApp;
  const servers: Server[] = [];

  beforeAll(async () => {
    services = await connectServices();
    app = createTestApp(services, { WEBHOOK_ALLOW_PRIVATE_URLS: 'true' });
    await ensureWebhookDispatcher(services.temporal, { intervalMs: 300 });
  });
  afterEach(async () => {
    await expectLedgerAuditClean(services.db);
    await expectReconciliationClean(services.db);
  });
  afterAll(async () => {
    servers.forEach((server) => server.close());
    await services.close();
  });

  const register = async (user: SignedUp, url: string, eventTypes: string[]) => {
    const response = await postJson(
      app,
      '/v1/webhooks',
      { url, eventTypes },
      { Authorization: `Bearer ${user.accessToken}` },
    );
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string; secret: string };
  };

  it('a receiver that fails five times then succeeds gets each event once, signed', async () => {
    const receiver = await startReceiver(5);
    servers.push(receiver.server);
    const ada = await signUpVerified(app, 'ada');
    const bob = await signUpVerified(app, 'bob');
    await fundWallet(services.db, ada.id, 5_000n);
    const endpoint = await register(bob, receiver.url, ['transfer.received']);
    for (const amount of ['100', '200', '300'])
      expect(
        (
          await postMoney(app, ada, '/v1/transfers', {
            recipient: bob.handle,
            amountMinor: amount,
            currency: 'EUR',
          })
        ).status,
      ).toBe(202);

    const deliveries = await eventually(
      async () =>
        (await (await get(app, `/v1/webhooks/${endpoint.id}/deliveries`, bob)).json()) as {
          items: { id: string; status: string; attempts: number; eventId: string }[];
        },
      (log) => log.items.length === 3 && log.items.every((item) => item.status === 'DELIVERED'),
      60_000,
    );
    expect(deliveries.items.reduce((total, item) => total + item.attempts, 0)).toBe(8);
    // A dispatch repeated (a retried activity, a second dispatcher turn) adds no delivery.
    await dispatchNewEvents(services.db);
    await dispatchNewEvents(services.db);
    expect(await services.db.webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(3);
    const retried = deliveries.items.find((item) => item.attempts > 1)!;
    await maybeRecordHistory(
      services.temporal.workflow.getHandle(webhookDeliveryWorkflowId(retried.id)),
      'webhook-delivery-retried',
    );
    // At least once on the wire, exactly once after deduplication by event id.
    const unique = new Map(receiver.requests.map((request) => [request.eventId, request]));
    expect(unique.size).toBe(3);
    expect(receiver.requests).toHaveLength(8);
    const amounts = [...unique.values()]
      .map((request) => (JSON.parse(request.body) as { data: { amountMinor: string } }).data.amountMinor)
      .sort();
    expect(amounts).toEqual(['100', '200', '300']);
    for (const request of receiver.requests) {
      expect(request.type).toBe('transfer.received');
      expect(verifyWebhookSignature(request.body, request.signature, endpoint.secret)).toBe(true);
    }
    const sample = receiver.requests[0]!;
    expect(
      verifyWebhookSignature(
        sample.body.replace('"amountMinor":"', '"amountMinor":"9'),
        sample.signature,
        endpoint.secret,
      ),
    ).toBe(false);
    expect(verifyWebhookSignature(sample.body, sample.signature, 'whsec_not-the-secret')).toBe(false);
    expect(
      verifyWebhookSignature(
        sample.body,
        sample.signature,
        endpoint.secret,
        Math.floor(Date.now() / 1000) + 3_600,
      ),
    ).toBe(false);
  }, 120_000);

  it('rotates a secret with a grace period, redelivers, and refuses unsafe URLs and strangers', async () => {
    const receiver = await startReceiver(0);
    servers.push(receiver.server);
    const ada = await signUpVerified(app, 'ada');
    const eve = await signUpVerified(app, 'eve');
    const endpoint = await register(ada, receiver.url, ['transfer.updated']);
    await fundWallet(services.db, ada.id, 1_000n);
    const rotated = (await (
      await postJson(
        app,
        `/v1/webhooks/${endpoint.id}/rotate-secret`,
        {},
        { Authorization: `Bearer ${ada.accessToken}` },
      )
    ).json()) as { secret: string };
    expect(rotated.secret).not.toBe(endpoint.secret);
    await postMoney(app, ada, '/v1/withdrawals', { amountMinor: '100', currency: 'EUR' });
    // Every status of the withdrawal (PENDING, HELD, SENT_TO_BANK, COMPLETED) delivered: nothing
    // else is on its way when the redelivery below is asked for.
    const log = await eventually(
      async () =>
        (await (await get(app, `/v1/webhooks/${endpoint.id}/deliveries`, ada)).json()) as {
          items: { id: string; eventId: string; status: string }[];
        },
      (body) => body.items.length === 4 && body.items.every((item) => item.status === 'DELIVERED'),
      30_000,
    );
    expect(receiver.requests).toHaveLength(4);
    for (const request of receiver.requests) {
      expect(verifyWebhookSignature(request.body, request.signature, rotated.secret)).toBe(true);
      expect(verifyWebhookSignature(request.body, request.signature, endpoint.secret)).toBe(true);
    }

    const before = receiver.requests.length;
    const again = await postJson(
      app,
      `/v1/webhooks/${endpoint.id}/deliveries/${log.items[0]!.id}/redeliver`,
      {},
      { Authorization: `Bearer ${ada.accessToken}` },
    );
    expect(again.status).toBe(202);
    await eventually(
      () => Promise.resolve(receiver.requests.length),
      (count) => count > before,
      30_000,
    );
    expect(receiver.requests.at(-1)!.eventId).toBe(log.items[0]!.eventId);

    // Strangers see and do nothing; unsafe URLs are refused at registration.
    expect((await get(app, `/v1/webhooks/${endpoint.id}/deliveries`, eve)).status).toBe(404);
    expect(
      (
        await postJson(
          app,
          `/v1/webhooks/${endpoint.id}/rotate-secret`,
          {},
          { Authorization: `Bearer ${eve.accessToken}` },
        )
      ).status,
    ).toBe(404);
    const strict = createTestApp(services);
    for (const url of [
      'http://example.com/hooks',
      'https://127.0.0.1/hooks',
      'https://localhost/x',
      'https://10.1.2.3/x',
      'https://user:pw@example.com/x',
      'not a url',
    ]) {
      const refused = await postJson(
        strict,
        '/v1/webhooks',
        { url, eventTypes: ['transfer.updated'] },
        { Authorization: `Bearer ${eve.accessToken}` },
      );
      expect(refused.status, url).toBe(422);
      expect((await problemOf(refused)).type).toBe(problemType('webhook-url-refused'));
    }
    const deleted = await app.request(`/v1/webhooks/${endpoint.id}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${ada.accessToken}` },
    });
    expect(deleted.status).toBe(204);
    expect(await (await get(app, '/v1/webhooks', ada)).json()).toEqual({ items: [] });
  }, 120_000);
});

/**
 * One delivery attempt: the event as JSON, signed with the endpoint's secret (and the previous
 * one while a rotation is fresh), POSTed with a timeout and no redirects. A 2xx delivers it; a
 * 429 or 5xx (or no answer) is worth another try, after the `Retry-After` the receiver asked
 * for when it gave one; any other answer too, since a receiver's fix is usually a deploy away.
 */
import { loadDelivery, recordAttempt } from './store';
import { EVENT_ID_HEADER, EVENT_TYPE_HEADER, SIGNATURE_HEADER, signWebhook } from './signature';
import { assertDeliverable, UnsafeWebhookUrl } from './url-safety';
import type { Database } from '../prisma/client';

const ATTEMPT_TIMEOUT_MS = 10_000;
/** The longest Retry-After honoured; beyond it the workflow's own backoff applies. */
const RETRY_AFTER_MAX_MS = 3_600_000;

export interface AttemptOutcome {
  delivered: boolean;
  /** The endpoint is gone, disabled or unsafe: no use trying again. */
  abandon: boolean;
  /** What the receiver asked for (Retry-After), in milliseconds. */
  retryAfterMs: number | null;
}

/** Retry-After as seconds or an HTTP date, in milliseconds from now. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), RETRY_AFTER_MAX_MS) : null;
}

export async function attemptDelivery(
  db: Database,
  deliveryId: string,
  options: { allowPrivateUrls: boolean; force?: boolean },
): Promise<AttemptOutcome> {
  const delivery = await loadDelivery(db, deliveryId);
  if (!delivery || delivery.endpoint.disabledAt)
    return { delivered: false, abandon: true, retryAfterMs: null };
  if (delivery.status === 'DELIVERED' && !options.force)
    return { delivered: true, abandon: false, retryAfterMs: null };
  const { endpoint, event } = delivery;
  const body = JSON.stringify({
    id: event.id.toString(),
    type: event.type,
    createdAt: event.createdAt.toISOString(),
    data: event.payload,
  });
  const secrets = [
    endpoint.secret,
    ...(endpoint.previousSecret && endpoint.previousExpiresAt && endpoint.previousExpiresAt > new Date()
      ? [endpoint.previousSecret]
      : []),
  ];
  try {
    await assertDeliverable(endpoint.url, options.allowPrivateUrls);
    const response = await fetch(endpoint.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Kizo-Webhooks/1',
        [SIGNATURE_HEADER]: signWebhook(body, secrets),
        [EVENT_ID_HEADER]: event.id.toString(),
        [EVENT_TYPE_HEADER]: event.type,
      },
      body,
    });
    await response.body?.cancel();
    const delivered = response.status >= 200 && response.status < 300;
    await recordAttempt(db, deliveryId, {
      delivered,
      statusCode: response.status,
      error: delivered ? null : `answered ${response.status}`,
    });
    return {
      delivered,
      abandon: false,
      retryAfterMs: delivered ? null : retryAfterMs(response.headers.get('Retry-After')),
    };
  } catch (error) {
    const unsafe = error instanceof UnsafeWebhookUrl;
    await recordAttempt(db, deliveryId, {
      delivered: false,
      statusCode: null,
      error: unsafe ? `refused: ${error.message}` : `no answer: ${(error as Error).message}`.slice(0, 500),
    });
    return { delivered: false, abandon: unsafe, retryAfterMs: null };
  }
}

/**
 * The webhook signature scheme (docs/webhooks.md), in the style of Stripe's: the header
 * `Kizo-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>]`, each v1 an HMAC-SHA256 with one of
 * the endpoint's secrets over `<t>.<raw body>`. During a secret rotation both the new and the
 * previous secret sign. A receiver verifies with `verifyWebhookSignature` (or the same steps
 * in any language) and refuses a timestamp too far from its clock, which stops replays.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'Kizo-Signature';
export const EVENT_ID_HEADER = 'Kizo-Event-Id';
export const EVENT_TYPE_HEADER = 'Kizo-Event-Type';
/** How far a signature's time may be from the receiver's clock. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

function hmac(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export function signWebhook(
  body: string,
  secrets: string[],
  timestamp = Math.floor(Date.now() / 1000),
): string {
  return [`t=${timestamp}`, ...secrets.map((secret) => `v1=${hmac(secret, timestamp, body)}`)].join(',');
}

/** Whether `header` signs `body` with `secret` within the tolerance of `now` (seconds). */
export function verifyWebhookSignature(
  body: string,
  header: string,
  secret: string,
  now = Math.floor(Date.now() / 1000),
): boolean {
  const parts = header.split(',').map((part) => part.trim().split('='));
  const timestamp = Number(parts.find(([key]) => key === 't')?.[1]);
  if (!Number.isSafeInteger(timestamp) || Math.abs(now - timestamp) > SIGNATURE_TOLERANCE_SECONDS)
    return false;
  const expected = Buffer.from(hmac(secret, timestamp, body), 'hex');
  return parts
    .filter(([key, value]) => key === 'v1' && value !== undefined && /^[0-9a-f]{64}$/.test(value))
    .some(([, value]) => timingSafeEqual(Buffer.from(value!, 'hex'), expected));
}

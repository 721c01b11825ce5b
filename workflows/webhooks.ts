/**
 * Webhooks. The dispatcher (one, `kizo-webhook-dispatcher`, started by the worker) turns new
 * outbox events into deliveries every interval and continues as new now and then to keep its
 * history short. Each delivery is a workflow of its own: attempts with exponential backoff, or
 * the receiver's Retry-After when it gave one, until it is delivered or three days have
 * passed (then FAILED; a user may redeliver). A receiver down for hours loses nothing.
 * Deterministic workflow code.
 */
import { continueAsNew, proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../activities';

const dispatcher = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumInterval: '30 seconds' },
});
/** One attempt is one activity run (its outcome is logged); the workflow does the retrying. */
const attempts = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 3, initialInterval: '1 second' },
});

/** Dispatch turns before continuing as new. */
const TURNS_PER_RUN = 500;

export const WEBHOOK_RETRY = {
  initialMs: 10_000,
  factor: 2,
  maxMs: 3_600_000,
  deadlineMs: 3 * 24 * 3_600_000,
} as const;

export async function webhookDispatcherWorkflow(input: { intervalMs: number }): Promise<void> {
  for (let turn = 0; turn < TURNS_PER_RUN; turn += 1) {
    await dispatcher.dispatchWebhooks();
    await sleep(input.intervalMs);
  }
  await continueAsNew<typeof webhookDispatcherWorkflow>(input);
}

/** The pause before attempt `attempt + 1`: the receiver's Retry-After, else backoff with jitter. */
export function nextPauseMs(attempt: number, retryAfterMs: number | null, random: () => number): number {
  if (retryAfterMs !== null) return Math.max(1_000, retryAfterMs);
  const backoff = Math.min(WEBHOOK_RETRY.initialMs * WEBHOOK_RETRY.factor ** attempt, WEBHOOK_RETRY.maxMs);
  return Math.round(backoff * (0.75 + random() * 0.5));
}

export async function webhookDeliveryWorkflow(input: {
  deliveryId: string;
  force?: boolean;
}): Promise<{ delivered: boolean; attempts: number }> {
  const deadline = Date.now() + WEBHOOK_RETRY.deadlineMs;
  for (let attempt = 0; ; attempt += 1) {
    const outcome = await attempts.deliverWebhook(input);
    if (outcome.delivered) return { delivered: true, attempts: attempt + 1 };
    const pauseMs = nextPauseMs(attempt, outcome.retryAfterMs, Math.random);
    if (outcome.abandon || Date.now() + pauseMs > deadline) {
      await attempts.failWebhookDelivery({ deliveryId: input.deliveryId });
      return { delivered: false, attempts: attempt + 1 };
    }
    await sleep(pauseMs);
  }
}

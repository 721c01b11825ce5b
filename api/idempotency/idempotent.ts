/**
 * Runs a money-moving handler at most once per (user, Idempotency-Key): claims the key, runs
 * the handler, stores its answer (success or business refusal) and replays that answer, marked
 * `Idempotent-Replayed: true`, to every later request with the same key and body.
 * Faults (5xx, Temporal or database outages) release the key so the client may retry; the
 * deterministic workflow id keeps that retry from moving money twice.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ProblemError } from '../problem';
import { requestHash } from './request-hash';
import type { IdempotencyStore, StoredResponse } from './store';

export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

/** Seconds a client should wait before retrying a request whose first copy is still running. */
const IN_FLIGHT_RETRY_AFTER_SECONDS = 1;

export async function idempotent(
  c: Context,
  store: IdempotencyStore,
  input: { userId: string; key: string; body: unknown },
  run: () => Promise<StoredResponse>,
): Promise<Response> {
  const method = c.req.method;
  const path = c.req.path;
  const outcome = await store.claim({
    userId: input.userId,
    key: input.key,
    hash: requestHash(method, path, input.body),
    method,
    path,
  });
  if (outcome.kind === 'mismatch') {
    throw new ProblemError(
      422,
      'idempotency-key-reused',
      'Idempotency-Key reused',
      'this key was used for a different request; use a new key',
    );
  }
  if (outcome.kind === 'in-flight') {
    throw new ProblemError(
      409,
      'idempotency-key-in-flight',
      'Request in progress',
      'a request with this key is still being processed; retry shortly',
      {},
      { 'Retry-After': String(IN_FLIGHT_RETRY_AFTER_SECONDS) },
    );
  }
  if (outcome.kind === 'completed') return render(c, outcome.response, true);

  let response: StoredResponse;
  try {
    response = await run();
  } catch (error) {
    if (!(error instanceof ProblemError) || error.status >= 500) {
      await store.release(input.userId, input.key);
      throw error;
    }
    response = { status: error.status, body: error.toProblem(path) };
  }
  await store.complete(input.userId, input.key, response);
  return render(c, response, false);
}

function render(c: Context, response: StoredResponse, replayed: boolean): Response {
  const headers: Record<string, string> = {
    'Content-Type': response.status >= 400 ? 'application/problem+json' : 'application/json',
  };
  if (replayed) headers[IDEMPOTENT_REPLAYED_HEADER] = 'true';
  return c.body(JSON.stringify(response.body), response.status as ContentfulStatusCode, headers);
}

/**
 * Route middleware for money-moving POSTs: the Idempotency-Key header must be present and
 * well-formed before anything else about the request is looked at (IETF draft: missing 400).
 */
import { createMiddleware } from 'hono/factory';
import { ProblemError } from '../problem';

/** 8 to 128 characters: long enough to be unique per client (a UUID is 36), short enough to index. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;

export const requireIdempotencyKey = createMiddleware(async (c, next) => {
  const key = c.req.header('Idempotency-Key');
  if (!key)
    throw new ProblemError(
      400,
      'idempotency-key-missing',
      'Idempotency-Key header required',
      'send a unique key (e.g. a UUID) per money movement',
    );
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new ProblemError(
      400,
      'idempotency-key-invalid',
      'Invalid Idempotency-Key',
      'use 8 to 128 letters, digits or ._:-',
    );
  }
  await next();
});

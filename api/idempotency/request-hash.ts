/**
 * The fingerprint of a money-moving request: method, path and the validated body, serialised
 * with sorted keys so `{"a":1,"b":2}` and `{"b":2,"a":1}` are the same request. The same key
 * with another fingerprint is a client bug (422), never a second movement.
 */
import { createHash } from 'node:crypto';

/** Nesting the canonical form walks at most; request bodies here are flat. */
const DEPTH_MAX = 16;

function canonical(value: unknown, depth = 0): unknown {
  if (depth > DEPTH_MAX) throw new RangeError('request body nested too deeply to fingerprint');
  if (Array.isArray(value)) return value.map((item) => canonical(item, depth + 1));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key], depth + 1)]),
    );
  }
  return value;
}

export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${path}\n${JSON.stringify(canonical(body))}`, 'utf8')
    .digest('hex');
}

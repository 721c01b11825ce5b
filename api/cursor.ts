/**
 * Opaque page cursors: the sort key of the last item, base64url-encoded JSON, so clients
 * cannot depend on its shape. A cursor that does not decode is a 400, not a 500.
 */
import { ProblemError } from './problem';

/** The 400 for a page cursor this API did not give out. */
export function invalidCursor(): ProblemError {
  return new ProblemError(
    400,
    'invalid-cursor',
    'Invalid cursor',
    'pass back the nextCursor of the previous page unchanged',
  );
}

export function encodeCursor(value: Record<string, string>): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeCursor<K extends string>(
  cursor: string | undefined,
  keys: readonly K[],
): Record<K, string> | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const record = parsed as Record<string, unknown> | undefined;
  if (!record || typeof record !== 'object' || !keys.every((key) => typeof record[key] === 'string')) {
    throw invalidCursor();
  }
  return record as Record<K, string>;
}

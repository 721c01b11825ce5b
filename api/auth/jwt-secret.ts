/**
 * The key access tokens are signed with. Only the test suite (NODE_ENV=test) may use the
 * published development key; anywhere else the API refuses to start without a strong one,
 * whatever else NODE_ENV says: `./kizo up` generates a random key under its data folder
 * (scripts/jwt-key.ts), and deployments set JWT_SECRET.
 */
import type { Config } from '../../common/config';

/** Published in this repository: good for tests, worthless as a secret. */
export const TEST_ONLY_JWT_SECRET = 'test-only-secret-published-in-the-repository-0123456789';

/** 32 bytes of randomness, written in base64url, is 43 characters; hex would be 64. */
export const JWT_SECRET_LENGTH_MIN = 43;
/** A key of few distinct characters ("aaaa…", "0123…0123") is long but guessable. */
const DISTINCT_CHARACTERS_MIN = 16;

export class WeakJwtSecretError extends Error {
  override readonly name = 'WeakJwtSecretError';
}

export function resolveJwtSecret(config: Pick<Config, 'JWT_SECRET' | 'NODE_ENV'>): string {
  const secret = config.JWT_SECRET;
  if (secret === undefined) {
    if (config.NODE_ENV === 'test') return TEST_ONLY_JWT_SECRET;
    throw new WeakJwtSecretError(
      'JWT_SECRET is not set: give the API a random key of at least 256 bits (e.g. `openssl rand -base64 32`); `./kizo up` makes one under KIZO_DATA_DIR',
    );
  }
  if (secret === TEST_ONLY_JWT_SECRET && config.NODE_ENV !== 'test') {
    throw new WeakJwtSecretError(
      'JWT_SECRET is the published test key: set a random one of at least 256 bits',
    );
  }
  if (secret.length < JWT_SECRET_LENGTH_MIN || new Set(secret).size < DISTINCT_CHARACTERS_MIN) {
    throw new WeakJwtSecretError(
      `JWT_SECRET is too weak: use at least ${JWT_SECRET_LENGTH_MIN} random characters (256 bits), e.g. \`openssl rand -base64 32\``,
    );
  }
  return secret;
}

/**
 * Goal: only the test suite may sign with the published key; anywhere else the API needs a
 * strong key of its own, whatever NODE_ENV says. Pure.
 */
import { describe, expect, it } from 'vitest';
import { resolveJwtSecret, TEST_ONLY_JWT_SECRET, WeakJwtSecretError } from './jwt-secret';

const strong = 'q3J8vYb0Zp6u1Kx9mWc4T7sLr2NfHgEaDiOjUkV5Qwy';

describe('the signing key', () => {
  it('is the published test key only in the test suite', () => {
    expect(resolveJwtSecret({ NODE_ENV: 'test', JWT_SECRET: undefined })).toBe(TEST_ONLY_JWT_SECRET);
    for (const NODE_ENV of ['development', 'production'] as const) {
      expect(() => resolveJwtSecret({ NODE_ENV, JWT_SECRET: undefined })).toThrow(WeakJwtSecretError);
      expect(() => resolveJwtSecret({ NODE_ENV, JWT_SECRET: TEST_ONLY_JWT_SECRET })).toThrow(
        /published test key/,
      );
    }
  });

  it('refuses short or repetitive keys and takes a random one', () => {
    expect(() => resolveJwtSecret({ NODE_ENV: 'development', JWT_SECRET: 'x'.repeat(42) })).toThrow(
      /too weak/,
    );
    expect(() => resolveJwtSecret({ NODE_ENV: 'production', JWT_SECRET: 'ab'.repeat(40) })).toThrow(
      /too weak/,
    );
    expect(resolveJwtSecret({ NODE_ENV: 'production', JWT_SECRET: strong })).toBe(strong);
  });
});

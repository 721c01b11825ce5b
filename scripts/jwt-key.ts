/**
 * The API's signing key for `./kizo up`: 32 random bytes, made on first start and kept under the
 * data folder (mode 0600), so tokens survive a restart and no published key is ever used.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const JWT_KEY_BYTES = 32;

export function ensureJwtKey(dataDir: string): string {
  const folder = path.join(dataDir, 'secrets');
  const file = path.join(folder, 'jwt-secret');
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  try {
    // 'wx': of two starts racing, one writes and both read the same key.
    writeFileSync(file, `${randomBytes(JWT_KEY_BYTES).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
  }
  return readFileSync(file, 'utf8').trim();
}

/**
 * Password hashing with argon2id (@node-rs/argon2 defaults: 19 MiB memory, 2 passes), the
 * OWASP-recommended choice. Unknown accounts are verified against a fixed hash so a login for
 * an email that does not exist takes as long as one with a wrong password.
 */
import { hash, verify } from '@node-rs/argon2';

export const PASSWORD_LENGTH_MIN = 10;
/** argon2 accepts any length; the cap stops a megabyte "password" from costing CPU. */
export const PASSWORD_LENGTH_MAX = 128;

let decoy: Promise<string> | undefined;

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** True when the password matches; always spends one verification, even without a user. */
export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  decoy ??= hash('kizo-decoy-password-for-timing');
  const target = passwordHash ?? (await decoy);
  const matches = await verify(target, password).catch(() => false);
  return passwordHash !== undefined && matches;
}

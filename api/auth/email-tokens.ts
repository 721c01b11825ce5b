/**
 * Single-use, expiring links mailed to a user: email verification and password reset. A token is
 * 32 random bytes shown only in the mail; the database keeps its sha-256, so a read of the
 * table yields no usable link. Issuing a token deletes the user's earlier unused ones of the same
 * purpose (only the newest link works), and using one is a conditional update, so two clicks
 * racing on one link let exactly one through.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Database } from '../../prisma/client';

const TOKEN_BYTES = 32;
/** A token is base64url of TOKEN_BYTES: anything longer or of other characters is not one. */
export const EMAIL_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export type EmailTokenPurpose = 'VERIFY_EMAIL' | 'RESET_PASSWORD';

export interface EmailTokenRow {
  id: string;
  userId: string;
  email: string;
  expiresAt: Date;
  usedAt: Date | null;
}

export type EmailTokenState = 'unknown' | 'expired' | 'used' | 'valid';

const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export function createEmailTokens(db: Database) {
  return {
    /** A new link for `userId` sent to `email`; earlier unused links of this purpose stop working. */
    async issue(
      userId: string,
      purpose: EmailTokenPurpose,
      email: string,
      ttlSeconds: number,
    ): Promise<{ token: string; expiresAt: Date }> {
      const token = randomBytes(TOKEN_BYTES).toString('base64url');
      const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
      await db.$transaction([
        db.emailToken.deleteMany({ where: { userId, purpose, usedAt: null } }),
        db.emailToken.create({
          data: { id: randomUUID(), userId, purpose, email, tokenHash: hashOf(token), expiresAt },
        }),
      ]);
      return { token, expiresAt };
    },

    /** The token's row and what state it is in (without using it). */
    async find(
      token: string,
      purpose: EmailTokenPurpose,
    ): Promise<{ state: 'unknown' } | { state: Exclude<EmailTokenState, 'unknown'>; row: EmailTokenRow }> {
      if (!EMAIL_TOKEN_PATTERN.test(token)) return { state: 'unknown' };
      const row = await db.emailToken.findUnique({
        where: { tokenHash: hashOf(token) },
        select: { id: true, userId: true, email: true, expiresAt: true, usedAt: true, purpose: true },
      });
      if (!row || row.purpose !== purpose) return { state: 'unknown' };
      if (row.usedAt) return { state: 'used', row };
      if (row.expiresAt.getTime() <= Date.now()) return { state: 'expired', row };
      return { state: 'valid', row };
    },

    /** Marks a valid token used; false when another request used it first (or it just expired). */
    async use(id: string): Promise<boolean> {
      const used = await db.emailToken.updateMany({
        where: { id, usedAt: null, expiresAt: { gt: new Date() } },
        data: { usedAt: new Date() },
      });
      return used.count === 1;
    },
  };
}

export type EmailTokens = ReturnType<typeof createEmailTokens>;

/**
 * Rotating refresh tokens with reuse detection (OAuth 2.0 Security BCP, section 4.14).
 * A token is 32 random bytes shown to the client once; only its sha-256 is stored. Each
 * refresh marks the presented token used and issues the next one in the same family. Presenting
 * a used or revoked token means it leaked (or a client misbehaves): the whole family is revoked,
 * so the thief's and the owner's sessions both end and the owner logs in again.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Database } from '../../prisma/client';

const TOKEN_BYTES = 32;

export type RotationOutcome =
  | { ok: true; userId: string; refreshToken: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'reused' };

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function createRefreshTokenStore(db: Database, ttlSeconds: number) {
  async function insert(userId: string, familyId: string): Promise<string> {
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    await db.refreshToken.create({
      data: { userId, familyId, tokenHash: hashRefreshToken(token), expiresAt: new Date(Date.now() + ttlSeconds * 1000) },
    });
    return token;
  }

  async function revokeFamily(familyId: string): Promise<void> {
    await db.refreshToken.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt: new Date() } });
  }

  return {
    /** Starts a new family (a new session) for a user who just proved their password. */
    issue(userId: string): Promise<string> {
      return insert(userId, randomUUID());
    },

    async rotate(token: string): Promise<RotationOutcome> {
      const row = await db.refreshToken.findUnique({ where: { tokenHash: hashRefreshToken(token) } });
      if (!row) return { ok: false, reason: 'unknown' };
      if (row.usedAt || row.revokedAt) {
        await revokeFamily(row.familyId);
        return { ok: false, reason: 'reused' };
      }
      if (row.expiresAt.getTime() <= Date.now()) return { ok: false, reason: 'expired' };
      // The conditional update is the race guard: of two concurrent refreshes with one token,
      // exactly one marks it used; the other is a reuse and revokes the family.
      const claimed = await db.refreshToken.updateMany({
        where: { id: row.id, usedAt: null, revokedAt: null },
        data: { usedAt: new Date() },
      });
      if (claimed.count !== 1) {
        await revokeFamily(row.familyId);
        return { ok: false, reason: 'reused' };
      }
      return { ok: true, userId: row.userId, refreshToken: await insert(row.userId, row.familyId) };
    },

    /** Ends the session the token belongs to; unknown tokens are ignored (logout is idempotent). */
    async revoke(token: string): Promise<void> {
      const row = await db.refreshToken.findUnique({ where: { tokenHash: hashRefreshToken(token) } });
      if (row) await revokeFamily(row.familyId);
    },
  };
}

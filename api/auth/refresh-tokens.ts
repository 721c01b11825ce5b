/**
 * Sessions and their rotating refresh tokens, with reuse detection (OAuth 2.0 Security BCP,
 * section 4.14). A session is a row of `auth_sessions`; its refresh tokens are 32 random bytes
 * shown to the client once, of which only the sha-256 is stored. Each refresh marks the
 * presented token used and issues the next one, inside one transaction that locks the session
 * row: two refreshes racing with one token run one after the other, the second sees a used
 * token, and the session is revoked with every token in it, the first one's new token included.
 * Access tokens name their session (`sid`), so revoking it (logout, reuse, "log out
 * everywhere", a password change) stops them at once too.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Database } from '../../prisma/client';

const TOKEN_BYTES = 32;

export type RevokedReason =
  'logout' | 'logout-everywhere' | 'reuse' | 'password-change' | 'password-reset' | 'revoked-by-user';

/** What a session remembers of the device that uses it (GET /v1/me/sessions). */
export interface SessionDevice {
  userAgent?: string | undefined;
  ipAddress?: string | undefined;
}

export interface SessionView {
  id: string;
  userAgent: string | null;
  ipAddress: string | null;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
}

/** A user agent is the client's to choose: kept to this length. */
const USER_AGENT_LENGTH_MAX = 300;
/** Sessions GET /v1/me/sessions lists at most (the newest). */
export const SESSIONS_LISTED_MAX = 100;

const deviceColumns = (device: SessionDevice | undefined) => ({
  ...(device?.userAgent ? { userAgent: device.userAgent.slice(0, USER_AGENT_LENGTH_MAX) } : {}),
  // clientAddress() says 'unknown' when the connection has none (an in-process request).
  ...(device?.ipAddress && device.ipAddress !== 'unknown'
    ? { ipAddress: device.ipAddress.slice(0, 64) }
    : {}),
});

export type RotationOutcome =
  | { ok: true; userId: string; sessionId: string; refreshToken: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'reused' | 'revoked' };

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

type Transaction = Parameters<Parameters<Database['$transaction']>[0]>[0];

export function createRefreshTokenStore(db: Database, ttlSeconds: number) {
  async function insertToken(tx: Transaction | Database, userId: string, sessionId: string): Promise<string> {
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    await tx.refreshToken.create({
      data: {
        userId,
        familyId: sessionId,
        tokenHash: hashRefreshToken(token),
        expiresAt: new Date(Date.now() + ttlSeconds * 1000),
      },
    });
    return token;
  }

  async function revokeSessions(
    tx: Transaction | Database,
    where: { id: string } | { userId: string },
    reason: RevokedReason,
  ): Promise<void> {
    const now = new Date();
    const revoked = await tx.authSession.updateManyAndReturn({
      where: { ...where, revokedAt: null },
      data: { revokedAt: now, revokedReason: reason },
      select: { id: true },
    });
    const ids = 'id' in where ? [where.id] : revoked.map((session) => session.id);
    await tx.refreshToken.updateMany({
      where: { familyId: { in: ids }, revokedAt: null },
      data: { revokedAt: now },
    });
  }

  return {
    /** Starts a new session for a user who just proved their password; its first refresh token. */
    async issue(
      userId: string,
      device?: SessionDevice,
    ): Promise<{ sessionId: string; refreshToken: string }> {
      const sessionId = randomUUID();
      const now = new Date();
      const refreshToken = await db.$transaction(async (tx) => {
        await tx.authSession.create({
          data: {
            id: sessionId,
            userId,
            createdAt: now,
            expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
            lastUsedAt: now,
            ...deviceColumns(device),
          },
        });
        return insertToken(tx, userId, sessionId);
      });
      return { sessionId, refreshToken };
    },

    async rotate(token: string, device?: SessionDevice): Promise<RotationOutcome> {
      const found = await db.refreshToken.findUnique({
        where: { tokenHash: hashRefreshToken(token) },
        select: { familyId: true },
      });
      if (!found) return { ok: false, reason: 'unknown' };
      return db.$transaction(async (tx): Promise<RotationOutcome> => {
        // The lock every rotation of this session queues on.
        const [session] = await tx.$queryRaw<{ revoked_at: Date | null }[]>`
          SELECT revoked_at FROM auth_sessions WHERE id = ${found.familyId}::uuid FOR UPDATE`;
        const row = await tx.refreshToken.findUnique({ where: { tokenHash: hashRefreshToken(token) } });
        if (!session || !row) return { ok: false, reason: 'unknown' };
        if (session.revoked_at) return { ok: false, reason: 'revoked' };
        if (row.usedAt || row.revokedAt) {
          await revokeSessions(tx, { id: row.familyId }, 'reuse');
          return { ok: false, reason: 'reused' };
        }
        if (row.expiresAt.getTime() <= Date.now()) return { ok: false, reason: 'expired' };
        await tx.refreshToken.update({ where: { id: row.id }, data: { usedAt: new Date() } });
        await tx.authSession.update({
          where: { id: row.familyId },
          data: { lastUsedAt: new Date(), ...deviceColumns(device) },
        });
        return {
          ok: true,
          userId: row.userId,
          sessionId: row.familyId,
          refreshToken: await insertToken(tx, row.userId, row.familyId),
        };
      });
    },

    /** Ends the session the token belongs to; unknown tokens are ignored (logout is idempotent). */
    async revoke(token: string): Promise<void> {
      const row = await db.refreshToken.findUnique({
        where: { tokenHash: hashRefreshToken(token) },
        select: { familyId: true },
      });
      if (row) await db.$transaction((tx) => revokeSessions(tx, { id: row.familyId }, 'logout'));
    },

    /** Ends every session of the user (log out everywhere, a password change). */
    revokeAll(
      userId: string,
      reason: Extract<RevokedReason, 'logout-everywhere' | 'password-change' | 'password-reset'>,
    ): Promise<void> {
      return db.$transaction((tx) => revokeSessions(tx, { userId }, reason));
    },

    /** The user's sessions still in force, the most recently used first. */
    async list(userId: string): Promise<SessionView[]> {
      const rows = await db.authSession.findMany({
        where: { userId, revokedAt: null, expiresAt: { gt: new Date() } },
        orderBy: [{ lastUsedAt: { sort: 'desc', nulls: 'last' } }, { createdAt: 'desc' }],
        take: SESSIONS_LISTED_MAX,
        select: {
          id: true,
          userAgent: true,
          ipAddress: true,
          createdAt: true,
          lastUsedAt: true,
          expiresAt: true,
        },
      });
      return rows.map((row) => ({ ...row, lastUsedAt: row.lastUsedAt ?? row.createdAt }));
    },

    /** Ends one session of the user's; false when they have no such session in force. */
    async revokeOne(userId: string, sessionId: string): Promise<boolean> {
      return db.$transaction(async (tx) => {
        const session = await tx.authSession.findFirst({
          where: { id: sessionId, userId, revokedAt: null },
          select: { id: true },
        });
        if (!session) return false;
        await revokeSessions(tx, { id: session.id }, 'revoked-by-user');
        return true;
      });
    },

    /**
     * Deletes sessions (with their tokens) that expired or were revoked over `keepDays` ago, in
     * batches of `batch` until none is left or `batchesMax` ran; returns how many went.
     */
    async purge(options: { keepDays: number; batch: number; batchesMax: number }): Promise<number> {
      const before = new Date(Date.now() - options.keepDays * 24 * 3600 * 1000);
      let deleted = 0;
      for (let round = 0; round < options.batchesMax; round += 1) {
        const count = await db.$executeRaw`
          DELETE FROM auth_sessions WHERE id IN (
            SELECT id FROM auth_sessions WHERE expires_at < ${before} OR revoked_at < ${before} LIMIT ${options.batch})`;
        deleted += count;
        if (count < options.batch) break;
      }
      return deleted;
    },
  };
}

export type RefreshTokenStore = ReturnType<typeof createRefreshTokenStore>;

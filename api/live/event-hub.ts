/**
 * One PostgreSQL LISTEN per API process on `kizo_user_events` (the outbox trigger's channel),
 * fanned out to the live streams of this process by user. A notification only wakes a stream,
 * which then reads the outbox from its last event id: so a lost or coalesced notification, or a
 * reconnect of the listener, can delay an event but never lose or reorder one. Every replica
 * listens, so a user's stream on any replica hears events written by any worker.
 *
 * The same connection listens on `kizo_session_ended`, which a trigger on `auth_sessions` raises
 * whenever a session ends (logout, password change or reset, refresh-token reuse, a revoked
 * device, the user's deletion): every replica closes that session's streams within moments.
 * The hub also holds the per-user bound, reserved synchronously (no `await` between the count
 * and the registration, so simultaneous connections cannot all pass it).
 */
import pg from 'pg';
import type { Logger } from 'pino';

export const USER_EVENTS_CHANNEL = 'kizo_user_events';
/** Raised by the `auth_sessions` triggers with "<user id>:<session id>" (migration 20261205120000). */
export const SESSION_ENDED_CHANNEL = 'kizo_session_ended';

/** First pause before listening again after the connection dropped; it doubles up to the cap. */
const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 10_000;

/** One open live stream, as the hub knows it. */
export interface LiveStreamRegistration {
  /** Set once the stream must end (its session ended): the stream says so and closes. */
  readonly ended: boolean;
  /**
   * Set when the stream should read its session again now rather than at its next periodic
   * check (the listener reconnected: a session may have ended unheard); the stream clears it.
   */
  recheckSession: boolean;
  /** Called whenever the user may have new events, the session ended, or a recheck is due. */
  onWake(wake: () => void): void;
  /** Frees the stream's place in the per-user bound; idempotent. */
  release(): void;
}

export interface EventHub {
  /**
   * Registers a stream of `sessionId` for `userId` if the user has fewer than `max` open in
   * this process (the count and the registration are one synchronous step); undefined when full.
   */
  openStream(userId: string, sessionId: string, max: number): LiveStreamRegistration | undefined;
  /** Streams open in this process for a user (the per-user bound). */
  openStreams(userId: string): number;
  /**
   * Ends this process's streams of one session of the user's, or of all their sessions; answers
   * how many. Other replicas hear of an ended session from the `auth_sessions` trigger.
   */
  closeSessionStreams(userId: string, sessionId?: string): number;
  close(): Promise<void>;
}

interface StreamEntry {
  sessionId: string;
  ended: boolean;
  recheckSession: boolean;
  wake: () => void;
}

export function createEventHub(options: { connectionString: string; logger?: Logger }): EventHub {
  const streams = new Map<string, Set<StreamEntry>>();
  let client: pg.Client | undefined;
  let closed = false;
  let reconnectMs = RECONNECT_MIN_MS;

  const wakeUser = (userId: string) => streams.get(userId)?.forEach((entry) => entry.wake());

  function closeSessionStreams(userId: string, sessionId?: string): number {
    let closedCount = 0;
    streams.get(userId)?.forEach((entry) => {
      if (entry.ended || (sessionId !== undefined && entry.sessionId !== sessionId)) return;
      entry.ended = true;
      closedCount += 1;
      entry.wake();
    });
    return closedCount;
  }

  async function listen(): Promise<void> {
    if (closed) return;
    const next = new pg.Client({ connectionString: options.connectionString });
    next.on('notification', (message) => {
      const [userId, subjectId] = message.payload?.split(':') ?? [];
      if (!userId) return;
      if (message.channel === SESSION_ENDED_CHANNEL) {
        if (subjectId) closeSessionStreams(userId, subjectId);
      } else wakeUser(userId);
    });
    next.on('error', (error) => {
      options.logger?.warn({ err: error }, 'live events listener dropped; listening again');
      void next.end().catch(() => {});
      if (client === next) client = undefined;
      setTimeout(() => void listen().catch(() => {}), reconnectMs).unref();
      reconnectMs = Math.min(reconnectMs * 2, RECONNECT_MAX_MS);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${USER_EVENTS_CHANNEL}`);
      await next.query(`LISTEN ${SESSION_ENDED_CHANNEL}`);
    } catch (error) {
      next.emit('error', error);
      return;
    }
    if (closed) {
      await next.end();
      return;
    }
    client = next;
    reconnectMs = RECONNECT_MIN_MS;
    // Anything written while we were not listening: every stream reads from where it was, and
    // reads its session again (one may have ended unheard).
    streams.forEach((entries) =>
      entries.forEach((entry) => {
        entry.recheckSession = true;
        entry.wake();
      }),
    );
  }

  const started = listen();

  return {
    openStream(userId, sessionId, max) {
      const entries = streams.get(userId) ?? new Set<StreamEntry>();
      if (entries.size >= max) return undefined;
      const entry: StreamEntry = { sessionId, ended: false, recheckSession: false, wake: () => {} };
      entries.add(entry);
      streams.set(userId, entries);
      return {
        get ended() {
          return entry.ended;
        },
        get recheckSession() {
          return entry.recheckSession;
        },
        set recheckSession(value: boolean) {
          entry.recheckSession = value;
        },
        onWake(wake) {
          entry.wake = wake;
        },
        release() {
          entries.delete(entry);
          if (entries.size === 0 && streams.get(userId) === entries) streams.delete(userId);
        },
      };
    },
    openStreams: (userId) => streams.get(userId)?.size ?? 0,
    closeSessionStreams,
    async close() {
      closed = true;
      await started;
      await client?.end().catch(() => {});
      client = undefined;
    },
  };
}

/**
 * One PostgreSQL LISTEN per API process on `kizo_user_events` (the outbox trigger's channel),
 * fanned out to the live streams of this process by user. A notification only wakes a stream,
 * which then reads the outbox from its last event id: so a lost or coalesced notification, or a
 * reconnect of the listener, can delay an event but never lose or reorder one. Every replica
 * listens, so a user's stream on any replica hears events written by any worker.
 */
import pg from 'pg';
import type { Logger } from 'pino';

export const USER_EVENTS_CHANNEL = 'kizo_user_events';

/** First pause before listening again after the connection dropped; it doubles up to the cap. */
const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 10_000;

export interface EventHub {
  /** Calls `wake` whenever the user may have new events; returns the unsubscribe. */
  subscribe(userId: string, wake: () => void): () => void;
  /** Streams open in this process for a user (the per-user bound). */
  openStreams(userId: string): number;
  close(): Promise<void>;
}

export function createEventHub(options: { connectionString: string; logger?: Logger }): EventHub {
  const subscribers = new Map<string, Set<() => void>>();
  let client: pg.Client | undefined;
  let closed = false;
  let reconnectMs = RECONNECT_MIN_MS;

  const wakeAll = () => subscribers.forEach((wakes) => wakes.forEach((wake) => wake()));

  async function listen(): Promise<void> {
    if (closed) return;
    const next = new pg.Client({ connectionString: options.connectionString });
    next.on('notification', (message) => {
      const userId = message.payload?.split(':')[0];
      if (userId) subscribers.get(userId)?.forEach((wake) => wake());
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
    // Anything written while we were not listening: every stream reads from where it was.
    wakeAll();
  }

  const started = listen();

  return {
    subscribe(userId, wake) {
      const wakes = subscribers.get(userId) ?? new Set();
      wakes.add(wake);
      subscribers.set(userId, wakes);
      return () => {
        wakes.delete(wake);
        if (wakes.size === 0) subscribers.delete(userId);
      };
    },
    openStreams: (userId) => subscribers.get(userId)?.size ?? 0,
    async close() {
      closed = true;
      await started;
      await client?.end().catch(() => {});
      client = undefined;
    },
  };
}

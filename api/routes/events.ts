/**
 * The signed-in user's live events as server-sent events: their transfers' status changes,
 * money received and payment requests, read from the `user_events` outbox in id order. Each
 * event's `id` is its outbox id, so a client that reconnects with `Last-Event-ID` (or `?after=`)
 * gets exactly what it missed. Bounded: a few streams per user and API process (reserved before
 * any `await`), a heartbeat comment, and a longest life, after which the client reconnects. A
 * stream ends with its session: at once when it is revoked (the hub hears the `auth_sessions`
 * trigger's notification on every replica), and at the latest at the next periodic session
 * check (every heartbeat, busy or not) should that notification be missed or the session expire.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { Config } from '../../common/config';
import type { Database } from '../../prisma/client';
import type { EventHub } from '../live/event-hub';
import { latestUserEventId, userEventsAfter } from '../live/user-events';
import { ProblemError } from '../problem';
import { createRouter } from '../router';
import { authProblems, problemDoc, retryAfterHeader } from '../schemas';

/** Events sent per outbox read. */
const PAGE = 200;
/** What a browser waits before reconnecting a dropped stream. */
const RECONNECT_MS = 2_000;

const stream = createRoute({
  method: 'get',
  path: '/',
  tags: ['events'],
  summary: "The caller's live events (server-sent events)",
  description:
    'A `text/event-stream`. First a `ready` event whose id is where the stream starts; then one event per outbox row, named by its type (`transfer.updated`, `transfer.received`, `payment_request.updated`), its `id` the outbox id and its data JSON. Reconnect with `Last-Event-ID` (or `?after=`) to get every event after it. A comment line every heartbeat; the stream ends after a while, or at once when its session ends (logout, a password change or reset, refresh-token reuse, a revoked session): an `end` event, then the stream closes.',
  security: [{ bearerAuth: [] }],
  request: {
    query: z.object({
      after: z
        .string()
        .regex(/^\d{1,18}$/)
        .optional()
        .openapi({ description: 'Resume after this event id (as Last-Event-ID does)' }),
    }),
    headers: z.object({
      'last-event-id': z
        .string()
        .regex(/^\d{1,18}$/)
        .optional()
        .openapi({ param: { name: 'last-event-id', in: 'header' } }),
    }),
  },
  responses: {
    200: { description: 'The stream', content: { 'text/event-stream': { schema: z.string() } } },
    400: problemDoc('A malformed `after` or `Last-Event-ID`'),
    ...authProblems,
    429: {
      ...problemDoc('Too many open streams for this user on this server (`too-many-streams`)'),
      headers: retryAfterHeader,
    },
    503: problemDoc('Live events are not available on this server'),
  },
});

export function eventRoutes({
  db,
  config,
  hub,
}: {
  db: Database;
  config: Config;
  hub: EventHub | undefined;
}) {
  const app = createRouter();

  app.openapi(stream, async (c) => {
    if (!hub)
      throw new ProblemError(503, 'live-events-unavailable', 'Live events are not available on this server');
    const user = c.get('user');
    const sessionId = c.get('session').id;
    // Counted and registered in one synchronous step: simultaneous connections cannot all pass.
    const registration = hub.openStream(user.id, sessionId, config.LIVE_STREAMS_PER_USER_MAX);
    if (!registration) {
      throw new ProblemError(
        429,
        'too-many-streams',
        'Too many open live streams',
        `close one of your ${config.LIVE_STREAMS_PER_USER_MAX} open streams first`,
        {},
        { 'Retry-After': '5' },
      );
    }
    let last: bigint;
    try {
      const resumeFrom = c.req.valid('header')['last-event-id'] ?? c.req.valid('query').after;
      last = resumeFrom !== undefined ? BigInt(resumeFrom) : await latestUserEventId(db, user.id);
    } catch (error) {
      registration.release();
      throw error;
    }
    c.header('Cache-Control', 'no-store');
    // Proxies (nginx) must pass events through at once.
    c.header('X-Accel-Buffering', 'no');

    /** Whether the session is still in force (not revoked, not expired, not deleted). */
    const sessionInForce = async () => {
      const session = await db.authSession.findUnique({
        where: { id: sessionId },
        select: { revokedAt: true, expiresAt: true },
      });
      return session !== null && session.revokedAt === null && session.expiresAt.getTime() > Date.now();
    };

    const response = streamSSE(c, async (sse) => {
      let pending = true;
      let wakeUp: (() => void) | undefined;
      let aborted = false;
      registration.onWake(() => {
        pending = true;
        wakeUp?.();
      });
      sse.onAbort(() => {
        aborted = true;
        wakeUp?.();
      });
      const endAt = Date.now() + config.LIVE_STREAM_MAX_MS;
      // The session is read again at least every heartbeat, however busy the stream is: the
      // backstop when a session-ended notification was missed (a listener reconnecting).
      let sessionCheckAt = Date.now() + config.LIVE_HEARTBEAT_MS;
      try {
        await sse.writeSSE({
          event: 'ready',
          id: last.toString(),
          data: JSON.stringify({ lastEventId: last.toString() }),
          retry: RECONNECT_MS,
        });
        while (!aborted && Date.now() < endAt) {
          if (registration.recheckSession || Date.now() >= sessionCheckAt) {
            registration.recheckSession = false;
            sessionCheckAt = Date.now() + config.LIVE_HEARTBEAT_MS;
            if (!(await sessionInForce())) break;
          }
          if (registration.ended) break;
          if (pending) {
            pending = false;
            for (
              let page = await userEventsAfter(db, user.id, last, PAGE);
              page.length > 0 && !aborted && !registration.ended;
              page = await userEventsAfter(db, user.id, last, PAGE)
            ) {
              for (const event of page) {
                // Nothing more once the session has ended, even in the middle of a page.
                if (registration.ended) break;
                await sse.writeSSE({
                  id: event.id.toString(),
                  event: event.type,
                  data: JSON.stringify({
                    ...(event.payload as object),
                    eventId: event.id.toString(),
                    at: event.createdAt.toISOString(),
                  }),
                });
                last = event.id;
              }
            }
            continue;
          }
          const woken = await new Promise<boolean>((resolve) => {
            const timer = setTimeout(
              () => resolve(false),
              Math.min(config.LIVE_HEARTBEAT_MS, Math.max(0, endAt - Date.now())),
            );
            wakeUp = () => {
              clearTimeout(timer);
              resolve(true);
            };
          });
          wakeUp = undefined;
          if (woken || aborted) continue;
          await sse.write(': keepalive\n\n');
        }
        if (!aborted && Date.now() < endAt) {
          await sse.writeSSE({
            event: 'end',
            data: JSON.stringify({ reason: 'the session has ended; log in again' }),
          });
        }
      } finally {
        registration.release();
      }
    });
    return response as never;
  });

  return app;
}

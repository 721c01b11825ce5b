/**
 * One live stream per signed-in tab: GET /v1/events read with fetch() (EventSource cannot send the
 * bearer token), its events handed to whoever listens (the dashboard, the transfer page), so the
 * pages update when something happens instead of polling.
 *
 * - Resumable: the id of the last event seen goes back as `Last-Event-ID` on reconnect, and the API
 *   sends exactly what was missed. A stream that ends (the API closes it after 15 minutes) is
 *   reopened after the delay the server asked for; one that fails is retried with exponential
 *   backoff and jitter (sse.ts), a 429 after its Retry-After, a 401 after refreshing the token.
 * - In sync: listeners of `onSync` reload when the stream starts without a resume point (the page
 *   may have loaded before it) and, every FALLBACK_REFRESH_MS, while the stream is down: a slow
 *   refresh so a page stays roughly current even when live events are unavailable.
 * - Bounded: one stream per tab; a tab hidden for HIDDEN_CLOSE_MS closes it (the API allows a few
 *   streams per person) and reopens it, resuming, when shown again.
 * - Closed on logout (the app layout stops it when the session ends) or when the API says the
 *   session ended (an `end` event), which listeners hear so the page can ask for a login.
 */
import { browser } from '$app/environment';
import { refreshSession } from './api';
import { apiBaseUrl } from './config';
import { parseLiveEvent, type LiveEvent } from './live-event';
import { session } from './session.svelte';
import { reconnectDelayMs, SseParser } from './sse';

export type LiveState = 'idle' | 'connecting' | 'open' | 'down';

/** While the stream is down, pages reload their data this often (visible tabs only). */
export const FALLBACK_REFRESH_MS = 30_000;
/** A tab hidden this long gives its stream back; it resumes when shown. */
export const HIDDEN_CLOSE_MS = 5 * 60_000;
/** A stream that ends sooner than this after opening counts as a failure (backoff grows). */
const SHORT_LIVED_MS = 5_000;
/** What the API asks for in its `retry:` field; used until the first stream says otherwise. */
const DEFAULT_RETRY_MS = 2_000;

type Listener = (event: LiveEvent) => void;
/** `coveredFromMs`: the stream delivers everything from this moment; data loaded before it may be stale. */
type SyncListener = (coveredFromMs: number) => void;

class LiveEvents {
  /** Where the stream is; the header shows a quiet note when it is down. */
  state = $state<LiveState>('idle');
  #listeners = new Set<Listener>();
  #syncListeners = new Set<SyncListener>();
  #openWaiters: Array<() => void> = [];
  #running = false;
  #lastEventId: string | undefined;
  #abort: AbortController | undefined;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  #fallbackTimer: ReturnType<typeof setInterval> | undefined;
  #hiddenTimer: ReturnType<typeof setTimeout> | undefined;
  #pausedWhileHidden = false;
  #failures = 0;
  #retryMs = DEFAULT_RETRY_MS;
  #onVisibility = () => this.#visibilityChanged();

  /** Opens the stream if it is not open yet (idempotent). */
  start(): void {
    if (!browser || this.#running) return;
    this.#running = true;
    this.#failures = 0;
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#startFallback();
    void this.#connect();
  }

  /** Closes the stream and forgets where it was (logout, or the session ended). */
  stop(): void {
    this.#running = false;
    this.#abort?.abort();
    this.#abort = undefined;
    clearTimeout(this.#reconnectTimer);
    clearTimeout(this.#hiddenTimer);
    this.#stopFallback();
    if (browser) document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#lastEventId = undefined;
    this.#pausedWhileHidden = false;
    this.state = 'idle';
    this.#wakeOpenWaiters();
  }

  /** Hears every event; answers the function that stops listening. */
  on(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Hears when data loaded earlier may be stale (see the module comment). */
  onSync(listener: SyncListener): () => void {
    this.#syncListeners.add(listener);
    return () => this.#syncListeners.delete(listener);
  }

  /**
   * Resolves once the stream is open, or after `timeoutMs`, whichever comes first: a page that
   * loads its data after this misses nothing the stream would have told it.
   */
  whenOpen(timeoutMs: number): Promise<void> {
    if (this.state === 'open' || !this.#running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#openWaiters.push(done);
    });
  }

  #emit(event: LiveEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch (error) {
        // One broken listener must not end the stream for the others.
        console.error('live event listener failed', error);
      }
    }
  }

  #sync(coveredFromMs: number): void {
    for (const listener of [...this.#syncListeners]) {
      try {
        listener(coveredFromMs);
      } catch (error) {
        console.error('live sync listener failed', error);
      }
    }
  }

  #wakeOpenWaiters(): void {
    for (const wake of this.#openWaiters.splice(0)) wake();
  }

  async #connect(): Promise<void> {
    if (!this.#running) return;
    if (this.state !== 'down') this.state = 'connecting';
    if (session.refreshToken && session.accessTokenStale()) await refreshSession();
    const token = session.accessToken;
    if (!this.#running) return;
    if (!token) {
      this.#retryLater(true);
      return;
    }
    const abort = new AbortController();
    this.#abort = abort;
    const resumeFrom = this.#lastEventId;
    const response = await fetch(`${apiBaseUrl()}/v1/events`, {
      headers: {
        accept: 'text/event-stream',
        authorization: `Bearer ${token}`,
        ...(resumeFrom ? { 'last-event-id': resumeFrom } : {}),
      },
      cache: 'no-store',
      credentials: 'omit',
      signal: abort.signal,
    }).catch(() => undefined);
    if (!this.#running || abort.signal.aborted) return;
    if (!response) return this.#retryLater(true);
    if (response.status === 401) {
      // The access token expired or the session ended: a refresh decides which.
      const refreshed = await refreshSession();
      if (!refreshed && !session.refreshToken) {
        this.#emit({ type: 'end', reason: 'the session has ended; log in again' });
        this.stop();
        return;
      }
      return this.#retryLater(true);
    }
    if (response.status === 400 && resumeFrom) {
      // The resume point was refused: start afresh (the pages reload on the next `ready`).
      this.#lastEventId = undefined;
      return this.#retryLater(false);
    }
    if (!response.ok || !response.body) {
      const retryAfterSeconds = Number(response.headers.get('retry-after'));
      return this.#retryLater(true, Number.isFinite(retryAfterSeconds) ? retryAfterSeconds * 1_000 : 0);
    }
    await this.#read(response.body, resumeFrom !== undefined, abort.signal);
  }

  async #read(body: ReadableStream<Uint8Array>, resumed: boolean, signal: AbortSignal): Promise<void> {
    const parser = new SseParser();
    const decoder = new TextDecoder();
    const openedAtMs = Date.now();
    let opened = false;
    try {
      const reader = body.getReader();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        for (const message of parser.push(decoder.decode(chunk.value, { stream: true }))) {
          if (message.retryMs !== undefined) this.#retryMs = message.retryMs;
          const event = parseLiveEvent(message);
          if (!event) continue;
          if (event.type === 'end') {
            this.#emit(event);
            this.stop();
            return;
          }
          this.#lastEventId = event.id;
          if (event.type === 'ready') {
            opened = true;
            this.#opened(resumed, openedAtMs);
            continue;
          }
          this.#emit(event);
        }
      }
    } catch {
      // The connection dropped, or stop() aborted it.
    }
    if (signal.aborted || !this.#running) return;
    const shortLived = !opened || Date.now() - openedAtMs < SHORT_LIVED_MS;
    this.#retryLater(shortLived, shortLived ? 0 : this.#retryMs);
  }

  #opened(resumed: boolean, openedAtMs: number): void {
    this.state = 'open';
    this.#failures = 0;
    this.#stopFallback();
    this.#wakeOpenWaiters();
    // Without a resume point, events before this stream's start may have been missed.
    if (!resumed) this.#sync(openedAtMs);
  }

  #retryLater(failed: boolean, serverMs = 0): void {
    if (!this.#running) return;
    if (failed) this.#failures += 1;
    // One failure is a blip (a proxy closing an idle stream); two in a row is an outage worth showing.
    this.state = this.#failures >= 2 ? 'down' : 'connecting';
    this.#wakeOpenWaiters();
    this.#startFallback();
    const delayMs = failed ? reconnectDelayMs(this.#failures, Math.random, serverMs) : Math.max(serverMs, 0);
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = setTimeout(() => void this.#connect(), delayMs);
  }

  #startFallback(): void {
    if (this.#fallbackTimer !== undefined) return;
    this.#fallbackTimer = setInterval(() => {
      if (this.state !== 'open' && !document.hidden) this.#sync(Date.now());
    }, FALLBACK_REFRESH_MS);
  }

  #stopFallback(): void {
    clearInterval(this.#fallbackTimer);
    this.#fallbackTimer = undefined;
  }

  #visibilityChanged(): void {
    if (!this.#running) return;
    clearTimeout(this.#hiddenTimer);
    if (document.hidden) {
      this.#hiddenTimer = setTimeout(() => {
        this.#pausedWhileHidden = true;
        clearTimeout(this.#reconnectTimer);
        this.#abort?.abort();
        this.state = 'down';
      }, HIDDEN_CLOSE_MS);
      return;
    }
    if (this.#pausedWhileHidden) {
      this.#pausedWhileHidden = false;
      void this.#connect();
    }
  }
}

/** The one live stream of this tab. */
export const liveEvents = new LiveEvents();

/**
 * A fixed-window rate limiter held in this process's memory. Good enough for one API replica:
 * with several replicas each keeps its own counts, so the effective limit multiplies by the
 * replica count (documented in the OpenAPI description); a shared store (Redis, PostgreSQL)
 * would replace it then. The number of tracked keys is capped so a flood of distinct keys
 * cannot exhaust memory.
 */

/** Most distinct keys tracked at once; beyond it, expired windows are swept, then the oldest dropped. */
export const RATE_LIMITER_KEYS_MAX = 100_000;

export interface RateLimit {
  name: string;
  max: number;
  windowMs: number;
}

export interface RateDecision {
  allowed: boolean;
  /** Seconds until the window resets (for Retry-After) when refused. */
  retryAfterSeconds: number;
}

export function createRateLimiter(limit: RateLimit, now: () => number = Date.now) {
  const windows = new Map<string, { count: number; resetAtMs: number }>();

  function sweep(): void {
    const time = now();
    for (const [key, window] of windows) if (window.resetAtMs <= time) windows.delete(key);
    while (windows.size >= RATE_LIMITER_KEYS_MAX) {
      const oldest = windows.keys().next().value;
      if (oldest === undefined) break;
      windows.delete(oldest);
    }
  }

  return {
    limit,
    /** Counts one attempt under `key` and says whether it is within the limit. */
    hit(key: string): RateDecision {
      const time = now();
      let window = windows.get(key);
      if (!window || window.resetAtMs <= time) {
        if (windows.size >= RATE_LIMITER_KEYS_MAX) sweep();
        window = { count: 0, resetAtMs: time + limit.windowMs };
        windows.set(key, window);
      }
      window.count += 1;
      const retryAfterSeconds = Math.max(1, Math.ceil((window.resetAtMs - time) / 1000));
      return { allowed: window.count <= limit.max, retryAfterSeconds };
    },
    /** Forgets a key, e.g. an account's failures after a successful login. */
    reset(key: string): void {
      windows.delete(key);
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;

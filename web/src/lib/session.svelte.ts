/**
 * The signed-in session: who is logged in and the tokens that prove it.
 *
 * Where the tokens live, and why:
 * - The access token (short-lived JWT) is kept in memory only, so it never touches storage that an
 *   injected script could read after the fact, and it disappears with the page.
 * - The refresh token is kept in sessionStorage, not localStorage. sessionStorage is per tab and is
 *   cleared when the tab closes, which bounds how long a stolen token is useful. It also matters for
 *   rotation: the API rotates the refresh token on every use and treats reuse of an old one as theft
 *   (revoking the whole family). With localStorage, two tabs would share one token, race to rotate
 *   it and log each other out. The cost: a new tab asks the person to log in again.
 * A reload keeps the person signed in: the refresh token (still in sessionStorage) buys a new access
 * token. Why not an httpOnly cookie: docs/security.md (one cookie for every tab would trip reuse
 * detection; the page's CSP blocks the injected scripts a cookie would guard against).
 */
import { browser } from '$app/environment';
import type { components } from './api-types';

/** The signed-in user and the tokens, as the API's OpenAPI document declares them (api-types.ts). */
export type User = components['schemas']['User'];
export type Role = User['role'];
export type Tokens = Omit<components['schemas']['Session'], 'user'>;

const REFRESH_TOKEN_KEY = 'kizo.refreshToken';

function storage(): Storage | undefined {
  if (!browser) return undefined;
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

class Session {
  /** The person signed in, or null. Reactive: the header and guards follow it. */
  user = $state<User | null>(null);
  /** True once the app has tried to restore a session after a page load. */
  restored = $state(false);
  #accessToken: string | null = null;
  #accessTokenExpiresAtMs: number | null = null;

  get accessToken(): string | null {
    return this.#accessToken;
  }

  get isAdmin(): boolean {
    return this.user?.role === 'admin';
  }

  /** True when the access token is missing or expires within `marginMs`. */
  accessTokenStale(marginMs = 15_000): boolean {
    if (!this.#accessToken) return true;
    if (this.#accessTokenExpiresAtMs === null) return false;
    return this.#accessTokenExpiresAtMs - Date.now() < marginMs;
  }

  get refreshToken(): string | null {
    try {
      return storage()?.getItem(REFRESH_TOKEN_KEY) ?? null;
    } catch {
      return null;
    }
  }

  setTokens(tokens: Tokens): void {
    this.#accessToken = tokens.accessToken;
    const expiresAtMs = tokens.accessTokenExpiresAt ? Date.parse(tokens.accessTokenExpiresAt) : NaN;
    this.#accessTokenExpiresAtMs = Number.isFinite(expiresAtMs) ? expiresAtMs : null;
    try {
      storage()?.setItem(REFRESH_TOKEN_KEY, tokens.refreshToken);
    } catch {
      // Storage disabled: the session still works until the page is reloaded.
    }
  }

  signIn(user: User, tokens: Tokens): void {
    this.setTokens(tokens);
    this.user = user;
    this.restored = true;
  }

  /** Forgets everything about the session (logout, expired or revoked refresh token). */
  clear(): void {
    this.#accessToken = null;
    this.#accessTokenExpiresAtMs = null;
    this.user = null;
    try {
      storage()?.removeItem(REFRESH_TOKEN_KEY);
    } catch {
      // Nothing to clear.
    }
  }
}

/** The one session of this tab. */
export const session = new Session();

/**
 * The signed-in session: who is logged in and the tokens that prove it.
 *
 * Where the tokens live, and why:
 * - The access token (short-lived JWT) is kept in memory only, per tab, so it never touches storage
 *   that an injected script could read after the fact, and it disappears with the page.
 * - The refresh token is kept in localStorage, shared by the tabs of this browser, so opening a
 *   transfer in a new tab or reloading keeps the person signed in (issue #20: with sessionStorage
 *   every new tab asked for the password again).
 * Sharing one rotating refresh token between tabs is safe only if no two tabs ever present the
 * same token: the API rotates it on every use and treats reuse of a used one as theft (revoking the
 * whole session). So every refresh runs under one Web Lock for the whole browser (api.ts,
 * `refreshSession`), reads the newest token from storage inside the lock and writes its successor
 * before releasing it: the tabs take turns, each with the token the previous one left. Each tab
 * then has its own access token for the same session.
 * Logging out in one tab removes the token; the other tabs hear it (the `storage` event) and end
 * their session too, and their live streams are closed by the API when the session is revoked.
 * Why not an httpOnly cookie: docs/security.md (the page's CSP blocks the injected scripts a cookie
 * would guard against, and the API is on another origin).
 */
import { browser } from '$app/environment';
import type { components } from './api-types';

/** The signed-in user and the tokens, as the API's OpenAPI document declares them (api-types.ts). */
export type User = components['schemas']['User'];
export type Role = User['role'];
export type Tokens = Omit<components['schemas']['Session'], 'user'>;

export const REFRESH_TOKEN_KEY = 'kizo.refreshToken';
/** Whose session the shared refresh token belongs to: a login as someone else in another tab ends this one. */
export const SESSION_USER_KEY = 'kizo.sessionUser';

function shared(): Storage | undefined {
  if (!browser) return undefined;
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** Builds before the shared session kept the token per tab; one found there moves to localStorage. */
function adoptPerTabToken(): void {
  if (!browser) return;
  try {
    const old = window.sessionStorage.getItem(REFRESH_TOKEN_KEY);
    if (old === null) return;
    window.sessionStorage.removeItem(REFRESH_TOKEN_KEY);
    if (shared()?.getItem(REFRESH_TOKEN_KEY) == null) shared()?.setItem(REFRESH_TOKEN_KEY, old);
  } catch {
    // Storage disabled: nothing to adopt.
  }
}

class Session {
  /** The person signed in, or null. Reactive: the header and guards follow it. */
  user = $state<User | null>(null);
  /** True once the app has tried to restore a session after a page load. */
  restored = $state(false);
  /** True when another tab logged out: this tab must leave the signed-in pages. */
  endedElsewhere = $state(false);
  #accessToken: string | null = null;
  #accessTokenExpiresAtMs: number | null = null;

  constructor() {
    adoptPerTabToken();
    if (browser) window.addEventListener('storage', (event) => this.#onStorage(event));
  }

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

  /** The newest refresh token of this browser (another tab may have rotated it a moment ago). */
  get refreshToken(): string | null {
    try {
      return shared()?.getItem(REFRESH_TOKEN_KEY) ?? null;
    } catch {
      return null;
    }
  }

  setTokens(tokens: Tokens): void {
    this.#accessToken = tokens.accessToken;
    const expiresAtMs = tokens.accessTokenExpiresAt ? Date.parse(tokens.accessTokenExpiresAt) : NaN;
    this.#accessTokenExpiresAtMs = Number.isFinite(expiresAtMs) ? expiresAtMs : null;
    try {
      shared()?.setItem(REFRESH_TOKEN_KEY, tokens.refreshToken);
    } catch {
      // Storage disabled: the session still works until the page is reloaded.
    }
  }

  signIn(user: User, tokens: Tokens): void {
    this.setTokens(tokens);
    this.remember(user);
  }

  /** Records who is signed in (after a login, or a page load that restored the session). */
  remember(user: User): void {
    try {
      shared()?.setItem(SESSION_USER_KEY, user.id);
    } catch {
      // Storage disabled: other tabs cannot tell who is signed in here.
    }
    this.user = user;
    this.restored = true;
    this.endedElsewhere = false;
  }

  /** Forgets everything about the session here and in every tab (logout, expired or revoked token). */
  clear(): void {
    this.#forget();
    try {
      shared()?.removeItem(REFRESH_TOKEN_KEY);
      shared()?.removeItem(SESSION_USER_KEY);
    } catch {
      // Nothing to clear.
    }
  }

  #forget(): void {
    this.#accessToken = null;
    this.#accessTokenExpiresAtMs = null;
    this.user = null;
  }

  /**
   * Another tab removed the token (it logged out, or the API ended the session), or signed in as
   * someone else: this tab's person is no longer the one the shared token speaks for.
   */
  #onStorage(event: StorageEvent): void {
    if (!this.user) return;
    const cleared = event.key === null || (event.key === REFRESH_TOKEN_KEY && event.newValue === null);
    const someoneElse =
      event.key === SESSION_USER_KEY && event.newValue !== null && event.newValue !== this.user.id;
    if (!cleared && !someoneElse) return;
    this.#forget();
    this.endedElsewhere = true;
  }
}

/** The one session of this tab. */
export const session = new Session();

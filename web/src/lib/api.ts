/**
 * The browser's client for the Kizo API. Every call returns a result (never throws for HTTP or
 * network failures), so forms can decide, from the status, whether to keep their idempotency key.
 *
 * Authentication: the access token rides in `Authorization: Bearer`. On a 401 the client refreshes
 * once and repeats the request once; if that fails too, the session is over and the person is sent
 * to the login page. One refresh at a time for the whole browser, not only this tab: the refresh
 * token is shared by the tabs (session.svelte.ts), and two refreshes presenting the same rotating
 * token would trip the API's reuse detection and end the session.
 */
import { browser } from '$app/environment';
import { goto } from '$app/navigation';
import { apiBaseUrl } from './config';
import { networkProblem, readProblem, type Problem } from './problem';
import { session, type Tokens, type User } from './session.svelte';

export type ApiResult<T> =
  | { ok: true; status: number; data: T; replayed: boolean }
  | { ok: false; status: number | undefined; problem: Problem };

export interface RequestOptions {
  body?: unknown;
  /** Required by the API on money-moving POSTs; one key per user intent (see idempotency.ts). */
  idempotencyKey?: string;
  /** Send the bearer token and refresh on 401 (default true). */
  auth?: boolean;
  signal?: AbortSignal;
}

/** A request that takes longer than this is abandoned; a money form then retries with the same key. */
const REQUEST_TIMEOUT_MS = 15_000;

let refreshInFlight: Promise<boolean> | null = null;
/** The Web Lock every tab of this browser takes to rotate the shared refresh token. */
const REFRESH_LOCK = 'kizo.refresh-token';

async function send(method: string, path: string, options: RequestOptions): Promise<Response | undefined> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  if (options.auth !== false && session.accessToken) headers.authorization = `Bearer ${session.accessToken}`;
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    return await fetch(`${apiBaseUrl()}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal,
      credentials: 'omit',
    });
  } catch {
    return undefined;
  }
}

async function toResult<T>(response: Response | undefined): Promise<ApiResult<T>> {
  if (!response) return { ok: false, status: undefined, problem: networkProblem() };
  if (!response.ok) return { ok: false, status: response.status, problem: await readProblem(response) };
  let data: unknown = undefined;
  if (response.status !== 204) {
    try {
      data = await response.json();
    } catch {
      data = undefined;
    }
  }
  return {
    ok: true,
    status: response.status,
    data: data as T,
    replayed: response.headers.get('idempotent-replayed') === 'true',
  };
}

/**
 * Runs `work` while holding the browser-wide refresh lock. Without the Web Locks API (very old
 * browsers) it runs at once: a race between two tabs is then possible, as it always was.
 */
function withRefreshLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = browser && 'locks' in navigator ? navigator.locks : undefined;
  if (!locks) return work();
  return locks.request(REFRESH_LOCK, { mode: 'exclusive' }, work) as Promise<T>;
}

/**
 * Trades the refresh token for new tokens, at most one exchange at a time in the whole browser.
 * The token is read inside the lock, so it is the one the previous holder (maybe another tab) left.
 * Resolves true when the session has a fresh access token; false clears the session only when the
 * API refused the token.
 */
export function refreshSession(): Promise<boolean> {
  refreshInFlight ??= withRefreshLock(async () => {
    const refreshToken = session.refreshToken;
    if (!refreshToken) return false;
    const response = await send('POST', '/v1/auth/refresh', { body: { refreshToken }, auth: false });
    if (response?.ok) {
      const tokens = (await response.json()) as Tokens;
      session.setTokens(tokens);
      return true;
    }
    // A 400 or 401 means the token is malformed, expired, revoked or reused: the session is over. A
    // network failure, a 429 (too many refreshes) or a 5xx keeps the token for a later attempt.
    if (response && (response.status === 400 || response.status === 401)) session.clear();
    return false;
  }).finally(() => {
    refreshInFlight = null;
  });
  return refreshInFlight;
}

/**
 * Sends the person to the login page, coming back here afterwards. `forget` false leaves the shared
 * refresh token alone: when another tab signed in as someone else, that session is theirs.
 */
export async function redirectToLogin(forget = true): Promise<void> {
  if (forget) session.clear();
  if (!browser) return;
  const here = window.location.pathname + window.location.search;
  await goto(`/login?next=${encodeURIComponent(here)}`, { replaceState: true });
}

/** Calls the API; see the module comment for the refresh rules. */
export async function api<T>(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResult<T>> {
  const auth = options.auth !== false;
  if (auth && session.refreshToken && session.accessTokenStale()) await refreshSession();
  let response = await send(method, path, options);
  if (auth && response?.status === 401) {
    const refreshed = await refreshSession();
    if (refreshed) response = await send(method, path, options);
    if (!refreshed || response?.status === 401) {
      const result = await toResult<T>(response);
      await redirectToLogin();
      return result;
    }
  }
  return toResult<T>(response);
}

/**
 * Downloads a file the API makes (a statement as CSV or PDF) with the signed-in person's token,
 * saving it under the name the API gives; the problem when it could not.
 */
export async function download(path: string): Promise<ApiResult<undefined>> {
  if (session.refreshToken && session.accessTokenStale()) await refreshSession();
  let response = await send('GET', path, {});
  if (response?.status === 401 && (await refreshSession())) response = await send('GET', path, {});
  if (!response?.ok) return (await toResult<undefined>(response)) as ApiResult<undefined>;
  const name =
    /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'kizo-statement';
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { ok: true, status: response.status, data: undefined, replayed: false };
}

export interface AuthAnswer extends Tokens {
  user: User;
}

/** Restores the session after a page load from the refresh token; true when someone is signed in. */
export async function restoreSession(): Promise<boolean> {
  if (session.user && session.accessToken) {
    session.restored = true;
    return true;
  }
  try {
    if (!session.refreshToken) return false;
    if (!(await refreshSession())) return false;
    const me = await api<User>('GET', '/v1/me');
    if (!me.ok) return false;
    session.remember(me.data);
    return true;
  } finally {
    session.restored = true;
  }
}

/** Ends the session on the server (best effort) and here. */
export async function logout(): Promise<void> {
  const refreshToken = session.refreshToken;
  session.clear();
  if (refreshToken) await send('POST', '/v1/auth/logout', { body: { refreshToken }, auth: false });
  await goto('/');
}

/** Safe post-login destination: only same-site paths, never "//evil.example". */
export function safeNextPath(next: string | null, fallback = '/dashboard'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}

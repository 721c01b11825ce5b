/**
 * Run-time settings for the browser, read from `$env/dynamic/public` so that one build serves every
 * environment. Read lazily (inside functions), never at import time: prerendering has no run-time env.
 */
import { env } from '$env/dynamic/public';

const DEFAULT_API_URL = 'http://127.0.0.1:3000';
const DEFAULT_TEMPORAL_UI_URL = 'http://127.0.0.1:8233';

/** Base URL of the Kizo API, without a trailing slash. */
export function apiBaseUrl(): string {
  return (env.PUBLIC_API_URL || DEFAULT_API_URL).replace(/\/+$/, '');
}

/** Base URL of the Temporal Web UI, for operators' links to workflows. */
export function temporalUiBaseUrl(): string {
  return (env.PUBLIC_TEMPORAL_UI_URL || DEFAULT_TEMPORAL_UI_URL).replace(/\/+$/, '');
}

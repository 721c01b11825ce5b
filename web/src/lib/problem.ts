/**
 * RFC 9457 problem details, as the API sends them (`application/problem+json`). Turns any failed
 * response, including ones that are not problem+json (a proxy's HTML 502), into one shape the UI
 * can show: a message for the person and field errors to place beside inputs. Raw bodies and stack
 * traces never reach the screen.
 */

export interface FieldError {
  path: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors: FieldError[];
}

const GENERIC_TITLES: Record<number, string> = {
  400: 'The request was not valid.',
  401: 'Please log in again.',
  403: 'You are not allowed to do that.',
  404: 'Not found.',
  409: 'This request is still being processed. Please wait a moment and try again.',
  422: 'The request was refused.',
  429: 'Too many attempts. Please wait a moment and try again.',
};

const MESSAGE_LENGTH_MAX = 500;
const FIELD_ERRORS_MAX = 50;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim().length > 0
    ? value.slice(0, MESSAGE_LENGTH_MAX)
    : undefined;
}

/** Field paths come as "amountMinor", "/amountMinor", "body.amountMinor" or ["amountMinor"]. */
function normalisePath(path: unknown): string {
  if (Array.isArray(path)) return path.map(String).join('.');
  const raw = typeof path === 'string' ? path : '';
  return raw
    .replace(/^\/+/, '')
    .replace(/\//g, '.')
    .replace(/^body\./, '');
}

/** Builds a Problem from a parsed JSON body (or anything else) and the HTTP status. */
export function toProblem(body: unknown, status: number): Problem {
  const object = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const errors: FieldError[] = [];
  if (Array.isArray(object.errors)) {
    for (const item of object.errors.slice(0, FIELD_ERRORS_MAX)) {
      if (typeof item !== 'object' || item === null) continue;
      const record = item as Record<string, unknown>;
      const message = text(record.message) ?? text(record.detail);
      if (message) errors.push({ path: normalisePath(record.path ?? record.pointer), message });
    }
  }
  const problemStatus = typeof object.status === 'number' ? object.status : status;
  return {
    type: text(object.type) ?? 'about:blank',
    title: text(object.title) ?? GENERIC_TITLES[problemStatus] ?? 'Something went wrong. Please try again.',
    status: problemStatus,
    detail: text(object.detail),
    errors,
  };
}

/** Reads a failed Response into a Problem, whatever its content type. */
export async function readProblem(response: Response): Promise<Problem> {
  let body: unknown;
  const contentType = response.headers.get('content-type') ?? '';
  if (contentType.includes('json')) {
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
  }
  const problem = toProblem(body, response.status);
  // A 5xx without a problem body (a proxy, a crash) gets a calm message, never the raw page.
  if (body === undefined && response.status >= 500) {
    problem.title = 'The service is unavailable right now. Please try again in a moment.';
  }
  return problem;
}

/** The problem for a request that never got an answer. */
export function networkProblem(): Problem {
  return {
    type: 'about:blank#network',
    title: 'Could not reach Kizo. Check your connection and try again; your request will not be duplicated.',
    status: 0,
    errors: [],
  };
}

/**
 * Sentences for refusals whose API wording is not meant for people as it is (a bare state such as
 * "it is paid", or a lowercase fragment), by the problem's kind (the last segment of its type).
 */
const KIND_MESSAGES: Readonly<Record<string, string>> = {
  'payment-request-not-open': 'This request was already paid, declined, cancelled or has expired.',
  'recipient-unknown':
    'We could not find that recipient. Check the handle; an email works only for someone you have already paid, been paid by or saved.',
  'recipient-not-found': 'We could not find anyone with that email or handle.',
  'too-many-open-requests': 'You have reached the limit of open requests. Cancel one before asking again.',
  'too-many-schedules': 'You have reached the limit of scheduled transfers. Delete one before adding another.',
  'start-not-in-future': 'Choose a first transfer time in the future, within the next year.',
  'too-many-contacts': 'You have reached the limit of saved contacts. Forget one first.',
};

/** The sentence to show: ours for the kinds above, else `detail` when present, else `title`. */
export function problemMessage(problem: Problem): string {
  return KIND_MESSAGES[problemKind(problem)] ?? problem.detail ?? problem.title;
}

/** The last segment of the type URI: ".../problems/insufficient-funds" -> "insufficient-funds". */
export function problemKind(problem: Problem): string {
  const withoutFragment = problem.type.split('#')[0] ?? '';
  const segments = withoutFragment.split('/').filter((segment) => segment.length > 0);
  return segments.at(-1) ?? '';
}

/** Field errors keyed by path (first message wins), for showing beside inputs. */
export function fieldErrors(problem: Problem): Record<string, string> {
  const byPath: Record<string, string> = {};
  for (const error of problem.errors) {
    if (error.path && !(error.path in byPath)) byPath[error.path] = error.message;
  }
  return byPath;
}

/** Messages of field errors that match none of the form's fields, so they are not silently lost. */
export function unplacedErrors(problem: Problem, fieldNames: readonly string[]): string[] {
  return problem.errors
    .filter((error) => !fieldNames.includes(error.path))
    .map((error) => (error.path ? `${error.path}: ${error.message}` : error.message));
}

/** Joins message parts into sentences: "Service Unavailable" + "Try again." -> "Service Unavailable. Try again." */
export function sentences(parts: readonly (string | undefined)[]): string {
  return parts
    .map((part) => part?.trim() ?? '')
    .filter((part) => part.length > 0)
    .map((part) => (/[.!?…:]$/.test(part) ? part : `${part}.`))
    .join(' ');
}

/**
 * RFC 9457 problem details, as the API sends them (`application/problem+json`). Turns any failed
 * response, including ones that are not problem+json (a proxy's HTML 502), into one shape the UI
 * can show: a message for the person and field errors to place beside inputs. Raw bodies and stack
 * traces never reach the screen, and neither does raw validation output ("Too small: expected
 * string to have >=10 characters"): messages are mapped from the problem's type, and from each
 * field's name, to sentences people read, starting with a capital and ending with a full stop.
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
  /** How long to wait before trying again, from a 429's `retryAfterSeconds`. */
  retryAfterSeconds?: number;
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
  const retryAfterSeconds =
    typeof object.retryAfterSeconds === 'number' &&
    Number.isFinite(object.retryAfterSeconds) &&
    object.retryAfterSeconds > 0
      ? Math.ceil(object.retryAfterSeconds)
      : undefined;
  return {
    type: text(object.type) ?? 'about:blank',
    title: text(object.title) ?? GENERIC_TITLES[problemStatus] ?? 'Something went wrong. Please try again.',
    status: problemStatus,
    detail: text(object.detail),
    errors,
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
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
 * "it is paid", a lowercase fragment, an amount in minor units), by the problem's kind (the last
 * segment of its type).
 */
const KIND_MESSAGES: Readonly<Record<string, string>> = {
  'verification-link-used': 'This link was used already. If your email shows as confirmed, you are all set.',
  'verification-link-expired': 'This link has expired. Sign in and ask for a new one.',
  'verification-link-invalid':
    'This link is not valid: it may be mistyped, or a newer one replaced it. Use the newest mail, or ask for a new link.',
  'verification-link-other-user':
    'This link belongs to another account. Log out first, or open the link sent to your own address.',
  'reset-link-used':
    'This link was used already. Ask for a new one if you still need to reset your password.',
  'reset-link-expired': 'This link has expired. Ask for a new one.',
  'reset-link-invalid':
    'This link is not valid: it may be mistyped, or a newer one replaced it. Use the newest mail, or ask for a new link.',
  'email-not-verified': 'Confirm your email first: follow the link we mailed you, or ask for a new one.',
  'email-already-verified': 'Your email is confirmed already.',
  'payment-request-not-open': 'This request was already paid, declined, cancelled or has expired.',
  'recipient-unknown':
    'We could not find that recipient. Check the handle; an email works only for someone you have already paid, been paid by or saved.',
  'recipient-not-found': 'We could not find anyone with that email or handle.',
  'too-many-open-requests': 'You have reached the limit of open requests. Cancel one before asking again.',
  'too-many-schedules':
    'You have reached the limit of scheduled transfers. Delete one before adding another.',
  'start-not-in-future': 'Choose a first transfer time in the future, within the next year.',
  'too-many-contacts': 'You have reached the limit of saved contacts. Forget one first.',
  'validation-failed': 'Some details are not right yet. Check the fields marked below.',
  'malformed-json': 'Something went wrong on our side. Please try again.',
  internal: 'Something went wrong on our side. Please try again in a moment.',
  'invalid-credentials': 'The email or password is not right. Check both and try again.',
  'email-taken': 'There is already a wallet with this email. Log in instead, or use another email.',
  'handle-taken': 'That handle is taken. Choose another one.',
  'insufficient-funds': 'You do not have enough money in your wallet for this.',
  'limit-exceeded': 'This is more than your limit allows right now.',
  'bank-account-not-linked': 'Link this bank account first, under Bank accounts.',
  'not-authorized': 'This movement was not authorized. Please try again.',
  'review-rejected': 'Our team did not approve this transfer. The money stays in your wallet.',
  'currency-mismatch': 'Your wallet does not hold this currency.',
  'self-transfer': 'You cannot send money to yourself.',
  'self-contact': 'You cannot save yourself as a contact.',
  'bank-unavailable': 'Your bank did not answer. Please try again in a moment.',
  'bank-account-holder-mismatch':
    'Your bank says this name does not hold the account. Use the name exactly as your bank has it.',
  'bank-account-closed': 'Your bank says this account is closed.',
  'bank-account-unavailable': 'This account cannot be linked to your wallet.',
  'bank-account-already-linked': 'This account is already linked to your wallet.',
  'bank-accounts-limit': 'You have linked as many bank accounts as a wallet may have.',
  'not-cancellable': 'It is too late to cancel this withdrawal.',
  'idempotency-key-reused': 'This form changed after it was sent. Please send it again.',
  unauthenticated: 'Please log in again.',
  'invalid-refresh-token': 'Your session has ended. Please log in again.',
  'refresh-token-reused': 'Your session was ended for your safety. Please log in again.',
};

/** Field errors some kinds of problem carry in their type rather than in `errors`. */
const KIND_FIELD_ERRORS: Readonly<Record<string, { path: string; message: string }>> = {
  'email-taken': {
    path: 'email',
    message: 'There is already a wallet with this email. Log in instead, or use another email.',
  },
  'handle-taken': { path: 'handle', message: 'That handle is taken. Choose another one.' },
  'bank-account-holder-mismatch': {
    path: 'holderName',
    message: 'Your bank knows this account under another name.',
  },
  'recipient-unknown': { path: 'recipient', message: 'Check the handle or email.' },
  'recipient-not-found': { path: 'recipient', message: 'Check the handle or email.' },
};

/** How people call the API's fields, for messages that must name one. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  amountMinor: 'Amount',
  currency: 'Currency',
  recipient: 'Recipient',
  payer: 'From whom',
  note: 'Note',
  bankAccountRef: 'Bank account',
  iban: 'IBAN',
  holderName: 'Account holder',
  label: 'Label',
  email: 'Email',
  handle: 'Handle',
  password: 'Password',
  displayName: 'Name',
  startAt: 'First transfer',
  repeat: 'Repeat',
  timeZone: 'Time zone',
  reason: 'Reason',
};

/** Ends a sentence with a full stop and starts it with a capital. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  const capitalised = trimmed.charAt(0).toLocaleUpperCase('en') + trimmed.slice(1);
  return /[.!?…]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/** Wording of validation libraries (zod and the like) that must not reach people as it is. */
const RAW_VALIDATION =
  /^(too small|too big|invalid|required|expected|string must|number must|must be|unrecognized)|expected .+ to|>=|<=|\bregex\b/i;

/** A length bound in raw validation text: ">=10" or "at least 10" -> 10. */
function bound(message: string, kind: 'min' | 'max'): number | undefined {
  const pattern = kind === 'min' ? /(?:>=?|at least)\s*(\d+)/i : /(?:<=?|at most)\s*(\d+)/i;
  const match = pattern.exec(message);
  return match ? Number(match[1]) : undefined;
}

/**
 * A field's error as a sentence people read: the API's own sentences pass (capitalised and ended),
 * raw validation output becomes what to do ("Use at least 10 characters.").
 */
export function humanFieldMessage(path: string, message: string): string {
  const field = path.split('.').at(-1) ?? path;
  if (!RAW_VALIDATION.test(message.trim())) return sentence(message);
  const tooShort = /too small|at least|>=/i.test(message) ? bound(message, 'min') : undefined;
  const tooLong = /too big|at most|<=/i.test(message) ? bound(message, 'max') : undefined;
  if (field === 'email') return 'Enter a valid email address, such as ada@example.com.';
  if (field === 'handle') return 'Use 3 to 30 letters, digits or underscores.';
  if (field === 'iban') return 'Enter a valid IBAN, such as DE89 3704 0044 0532 0130 00.';
  if (field === 'amountMinor') return 'Enter an amount greater than zero.';
  if (tooShort !== undefined)
    return tooShort <= 1 ? 'This field is required.' : `Use at least ${tooShort} characters.`;
  if (tooLong !== undefined) return `Use at most ${tooLong} characters.`;
  const label = FIELD_LABELS[field];
  return label ? `Check the ${label.toLowerCase()}.` : 'Check this field.';
}

/** A wait in words: 37 -> "37 seconds", 600 -> "10 minutes". */
function waitInWords(seconds: number): string {
  if (seconds < 90) return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

/**
 * The sentence to show: ours for the kinds above; for too many attempts, how long to wait; else the
 * API's `detail` or `title`, as a sentence.
 */
export function problemMessage(problem: Problem): string {
  const kind = problemKind(problem);
  if (kind === 'rate-limited' || (problem.status === 429 && kind !== 'too-many-streams')) {
    return problem.retryAfterSeconds
      ? `Too many attempts. Please wait ${waitInWords(problem.retryAfterSeconds)} and try again.`
      : 'Too many attempts. Please wait a moment and try again.';
  }
  const ours = KIND_MESSAGES[kind];
  if (ours) return ours;
  if (kind === 'about:blank' && problem.status >= 500)
    return 'The service is unavailable right now. Please try again in a moment.';
  const text = problem.detail && !RAW_VALIDATION.test(problem.detail) ? problem.detail : problem.title;
  return sentence(text);
}

/** The last segment of the type URI: ".../problems/insufficient-funds" -> "insufficient-funds". */
export function problemKind(problem: Problem): string {
  const withoutFragment = problem.type.split('#')[0] ?? '';
  const segments = withoutFragment.split('/').filter((segment) => segment.length > 0);
  return segments.at(-1) ?? '';
}

/** Field errors keyed by path (first message wins), as sentences, for showing beside inputs. */
export function fieldErrors(problem: Problem): Record<string, string> {
  const byPath: Record<string, string> = {};
  for (const error of problem.errors) {
    if (error.path && !(error.path in byPath))
      byPath[error.path] = humanFieldMessage(error.path, error.message);
  }
  const fromKind = KIND_FIELD_ERRORS[problemKind(problem)];
  if (fromKind && !(fromKind.path in byPath)) byPath[fromKind.path] = fromKind.message;
  return byPath;
}

/** Messages of field errors that match none of the form's fields, so they are not silently lost. */
export function unplacedErrors(problem: Problem, fieldNames: readonly string[]): string[] {
  return problem.errors
    .filter((error) => !fieldNames.includes(error.path))
    .map((error) => {
      const label = FIELD_LABELS[error.path.split('.').at(-1) ?? ''];
      const message = humanFieldMessage(error.path, error.message);
      return label ? `${label}: ${message.charAt(0).toLocaleLowerCase('en')}${message.slice(1)}` : message;
    });
}

/** Joins message parts into sentences: "Service Unavailable" + "Try again." -> "Service Unavailable. Try again." */
export function sentences(parts: readonly (string | undefined)[]): string {
  return parts
    .map((part) => part?.trim() ?? '')
    .filter((part) => part.length > 0)
    .map((part) => sentence(part))
    .join(' ');
}

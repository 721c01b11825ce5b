// Goal: any failed response (problem+json, plain JSON, HTML, nothing) becomes one safe message and
// field errors placed by name, as sentences people read: raw bodies and raw validation output never
// reach the user, sentences start with a capital, a duplicate email or handle lands on its field.
import { describe, expect, it } from 'vitest';
import {
  fieldErrors,
  humanFieldMessage,
  networkProblem,
  problemKind,
  problemMessage,
  readProblem,
  sentences,
  toProblem,
  unplacedErrors,
} from './problem';

describe('toProblem', () => {
  it('reads an RFC 9457 body with field errors', () => {
    const problem = toProblem(
      {
        type: 'https://kizo.dev/problems/validation',
        title: 'Invalid request',
        status: 400,
        detail: 'Some fields are invalid.',
        errors: [
          { path: 'amountMinor', message: 'must be a string of digits' },
          { path: '/recipient', message: 'required' },
          { path: ['bankAccountRef'], message: 'too long' },
          { path: 'amountMinor', message: 'second message loses' },
          'garbage',
        ],
      },
      400,
    );
    expect(problemMessage(problem)).toBe('Some fields are invalid.');
    expect(fieldErrors(problem)).toEqual({
      amountMinor: 'Enter an amount greater than zero.',
      recipient: 'Check the recipient.',
      bankAccountRef: 'Too long.',
    });
    expect(unplacedErrors(problem, ['amountMinor', 'recipient'])).toEqual(['Bank account: too long.']);
  });

  it('falls back to the title, then to a generic sentence', () => {
    expect(problemMessage(toProblem({ title: 'Refused', status: 422 }, 422))).toBe('Refused.');
    expect(problemMessage(toProblem({ title: 'refused by the bank', status: 422 }, 422))).toBe(
      'Refused by the bank.',
    );
    expect(problemMessage(toProblem({}, 429))).toMatch(/Too many attempts/);
    expect(problemMessage(toProblem('oops', 418))).toMatch(/Something went wrong/);
    expect(toProblem(null, 404).type).toBe('about:blank');
  });

  it('says in words what a refusal means where the API wording is terse', () => {
    const notOpen = toProblem(
      {
        type: 'https://kizo.dev/problems/payment-request-not-open',
        title: 'This request is no longer open',
        detail: 'it is paid',
        status: 409,
      },
      409,
    );
    expect(problemMessage(notOpen)).toBe(
      'This request was already paid, declined, cancelled or has expired.',
    );
    const unknown = toProblem(
      {
        type: 'https://kizo.dev/problems/recipient-unknown',
        title: 'We could not find that recipient',
        status: 404,
      },
      404,
    );
    expect(problemMessage(unknown)).toMatch(/^We could not find that recipient\. Check the handle/);
    const funds = toProblem(
      {
        type: 'https://kizo.dev/problems/insufficient-funds',
        title: 'Insufficient funds',
        detail: 'insufficient funds: 500 < 1000',
        status: 422,
      },
      422,
    );
    expect(problemMessage(funds)).toBe('You do not have enough money in your wallet for this.');
    // A limit in minor units ("100000") never reaches the screen.
    const limit = toProblem(
      {
        type: 'https://kizo.dev/problems/limit-exceeded',
        title: 'Over your limit',
        detail: 'the amount is over the limit of 100000 per withdrawal',
        status: 422,
      },
      422,
    );
    expect(problemMessage(limit)).toBe('This is more than your limit allows right now.');
    // Kinds without a sentence of ours keep the API's detail, as a sentence.
    const closed = toProblem(
      {
        type: 'https://kizo.dev/problems/something-new',
        title: 'Refused',
        detail: 'the account is closed',
        status: 422,
      },
      422,
    );
    expect(problemMessage(closed)).toBe('The account is closed.');
  });

  it("says how long to wait after too many attempts, never the limiter's internals", () => {
    const limited = toProblem(
      {
        type: 'https://kizo.dev/problems/rate-limited',
        title: 'Too many requests',
        detail: 'limit login-per-address: at most 20 attempts per 900 s',
        retryAfterSeconds: 37,
        status: 429,
      },
      429,
    );
    expect(problemMessage(limited)).toBe('Too many attempts. Please wait 37 seconds and try again.');
    const long = toProblem(
      { type: 'https://kizo.dev/problems/rate-limited', retryAfterSeconds: 600, status: 429 },
      429,
    );
    expect(problemMessage(long)).toBe('Too many attempts. Please wait 10 minutes and try again.');
    expect(problemMessage(toProblem({ status: 429 }, 429))).toBe(
      'Too many attempts. Please wait a moment and try again.',
    );
  });

  it('turns raw validation output into what to do', () => {
    expect(humanFieldMessage('password', 'Too small: expected string to have >=10 characters')).toBe(
      'Use at least 10 characters.',
    );
    expect(humanFieldMessage('password', 'Too big: expected string to have <=128 characters')).toBe(
      'Use at most 128 characters.',
    );
    expect(humanFieldMessage('email', 'Invalid email address')).toBe(
      'Enter a valid email address, such as ada@example.com.',
    );
    expect(humanFieldMessage('handle', 'use 3 to 30 letters, digits or underscores')).toBe(
      'Use 3 to 30 letters, digits or underscores.',
    );
    expect(humanFieldMessage('iban', 'Invalid input')).toBe(
      'Enter a valid IBAN, such as DE89 3704 0044 0532 0130 00.',
    );
    expect(humanFieldMessage('note', 'A note has at most 140 characters')).toBe(
      'A note has at most 140 characters.',
    );
    expect(humanFieldMessage('label', 'Too small: expected string to have >=1 characters')).toBe(
      'This field is required.',
    );
    const validation = toProblem(
      {
        type: 'https://kizo.dev/problems/validation-failed',
        title: 'The request is not valid',
        detail: 'password: Too small: expected string to have >=10 characters',
        errors: [{ path: 'password', message: 'Too small: expected string to have >=10 characters' }],
        status: 400,
      },
      400,
    );
    expect(problemMessage(validation)).toBe('Some details are not right yet. Check the fields marked below.');
    expect(fieldErrors(validation)).toEqual({ password: 'Use at least 10 characters.' });
    expect(problemMessage(validation)).not.toMatch(/Too small|expected|>=/);
  });

  it('attaches a duplicate email or handle to its field', () => {
    const email = toProblem(
      { type: 'https://kizo.dev/problems/email-taken', title: 'That email is already taken', status: 409 },
      409,
    );
    expect(fieldErrors(email)).toEqual({
      email: 'There is already a wallet with this email. Log in instead, or use another email.',
    });
    const handle = toProblem(
      { type: 'https://kizo.dev/problems/handle-taken', title: 'That handle is already taken', status: 409 },
      409,
    );
    expect(fieldErrors(handle)).toEqual({ handle: 'That handle is taken. Choose another one.' });
  });

  it('names the kind of refusal from the type URI', () => {
    expect(problemKind(toProblem({ type: 'https://kizo.dev/problems/insufficient-funds' }, 422))).toBe(
      'insufficient-funds',
    );
    expect(problemKind(toProblem({ type: '/problems/recipient-not-found/' }, 422))).toBe(
      'recipient-not-found',
    );
    expect(problemKind(networkProblem())).toBe('about:blank');
  });
});

describe('readProblem', () => {
  it('parses problem+json responses', async () => {
    const response = new Response(JSON.stringify({ title: 'Nope', status: 401, detail: 'Wrong password' }), {
      status: 401,
      headers: { 'content-type': 'application/problem+json' },
    });
    const problem = await readProblem(response);
    expect(problem.status).toBe(401);
    expect(problemMessage(problem)).toBe('Wrong password.');
  });

  it('never shows an HTML error page', async () => {
    const response = new Response('<html><body>Bad gateway stack trace</body></html>', {
      status: 502,
      headers: { 'content-type': 'text/html' },
    });
    const problem = await readProblem(response);
    expect(problemMessage(problem)).toMatch(/unavailable/);
    expect(problemMessage(problem)).not.toMatch(/stack/);
  });

  it('survives malformed JSON', async () => {
    const response = new Response('{', { status: 500, headers: { 'content-type': 'application/json' } });
    expect(problemMessage(await readProblem(response))).toMatch(/unavailable/);
  });
});

describe('sentences', () => {
  it('joins parts into punctuated sentences and skips empty ones', () => {
    expect(sentences(['Service Unavailable', undefined, ' ', 'Try again.'])).toBe(
      'Service Unavailable. Try again.',
    );
    expect(sentences([])).toBe('');
    expect(sentences(['the bank did not answer', 'try again'])).toBe('The bank did not answer. Try again.');
  });
});

// Goal: any failed response (problem+json, plain JSON, HTML, nothing) becomes one safe message and
// field errors placed by name; raw bodies never reach the user.
import { describe, expect, it } from 'vitest';
import {
  fieldErrors,
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
      amountMinor: 'must be a string of digits',
      recipient: 'required',
      bankAccountRef: 'too long',
    });
    expect(unplacedErrors(problem, ['amountMinor', 'recipient'])).toEqual(['bankAccountRef: too long']);
  });

  it('falls back to the title, then to a generic sentence', () => {
    expect(problemMessage(toProblem({ title: 'Refused', status: 422 }, 422))).toBe('Refused');
    expect(problemMessage(toProblem({}, 429))).toMatch(/Too many attempts/);
    expect(problemMessage(toProblem('oops', 418))).toMatch(/Something went wrong/);
    expect(toProblem(null, 404).type).toBe('about:blank');
  });

  it('says in words what a refusal means where the API wording is terse', () => {
    const notOpen = toProblem(
      { type: 'https://kizo.dev/problems/payment-request-not-open', title: 'This request is no longer open', detail: 'it is paid', status: 409 },
      409,
    );
    expect(problemMessage(notOpen)).toBe('This request was already paid, declined, cancelled or has expired.');
    const unknown = toProblem({ type: 'https://kizo.dev/problems/recipient-unknown', title: 'We could not find that recipient', status: 404 }, 404);
    expect(problemMessage(unknown)).toMatch(/^We could not find that recipient\. Check the handle/);
    // Kinds without a sentence of ours keep the API's detail.
    const funds = toProblem({ type: 'https://kizo.dev/problems/insufficient-funds', title: 'Insufficient funds', detail: 'Only €5.00 available.', status: 422 }, 422);
    expect(problemMessage(funds)).toBe('Only €5.00 available.');
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
    expect(problemMessage(problem)).toBe('Wrong password');
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
  });
});

/**
 * Helpers for the API's integration tests: the real app (createApp) over the run's real
 * PostgreSQL and Temporal, users signed up through the API itself, and request shorthands.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createApp, type ApiDependencies } from '../../api/app';
import { parseConfig, type Config } from '../../common/config';
import type { TestServices } from '../support/fixtures';
import { linkIn, testSmtpUrl, waitForMail } from '../support/mailbox';

export type TestApp = ReturnType<typeof createApp>;

export interface SignedUp {
  id: string;
  email: string;
  handle: string;
  role: 'user' | 'admin';
  password: string;
  accessToken: string;
  refreshToken: string;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SMTP_URL: testSmtpUrl(), ...overrides });
}

let rateLimitStore: pg.Pool | undefined;

/**
 * The real app on the run's services. Its rate limits live in PostgreSQL, as in production, in
 * a namespace of its own (apps of other tests have other counters) unless `overrides` names one:
 * two apps given one namespace are two replicas sharing their limits.
 */
export function createTestApp(
  services: TestServices,
  overrides: Record<string, string> = {},
  dependencies: Pick<ApiDependencies, 'eventHub'> = {},
): TestApp {
  rateLimitStore ??= new pg.Pool({ connectionString: inject('databaseUrl'), max: 4 });
  const config = testConfig({
    BANK_URL: inject('bankUrl'),
    RATE_LIMIT_NAMESPACE: `test-${randomUUID().slice(0, 8)}`,
    ...overrides,
  });
  return createApp({ db: services.db, temporal: services.temporal, config, rateLimitStore, ...dependencies });
}

export async function signUp(app: TestApp, name = 'user', email?: string): Promise<SignedUp> {
  const suffix = randomUUID().slice(0, 8);
  const password = `pw-${randomUUID()}`;
  const response = await app.request('/v1/auth/signup', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      email: email ?? `${name}-${suffix}@example.test`,
      handle: `${name}_${suffix}`,
      password,
    }),
  });
  if (response.status !== 201) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
  const session = (await response.json()) as {
    user: Omit<SignedUp, 'password' | 'accessToken' | 'refreshToken'>;
    accessToken: string;
    refreshToken: string;
  };
  return { ...session.user, password, accessToken: session.accessToken, refreshToken: session.refreshToken };
}

/** The token of the newest verification mail sent to `email` (the `skip` first ones passed over). */
export async function verificationToken(email: string, skip = 0): Promise<string> {
  return linkIn(await waitForMail(email, /Confirm your (new )?email/, { skip }), '/verify-email').token;
}

/** Follows the newest verification link mailed to `user`, as its owner does; asserts it worked. */
export async function verifyEmail(app: TestApp, user: { email: string }): Promise<void> {
  const token = await verificationToken(user.email);
  const response = await postJson(app, '/v1/auth/verify-email', { token });
  if (response.status !== 200)
    throw new Error(`verification failed: ${response.status} ${await response.text()}`);
}

/**
 * A user who signed up and followed the link mailed to them, as everyone who is paid by email
 * or made admin by KIZO_ADMIN_EMAILS must have (the role is read per request: the tokens from
 * sign-up act as admin once verification granted it).
 */
export async function signUpVerified(app: TestApp, name = 'user', email?: string): Promise<SignedUp> {
  const user = await signUp(app, name, email);
  await verifyEmail(app, user);
  const me = (await (await get(app, '/v1/me', user)).json()) as { role: 'user' | 'admin' };
  return { ...user, role: me.role };
}

export const bearer = (user: { accessToken: string }) => ({ Authorization: `Bearer ${user.accessToken}` });

export function postJson(
  app: TestApp,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return Promise.resolve(
    app.request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

export function get(app: TestApp, path: string, user?: { accessToken: string }): Promise<Response> {
  return Promise.resolve(app.request(path, { headers: user ? bearer(user) : {} }));
}

/** Posts a money movement as `user` with an Idempotency-Key (a fresh one unless given). */
export function postMoney(
  app: TestApp,
  user: { accessToken: string },
  path: string,
  body: unknown,
  key: string = randomUUID(),
) {
  return postJson(app, path, body, { ...bearer(user), 'Idempotency-Key': key });
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { path: string; message: string }[];
  [extension: string]: unknown;
}

/** Reads a problem+json answer, asserting its media type and that nothing internal leaked. */
export async function problemOf(response: Response): Promise<ProblemBody> {
  const contentType = response.headers.get('Content-Type');
  const text = await response.text();
  if (contentType !== 'application/problem+json')
    throw new Error(`expected problem+json, got ${contentType}: ${text}`);
  if (/\bat .+:\d+:\d+|prisma|SELECT |INSERT |stack/i.test(text))
    throw new Error(`problem leaks internals: ${text}`);
  const problem = JSON.parse(text) as ProblemBody;
  if (problem.status !== response.status)
    throw new Error(`problem status ${problem.status} differs from HTTP ${response.status}`);
  return problem;
}

export const problemType = (slug: string) => `https://kizo.dev/problems/${slug}`;

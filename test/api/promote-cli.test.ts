/**
 * Goal: `npm run user:promote -- <email>` (api/cli/promote-user.ts) really grants the admin role
 * in PostgreSQL, the user's next request is admin without a new login, and an unknown email or
 * one not verified yet fails with a non-zero exit.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectServices, type TestServices } from '../support/fixtures';
import { createTestApp, get, signUp, verifyEmail, type TestApp } from './support';

const run = promisify(execFile);
const promote = (...args: string[]) =>
  run('npx', ['tsx', 'api/cli/promote-user.ts', ...args], {
    env: { ...process.env, DATABASE_URL: inject('databaseUrl') },
  });

describe('user:promote', () => {
  let services: TestServices;
  let app: TestApp;
  beforeAll(async () => {
    services = await connectServices();
    app = createTestApp(services);
  });
  afterAll(() => services.close());

  it('promotes an account to admin and refuses unknown emails', async () => {
    const ada = await signUp(app, 'ada');
    expect((await get(app, '/v1/admin/ledger/audit', ada)).status).toBe(403);
    await expect(promote(ada.email)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/has not verified its email/),
    });
    expect((await get(app, '/v1/admin/ledger/audit', ada)).status).toBe(403);
    await verifyEmail(app, ada);
    const { stdout } = await promote(ada.email.toUpperCase());
    expect(stdout).toMatch(/now an admin/);
    expect((await get(app, '/v1/admin/ledger/audit', ada)).status).toBe(200);
    expect(((await (await get(app, '/v1/me', ada)).json()) as { role: string }).role).toBe('admin');
    await expect(promote('nobody@example.test')).rejects.toMatchObject({ code: 1 });
  });
});

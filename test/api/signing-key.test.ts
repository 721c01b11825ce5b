/**
 * Goal: a stack started as `./kizo up` starts it refuses tokens signed with the published key.
 * The API process runs as up.ts runs it (NODE_ENV development, the key scripts/jwt-key.ts keeps
 * under the data folder, made once and reused); without any key it refuses to start, with a
 * readable message.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER } from '../../api/auth/access-tokens';
import { TEST_ONLY_JWT_SECRET } from '../../api/auth/jwt-secret';
import { ensureJwtKey } from '../../scripts/jwt-key';
import { startApiProcess, untilListening } from '../support/api-process';

const dataDir = mkdtempSync(path.join(tmpdir(), 'kizo-key-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the signing key of a ./kizo up stack', () => {
  it('is made once, kept private under the data folder, and reused', () => {
    const key = ensureJwtKey(dataDir);
    expect(key.length).toBeGreaterThanOrEqual(43);
    expect(ensureJwtKey(dataDir)).toBe(key);
    expect(statSync(path.join(dataDir, 'secrets', 'jwt-secret')).mode & 0o077).toBe(0);
  });

  it('refuses to start the API without a key outside the tests', async () => {
    const api = await startApiProcess({ JWT_SECRET: '' });
    const code = await new Promise<number | null>((resolve) => api.child.once('exit', resolve));
    expect(code).toBe(2);
    expect(api.output()).toMatch(/JWT_SECRET is not set/);
  });

  it('refuses a token signed with the published key, accepts its own sessions', async () => {
    const api = await startApiProcess({ JWT_SECRET: ensureJwtKey(dataDir) });
    try {
      await untilListening(api);
      const base = api.url;
      const suffix = Date.now().toString(36);
      const signup = await fetch(`${base}/v1/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: `key-${suffix}@example.test`,
          handle: `key_${suffix}`,
          password: 'long enough password',
        }),
      });
      expect(signup.status).toBe(201);
      const session = (await signup.json()) as { user: { id: string }; accessToken: string };
      expect(
        (await fetch(`${base}/v1/me`, { headers: { authorization: `Bearer ${session.accessToken}` } }))
          .status,
      ).toBe(200);
      const sid = (
        JSON.parse(Buffer.from(session.accessToken.split('.')[1]!, 'base64url').toString()) as { sid: string }
      ).sid;
      const forged = await new SignJWT({ sid })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(session.user.id)
        .setIssuer(ACCESS_TOKEN_ISSUER)
        .setAudience(ACCESS_TOKEN_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(TEST_ONLY_JWT_SECRET));
      expect((await fetch(`${base}/v1/me`, { headers: { authorization: `Bearer ${forged}` } })).status).toBe(
        401,
      );
    } finally {
      await api.stop();
    }
  });
});

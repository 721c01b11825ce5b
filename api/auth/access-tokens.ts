/**
 * Short-lived access tokens: HS256 JWTs (jose) naming the user in `sub` and their session in
 * `sid`. Issuer, audience, algorithm and expiry are all checked, and `exp` and `sid` are
 * required, so a token signed with another key or algorithm, for another service, or without an
 * expiry is refused. The session and the role are re-read from the database on each request
 * (see middleware.ts), so a logout or a demotion takes effect at once.
 */
import { jwtVerify, SignJWT } from 'jose';

export const ACCESS_TOKEN_ISSUER = 'kizo';
export const ACCESS_TOKEN_AUDIENCE = 'kizo-api';

export interface AccessTokenSettings {
  secret: string;
  ttlSeconds: number;
}

export function accessTokenKey(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function signAccessToken(
  settings: AccessTokenSettings,
  userId: string,
  sessionId: string,
): Promise<{ token: string; expiresAt: Date }> {
  const issuedAtSeconds = Math.floor(Date.now() / 1000);
  const expiresAtSeconds = issuedAtSeconds + settings.ttlSeconds;
  const token = await new SignJWT({ sid: sessionId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuer(ACCESS_TOKEN_ISSUER)
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .setIssuedAt(issuedAtSeconds)
    .setExpirationTime(expiresAtSeconds)
    .sign(accessTokenKey(settings.secret));
  return { token, expiresAt: new Date(expiresAtSeconds * 1000) };
}

/** The user and session the token names, or undefined for any token that is not valid right now. */
export async function verifyAccessToken(
  secret: string,
  token: string,
): Promise<{ userId: string; sessionId: string } | undefined> {
  try {
    const { payload } = await jwtVerify(token, accessTokenKey(secret), {
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'sub', 'sid'],
    });
    return typeof payload.sub === 'string' && typeof payload.sid === 'string'
      ? { userId: payload.sub, sessionId: payload.sid }
      : undefined;
  } catch {
    return undefined;
  }
}

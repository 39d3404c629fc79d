// Proves access tokens verify only when signed with the server's secret, with HS256, the right
// issuer and audience, unexpired and with every claim; forged variants of a real token are
// turned into `null`, never into an exception or an accepted caller.
import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createTokenService } from './token-service.js';

const secret = 'a-secret-of-at-least-thirty-two-characters!';
const options = { secret, issuer: 'vaultcraft', audience: 'vaultcraft-api', ttlSeconds: 3600 };
const claims = { userId: 'u-1', organizationId: 'o-1', role: 'ADMIN' as const };
const key = new TextEncoder().encode(secret);

function sign(
  payload: Record<string, unknown>,
  change: (jwt: SignJWT) => SignJWT = (jwt) => jwt,
  alg = 'HS256',
) {
  const jwt = new SignJWT(payload)
    .setProtectedHeader({ alg })
    .setSubject('u-1')
    .setIssuer('vaultcraft')
    .setAudience('vaultcraft-api')
    .setIssuedAt()
    .setExpirationTime('1h');
  return change(jwt).sign(key);
}

describe('createTokenService', () => {
  const tokens = createTokenService(options);

  it('round-trips the claims of a token it issued', async () => {
    expect(await tokens.verify(await tokens.issue(claims))).toEqual(claims);
  });

  it('rejects alg none, another HMAC size, another secret, issuer, audience, expiry', async () => {
    const base = { org: 'o-1', role: 'ADMIN' };
    const unsigned = new UnsecuredJWT(base)
      .setSubject('u-1')
      .setIssuer('vaultcraft')
      .setAudience('vaultcraft-api')
      .setIssuedAt()
      .setExpirationTime('1h')
      .encode();
    const forged = [
      unsigned,
      await sign(base, (jwt) => jwt, 'HS512'),
      await createTokenService({ ...options, secret: `${secret}-other` }).issue(claims),
      await sign(base, (jwt) => jwt.setIssuer('someone-else')),
      await sign(base, (jwt) => jwt.setAudience('another-api')),
      await sign(base, (jwt) => jwt.setExpirationTime(Math.floor(Date.now() / 1000) - 10)),
      await sign({ org: 'o-1', role: 'ROOT' }),
      await sign({ role: 'ADMIN' }),
      'not-a-jwt',
      '',
    ];
    for (const token of forged) {
      expect(await tokens.verify(token)).toBeNull();
    }
    expect(await tokens.verify(await sign(base))).toEqual(claims);
  });
});

import { VaultError } from '@vaultcraft/core';
import { hashApiKey, looksLikeApiKey } from '../identity/api-key-secret.js';
import type { IdentityStore } from '../identity/identity-store.js';
import type { Caller } from './caller.js';
import type { TokenService } from './token-service.js';

function unauthorized(message: string): VaultError {
  return new VaultError('UNAUTHORIZED', message);
}

/**
 * Resolves the `Authorization` header to a caller, looking the user or key up on every call:
 * a revoked key, a deleted user or a changed role takes effect at once, in every process.
 * The role is the one stored now, not the one the token was issued with.
 *
 * @throws `UNAUTHORIZED` for a missing, malformed, expired, revoked or unknown credential
 *   (one message for all bad tokens: the answer tells an attacker nothing).
 */
export async function authenticate(
  authorization: string | undefined,
  dependencies: { identity: IdentityStore; tokens: TokenService },
): Promise<Caller> {
  if (authorization === undefined || authorization === '') {
    throw unauthorized('Missing credentials: send Authorization: Bearer <token or API key>');
  }
  const match = /^Bearer +([\x21-\x7e]{1,4096})$/i.exec(authorization);
  if (match === null) {
    throw unauthorized('Malformed Authorization header: expected "Bearer <token or API key>"');
  }
  const credential = match[1]!;
  if (looksLikeApiKey(credential)) {
    const apiKey = await dependencies.identity.findApiKeyByHash(hashApiKey(credential));
    if (apiKey === null || apiKey.revokedAt !== null) {
      throw unauthorized('Invalid or revoked API key');
    }
    return { kind: 'apiKey', organizationId: apiKey.organizationId, role: apiKey.role, apiKey };
  }
  const claims = await dependencies.tokens.verify(credential);
  if (claims === null) {
    throw unauthorized('Invalid or expired token');
  }
  const user = await dependencies.identity.findUserById(claims.userId);
  if (user === null || user.organizationId !== claims.organizationId) {
    throw unauthorized('Invalid or expired token');
  }
  return { kind: 'user', organizationId: user.organizationId, role: user.role, user };
}

import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { Role } from '../identity/identity-store.js';

/** What a VaultCraft access token says: who, in which organization, with which role. */
export interface TokenClaims {
  readonly userId: string;
  readonly organizationId: string;
  readonly role: Role;
}

/** Options of {@link createTokenService}. */
export interface TokenServiceOptions {
  /** The HMAC secret (at least 32 characters; the config enforces it). */
  readonly secret: string;
  readonly issuer: string;
  readonly audience: string;
  readonly ttlSeconds: number;
}

/** Issues and verifies access tokens. */
export interface TokenService {
  readonly ttlSeconds: number;
  issue(claims: TokenClaims): Promise<string>;
  /** The claims of a valid token, or `null` for any token that is not (never throws for bad input). */
  verify(token: string): Promise<TokenClaims | null>;
}

// One algorithm, pinned on both sides: a token with `alg: none`, an asymmetric algorithm
// (the RS256/HS256 confusion) or any other HMAC size is rejected by jose before the
// signature is even looked at.
const algorithm = 'HS256';
const roles: ReadonlySet<string> = new Set(['OWNER', 'ADMIN', 'MEMBER']);

/**
 * JWT access tokens (HS256 via jose) with `iss`, `aud`, `iat`, `exp`, `sub` (the user),
 * `org` and `role`. Verification checks all of them; a missing claim is a bad token.
 */
export function createTokenService(options: TokenServiceOptions): TokenService {
  const key = new TextEncoder().encode(options.secret);
  return {
    ttlSeconds: options.ttlSeconds,
    issue: (claims) =>
      new SignJWT({ org: claims.organizationId, role: claims.role })
        .setProtectedHeader({ alg: algorithm, typ: 'JWT' })
        .setSubject(claims.userId)
        .setIssuer(options.issuer)
        .setAudience(options.audience)
        .setIssuedAt()
        .setExpirationTime(`${options.ttlSeconds}s`)
        .sign(key),
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: [algorithm],
          issuer: options.issuer,
          audience: options.audience,
          requiredClaims: ['sub', 'iat', 'exp', 'org', 'role'],
        });
        const { sub, org, role } = payload;
        if (typeof sub !== 'string' || typeof org !== 'string' || typeof role !== 'string') {
          return null;
        }
        if (!roles.has(role)) {
          return null;
        }
        return { userId: sub, organizationId: org, role: role as Role };
      } catch (error) {
        if (error instanceof joseErrors.JOSEError || error instanceof TypeError) {
          return null;
        }
        throw error;
      }
    },
  };
}

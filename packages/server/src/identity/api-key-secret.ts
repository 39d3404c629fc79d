import { createHash, randomBytes } from 'node:crypto';

/** What every live API key starts with, so that scanners and people recognize a leaked one. */
const apiKeyMarker = 'vc_live_';
/** 256 bits of randomness: a key cannot be guessed, so a fast hash suffices to store it. */
const apiKeyRandomBytes = 32;
/** Characters of the key kept in clear to tell keys apart in lists (`vc_live_` + 8). */
const apiKeyPrefixLength = 16;

/** A new API key: the secret (shown once), its displayable prefix, and the hash to store. */
export interface GeneratedApiKey {
  /** `vc_live_` followed by 32 random bytes in base64url without padding (51 characters). */
  readonly key: string;
  /** The first 16 characters of `key`. */
  readonly prefix: string;
  /** Hex SHA-256 of `key`, see {@link hashApiKey}. */
  readonly keyHash: string;
}

/**
 * Generates a new API key. Only `prefix` and `keyHash` are stored; `key` is shown to its
 * creator once.
 *
 * @example
 * ```ts
 * const { key, prefix, keyHash } = generateApiKey();
 * key.startsWith(prefix); // true
 * hashApiKey(key) === keyHash; // true
 * ```
 */
export function generateApiKey(): GeneratedApiKey {
  const key = `${apiKeyMarker}${randomBytes(apiKeyRandomBytes).toString('base64url')}`;
  return { key, prefix: key.slice(0, apiKeyPrefixLength), keyHash: hashApiKey(key) };
}

/**
 * The stored form of an API key: hex SHA-256. Unlike passwords, keys are long random secrets,
 * so a slow salted hash adds nothing, and a plain digest lets authentication find the key by
 * an indexed equality lookup on every request.
 *
 * @example
 * ```ts
 * hashApiKey('vc_live_abc').length; // 64
 * ```
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * Whether a bearer token is meant as an API key (rather than a JWT), by its marker.
 *
 * @example
 * ```ts
 * looksLikeApiKey('vc_live_abc'); // true
 * looksLikeApiKey('eyJhbGciOi...'); // false
 * ```
 */
export function looksLikeApiKey(token: string): boolean {
  return token.startsWith(apiKeyMarker);
}

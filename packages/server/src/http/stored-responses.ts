import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { ConflictError, InternalError, type Vault } from '@vaultcraft/core';
import {
  type IdentityStore,
  ResponseKeyTakenError,
  type StoredResponse,
} from '../identity/identity-store.js';

/**
 * `Idempotency-Key` for the POSTs the server answers itself (users, API keys): the answer is
 * stored in the same database transaction as the row it reports, encrypted (AES-256-GCM with
 * a key derived from the server secret) because it may hold a new API key, which must never
 * be readable from the database. Ledger POSTs use the engine's own keys; a key is checked
 * against both so that one key never names two different requests.
 */
export interface StoredResponses {
  /**
   * Runs `write` once per (organization, key): a first request writes and stores its answer;
   * a repeat with the same fingerprint gets the stored answer back (`replayed: true`), a
   * repeat with another one `IDEMPOTENCY_KEY_REUSED`, also when the two race.
   */
  run<T>(
    request: StoredRequest,
    write: (store: (body: T) => StoredResponse) => Promise<T>,
  ): Promise<{
    body: T;
    replayed: boolean;
  }>;
  /** Throws `IDEMPOTENCY_KEY_REUSED` when the organization used `key` on a server-side POST. */
  assertUnusedByServer(organizationId: string, key: string): Promise<void>;
}

/** One POST under an idempotency key. */
export interface StoredRequest {
  readonly organizationId: string;
  readonly key: string;
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  /**
   * Who sends it (a user or API key id): part of the fingerprint, so that an answer holding a
   * secret (a new API key) is replayed only to the caller who created it; another caller
   * reusing the key gets 409.
   */
  readonly principal: string;
  readonly status: number;
  readonly now: Date;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * HMAC-SHA256 of method, path and the canonical JSON of the body (key order does not matter),
 * keyed from the server secret. Keyed because a body may hold a password (users.create): a
 * plain digest in the database would let whoever reads it test password guesses at SHA-256
 * speed, around scrypt.
 */
export function requestFingerprint(
  key: Uint8Array,
  request: {
    readonly method: string;
    readonly path: string;
    readonly body: unknown;
    readonly principal?: string;
  },
): string {
  return createHmac('sha256', key)
    .update(`${request.method} ${request.path}\n${canonicalJson(request.body ?? {})}`)
    .update(`\n${request.principal ?? ''}`)
    .digest('hex');
}

function reused(key: string): ConflictError {
  return new ConflictError(
    'IDEMPOTENCY_KEY_REUSED',
    'This Idempotency-Key was already used with a different request',
    { details: { idempotency_key: key } },
  );
}

/** Creates the stored-answer service over the identity store, keyed from `secret`. */
export function createStoredResponses(options: {
  identity: IdentityStore;
  vault: Vault;
  secret: string;
}): StoredResponses {
  const { identity, vault } = options;
  const key = Buffer.from(
    hkdfSync('sha256', options.secret, 'vaultcraft', 'stored idempotent responses v1', 32),
  );
  const fingerprintKey = Buffer.from(
    hkdfSync('sha256', options.secret, 'vaultcraft', 'stored idempotent fingerprints v1', 32),
  );

  const encrypt = (plain: string): string => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v1.${iv.toString('base64url')}.${sealed.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}`;
  };
  const decrypt = (stored: string): unknown => {
    const [version, iv, sealed, tag] = stored.split('.');
    if (version !== 'v1' || iv === undefined || sealed === undefined || tag === undefined) {
      throw new InternalError('A stored idempotent response has an unknown format');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const plain = Buffer.concat([
        decipher.update(Buffer.from(sealed, 'base64url')),
        decipher.final(),
      ]);
      return JSON.parse(plain.toString('utf8'));
    } catch (error) {
      // Most likely the server secret changed since the answer was stored.
      throw new InternalError('A stored idempotent response cannot be decrypted', { cause: error });
    }
  };

  const replay = <T>(existing: StoredResponse, fingerprint: string, idempotencyKey: string) => {
    if (existing.fingerprint !== fingerprint) {
      throw reused(idempotencyKey);
    }
    return { body: decrypt(existing.body) as T, replayed: true };
  };

  return {
    async run(request, write) {
      const fingerprint = requestFingerprint(fingerprintKey, request);
      const existing = await identity.findResponse(request.organizationId, request.key);
      if (existing !== null) {
        return replay(existing, fingerprint, request.key);
      }
      if ((await vault.store.findIdempotencyKey(request.organizationId, request.key)) !== null) {
        throw reused(request.key);
      }
      try {
        const body = await write((answer) => ({
          organizationId: request.organizationId,
          key: request.key,
          fingerprint,
          status: request.status,
          body: encrypt(JSON.stringify(answer)),
          createdAt: request.now,
        }));
        return { body, replayed: false };
      } catch (error) {
        if (error instanceof ResponseKeyTakenError) {
          return replay(error.existing, fingerprint, request.key);
        }
        // A concurrent first request may have committed between our read and the write (its
        // user then makes ours fail with EMAIL_TAKEN): its stored answer wins.
        const winner = await identity
          .findResponse(request.organizationId, request.key)
          .catch(() => null);
        if (winner !== null) {
          return replay(winner, fingerprint, request.key);
        }
        throw error;
      }
    },
    async assertUnusedByServer(organizationId, idempotencyKey) {
      if ((await identity.findResponse(organizationId, idempotencyKey)) !== null) {
        throw reused(idempotencyKey);
      }
    },
  };
}

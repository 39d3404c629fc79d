// Records for the identity store's tests: unique ids, emails and key hashes per call, so that
// tests never collide, and fixed millisecond instants to check that times round-trip exactly.
import { randomUUID } from 'node:crypto';
import { generateApiKey } from '../../src/identity/api-key-secret.js';
import type {
  ApiKeyRecord,
  StoredResponse,
  UserRecord,
} from '../../src/identity/identity-store.js';

/** An instant with milliseconds, for exact round trips: 2023-11-14T22:13:20.123Z. */
export const instant = (offsetMs = 0): Date => new Date(1_700_000_000_123 + offsetMs);

let counter = 0;
function unique(): string {
  counter += 1;
  return `${Date.now().toString(36)}${counter.toString(36)}`;
}

export function userRecord(overrides: Partial<UserRecord> = {}): UserRecord {
  return {
    id: randomUUID(),
    organizationId: randomUUID(),
    email: `user-${unique()}@example.com`,
    fullName: 'Ada Lovelace',
    role: 'OWNER',
    passwordHash: 'scrypt$15$8$1$c2FsdHNhbHRzYWx0c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U',
    createdAt: instant(),
    ...overrides,
  };
}

export function apiKeyRecord(overrides: Partial<ApiKeyRecord> = {}): ApiKeyRecord {
  const { prefix, keyHash } = generateApiKey();
  return {
    id: randomUUID(),
    organizationId: randomUUID(),
    name: `key ${unique()}`,
    role: 'ADMIN',
    prefix,
    keyHash,
    createdAt: instant(),
    revokedAt: null,
    ...overrides,
  };
}

export function storedResponse(overrides: Partial<StoredResponse> = {}): StoredResponse {
  return {
    organizationId: randomUUID(),
    key: `idem-${unique()}`,
    fingerprint: 'a'.repeat(64),
    status: 201,
    body: `{"encrypted":"${unique()}"}`,
    createdAt: instant(),
    ...overrides,
  };
}

/** The newest-first order of `listApiKeys`: by createdAt, then id, both descending. */
export function newestFirst(keys: readonly ApiKeyRecord[]): ApiKeyRecord[] {
  return [...keys].sort(
    (a, b) =>
      b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
  );
}

/** What a promise rejected with (fails the test when it resolved). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but the promise resolved');
}

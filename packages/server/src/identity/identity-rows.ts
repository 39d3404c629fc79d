import { InternalError } from '@vaultcraft/core';
import type { ApiKeyRecord, Role, StoredResponse, UserRecord } from './identity-store.js';

// Rows as both dialects return them: snake_case columns, times as epoch milliseconds (a number
// from SQLite's INTEGER columns, a decimal string from PostgreSQL's int8).

/** Epoch milliseconds as read from either dialect. */
type Milliseconds = number | string;

export interface UserRow {
  readonly id: string;
  readonly organization_id: string;
  readonly email: string;
  readonly full_name: string;
  readonly role: string;
  readonly password_hash: string;
  readonly created_at: Milliseconds;
}

export interface ApiKeyRow {
  readonly id: string;
  readonly organization_id: string;
  readonly name: string;
  readonly role: string;
  readonly prefix: string;
  readonly key_hash: string;
  readonly created_at: Milliseconds;
  readonly revoked_at: Milliseconds | null;
}

export interface ResponseRow {
  readonly organization_id: string;
  readonly key: string;
  readonly fingerprint: string;
  readonly status: number;
  readonly body: string;
  readonly created_at: Milliseconds;
}

function instant(value: Milliseconds): Date {
  return new Date(Number(value));
}

export function userFromRow(row: UserRow): UserRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    email: row.email,
    fullName: row.full_name,
    role: row.role as Role,
    passwordHash: row.password_hash,
    createdAt: instant(row.created_at),
  };
}

export function apiKeyFromRow(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    role: row.role as Role,
    prefix: row.prefix,
    keyHash: row.key_hash,
    createdAt: instant(row.created_at),
    revokedAt: row.revoked_at === null ? null : instant(row.revoked_at),
  };
}

export function responseFromRow(row: ResponseRow): StoredResponse {
  return {
    organizationId: row.organization_id,
    key: row.key,
    fingerprint: row.fingerprint,
    status: row.status,
    body: row.body,
    createdAt: instant(row.created_at),
  };
}

/** Stored answers deleted per statement, so that no purge holds the write lock for long. */
export const responsesDeleteBatchSize = 1000;

/**
 * Asserts a page request is well formed. The HTTP layer validates limits; a bad value here is
 * a bug, and SQLite would read a negative LIMIT as "no limit".
 */
export function assertPageBounds(limit: number, offset: number): void {
  if (!Number.isSafeInteger(limit) || limit < 0 || !Number.isSafeInteger(offset) || offset < 0) {
    throw new InternalError(`listApiKeys: bad page bounds (limit ${limit}, offset ${offset})`);
  }
}

/**
 * The server's own records: users, API keys, and the stored answers of server-side POSTs sent
 * with an `Idempotency-Key` (users and API keys; the ledger keeps its own keys). They live in
 * the ledger's database, in tables of their own with their own migrations, and every read is
 * keyed by organization (or by a globally unique email / key hash). Nothing is cached in the
 * process: several servers may share one PostgreSQL database.
 */

/** A role in an organization. */
export type Role = 'OWNER' | 'ADMIN' | 'MEMBER';

/** A user as stored. `email` is lower-case; `passwordHash` is a self-describing scrypt hash. */
export interface UserRecord {
  readonly id: string;
  readonly organizationId: string;
  readonly email: string;
  readonly fullName: string;
  readonly role: Role;
  readonly passwordHash: string;
  readonly createdAt: Date;
}

/** An API key as stored: never the key itself, only its SHA-256 hash and a recognizable prefix. */
export interface ApiKeyRecord {
  readonly id: string;
  readonly organizationId: string;
  readonly name: string;
  readonly role: Role;
  /** The first characters of the key (`vc_live_AbCd1234`), shown in lists. */
  readonly prefix: string;
  /** Hex SHA-256 of the whole key. */
  readonly keyHash: string;
  readonly createdAt: Date;
  /** When it was revoked; a revoked key never authenticates. */
  readonly revokedAt: Date | null;
}

/** The stored answer of a server-side POST sent with an `Idempotency-Key`. */
export interface StoredResponse {
  readonly organizationId: string;
  readonly key: string;
  /** sha256 of method + path + canonical JSON body. */
  readonly fingerprint: string;
  readonly status: number;
  /** The response body, encrypted (it may hold a secret such as a new API key). */
  readonly body: string;
  readonly createdAt: Date;
}

/** A page request of `listApiKeys`: an offset (page mode) or a keyset position (cursor mode). */
export interface ApiKeyListQuery {
  readonly organizationId: string;
  readonly limit: number;
  /** Page mode: rows to skip. */
  readonly offset?: number;
  /** Cursor mode: return only keys strictly older than this (created_at, id) position. */
  readonly before?: { readonly createdAt: Date; readonly id: string };
  /** Count the matching rows (page mode). */
  readonly withTotal: boolean;
}

/** Thrown by `insertUser` when the email is taken (case-insensitively, across organizations). */
export class EmailTakenError extends Error {
  constructor() {
    super('email taken');
    this.name = 'EmailTakenError';
  }
}

/** Thrown by the inserts that take a `response` when the organization already used that key. */
export class ResponseKeyTakenError extends Error {
  constructor(readonly existing: StoredResponse) {
    super('idempotency key taken');
    this.name = 'ResponseKeyTakenError';
  }
}

/**
 * Storage of the server's identity records. Writes that take a `response` store it in the same
 * database transaction as the row, so a POST under an `Idempotency-Key` either wrote both or
 * neither; when the key is already taken nothing is written and `ResponseKeyTakenError`
 * carries the stored answer (also when two requests race).
 */
export interface IdentityStore {
  /** @throws EmailTakenError, ResponseKeyTakenError */
  insertUser(user: UserRecord, response?: StoredResponse): Promise<void>;
  /** `email` is compared lower-case. */
  findUserByEmail(email: string): Promise<UserRecord | null>;
  findUserById(id: string): Promise<UserRecord | null>;

  /** @throws ResponseKeyTakenError */
  insertApiKey(key: ApiKeyRecord, response?: StoredResponse): Promise<void>;
  /** The key with this hash, revoked or not (the caller checks `revokedAt`). */
  findApiKeyByHash(keyHash: string): Promise<ApiKeyRecord | null>;
  /** The organization's keys that are not revoked, newest first by (createdAt, id). */
  listApiKeys(query: ApiKeyListQuery): Promise<{ items: ApiKeyRecord[]; total: number | null }>;
  /** Revokes a key of the organization; `false` when there is no such active key. */
  revokeApiKey(organizationId: string, id: string, now: Date): Promise<boolean>;

  findResponse(organizationId: string, key: string): Promise<StoredResponse | null>;
  /** Deletes stored answers created before `before`; returns how many. */
  deleteResponsesBefore(before: Date): Promise<number>;

  /** Answers when the database does; throws otherwise (health checks). */
  ping(): Promise<void>;
  /** Closes the connection; idempotent. */
  close(): Promise<void>;
}

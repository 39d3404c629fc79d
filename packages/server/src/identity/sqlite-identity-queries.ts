import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { UnavailableError } from '@vaultcraft/core';
import type BetterSqlite3 from 'better-sqlite3';
import {
  type ApiKeyRow,
  apiKeyFromRow,
  assertPageBounds,
  type ResponseRow,
  responseFromRow,
  responsesDeleteBatchSize,
  type UserRow,
  userFromRow,
} from './identity-rows.js';
import {
  type ApiKeyListQuery,
  type ApiKeyRecord,
  EmailTakenError,
  type IdentityStore,
  ResponseKeyTakenError,
  type StoredResponse,
  type UserRecord,
} from './identity-store.js';
import {
  isSqliteBusy,
  sqliteUniqueViolation,
  toSqliteQueryError,
} from './sqlite-identity-errors.js';
import type { SqliteDatabase } from './sqlite-identity-migrations.js';

type Statement = BetterSqlite3.Statement;

/** Attempts of a write whose lock stayed busy past `busy_timeout`, before `UNAVAILABLE`. */
const writeAttemptsMax = 3;
/** Attempts of an insert whose response key was taken by a row deleted before we read it. */
const insertAttemptsMax = 3;

const userColumns = 'id, organization_id, email, full_name, role, password_hash, created_at';
const apiKeyColumns = 'id, organization_id, name, role, prefix, key_hash, created_at, revoked_at';
const responseColumns = 'organization_id, key, fingerprint, status, body, created_at';
const activeKeys = 'FROM vaultcraft_api_keys WHERE organization_id = ? AND revoked_at IS NULL';

/**
 * The SQLite identity store over one better-sqlite3 connection. Every statement is prepared
 * once, here: authentication looks up a key or a user on every request. The work of each call
 * is synchronous, so no transaction is ever held across an await and no other call of this
 * process interleaves; other processes are kept out by `BEGIN IMMEDIATE` (writes) and see
 * whole transactions only (WAL).
 */
export class SqliteIdentityQueries implements IdentityStore {
  private readonly statements: Record<
    | 'insertUser'
    | 'userByEmail'
    | 'userById'
    | 'insertApiKey'
    | 'apiKeyByHash'
    | 'apiKeysPage'
    | 'apiKeysBefore'
    | 'apiKeysCount'
    | 'revokeApiKey'
    | 'insertResponse'
    | 'responseByKey'
    | 'deleteResponses'
    | 'ping',
    Statement
  >;
  private readonly immediate: (run: () => unknown) => unknown;
  private readonly deferred: (run: () => unknown) => unknown;
  private closed = false;

  constructor(
    db: SqliteDatabase,
    private readonly closeConnection: () => Promise<void>,
  ) {
    const prepare = (sql: string) => db.prepare(sql);
    this.statements = {
      insertUser: prepare(
        `INSERT INTO vaultcraft_users (${userColumns}) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      userByEmail: prepare(`SELECT ${userColumns} FROM vaultcraft_users WHERE email = ?`),
      userById: prepare(`SELECT ${userColumns} FROM vaultcraft_users WHERE id = ?`),
      insertApiKey: prepare(
        `INSERT INTO vaultcraft_api_keys (${apiKeyColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      apiKeyByHash: prepare(`SELECT ${apiKeyColumns} FROM vaultcraft_api_keys WHERE key_hash = ?`),
      apiKeysPage: prepare(
        `SELECT ${apiKeyColumns} ${activeKeys} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
      ),
      apiKeysBefore: prepare(
        `SELECT ${apiKeyColumns} ${activeKeys} AND (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
      ),
      apiKeysCount: prepare(`SELECT count(*) AS total ${activeKeys}`),
      revokeApiKey: prepare(
        'UPDATE vaultcraft_api_keys SET revoked_at = ? WHERE organization_id = ? AND id = ? AND revoked_at IS NULL',
      ),
      insertResponse: prepare(
        `INSERT INTO vaultcraft_http_responses (${responseColumns}) VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      responseByKey: prepare(
        `SELECT ${responseColumns} FROM vaultcraft_http_responses WHERE organization_id = ? AND key = ?`,
      ),
      deleteResponses:
        prepare(`DELETE FROM vaultcraft_http_responses WHERE (organization_id, key) IN
  (SELECT organization_id, key FROM vaultcraft_http_responses WHERE created_at < ? LIMIT ?)`),
      ping: prepare('SELECT 1'),
    };
    // better-sqlite3's wrapper: cached BEGIN/COMMIT, and ROLLBACK when the function throws.
    const transaction = db.transaction((run: () => unknown) => run());
    this.immediate = transaction.immediate;
    this.deferred = transaction.deferred;
  }

  async insertUser(user: UserRecord, response?: StoredResponse): Promise<void> {
    const s = this.statements;
    await this.insertWithResponse(response, () =>
      s.insertUser.run(
        user.id,
        user.organizationId,
        user.email.toLowerCase(),
        user.fullName,
        user.role,
        user.passwordHash,
        user.createdAt.getTime(),
      ),
    );
  }

  async findUserByEmail(email: string): Promise<UserRecord | null> {
    const row = this.read(() => this.statements.userByEmail.get(email.toLowerCase()));
    return row === undefined ? null : userFromRow(row as UserRow);
  }

  async findUserById(id: string): Promise<UserRecord | null> {
    const row = this.read(() => this.statements.userById.get(id));
    return row === undefined ? null : userFromRow(row as UserRow);
  }

  async insertApiKey(key: ApiKeyRecord, response?: StoredResponse): Promise<void> {
    const s = this.statements;
    await this.insertWithResponse(response, () =>
      s.insertApiKey.run(
        key.id,
        key.organizationId,
        key.name,
        key.role,
        key.prefix,
        key.keyHash,
        key.createdAt.getTime(),
        key.revokedAt === null ? null : key.revokedAt.getTime(),
      ),
    );
  }

  async findApiKeyByHash(keyHash: string): Promise<ApiKeyRecord | null> {
    const row = this.read(() => this.statements.apiKeyByHash.get(keyHash));
    return row === undefined ? null : apiKeyFromRow(row as ApiKeyRow);
  }

  async listApiKeys(
    query: ApiKeyListQuery,
  ): Promise<{ items: ApiKeyRecord[]; total: number | null }> {
    const offset = query.offset ?? 0;
    assertPageBounds(query.limit, offset);
    const s = this.statements;
    // One snapshot for the page and its count.
    const snapshot = () => ({
      rows: (query.before === undefined
        ? s.apiKeysPage.all(query.organizationId, query.limit, offset)
        : s.apiKeysBefore.all(
            query.organizationId,
            query.before.createdAt.getTime(),
            query.before.id,
            query.limit,
            offset,
          )) as ApiKeyRow[],
      total: query.withTotal
        ? (s.apiKeysCount.get(query.organizationId) as { total: number }).total
        : null,
    });
    const { rows, total } = this.read(() => this.deferred(snapshot) as ReturnType<typeof snapshot>);
    return { items: rows.map(apiKeyFromRow), total };
  }

  async revokeApiKey(organizationId: string, id: string, now: Date): Promise<boolean> {
    try {
      const result = await this.write(() =>
        this.statements.revokeApiKey.run(now.getTime(), organizationId, id),
      );
      return result.changes === 1;
    } catch (error) {
      throw toSqliteQueryError(error);
    }
  }

  async findResponse(organizationId: string, key: string): Promise<StoredResponse | null> {
    const row = this.read(() => this.statements.responseByKey.get(organizationId, key));
    return row === undefined ? null : responseFromRow(row as ResponseRow);
  }

  /** Deletes in batches, each its own short write, yielding to other calls in between. */
  async deleteResponsesBefore(before: Date): Promise<number> {
    let deleted = 0;
    try {
      for (;;) {
        const { changes } = await this.write(() =>
          this.statements.deleteResponses.run(before.getTime(), responsesDeleteBatchSize),
        );
        deleted += changes;
        if (changes < responsesDeleteBatchSize) return deleted;
        await yieldToEventLoop();
      }
    } catch (error) {
      throw toSqliteQueryError(error);
    }
  }

  async ping(): Promise<void> {
    this.read(() => this.statements.ping.get());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.closeConnection();
  }

  /**
   * Inserts the response (when given) and then the row, in one write transaction. The response
   * goes first: a retry of the same request racing the original then reports the taken key
   * (and the caller replays the stored answer) rather than the email it took itself.
   */
  private async insertWithResponse(
    response: StoredResponse | undefined,
    insertRow: () => unknown,
  ): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.write(() => {
          if (response !== undefined) this.insertResponseRow(response);
          insertRow();
        });
        return;
      } catch (error) {
        const violated = sqliteUniqueViolation(error);
        if (violated === 'email') throw new EmailTakenError();
        if (violated !== 'response' || response === undefined) throw toSqliteQueryError(error);
        const existing = await this.findResponse(response.organizationId, response.key);
        if (existing !== null) throw new ResponseKeyTakenError(existing);
        // The stored answer expired between our insert and our read: the key is free again.
        if (attempt >= insertAttemptsMax) throw toSqliteQueryError(error);
      }
    }
  }

  private insertResponseRow(response: StoredResponse): void {
    this.statements.insertResponse.run(
      response.organizationId,
      response.key,
      response.fingerprint,
      response.status,
      response.body,
      response.createdAt.getTime(),
    );
  }

  /** Runs a read; one statement is atomic by itself, several take a snapshot (`deferred`). */
  private read<T>(run: () => T): T {
    this.assertOpen();
    try {
      return run();
    } catch (error) {
      throw toSqliteQueryError(error);
    }
  }

  /**
   * Runs `run` in one `BEGIN IMMEDIATE` transaction; a lock that stays busy past the busy
   * timeout (another process writing) is retried a bounded number of times. Other errors are
   * thrown unmapped: the callers recognize constraint violations.
   */
  private async write<T>(run: () => T): Promise<T> {
    this.assertOpen();
    for (let attempt = 1; ; attempt += 1) {
      try {
        return this.immediate(run) as T;
      } catch (error) {
        if (!isSqliteBusy(error) || attempt >= writeAttemptsMax) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new UnavailableError('The identity store is closed');
  }
}

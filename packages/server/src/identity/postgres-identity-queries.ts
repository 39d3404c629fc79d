import { isUuid } from '@vaultcraft/core';
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
import type { PostgresIdentityConnection } from './postgres-identity-connection.js';
import { pgUniqueViolation, toPgQueryError } from './postgres-identity-errors.js';
import { quoteIdentifier, type Statement, statement } from './postgres-identity-sql.js';

/** Attempts of an insert whose response key was taken by a row deleted before we read it. */
const insertAttemptsMax = 3;

/** A timestamptz column as epoch milliseconds (int8, exact: the columns hold milliseconds). */
const ms = (column: string, as = column) => `(extract(epoch FROM ${column}) * 1000)::int8 AS ${as}`;

function statements(schema: string) {
  const s = quoteIdentifier(schema);
  const users = `${s}.vaultcraft_users`;
  const keys = `${s}.vaultcraft_api_keys`;
  const responses = `${s}.vaultcraft_http_responses`;
  const userColumns = `id, organization_id, email, full_name, role, password_hash, ${ms('created_at')}`;
  const keyColumns = `id, organization_id, name, role, prefix, key_hash, ${ms('created_at')}, ${ms('revoked_at')}`;
  const responseColumns = `organization_id, key, fingerprint, status, body, ${ms('created_at')}`;
  // Qualified by `k.`: a bare `created_at` in ORDER BY would name the epoch output column,
  // which no index provides, instead of the indexed timestamptz.
  const active = `FROM ${keys} k WHERE k.organization_id = $1 AND k.revoked_at IS NULL`;
  const newestFirst = 'ORDER BY k.created_at DESC, k.id DESC LIMIT $2 OFFSET $3';
  const keyset = 'AND (k.created_at, k.id) < ($4::timestamptz, $5::uuid)';
  // The page and the count in one statement (one snapshot, one round trip); LEFT JOIN keeps
  // the count when the page is empty.
  const withTotal = (page: string) => `WITH page AS (${page}),
  total AS (SELECT count(*) AS total ${active})
SELECT total.total, p.id, p.organization_id, p.name, p.role, p.prefix, p.key_hash,
  ${ms('p.created_at', 'created_at')}, ${ms('p.revoked_at', 'revoked_at')}
FROM total LEFT JOIN page p ON true ORDER BY p.created_at DESC, p.id DESC`;
  const pageOnly = `SELECT k.* ${active} ${newestFirst}`;
  const pageBefore = `SELECT k.* ${active} ${keyset} ${newestFirst}`;
  return {
    insertUser: statement(`INSERT INTO ${users}
  (id, organization_id, email, full_name, role, password_hash, created_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz)`),
    userByEmail: statement(`SELECT ${userColumns} FROM ${users} WHERE email = $1`),
    userById: statement(`SELECT ${userColumns} FROM ${users} WHERE id = $1`),
    insertApiKey: statement(`INSERT INTO ${keys}
  (id, organization_id, name, role, prefix, key_hash, created_at, revoked_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz, $8::timestamptz)`),
    apiKeyByHash: statement(`SELECT ${keyColumns} FROM ${keys} WHERE key_hash = $1`),
    apiKeysPage: statement(`SELECT ${keyColumns} ${active} ${newestFirst}`),
    apiKeysBefore: statement(`SELECT ${keyColumns} ${active} ${keyset} ${newestFirst}`),
    apiKeysPageWithTotal: statement(withTotal(pageOnly)),
    apiKeysBeforeWithTotal: statement(withTotal(pageBefore)),
    revokeApiKey: statement(`UPDATE ${keys} SET revoked_at = $3::timestamptz
  WHERE organization_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING id`),
    insertResponse: statement(`INSERT INTO ${responses}
  (organization_id, key, fingerprint, status, body, created_at)
  VALUES ($1, $2, $3, $4, $5, $6::timestamptz)`),
    responseByKey: statement(
      `SELECT ${responseColumns} FROM ${responses} WHERE organization_id = $1 AND key = $2`,
    ),
    // SKIP LOCKED: purges running in several servers at once split the rows between them
    // instead of waiting for each other.
    deleteResponses: statement(`WITH doomed AS (
  SELECT organization_id, key FROM ${responses} WHERE created_at < $1::timestamptz
  LIMIT $2 FOR UPDATE SKIP LOCKED
), deleted AS (
  DELETE FROM ${responses} r USING doomed d
  WHERE r.organization_id = d.organization_id AND r.key = d.key RETURNING 1
)
SELECT count(*)::int AS deleted FROM deleted`),
    ping: statement('SELECT 1'),
  };
}

type ApiKeyPageRow = { [K in keyof ApiKeyRow]: ApiKeyRow[K] | null } & { total?: string };

/**
 * The PostgreSQL identity store. Each call is one statement (an implicit transaction), except
 * the inserts that store a response, which run two in one transaction. Nothing is cached in
 * the process: several servers may share the database.
 */
export class PostgresIdentityQueries implements IdentityStore {
  private readonly sql: ReturnType<typeof statements>;

  constructor(
    private readonly connection: PostgresIdentityConnection,
    schema: string,
  ) {
    this.sql = statements(schema);
  }

  async insertUser(user: UserRecord, response?: StoredResponse): Promise<void> {
    await this.insertWithResponse(response, this.sql.insertUser, [
      user.id,
      user.organizationId,
      user.email.toLowerCase(),
      user.fullName,
      user.role,
      user.passwordHash,
      user.createdAt.toISOString(),
    ]);
  }

  async findUserByEmail(email: string): Promise<UserRecord | null> {
    const [row] = await this.connection.rows<UserRow>(this.sql.userByEmail, [email.toLowerCase()]);
    return row === undefined ? null : userFromRow(row);
  }

  async findUserById(id: string): Promise<UserRecord | null> {
    // Not a uuid, so no user has it (and PostgreSQL would refuse to compare it).
    if (!isUuid(id)) return null;
    const [row] = await this.connection.rows<UserRow>(this.sql.userById, [id]);
    return row === undefined ? null : userFromRow(row);
  }

  async insertApiKey(key: ApiKeyRecord, response?: StoredResponse): Promise<void> {
    await this.insertWithResponse(response, this.sql.insertApiKey, [
      key.id,
      key.organizationId,
      key.name,
      key.role,
      key.prefix,
      key.keyHash,
      key.createdAt.toISOString(),
      key.revokedAt === null ? null : key.revokedAt.toISOString(),
    ]);
  }

  async findApiKeyByHash(keyHash: string): Promise<ApiKeyRecord | null> {
    const [row] = await this.connection.rows<ApiKeyRow>(this.sql.apiKeyByHash, [keyHash]);
    return row === undefined ? null : apiKeyFromRow(row);
  }

  async listApiKeys(
    query: ApiKeyListQuery,
  ): Promise<{ items: ApiKeyRecord[]; total: number | null }> {
    const offset = query.offset ?? 0;
    assertPageBounds(query.limit, offset);
    const values: unknown[] = [query.organizationId, query.limit, offset];
    if (query.before !== undefined) {
      values.push(query.before.createdAt.toISOString(), query.before.id);
    }
    const sql = this.sql;
    const prepared =
      query.before === undefined
        ? query.withTotal
          ? sql.apiKeysPageWithTotal
          : sql.apiKeysPage
        : query.withTotal
          ? sql.apiKeysBeforeWithTotal
          : sql.apiKeysBefore;
    const rows = await this.connection.rows<ApiKeyPageRow>(prepared, values);
    const items = rows
      .filter((row) => row.id !== null)
      .map((row) => apiKeyFromRow(row as ApiKeyRow));
    const total = query.withTotal ? Number(rows[0]?.total ?? 0) : null;
    return { items, total };
  }

  async revokeApiKey(organizationId: string, id: string, now: Date): Promise<boolean> {
    if (!isUuid(id)) return false;
    const rows = await this.connection.rows(this.sql.revokeApiKey, [
      organizationId,
      id,
      now.toISOString(),
    ]);
    return rows.length === 1;
  }

  async findResponse(organizationId: string, key: string): Promise<StoredResponse | null> {
    const [row] = await this.connection.rows<ResponseRow>(this.sql.responseByKey, [
      organizationId,
      key,
    ]);
    return row === undefined ? null : responseFromRow(row);
  }

  /** Deletes in batches of bounded size, each its own short transaction. */
  async deleteResponsesBefore(before: Date): Promise<number> {
    let deleted = 0;
    for (;;) {
      const [row] = await this.connection.rows<{ deleted: number }>(this.sql.deleteResponses, [
        before.toISOString(),
        responsesDeleteBatchSize,
      ]);
      const batch = row?.deleted ?? 0;
      deleted += batch;
      if (batch < responsesDeleteBatchSize) return deleted;
    }
  }

  async ping(): Promise<void> {
    await this.connection.rows(this.sql.ping, []);
  }

  async close(): Promise<void> {
    await this.connection.close();
  }

  /**
   * Inserts the response (when given) and then the row, in one transaction. The response goes
   * first: a retry of the same request racing the original waits on the key and then reports
   * it taken (the caller replays the stored answer) rather than the email it took itself.
   */
  private async insertWithResponse(
    response: StoredResponse | undefined,
    insertRow: Statement,
    values: readonly unknown[],
  ): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.connection.transaction(async (query) => {
          if (response !== undefined) {
            await query(this.sql.insertResponse, [
              response.organizationId,
              response.key,
              response.fingerprint,
              response.status,
              response.body,
              response.createdAt.toISOString(),
            ]);
          }
          await query(insertRow, values);
        });
        return;
      } catch (error) {
        const violated = pgUniqueViolation(error);
        if (violated === 'email') throw new EmailTakenError();
        if (violated !== 'response' || response === undefined) throw toPgQueryError(error);
        const existing = await this.findResponse(response.organizationId, response.key);
        if (existing !== null) throw new ResponseKeyTakenError(existing);
        // The stored answer expired between our insert and our read: the key is free again.
        if (attempt >= insertAttemptsMax) throw toPgQueryError(error);
      }
    }
  }
}

// Direct access to a test server's database, behind the server's back: a cheap snapshot of
// everything a request could change, the stored secrets (to scan answers and logs for them),
// and the deletion of a user row (a token whose user no longer exists).
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { TestServer } from '../test-server.js';

// The server reaches better-sqlite3 only through MikroORM's driver; load it from there.
const requireFromDriver = createRequire(
  createRequire(import.meta.url).resolve('@mikro-orm/better-sqlite'),
);
const Database = requireFromDriver('better-sqlite3') as typeof BetterSqlite3;

/**
 * One line per wallet (status, balance, held, last change), per transaction (status, amounts)
 * and per API key (revoked or not), and the row counts of every other table: equal snapshots
 * mean that nothing a caller could observe was written.
 */
const snapshotSql = `
SELECT 'wallet ' || CAST(id AS TEXT) || ' ' || CAST(status AS TEXT) || ' ' || CAST(balance AS TEXT)
  || ' ' || CAST(held AS TEXT) || ' ' || CAST(updated_at AS TEXT) AS line FROM ledger_wallets
UNION ALL SELECT 'transaction ' || CAST(id AS TEXT) || ' ' || CAST(status AS TEXT) || ' '
  || CAST(amount AS TEXT) || ' ' || CAST(reversed_amount AS TEXT) FROM ledger_transactions
UNION ALL SELECT 'api key ' || CAST(id AS TEXT) || ' ' || COALESCE(CAST(revoked_at AS TEXT), 'active')
  FROM vaultcraft_api_keys
UNION ALL SELECT 'organizations ' || CAST(count(*) AS TEXT) FROM ledger_organizations
UNION ALL SELECT 'entries ' || CAST(count(*) AS TEXT) FROM ledger_entries
UNION ALL SELECT 'ledger idempotency keys ' || CAST(count(*) AS TEXT) FROM ledger_idempotency_keys
UNION ALL SELECT 'users ' || CAST(count(*) AS TEXT) FROM vaultcraft_users
UNION ALL SELECT 'stored responses ' || CAST(count(*) AS TEXT) FROM vaultcraft_http_responses`;

/** The stored secrets of a database: what must never show in an answer or a log line. */
export interface StoredSecrets {
  readonly passwordHashes: readonly string[];
  readonly apiKeyHashes: readonly string[];
}

/** A connection to a test server's database. */
export interface DatabaseProbe {
  /** Sorted lines describing every row a request could change (see `snapshotSql`). */
  snapshot(): Promise<string[]>;
  secrets(): Promise<StoredSecrets>;
  /** Deletes a user's row from `vaultcraft_users`, as an operator removing an account would. */
  deleteUser(userId: string): Promise<void>;
  close(): Promise<void>;
}

function sorted(lines: readonly string[]): string[] {
  return [...lines].sort();
}

function sqliteProbe(path: string): DatabaseProbe {
  const db = new Database(path, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const snapshot = db.prepare<[], { line: string }>(snapshotSql);
  const passwordHashes = db.prepare<[], { hash: string }>(
    'SELECT password_hash AS hash FROM vaultcraft_users',
  );
  const keyHashes = db.prepare<[], { hash: string }>(
    'SELECT key_hash AS hash FROM vaultcraft_api_keys',
  );
  const deleteUser = db.prepare<[string]>('DELETE FROM vaultcraft_users WHERE id = ?');
  return {
    snapshot: async () => sorted(snapshot.all().map((row) => row.line)),
    secrets: async () => ({
      passwordHashes: passwordHashes.all().map((row) => row.hash),
      apiKeyHashes: keyHashes.all().map((row) => row.hash),
    }),
    async deleteUser(userId) {
      if (deleteUser.run(userId).changes !== 1) throw new Error(`no user ${userId}`);
    },
    close: async () => {
      db.close();
    },
  };
}

async function postgresProbe(url: string): Promise<DatabaseProbe> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const hashes = async (sql: string) =>
    (await client.query<{ hash: string }>(sql)).rows.map((row) => row.hash);
  return {
    snapshot: async () =>
      sorted((await client.query<{ line: string }>(snapshotSql)).rows.map((row) => row.line)),
    secrets: async () => ({
      passwordHashes: await hashes('SELECT password_hash AS hash FROM vaultcraft_users'),
      apiKeyHashes: await hashes('SELECT key_hash AS hash FROM vaultcraft_api_keys'),
    }),
    async deleteUser(userId) {
      const result = await client.query('DELETE FROM vaultcraft_users WHERE id = $1', [userId]);
      if (result.rowCount !== 1) throw new Error(`no user ${userId}`);
    },
    close: () => client.end(),
  };
}

/**
 * Opens the database of `server` (its SQLite file, or its PostgreSQL database). Close the
 * probe before the server: the server drops its PostgreSQL database when it closes.
 */
export function openDatabaseProbe(server: TestServer): Promise<DatabaseProbe> {
  const url = server.databaseUrl;
  return url.startsWith('postgres') ? postgresProbe(url) : Promise.resolve(sqliteProbe(url));
}

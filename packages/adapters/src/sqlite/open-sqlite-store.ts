import { connectSqlite } from './sqlite-connection.js';
import { resolveSqliteOptions, type SqliteStoreOptions } from './sqlite-options.js';
import { type SqliteStore, SqliteStoreImpl } from './sqlite-store.js';

/**
 * Opens (creating it if needed) a SQLite ledger database and returns a store for
 * `createVault({ store })`. Applies pending migrations first unless `migrate: false`. The file
 * uses WAL mode and `synchronous=FULL` by default: an acknowledged write survives a power loss.
 * Several processes may open the same file; their writes are serialized by SQLite's write lock.
 * Call `close()` when done: it releases the file and lets the process exit.
 *
 * @param options - see {@link SqliteStoreOptions}
 * @throws `CONFIGURATION_ERROR` for a bad or unknown option, a path that cannot be opened or is
 *   not a SQLite database, or `migrate: false` on a database without the schema;
 *   `UNAVAILABLE` when another process held the write lock past `busyTimeoutMs`.
 * @example
 * ```ts
 * import { createVault } from '@vaultcraft/core';
 * import { openSqliteStore } from '@vaultcraft/adapters/sqlite';
 *
 * const store = await openSqliteStore({ path: './data/ledger.sqlite' });
 * const vault = createVault({ store });
 * // ...
 * await vault.close();
 * ```
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  const resolved = resolveSqliteOptions(options, 'openSqliteStore');
  const connection = await connectSqlite(resolved);
  try {
    return new SqliteStoreImpl(connection, resolved.path === ':memory:', resolved.groupCommit);
  } catch (error) {
    await connection.orm.close(true);
    throw error;
  }
}

/**
 * Applies the pending migrations of a SQLite ledger database and closes it again: what a
 * deployment step or the `vaultcraft` CLI runs before starting servers with `migrate: false`.
 * The same code path as {@link openSqliteStore}; safe to run while other processes use the file.
 *
 * @returns the names of the migrations applied (empty when the schema was up to date)
 * @throws `CONFIGURATION_ERROR` for bad options or path; `UNAVAILABLE` when locked too long.
 * @example
 * ```ts
 * import { migrateSqlite } from '@vaultcraft/adapters/sqlite';
 *
 * const applied = await migrateSqlite({ path: './data/ledger.sqlite' });
 * console.log(applied.length === 0 ? 'up to date' : `applied ${applied.join(', ')}`);
 * ```
 */
export async function migrateSqlite(
  options: Omit<SqliteStoreOptions, 'migrate'>,
): Promise<string[]> {
  const resolved = resolveSqliteOptions(options, 'migrateSqlite');
  const connection = await connectSqlite({ ...resolved, migrate: true });
  await connection.orm.close(true);
  return connection.applied;
}

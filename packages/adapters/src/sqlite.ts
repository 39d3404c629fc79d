/**
 * `@vaultcraft/adapters/sqlite`: the SQLite ledger store (MikroORM 6 on better-sqlite3), with
 * its migrations. Importing this module opens nothing; `openSqliteStore` does.
 *
 * @example
 * ```ts
 * import { createVault } from '@vaultcraft/core';
 * import { openSqliteStore } from '@vaultcraft/adapters/sqlite';
 *
 * const vault = createVault({ store: await openSqliteStore({ path: './ledger.sqlite' }) });
 * ```
 *
 * @packageDocumentation
 */

// Opening and migrating.
export { migrateSqlite, openSqliteStore } from './sqlite/open-sqlite-store.js';
export type { GroupCommitOptions } from './shared/group-commit-options.js';
export type { SqliteStoreOptions } from './sqlite/sqlite-options.js';
// The store.
export type { SqliteStore } from './sqlite/sqlite-store.js';

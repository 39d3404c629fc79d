/**
 * `@vaultcraft/adapters/postgres`: the PostgreSQL ledger store, on MikroORM, with migrations.
 * Importing it connects to nothing and starts nothing; `openPostgresStore` does.
 *
 * @example
 * ```ts
 * import { createVault } from '@vaultcraft/core';
 * import { openPostgresStore } from '@vaultcraft/adapters/postgres';
 *
 * const store = await openPostgresStore({ url: 'postgres://vault@localhost:5432/vault' });
 * const vault = createVault({ store });
 * ```
 *
 * @packageDocumentation
 */

// Opening and migrating.
export { migratePostgres, openPostgresStore } from './postgres/open-postgres-store.js';
export type { GroupCommitOptions } from './shared/group-commit-options.js';
export type { PostgresStoreOptions } from './postgres/postgres-options.js';
// The store.
export type { PostgresStore } from './postgres/postgres-store.js';

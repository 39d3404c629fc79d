import { ConfigurationError } from '@vaultcraft/core';
import { PostgresConnection, serverStatementTimeoutMs, statement } from './postgres-connection.js';
import { toOpenError } from './postgres-errors.js';
import { pendingMigrations, runMigrations } from './postgres-migrate.js';
import {
  describeUrl,
  type PostgresStoreOptions,
  type ResolvedPostgresOptions,
  resolvePostgresOptions,
} from './postgres-options.js';
import { createPostgresOrm } from './postgres-orm.js';
import { PostgresLedgerStore, type PostgresStore } from './postgres-store.js';

/**
 * Opens a ledger store on PostgreSQL: validates the options, applies pending migrations (unless
 * `migrate: false`), and connects a pool. Importing this module connects to nothing.
 *
 * @param options - the URL, and optionally the schema, pool size, connect timeout, `migrate`
 * @throws `CONFIGURATION_ERROR` naming the setting: an unknown option or bad value; a URL of
 *   another database, a host that does not answer, a refused login or a missing database
 *   (`url`, with what to fix); with `migrate: false`, a schema that lacks migrations (`migrate`).
 * @example
 * ```ts
 * import { createVault } from '@vaultcraft/core';
 * import { openPostgresStore } from '@vaultcraft/adapters/postgres';
 *
 * const store = await openPostgresStore({ url: 'postgres://vault:secret@localhost:5432/vault' });
 * const vault = createVault({ store });
 * // ...
 * await store.close();
 * ```
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const resolved = resolvePostgresOptions(options, 'openPostgresStore');
  if (resolved.migrate) await runMigrations(resolved);
  return connectPostgresStore(resolved, { checkMigrations: !resolved.migrate });
}

/**
 * Applies the pending migrations of the PostgreSQL store, creating the schema if needed, and
 * returns the names applied (empty when the database is up to date). Safe to run from several
 * processes at once (they take turns on an advisory lock). It is what `openPostgresStore` does
 * before connecting, for deployments that migrate in a separate step and open with
 * `migrate: false`.
 *
 * @throws `CONFIGURATION_ERROR` (`url` and the other options, as `openPostgresStore`);
 *   `INTERNAL` when a migration fails (the run is rolled back).
 * @example
 * ```ts
 * import { migratePostgres } from '@vaultcraft/adapters/postgres';
 *
 * const applied = await migratePostgres({ url: process.env.DATABASE_URL! });
 * console.log(applied.length === 0 ? 'up to date' : `applied ${applied.join(', ')}`);
 * ```
 */
export async function migratePostgres(options: PostgresStoreOptions): Promise<string[]> {
  return runMigrations(resolvePostgresOptions(options, 'migratePostgres'));
}

/**
 * Connects the store's pool and checks that the server answers (and, when asked, that no
 * migration is pending). Exposed to tests that open a store on a schema migrated part way.
 */
export async function connectPostgresStore(
  options: ResolvedPostgresOptions,
  check: { readonly checkMigrations: boolean },
): Promise<PostgresStore> {
  const orm = await createPostgresOrm(options, options.poolSize, serverStatementTimeoutMs);
  const connection = new PostgresConnection(orm);
  try {
    await connection.once(statement('SELECT 1 AS ok'), []);
    if (check.checkMigrations) {
      const pending = await pendingMigrations(connection, options.schema);
      if (pending.length > 0) {
        throw new ConfigurationError(
          'migrate',
          `the schema "${options.schema}" lacks ${pending.length} migration(s) (${pending.join(', ')}): apply them with migratePostgres(), or open with migrate: true`,
        );
      }
    }
  } catch (error) {
    await connection.close();
    throw toOpenError(error, describeUrl(options.url), options.connectTimeoutMs);
  }
  return new PostgresLedgerStore(connection, options);
}

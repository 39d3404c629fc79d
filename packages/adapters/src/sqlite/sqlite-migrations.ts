import type { MikroORM } from '@mikro-orm/better-sqlite';
import type { Migrator } from '@mikro-orm/migrations';
import { Migration0001InitialSchema } from './migrations/migration-0001-initial-schema.js';
import { Migration0002EntriesAsOfIndex } from './migrations/migration-0002-entries-as-of-index.js';
import { isTransientSqliteError } from './sqlite-errors.js';
import type { SqliteDatabase } from './sqlite-statements.js';

/** How long opening waits for another connection's migrations at least, in ms. */
const migrationLockWaitMinMs = 60_000;

/**
 * Every migration of the SQLite store, in order, given to MikroORM explicitly (no file
 * globbing), so they bundle with the package and run the same from ESM and CommonJS. Append
 * only: a released migration never changes.
 */
export const sqliteMigrations = [
  { name: '0001-initial-schema', class: Migration0001InitialSchema },
  { name: '0002-entries-as-of-index', class: Migration0002EntriesAsOfIndex },
];

/** The table where MikroORM records the applied migrations (beside the ledger's own tables). */
export const sqliteMigrationsTable = 'ledger_migrations';

/**
 * Applies the pending migrations (all, or up to and including `to`) and returns their names.
 *
 * All of them run in one `BEGIN IMMEDIATE` transaction on the store's single connection: SQLite
 * DDL is transactional, so a failed migration leaves the schema as it was, and the write lock
 * makes a second process that opens the same file at the same moment wait, then find nothing
 * pending, instead of creating the tables twice. MikroORM's own per-migration transactions are
 * therefore switched off (`transactional: false` in the ORM config).
 */
export async function applySqliteMigrations(
  orm: MikroORM,
  db: SqliteDatabase,
  options: { readonly to?: string } = {},
): Promise<string[]> {
  const migrator = orm.getMigrator() as Migrator;
  await beginImmediateWithoutBlocking(db);
  try {
    const applied = await migrator.up(options.to === undefined ? undefined : { to: options.to });
    db.exec('COMMIT');
    return applied.map((migration) => migration.name);
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/**
 * `BEGIN IMMEDIATE`, waiting for the lock with async sleeps rather than SQLite's busy handler.
 * Migrations hold the lock across awaits; a second connection of the same process that spun in
 * the busy handler would block the event loop and with it the migration it waits for.
 */
async function beginImmediateWithoutBlocking(db: SqliteDatabase): Promise<void> {
  const busyTimeoutMs = Number(db.pragma('busy_timeout', { simple: true }));
  const deadline = Date.now() + Math.max(busyTimeoutMs, migrationLockWaitMinMs);
  db.pragma('busy_timeout = 0');
  try {
    for (let attempt = 1; ; attempt += 1) {
      try {
        db.exec('BEGIN IMMEDIATE');
        return;
      } catch (error) {
        if (!isTransientSqliteError(error) || Date.now() >= deadline) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(5 * attempt, 100)));
    }
  } finally {
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  }
}

/** The names of the migrations not applied yet. */
export async function pendingSqliteMigrations(orm: MikroORM): Promise<string[]> {
  const pending = await (orm.getMigrator() as Migrator).getPendingMigrations();
  return pending.map((migration) => migration.name);
}

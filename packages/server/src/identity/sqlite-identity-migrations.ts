import type { MikroORM } from '@mikro-orm/better-sqlite';
import type { MigrationObject } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import type BetterSqlite3 from 'better-sqlite3';
import { SqliteIdentityMigration0001 } from './migrations/sqlite-identity-migration-0001.js';
import { isSqliteBusy } from './sqlite-identity-errors.js';

/** A better-sqlite3 connection, as MikroORM's pool hands it out. */
export type SqliteDatabase = BetterSqlite3.Database;

/**
 * The identity store's SQLite migrations, in order, given to MikroORM explicitly (no file
 * globbing) so that they bundle and run the same from ESM and CommonJS. Append only.
 */
export const sqliteIdentityMigrations: MigrationObject[] = [
  { name: 'SqliteIdentityMigration0001', class: SqliteIdentityMigration0001 },
];

/**
 * Where MikroORM records the applied identity migrations: not the ledger's `ledger_migrations`,
 * so that the two sets of migrations in one file never see each other's names.
 */
export const sqliteIdentityMigrationsTable = 'vaultcraft_server_migrations';

/** How long applying migrations waits for another connection's write lock at most, in ms. */
const migrationLockWaitMs = 60_000;

/**
 * Applies the pending migrations and returns their names. All run in one `BEGIN IMMEDIATE`
 * transaction on the store's only connection: SQLite DDL is transactional, so a failure leaves
 * the schema as it was, and a second process migrating the same file at the same moment waits
 * for the lock, then finds nothing pending. MikroORM's own transactions are off for this reason
 * (`transactional: false` in the ORM config).
 */
export async function applySqliteIdentityMigrations(
  orm: MikroORM,
  db: SqliteDatabase,
): Promise<string[]> {
  await beginImmediateWithoutBlocking(db);
  try {
    const applied = await new Migrator(orm.em).up();
    db.exec('COMMIT');
    return applied.map((migration) => migration.name);
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/** The names of the known migrations that the file lacks, read without writing anything. */
export function pendingSqliteIdentityMigrations(db: SqliteDatabase): string[] {
  const table = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
    .get(sqliteIdentityMigrationsTable);
  const applied = new Set<string>();
  if (table !== undefined) {
    const rows = db.prepare(`SELECT name FROM ${sqliteIdentityMigrationsTable}`).all() as {
      name: string;
    }[];
    for (const row of rows) applied.add(row.name);
  }
  return sqliteIdentityMigrations
    .map((migration) => migration.name)
    .filter((name) => !applied.has(name));
}

/**
 * `BEGIN IMMEDIATE`, waiting for the lock with async sleeps rather than SQLite's busy handler.
 * Migrations hold the lock across awaits (the ledger's too); a second connection of the same
 * process spinning in the busy handler would block the event loop, and with it the migration
 * it waits for.
 */
async function beginImmediateWithoutBlocking(db: SqliteDatabase): Promise<void> {
  const busyTimeoutMs = Number(db.pragma('busy_timeout', { simple: true }));
  const deadline = Date.now() + Math.max(busyTimeoutMs, migrationLockWaitMs);
  db.pragma('busy_timeout = 0');
  try {
    for (let attempt = 1; ; attempt += 1) {
      try {
        db.exec('BEGIN IMMEDIATE');
        return;
      } catch (error) {
        if (!isSqliteBusy(error) || Date.now() >= deadline) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(5 * attempt, 100)));
    }
  } finally {
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  }
}

import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { BetterSqliteDriver, MikroORM } from '@mikro-orm/better-sqlite';
import { Migrator } from '@mikro-orm/migrations';
import { ConfigurationError, isVaultError } from '@vaultcraft/core';
import { sqliteEntities } from './sqlite-entities.js';
import { toOpenError } from './sqlite-errors.js';
import {
  applySqliteMigrations,
  pendingSqliteMigrations,
  sqliteMigrations,
  sqliteMigrationsTable,
} from './sqlite-migrations.js';
import type { ResolvedSqliteOptions } from './sqlite-options.js';
import type { SqliteDatabase } from './sqlite-statements.js';

/** An open connection: MikroORM (schema, migrations) and its one better-sqlite3 connection. */
export interface SqliteConnection {
  readonly orm: MikroORM;
  /** The raw connection, the only one in MikroORM's pool; the store's hot path uses it directly. */
  readonly db: SqliteDatabase;
  /** The migrations applied while connecting. */
  readonly applied: string[];
}

/**
 * Connects to the database file through MikroORM, sets the pragmas, and applies pending
 * migrations when `options.migrate` is set: the one code path of `openSqliteStore` and
 * `migrateSqlite`. On failure, everything opened so far is closed again. `migrateTo` stops
 * after that migration (upgrade tests).
 *
 * The pool holds exactly one connection: better-sqlite3 is synchronous, so one connection
 * serves every call of the process without waiting, and SQLite admits one writer anyway.
 *
 * @throws `CONFIGURATION_ERROR` (`path`, `migrate`), `UNAVAILABLE` (locked past the timeout).
 */
export async function connectSqlite(
  options: ResolvedSqliteOptions,
  migrateTo?: string,
): Promise<SqliteConnection> {
  // Opening creates a missing file: refusing one without the schema must not leave it behind.
  if (!options.migrate && options.path !== ':memory:' && !existsSync(options.path)) {
    throw new ConfigurationError(
      'migrate',
      `there is no database at ${options.path} yet; open it with migrate: true, or run migrateSqlite({ path }) first`,
    );
  }
  let orm: MikroORM | undefined;
  try {
    createParentDirectories(options.path);
    orm = await MikroORM.init({
      driver: BetterSqliteDriver,
      dbName: options.path,
      entities: sqliteEntities,
      extensions: [Migrator],
      pool: { min: 1, max: 1 },
      debug: false,
      allowGlobalContext: true,
      migrations: {
        migrationsList: sqliteMigrations,
        tableName: sqliteMigrationsTable,
        // One transaction around all of them instead: see applySqliteMigrations.
        transactional: false,
        allOrNothing: false,
        disableForeignKeys: false,
        snapshot: false,
        silent: true,
      },
    });
    const knex = orm.em.getConnection().getKnex();
    const db = (await knex.client.acquireConnection()) as SqliteDatabase;
    // Back into the pool at once: MikroORM (migrations) and the store share this connection.
    await knex.client.releaseConnection(db);
    setPragmas(db, options);
    let applied: string[] = [];
    if (options.migrate) {
      applied = await applySqliteMigrations(
        orm,
        db,
        migrateTo === undefined ? {} : { to: migrateTo },
      );
    } else if ((await pendingSqliteMigrations(orm)).includes(sqliteMigrations[0]!.name)) {
      throw new ConfigurationError(
        'migrate',
        `the database at ${options.path} has no VaultCraft schema yet; open it with migrate: true, or run migrateSqlite({ path }) first`,
      );
    }
    return { orm, db, applied };
  } catch (error) {
    await orm?.close(true).catch(() => undefined);
    throw isVaultError(error) ? error : toOpenError(error, options.path);
  }
}

/**
 * Creates the missing parent directories one level at a time. MikroORM would do it with a
 * recursive mkdir, which never returns on some file systems (a path under /proc loops forever
 * in Node 20); a plain mkdir fails at once instead, and the failure names the path.
 */
function createParentDirectories(path: string): void {
  if (path === ':memory:') return;
  const missing: string[] = [];
  for (let directory = dirname(resolve(path)); !existsSync(directory); ) {
    missing.push(directory);
    const parent = dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  for (const directory of missing.reverse()) mkdirSync(directory);
}

/**
 * WAL lets readers (also in other processes) run while one process writes; `synchronous`
 * decides whether a commit waits for the disk (FULL) or only for the OS (NORMAL); the busy
 * timeout makes a writer wait for another process's lock instead of failing at once; foreign
 * keys are off by default in SQLite and on here.
 */
function setPragmas(db: SqliteDatabase, options: ResolvedSqliteOptions): void {
  db.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal' && options.path !== ':memory:') {
    throw new ConfigurationError(
      'path',
      `SQLite cannot use WAL mode for ${options.path} (got "${String(mode)}"); put the file on a local file system`,
    );
  }
  db.pragma(`synchronous = ${options.synchronous}`);
  db.pragma('foreign_keys = ON');
}

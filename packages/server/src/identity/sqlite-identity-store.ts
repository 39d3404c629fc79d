import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { BetterSqliteDriver, MikroORM } from '@mikro-orm/better-sqlite';
import { ConfigurationError } from '@vaultcraft/core';
import type { IdentityStore } from './identity-store.js';
import { toSqliteOpenError } from './sqlite-identity-errors.js';
import {
  applySqliteIdentityMigrations,
  pendingSqliteIdentityMigrations,
  type SqliteDatabase,
  sqliteIdentityMigrations,
  sqliteIdentityMigrationsTable,
} from './sqlite-identity-migrations.js';
import { SqliteIdentityQueries } from './sqlite-identity-queries.js';

/** How long a write waits for another process's lock before SQLite reports it busy, in ms. */
const busyTimeoutMs = 5_000;

/** Options of {@link openSqliteIdentityStore}. */
export interface SqliteIdentityStoreOptions {
  /** The database file (`DATABASE_URL`), shared with the ledger store; created if missing. */
  readonly path: string;
  /** Apply pending migrations when opening (default `true`). */
  readonly migrate?: boolean;
}

/**
 * Opens the identity store in a SQLite file, the ledger's file as a rule: its own tables and
 * its own migrations table (`vaultcraft_server_migrations`) beside the ledger's, and its own
 * connection (WAL lets the two connections, and other processes, read while one writes).
 *
 * @throws `CONFIGURATION_ERROR` (`DATABASE_URL`) when the file cannot be opened or is not a
 *   SQLite database, or when `migrate` is `false` and migrations are pending; `UNAVAILABLE` when
 *   another process keeps the file locked.
 * @example
 * ```ts
 * const identity = await openSqliteIdentityStore({ path: './data/vaultcraft.sqlite' });
 * const user = await identity.findUserByEmail('ada@example.com');
 * await identity.close();
 * ```
 */
export async function openSqliteIdentityStore(
  options: SqliteIdentityStoreOptions,
): Promise<IdentityStore> {
  const { orm, db } = await connect(options.path);
  try {
    if (options.migrate ?? true) {
      await applySqliteIdentityMigrations(orm, db);
    } else {
      const pending = pendingSqliteIdentityMigrations(db);
      if (pending.length > 0) {
        throw new ConfigurationError(
          'DATABASE_URL',
          `the database at ${JSON.stringify(options.path)} lacks the server's migrations ${pending.join(', ')}; apply them first (migrate: true)`,
        );
      }
    }
    return new SqliteIdentityQueries(db, () => orm.close(true));
  } catch (error) {
    await orm.close(true).catch(() => undefined);
    throw toSqliteOpenError(error, options.path);
  }
}

/**
 * Applies the identity store's pending migrations to a SQLite file and returns their names
 * (none when up to date). Safe to run from several processes at once.
 *
 * @throws like {@link openSqliteIdentityStore}.
 * @example
 * ```ts
 * await migrateSqliteIdentity({ path: './data/vaultcraft.sqlite' }); // ['SqliteIdentityMigration0001']
 * ```
 */
export async function migrateSqliteIdentity(options: { readonly path: string }): Promise<string[]> {
  const { orm, db } = await connect(options.path);
  try {
    return await applySqliteIdentityMigrations(orm, db);
  } catch (error) {
    throw toSqliteOpenError(error, options.path);
  } finally {
    await orm.close(true).catch(() => undefined);
  }
}

/**
 * Builds MikroORM over one better-sqlite3 connection and sets the pragmas. The instance is
 * built directly rather than with `MikroORM.init`, which would merge `MIKRO_ORM_*` variables
 * and a `.env` file over these options. One connection: better-sqlite3 is synchronous, so one
 * serves every call of the process without waiting, and SQLite admits one writer anyway.
 */
async function connect(path: string): Promise<{ orm: MikroORM; db: SqliteDatabase }> {
  let orm: MikroORM | undefined;
  try {
    createParentDirectories(path);
    orm = new MikroORM({
      driver: BetterSqliteDriver,
      dbName: path,
      entities: [],
      discovery: { warnWhenNoEntities: false },
      metadataCache: { enabled: false },
      allowGlobalContext: true,
      debug: false,
      logger: () => {},
      pool: { min: 1, max: 1 },
      migrations: {
        migrationsList: sqliteIdentityMigrations,
        tableName: sqliteIdentityMigrationsTable,
        // One transaction around all of them instead: see applySqliteIdentityMigrations.
        transactional: false,
        allOrNothing: false,
        disableForeignKeys: false,
        snapshot: false,
        silent: true,
      },
    });
    await orm.discoverEntities();
    const knex = orm.em.getConnection().getKnex();
    const db = (await knex.client.acquireConnection()) as SqliteDatabase;
    // Back into the pool at once: the migrator and the queries share this connection.
    await knex.client.releaseConnection(db);
    setPragmas(db, path);
    return { orm, db };
  } catch (error) {
    await orm?.close(true).catch(() => undefined);
    throw toSqliteOpenError(error, path);
  }
}

/**
 * WAL lets readers (the ledger's connection, other processes) run while one connection writes;
 * `synchronous = FULL` makes a commit wait for the disk, so an acknowledged user or key survives
 * a power loss; the busy timeout makes a writer wait for another process's lock instead of
 * failing at once.
 */
function setPragmas(db: SqliteDatabase, path: string): void {
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal' && path !== ':memory:') {
    throw new ConfigurationError(
      'DATABASE_URL',
      `SQLite cannot use WAL mode for ${JSON.stringify(path)} (got "${String(mode)}"); put the file on a local file system`,
    );
  }
  db.pragma('synchronous = FULL');
}

/**
 * Creates missing parent directories one level at a time: a recursive mkdir never returns on
 * some file systems (a path under /proc loops in Node 20), a plain one fails at once.
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

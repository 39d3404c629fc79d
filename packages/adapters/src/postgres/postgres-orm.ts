import { MikroORM } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { postgresMigrations } from './migrations/postgres-migrations.js';
import { postgresEntities } from './postgres-entities.js';
import type { ResolvedPostgresOptions } from './postgres-options.js';

const silent = (): void => {};

/** The table where MikroORM records applied migrations, in the store's schema. */
export const migrationsTable = 'ledger_migrations';

/**
 * Creates (without connecting) the MikroORM instance of a store or of a migration run: the
 * PostgreSQL driver and its knex pool, our entities and our migrations, nothing read from the
 * environment. `MikroORM.init` would merge `MIKRO_ORM_*` variables and a `.env` file over these
 * options (a `MIKRO_ORM_SCHEMA` could silently move the ledger), so the instance is built and
 * its entities discovered here instead.
 */
export async function createPostgresOrm(
  options: ResolvedPostgresOptions,
  poolSize: number,
  statementTimeoutMs?: number,
): Promise<MikroORM<PostgreSqlDriver>> {
  const orm = new MikroORM<PostgreSqlDriver>({
    driver: PostgreSqlDriver,
    clientUrl: options.url,
    schema: options.schema,
    entities: postgresEntities,
    discovery: { warnWhenNoEntities: false },
    metadataCache: { enabled: false },
    ensureDatabase: false,
    allowGlobalContext: true,
    forceUtcTimezone: true,
    debug: false,
    logger: () => {},
    pool: { min: 0, max: poolSize, idleTimeoutMillis: 30_000 },
    driverOptions: {
      connection: {
        application_name: 'vaultcraft',
        connectionTimeoutMillis: options.connectTimeoutMs,
        keepAlive: true,
        // The server cancels a statement (nothing of it commits) before the store gives up
        // waiting for its answer; migrations run without it (an index build may take long).
        ...(statementTimeoutMs !== undefined && { statement_timeout: statementTimeoutMs }),
      },
      // Waiting for a free connection of a busy pool is not a failure to connect: bound it by a
      // multiple of the connect timeout, not by the connect timeout itself.
      acquireConnectionTimeout: Math.max(options.connectTimeoutMs, 60_000),
      // knex prints pool events (a connection the server closed, which the pool replaces) with
      // console.log; a library must not write to the application's output. Failures that
      // matter reach the caller as errors.
      log: { warn: silent, error: silent, deprecate: silent, debug: silent },
    },
    migrations: {
      migrationsList: postgresMigrations,
      tableName: migrationsTable,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
      dropTables: false,
      safe: true,
      emit: 'js',
    },
  });
  await orm.discoverEntities();
  orm.em.getPlatform().init(orm);
  return orm;
}

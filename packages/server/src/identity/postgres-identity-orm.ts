import { MikroORM } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import {
  postgresIdentityMigrations,
  postgresIdentityMigrationsTable,
} from './postgres-identity-migrations.js';

const silent = (): void => {};

/** What the ORM of a store or of a migration run needs to know. */
export interface PostgresIdentityOrmOptions {
  readonly url: string;
  readonly schema: string;
  readonly poolSize: number;
  readonly connectTimeoutMs: number;
}

/**
 * Creates (without connecting) the MikroORM instance of the identity store or of a migration
 * run: the PostgreSQL driver with its knex pool, and the identity migrations. Built directly
 * rather than with `MikroORM.init`, which would merge `MIKRO_ORM_*` variables and a `.env` file
 * over these options (a `MIKRO_ORM_SCHEMA` could silently move the tables).
 */
export async function createPostgresIdentityOrm(
  options: PostgresIdentityOrmOptions,
): Promise<MikroORM<PostgreSqlDriver>> {
  const orm = new MikroORM<PostgreSqlDriver>({
    driver: PostgreSqlDriver,
    clientUrl: options.url,
    schema: options.schema,
    entities: [],
    discovery: { warnWhenNoEntities: false },
    metadataCache: { enabled: false },
    ensureDatabase: false,
    allowGlobalContext: true,
    forceUtcTimezone: true,
    debug: false,
    logger: silent,
    pool: { min: 0, max: options.poolSize, idleTimeoutMillis: 30_000 },
    driverOptions: {
      connection: {
        application_name: 'vaultcraft-server',
        connectionTimeoutMillis: options.connectTimeoutMs,
        keepAlive: true,
      },
      // Waiting for a free connection of a busy pool is not a failure to connect.
      acquireConnectionTimeout: Math.max(options.connectTimeoutMs, 60_000),
      // knex prints pool events with console.log; failures that matter reach callers as errors.
      log: { warn: silent, error: silent, deprecate: silent, debug: silent },
    },
    migrations: {
      migrationsList: postgresIdentityMigrations,
      tableName: postgresIdentityMigrationsTable,
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
  return orm;
}

import type { MigrationObject } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgresIdentityMigration0001 } from './migrations/postgres-identity-migration-0001.js';
import type { PostgresIdentityConnection } from './postgres-identity-connection.js';
import { quoteIdentifier, statement } from './postgres-identity-sql.js';

/**
 * The identity store's PostgreSQL migrations, in order, given to MikroORM explicitly (no file
 * globbing) so that they bundle and run the same from ESM and CommonJS. Append only.
 */
export const postgresIdentityMigrations: MigrationObject[] = [
  { name: 'PostgresIdentityMigration0001', class: PostgresIdentityMigration0001 },
];

/**
 * Where MikroORM records the applied identity migrations, in the schema: not the ledger's
 * `ledger_migrations`, so that the two sets of migrations never see each other's names.
 */
export const postgresIdentityMigrationsTable = 'vaultcraft_server_migrations';

/**
 * Applies the pending migrations and returns their names. Several processes may call it at
 * once: a session advisory lock, keyed by the schema (and distinct from the ledger's), lets one
 * migrate while the others wait, then find nothing pending. The connection needs two
 * connections in its pool: one holds the lock, MikroORM's migrator uses the other and applies
 * all pending migrations in one transaction.
 */
export async function applyPostgresIdentityMigrations(
  connection: PostgresIdentityConnection,
  schema: string,
): Promise<string[]> {
  const lockName = `vaultcraft:server-identity:${schema}`;
  return connection.withClient(async (client) => {
    await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [lockName]);
    try {
      // CREATE SCHEMA IF NOT EXISTS needs the CREATE privilege even when the schema exists.
      const present = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
      if (present.rowCount === 0) {
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
      }
      const applied = await new Migrator(connection.orm.em).up();
      return applied.map((migration) => migration.name);
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lockName]);
    }
  });
}

/** The names of the known migrations that the schema lacks, read without writing anything. */
export async function pendingPostgresIdentityMigrations(
  connection: PostgresIdentityConnection,
  schema: string,
): Promise<string[]> {
  const table = `${quoteIdentifier(schema)}.${quoteIdentifier(postgresIdentityMigrationsTable)}`;
  const [found] = await connection.rawRows<{ present: boolean }>(
    statement('SELECT to_regclass($1) IS NOT NULL AS present'),
    [table],
  );
  const applied = new Set<string>();
  if (found?.present === true) {
    const rows = await connection.rawRows<{ name: string }>(
      statement(`SELECT name FROM ${table}`),
      [],
    );
    for (const row of rows) applied.add(row.name);
  }
  return postgresIdentityMigrations
    .map((migration) => migration.name)
    .filter((name) => !applied.has(name));
}

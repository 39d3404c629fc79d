import { Migrator } from '@mikro-orm/migrations';
import { postgresMigrations } from './migrations/postgres-migrations.js';
import { quoteSchema } from './migrations/quote-schema.js';
import { PostgresConnection, statement } from './postgres-connection.js';
import { toOpenError } from './postgres-errors.js';
import { describeUrl, type ResolvedPostgresOptions } from './postgres-options.js';
import { createPostgresOrm, migrationsTable } from './postgres-orm.js';

/**
 * Applies the pending migrations (or those up to and including `to`) and returns the names
 * applied. Several processes may call it at once: a session advisory lock, keyed by the
 * schema, lets one migrate while the others wait, then find nothing pending. Uses its own
 * short-lived pool of two connections (one holds the lock, MikroORM's migrator uses the other,
 * applying all pending migrations in one transaction), whatever the store's pool size.
 *
 * @throws `CONFIGURATION_ERROR` (`url`) when the server cannot be reached or refuses the login;
 *   `INTERNAL` when a migration fails (nothing of the run is applied then).
 */
export async function runMigrations(
  options: ResolvedPostgresOptions,
  limit: { readonly to?: string } = {},
): Promise<string[]> {
  const orm = await createPostgresOrm(options, 2);
  const connection = new PostgresConnection(orm);
  const lockName = `vaultcraft:ledger:${options.schema}`;
  try {
    return await connection.withClient(async (client) => {
      await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [lockName]);
      try {
        // CREATE SCHEMA IF NOT EXISTS needs the CREATE privilege even when the schema exists.
        const present = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [
          options.schema,
        ]);
        if (present.rowCount === 0) {
          await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteSchema(options.schema)}`);
        }
        const applied = await new Migrator(orm.em).up(
          limit.to === undefined ? undefined : { to: limit.to },
        );
        return applied.map((migration) => migration.name);
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lockName]);
      }
    });
  } catch (error) {
    throw toOpenError(error, describeUrl(options.url), options.connectTimeoutMs);
  } finally {
    await connection.close();
  }
}

/**
 * The names of the migrations this version of the store knows that the schema lacks, in
 * order. Reads only: a schema never migrated lacks them all.
 */
export async function pendingMigrations(
  connection: PostgresConnection,
  schema: string,
): Promise<string[]> {
  const table = `${quoteSchema(schema)}.${migrationsTable}`;
  const [present] = await connection.once<{ present: boolean }>(
    statement('SELECT to_regclass($1) IS NOT NULL AS present'),
    [table],
  );
  const applied = new Set<string>();
  if (present?.present === true) {
    const rows = await connection.once<{ name: string }>(
      statement(`SELECT name FROM ${table}`),
      [],
    );
    for (const row of rows) applied.add(row.name);
  }
  return postgresMigrations.map((migration) => migration.name).filter((name) => !applied.has(name));
}

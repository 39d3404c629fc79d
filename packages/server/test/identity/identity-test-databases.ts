// Fresh databases for the identity store's tests: a SQLite file in its own temporary directory,
// or a PostgreSQL database with a random name on the test server (`inject('postgresUrl')`),
// dropped again afterwards. Tests therefore never share rows.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL of the test PostgreSQL server (../adapters/test/postgres-global-setup.ts). */
    postgresUrl: string;
  }
}

/** A database made for one test. */
export interface TestDatabase {
  /** The SQLite path or PostgreSQL URL. */
  readonly location: string;
  /** Deletes it (closing what is left connected, for PostgreSQL). Idempotent. */
  remove(): Promise<void>;
}

/** A fresh directory with the path of a (not yet created) SQLite file in it. */
export function createSqliteTestDatabase(): TestDatabase {
  const directory = mkdtempSync(join(tmpdir(), 'vaultcraft-identity-'));
  return {
    location: join(directory, 'vaultcraft.sqlite'),
    remove: async () => rmSync(directory, { recursive: true, force: true }),
  };
}

/** The URL of another database on the server of `url`. */
export function databaseUrl(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Runs `work` on a connection to the server's default database (as the given user). */
export async function withAdmin<T>(
  baseUrl: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** An empty PostgreSQL database with a random name on the server of `baseUrl`. */
export async function createPostgresTestDatabase(baseUrl: string): Promise<TestDatabase> {
  const name = `vaultcraft_identity_${process.pid}_${randomBytes(6).toString('hex')}`;
  await withAdmin(baseUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  let removed = false;
  return {
    location: databaseUrl(baseUrl, name),
    async remove() {
      if (removed) return;
      removed = true;
      await withAdmin(baseUrl, (admin) =>
        admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      );
    },
  };
}

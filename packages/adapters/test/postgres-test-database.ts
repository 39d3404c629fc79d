// One database per test on the shared test server: CREATE DATABASE ... TEMPLATE a database
// migrated once per server (STRATEGY FILE_COPY). Measured here (fsync off, 2 cores): ~140 ms per
// test for template + open, against ~320 ms for a fresh schema + migrations per test; see
// docs/postgres-store.md. Tests therefore never share rows, and their order never matters.
import { createHash, randomBytes } from 'node:crypto';
import type { Configuration } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import pg from 'pg';
import { postgresMigrations } from '../src/postgres/migrations/postgres-migrations.js';
import {
  migratePostgres,
  openPostgresStore,
  type PostgresStore,
  type PostgresStoreOptions,
} from '../src/postgres.js';

/** A database made for one test. */
export interface TestDatabase {
  /** Its URL (same server, user and options as the base URL). */
  readonly url: string;
  readonly name: string;
  /** Drops it, closing any connection left to it. Idempotent. */
  drop(): Promise<void>;
}

/** The URL of another database on the server of `url`. */
export function databaseUrl(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * A digest of the SQL of every migration, so that a template made by an older version of the
 * migrations (on a long-lived server named by VAULTCRAFT_TEST_DATABASE_URL) is never reused.
 */
function migrationsDigest(): string {
  const hash = createHash('sha256');
  const config = { get: () => 'public' } as unknown as Configuration;
  for (const { name, class: MigrationClass } of postgresMigrations) {
    const Make = MigrationClass as unknown as new (
      driver: never,
      config: Configuration,
    ) => Migration;
    const migration = new Make({} as never, config);
    void migration.up();
    hash.update(name).update(JSON.stringify(migration.getQueries()));
  }
  return hash.digest('hex').slice(0, 12);
}

let templateName: string | undefined;

async function withAdmin<T>(baseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The migrated template database, made once per server under an advisory lock. */
async function template(baseUrl: string): Promise<string> {
  if (templateName !== undefined) return templateName;
  const name = `vaultcraft_template_${migrationsDigest()}`;
  await withAdmin(baseUrl, async (admin) => {
    await admin.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [name]);
    try {
      const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      await dropLeftovers(admin);
      if (found.rowCount === 0) {
        const building = `${name}_building`;
        await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
        await admin.query(`CREATE DATABASE ${building}`);
        await migratePostgres({ url: databaseUrl(baseUrl, building) });
        await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
      }
    } finally {
      await admin.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [name]);
    }
  });
  templateName = name;
  return name;
}

/** Databases of earlier runs older than this are dropped (a run leaves its prefetched one). */
const leftoverAgeMs = 60 * 60 * 1000;

/** Drops databases that runs on a long-lived server left behind (names carry their birth). */
async function dropLeftovers(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE 'vaultcraft\\_test\\_%'",
  );
  for (const { datname } of rows) {
    const born = Number(/^vaultcraft_test_(\d+)_/.exec(datname)?.[1]);
    if (Number.isFinite(born) && Date.now() - born > leftoverAgeMs) {
      await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
  }
}

async function cloneTemplate(baseUrl: string): Promise<TestDatabase> {
  const source = await template(baseUrl);
  const name = `vaultcraft_test_${Date.now()}_${randomBytes(6).toString('hex')}`;
  await withAdmin(baseUrl, (admin) =>
    admin.query(`CREATE DATABASE ${name} TEMPLATE ${source} STRATEGY FILE_COPY`),
  );
  let dropped = false;
  return {
    url: databaseUrl(baseUrl, name),
    name,
    async drop() {
      if (dropped) return;
      dropped = true;
      await withAdmin(baseUrl, (admin) =>
        admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      );
    },
  };
}

// The next test's database, cloned while the current test runs: a clone waits for two
// checkpoints (~200 ms here), which this hides behind the test's own work.
let prefetched: { baseUrl: string; database: Promise<TestDatabase> } | undefined;

/** Creates an empty, migrated database for one test. */
export async function createTestDatabase(baseUrl: string): Promise<TestDatabase> {
  const ready = prefetched?.baseUrl === baseUrl ? prefetched.database : cloneTemplate(baseUrl);
  const next = ready.then(() => cloneTemplate(baseUrl));
  // A failed prefetch surfaces when the next test takes it, not as an unhandled rejection.
  next.catch(() => {});
  prefetched = { baseUrl, database: next };
  return ready;
}

/** Creates an empty, unmigrated database for one test (migration and opening tests). */
export async function createEmptyDatabase(baseUrl: string): Promise<TestDatabase> {
  const name = `vaultcraft_empty_${process.pid}_${randomBytes(6).toString('hex')}`;
  await withAdmin(baseUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  let dropped = false;
  return {
    url: databaseUrl(baseUrl, name),
    name,
    async drop() {
      if (dropped) return;
      dropped = true;
      await withAdmin(baseUrl, (admin) =>
        admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      );
    },
  };
}

/** A store on a fresh test database; `dispose` closes it and drops the database. */
export async function openTestStore(
  baseUrl: string,
  options: Omit<PostgresStoreOptions, 'url'> = {},
): Promise<{ store: PostgresStore; database: TestDatabase; dispose(): Promise<void> }> {
  const database = await createTestDatabase(baseUrl);
  const store = await openPostgresStore({ migrate: false, ...options, url: database.url });
  return {
    store,
    database,
    async dispose() {
      await store.close();
      await database.drop();
    },
  };
}

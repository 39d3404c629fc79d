// Proves the PostgreSQL identity store: the shared IdentityStore suite on a fresh database per
// test (random name on the test server, dropped afterwards), then what is PostgreSQL's own:
// living in one database with the ledger (own migrations table and lock), concurrent
// migrations, CONFIGURATION_ERROR naming DATABASE_URL for a bad URL, a closed port or a missing
// database (without echoing the password), and UNAVAILABLE once the database is gone.
import { createServer } from 'node:net';
import { migratePostgres } from '@vaultcraft/adapters/postgres';
import { ConfigurationError, isVaultError } from '@vaultcraft/core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { rejection, userRecord } from '../../test/identity/identity-fixtures.js';
import {
  createPostgresTestDatabase,
  databaseUrl,
  type TestDatabase,
  withAdmin,
} from '../../test/identity/identity-test-databases.js';
import { describeIdentityStore } from './identity-store.cases.js';
import type { IdentityStore } from './identity-store.js';
import {
  migratePostgresIdentity,
  openPostgresIdentityStore,
  type PostgresIdentityStoreOptions,
} from './postgres-identity-store.js';

describeIdentityStore('PostgreSQL', async () => {
  const database = await createPostgresTestDatabase(inject('postgresUrl'));
  const stores: IdentityStore[] = [];
  const openOne = async () => {
    const store = await openPostgresIdentityStore({ url: database.location, poolSize: 5 });
    stores.push(store);
    return store;
  };
  return {
    store: await openOne(),
    openAnother: openOne,
    async dispose() {
      for (const store of stores) await store.close();
      await database.remove();
    },
  };
});

/** A local port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function expectDatabaseUrlError(
  options: PostgresIdentityStoreOptions,
  message: RegExp,
): Promise<void> {
  const error = await rejection(openPostgresIdentityStore({ ...options, connectTimeoutMs: 3_000 }));
  expect(error).toBeInstanceOf(ConfigurationError);
  expect((error as ConfigurationError).setting).toBe('DATABASE_URL');
  expect((error as Error).message).toMatch(message);
  expect((error as Error).message).not.toContain('s3cret');
}

describe('PostgreSQL identity store', () => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.remove();
    database = undefined;
  });

  it('shares a database with the ledger, each with its own migrations', async () => {
    database = await createPostgresTestDatabase(inject('postgresUrl'));
    const url = database.location;
    const [ledger, identity] = await Promise.all([
      migratePostgres({ url }),
      migratePostgresIdentity({ url }),
    ]);
    expect(ledger.length).toBeGreaterThan(0);
    expect(identity).toEqual(['PostgresIdentityMigration0001']);
    const tables = await withAdmin(url, (client) =>
      client.query<{ name: string }>(
        "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE '%migrations'",
      ),
    );
    expect(tables.rows.map((row) => row.name).sort()).toEqual([
      'ledger_migrations',
      'vaultcraft_server_migrations',
    ]);
  });

  it('applies its migrations once when several processes migrate at the same time', async () => {
    database = await createPostgresTestDatabase(inject('postgresUrl'));
    const url = database.location;
    const runs = await Promise.all([1, 2, 3].map(() => migratePostgresIdentity({ url })));
    expect(runs.flat()).toEqual(['PostgresIdentityMigration0001']);
    const store = await openPostgresIdentityStore({ url, migrate: false });
    await store.close();
  });

  it('uses the schema it is given', async () => {
    database = await createPostgresTestDatabase(inject('postgresUrl'));
    const url = database.location;
    const store = await openPostgresIdentityStore({ url, schema: 'tenant_a' });
    const user = userRecord();
    await store.insertUser(user);
    await store.close();
    const found = await withAdmin(url, (client) =>
      client.query('SELECT 1 FROM tenant_a.vaultcraft_users WHERE id = $1', [user.id]),
    );
    expect(found.rowCount).toBe(1);
  });

  it('refuses to open a database whose migrations are pending without migrate', async () => {
    database = await createPostgresTestDatabase(inject('postgresUrl'));
    await expectDatabaseUrlError({ url: database.location, migrate: false }, /migrations/);
  });

  it('names DATABASE_URL for a bad URL, a closed port and a missing database', async () => {
    await expectDatabaseUrlError({ url: 'mysql://root:s3cret@localhost/x' }, /postgres:\/\//);
    const port = await closedPort();
    await expectDatabaseUrlError(
      { url: `postgres://vault:s3cret@127.0.0.1:${port}/vault` },
      /nothing accepts connections/,
    );
    const missing = new URL(databaseUrl(inject('postgresUrl'), 'vaultcraft_no_such_database'));
    missing.password = 's3cret';
    await expectDatabaseUrlError({ url: missing.toString() }, /database does not exist/);
  });

  it('reports UNAVAILABLE once the database is gone', async () => {
    database = await createPostgresTestDatabase(inject('postgresUrl'));
    const store = await openPostgresIdentityStore({ url: database.location });
    try {
      await store.ping();
      await database.remove();
      const error = await rejection(store.findUserById(userRecord().id));
      expect(isVaultError(error) && error.code).toBe('UNAVAILABLE');
      expect((error as Error).message).not.toMatch(/SELECT/);
    } finally {
      await store.close();
    }
  });
});

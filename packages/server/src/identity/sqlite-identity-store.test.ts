// Proves the SQLite identity store: the shared IdentityStore suite on a fresh file per test,
// then what is SQLite's own: living in one file with the ledger store (own migrations table,
// two connections in WAL), migrations applied once, and the errors of a bad DATABASE_URL path
// or of a file whose migrations are pending.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSqliteStore } from '@vaultcraft/adapters/sqlite';
import { ConfigurationError, createVault, isVaultError } from '@vaultcraft/core';
import { afterEach, describe, expect, it } from 'vitest';
import { rejection, userRecord } from '../../test/identity/identity-fixtures.js';
import {
  createSqliteTestDatabase,
  type TestDatabase,
} from '../../test/identity/identity-test-databases.js';
import { describeIdentityStore } from './identity-store.cases.js';
import type { IdentityStore } from './identity-store.js';
import { migrateSqliteIdentity, openSqliteIdentityStore } from './sqlite-identity-store.js';

describeIdentityStore('SQLite', async () => {
  const database = createSqliteTestDatabase();
  const stores: IdentityStore[] = [];
  const openOne = async () => {
    const store = await openSqliteIdentityStore({ path: database.location });
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

describe('SQLite identity store', () => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.remove();
    database = undefined;
  });

  it('shares a file with the ledger store, each with its own migrations', async () => {
    database = createSqliteTestDatabase();
    const path = database.location;
    const ledger = await openSqliteStore({ path });
    const identity = await openSqliteIdentityStore({ path });
    try {
      const vault = createVault({ store: ledger });
      const organization = await vault.organizations.create({ name: 'Acme' });
      const user = userRecord({ organizationId: organization.id });
      await identity.insertUser(user);
      expect(await identity.findUserById(user.id)).toEqual(user);
      expect(await vault.organizations.retrieve(organization.id)).toEqual(organization);
    } finally {
      await identity.close();
      await ledger.close();
    }
    expect(await migrateSqliteIdentity({ path })).toEqual([]);
  });

  it('applies its migrations once', async () => {
    database = createSqliteTestDatabase();
    expect(await migrateSqliteIdentity({ path: database.location })).toEqual([
      'SqliteIdentityMigration0001',
    ]);
    expect(await migrateSqliteIdentity({ path: database.location })).toEqual([]);
    const store = await openSqliteIdentityStore({ path: database.location, migrate: false });
    await store.close();
  });

  it('refuses to open a file whose migrations are pending without migrate', async () => {
    database = createSqliteTestDatabase();
    const error = await rejection(
      openSqliteIdentityStore({ path: database.location, migrate: false }),
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).setting).toBe('DATABASE_URL');
    expect((error as Error).message).toMatch(/migrations/);
  });

  it('names DATABASE_URL when the path is a directory or not a SQLite file', async () => {
    database = createSqliteTestDatabase();
    const directory = join(database.location, '..', 'a-directory');
    mkdirSync(directory);
    const notSqlite = join(database.location, '..', 'not-sqlite.txt');
    writeFileSync(notSqlite, 'x'.repeat(4096));
    for (const [path, reason] of [
      [directory, /cannot be opened/],
      [notSqlite, /not a SQLite database/],
    ] as const) {
      const error = await rejection(openSqliteIdentityStore({ path }));
      expect(isVaultError(error) && error.code).toBe('CONFIGURATION_ERROR');
      expect((error as ConfigurationError).setting).toBe('DATABASE_URL');
      expect((error as Error).message).toMatch(reason);
      expect((error as Error).message).not.toMatch(/SELECT|INSERT|CREATE/);
    }
  });
});

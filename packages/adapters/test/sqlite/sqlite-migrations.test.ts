// Proves the SQLite migrations: opening applies them all once (pendingMigrations() is empty,
// a second open applies nothing), `migrateSqlite` is the same path, and upgrading step by step
// keeps data: a ledger written at migration 1 is intact, verifiable and usable after the rest.
import { existsSync, writeFileSync } from 'node:fs';
import { createVault } from '@vaultcraft/core';
import { afterEach, describe, expect, it } from 'vitest';
import { connectSqlite } from '../../src/sqlite/sqlite-connection.js';
import { sqliteMigrations } from '../../src/sqlite/sqlite-migrations.js';
import { resolveSqliteOptions } from '../../src/sqlite/sqlite-options.js';
import { migrateSqlite, openSqliteStore } from '../../src/sqlite.js';
import { type TempDatabase, tempDatabase } from './temp-database.js';

const allNames = sqliteMigrations.map((migration) => migration.name);
let database: TempDatabase;

afterEach(() => database?.remove());

describe('sqlite migrations', () => {
  it('applies every migration on first open, and none on the next', async () => {
    database = tempDatabase();
    const store = await openSqliteStore({ path: database.path });
    expect(await store.pendingMigrations()).toEqual([]);
    expect(await store.migrate()).toEqual([]);
    await store.close();
    const again = await openSqliteStore({ path: database.path });
    expect(await again.pendingMigrations()).toEqual([]);
    await again.close();
    expect(await migrateSqlite({ path: database.path })).toEqual([]);
  });

  it('migrateSqlite applies them all on a new file, in order', async () => {
    database = tempDatabase();
    expect(await migrateSqlite({ path: database.path })).toEqual(allNames);
    expect(allNames).toEqual(['0001-initial-schema', '0002-entries-as-of-index']);
    const store = await openSqliteStore({ path: database.path, migrate: false });
    expect(await store.pendingMigrations()).toEqual([]);
    await store.close();
  });

  it('keeps data through a step-by-step upgrade', async () => {
    database = tempDatabase();
    const first = await connectSqlite(
      resolveSqliteOptions({ path: database.path }, 'test'),
      '0001-initial-schema',
    );
    expect(first.applied).toEqual(['0001-initial-schema']);
    await first.orm.close(true);

    // A ledger written by a store running on the initial schema.
    const old = await openSqliteStore({ path: database.path, migrate: false });
    expect(await old.pendingMigrations()).toEqual(['0002-entries-as-of-index']);
    const vault = createVault({ store: old });
    const org = await vault.organizations.create({ name: 'Before the upgrade' });
    const acme = vault.organization(org.id);
    const alice = await acme.wallets.create({
      name: 'A',
      walletType: 'PRIMARY',
      currency: 'USD',
      ownerId: 'a',
    });
    const bob = await acme.wallets.create({
      name: 'B',
      walletType: 'PRIMARY',
      currency: 'USD',
      ownerId: 'b',
    });
    await acme.transactions.deposit({ walletId: alice.id, amount: '12345678901234567.89' });
    const paid = await acme.transactions.transfer({
      fromWalletId: alice.id,
      toWalletId: bob.id,
      amount: '0.01',
    });
    const beforeBalance = await acme.wallets.balance(alice.id, { asOf: paid.createdAt });
    await old.close();

    // The rest of the migrations, then the same data through a store on the new schema.
    expect(await migrateSqlite({ path: database.path })).toEqual(['0002-entries-as-of-index']);
    const upgraded = await openSqliteStore({ path: database.path, migrate: false });
    const after = createVault({ store: upgraded });
    const scope = after.organization(org.id);
    expect((await scope.wallets.retrieve(alice.id)).balance).toBe('12345678901234567.88');
    expect((await scope.wallets.retrieve(bob.id)).balance).toBe('0.01');
    expect(await scope.wallets.balance(alice.id, { asOf: paid.createdAt })).toEqual(beforeBalance);
    expect((await scope.transactions.retrieve(paid.id)).entries).toHaveLength(2);
    await scope.transactions.transfer({
      fromWalletId: bob.id,
      toWalletId: alice.id,
      amount: '0.01',
    });
    const report = await after.verify();
    expect(report.violations).toEqual([]);
    expect(report.checked).toMatchObject({
      organizations: 1,
      wallets: 3,
      transactions: 3,
      entries: 6,
    });
    await upgraded.close();
  });

  it('refuses migrate: false on a missing file or one without the schema, creating nothing', async () => {
    database = tempDatabase();
    await expect(openSqliteStore({ path: database.path, migrate: false })).rejects.toMatchObject({
      code: 'CONFIGURATION_ERROR',
      setting: 'migrate',
    });
    expect(existsSync(database.path)).toBe(false);
    writeFileSync(database.path, '');
    await expect(openSqliteStore({ path: database.path, migrate: false })).rejects.toMatchObject({
      code: 'CONFIGURATION_ERROR',
      setting: 'migrate',
    });
  });

  it('lets concurrent opens of a new file (three connections) race without applying anything twice', async () => {
    database = tempDatabase();
    const stores = await Promise.all([
      openSqliteStore({ path: database.path }),
      openSqliteStore({ path: database.path }),
      migrateSqlite({ path: database.path }),
    ]);
    const [a, b, applied] = stores;
    expect([[], allNames]).toContainEqual(applied);
    expect(await a.pendingMigrations()).toEqual([]);
    await a.close();
    await b.close();
  });
});

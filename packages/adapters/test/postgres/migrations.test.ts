// Proves the migrations: a schema migrated step by step (0001, then writes through the store,
// then 0002) keeps every row and answer, 0002's index is what EXPLAIN of the as-of balance uses
// afterwards, 0002 reverts cleanly, migrating again applies nothing, racing migrations from
// several callers apply each migration exactly once, and two schemas of one database are two
// separate ledgers.
import { Migrator } from '@mikro-orm/migrations';
import { createVault } from '@vaultcraft/core';
import { createTestClock } from '@vaultcraft/core/testing';
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { connectPostgresStore } from '../../src/postgres/open-postgres-store.js';
import { runMigrations } from '../../src/postgres/postgres-migrate.js';
import { resolvePostgresOptions } from '../../src/postgres/postgres-options.js';
import { createPostgresOrm } from '../../src/postgres/postgres-orm.js';
import { migratePostgres, openPostgresStore } from '../../src/postgres.js';
import { createEmptyDatabase, type TestDatabase } from '../postgres-test-database.js';

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.drop();
  database = undefined;
});

async function query<R extends pg.QueryResultRow>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const [setting, statement] = text.startsWith('SET ')
      ? text.split(/;\s*/, 2)
      : [undefined, text];
    if (setting !== undefined) await client.query(setting);
    return (await client.query<R>(statement!, values)).rows;
  } finally {
    await client.end();
  }
}

/**
 * The plan of the as-of balance query. The table is small here, so sequential scans are turned
 * off: the question is which index serves it (query-plans.test.ts checks realistic sizes).
 */
async function asOfPlan(
  url: string,
  schema: string,
  organizationId: string,
  walletId: string,
): Promise<string> {
  await query(url, `ANALYZE "${schema}".ledger_entries`);
  const rows = await query<{ 'QUERY PLAN': string }>(
    url,
    `SET enable_seqscan = off; EXPLAIN (COSTS OFF) SELECT balance_after FROM "${schema}".ledger_entries
     WHERE organization_id = $1 AND wallet_id = $2 AND created_at <= now()
     ORDER BY created_at DESC, sequence DESC LIMIT 1`,
    [organizationId, walletId],
  );
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

describe('postgres migrations', () => {
  it('upgrades step by step with data in place', { timeout: 120_000 }, async () => {
    database = await createEmptyDatabase(inject('postgresUrl'));
    // Group commit needs migration 0003's function: the old schema is written one by one.
    const options = resolvePostgresOptions(
      { url: database.url, schema: 'ledger_v', groupCommit: false },
      'test',
    );
    expect(await runMigrations(options, { to: 'Migration0001LedgerSchema' })).toEqual([
      'Migration0001LedgerSchema',
    ]);
    const old = await connectPostgresStore(options, { checkMigrations: false });
    expect(await old.pendingMigrations()).toEqual([
      'Migration0002EntriesAsOfIndex',
      'Migration0003PostTransferGroup',
    ]);

    const time = createTestClock();
    const vault = createVault({ store: old, clock: time.clock });
    const organization = await vault.organizations.create({ name: 'Before 0002' });
    const acme = vault.organization(organization.id);
    const alice = await acme.wallets.create({
      name: 'A',
      walletType: 'PRIMARY',
      currency: 'USD',
      ownerId: 'alice',
    });
    const bob = await acme.wallets.create({
      name: 'B',
      walletType: 'PRIMARY',
      currency: 'USD',
      ownerId: 'bob',
    });
    const instants: Date[] = [];
    for (let step = 0; step < 30; step += 1) {
      time.advance(1000);
      instants.push(time.now());
      await acme.transactions.deposit({ walletId: alice.id, amount: '10.00' });
      await acme.transactions.transfer({
        fromWalletId: alice.id,
        toWalletId: bob.id,
        amount: '3.33',
      });
    }
    const hold = await acme.transactions.transfer({
      fromWalletId: bob.id,
      toWalletId: alice.id,
      amount: '1.00',
      hold: true,
    });
    const answers = async () => ({
      alice: await acme.wallets.retrieve(alice.id),
      bob: await acme.wallets.retrieve(bob.id),
      asOf: await Promise.all(
        instants.map(async (at) => (await acme.wallets.balance(alice.id, { asOf: at })).balance),
      ),
      statement: (await acme.wallets.entries(alice.id, { pageSize: 100 })).items,
      hold: await acme.transactions.retrieve(hold.id),
      transactions: (await acme.transactions.list({ pageSize: 100 })).items,
    });
    const before = await answers();
    expect(before.asOf[29]).toBe('200.10');
    const oldPlan = await asOfPlan(database.url, 'ledger_v', organization.id, alice.id);
    // Without 0002: every entry of the wallet read through the primary key, filtered and sorted.
    expect(oldPlan).toMatch(/on ledger_entries_pkey/);
    expect(oldPlan).toMatch(/Sort Key: created_at DESC/);

    // A process opening with migrate: false refuses the schema until it is migrated.
    await expect(
      openPostgresStore({ url: database.url, schema: 'ledger_v', migrate: false }),
    ).rejects.toMatchObject({
      code: 'CONFIGURATION_ERROR',
      details: { setting: 'migrate' },
    });
    expect(await old.migrate()).toEqual([
      'Migration0002EntriesAsOfIndex',
      'Migration0003PostTransferGroup',
    ]);
    expect(await old.pendingMigrations()).toEqual([]);
    expect(await answers()).toEqual(before);
    const newPlan = await asOfPlan(database.url, 'ledger_v', organization.id, alice.id);
    expect(newPlan).toMatch(/Index Only Scan Backward using ledger_entries_as_of/);
    expect(newPlan).not.toMatch(/Sort/);
    const report = await vault.verify();
    expect(report.violations).toEqual([]);
    expect(report.checked).toMatchObject({
      organizations: 1,
      wallets: 3,
      transactions: 61,
      entries: 120,
    });
    await old.close();

    expect(await migratePostgres({ url: database.url, schema: 'ledger_v' })).toEqual([]);
    const applied = await query<{ name: string }>(
      database.url,
      'SELECT name FROM ledger_v.ledger_migrations ORDER BY id',
    );
    expect(applied.map((row) => row.name)).toEqual([
      'Migration0001LedgerSchema',
      'Migration0002EntriesAsOfIndex',
      'Migration0003PostTransferGroup',
    ]);
  });

  it('reverts 0003 and 0002 and applies them again', { timeout: 60_000 }, async () => {
    database = await createEmptyDatabase(inject('postgresUrl'));
    const options = resolvePostgresOptions({ url: database.url }, 'test');
    await runMigrations(options);
    const indexes = async () =>
      (
        await query<{ indexname: string }>(
          database!.url,
          "SELECT indexname FROM pg_indexes WHERE tablename = 'ledger_entries'",
        )
      )
        .map((row) => row.indexname)
        .sort();
    expect(await indexes()).toContain('ledger_entries_as_of');
    const orm = await createPostgresOrm(options, 2);
    try {
      const reverted = await new Migrator(orm.em).down({
        migrations: ['Migration0003PostTransferGroup', 'Migration0002EntriesAsOfIndex'],
      });
      expect(reverted.map((migration) => migration.name)).toEqual([
        'Migration0003PostTransferGroup',
        'Migration0002EntriesAsOfIndex',
      ]);
    } finally {
      await orm.close(true);
    }
    expect(await indexes()).not.toContain('ledger_entries_as_of');
    expect(await migratePostgres({ url: database.url })).toEqual([
      'Migration0002EntriesAsOfIndex',
      'Migration0003PostTransferGroup',
    ]);
    expect(await indexes()).toContain('ledger_entries_as_of');
  });

  it('applies each migration once when several callers migrate at the same time', {
    timeout: 60_000,
  }, async () => {
    database = await createEmptyDatabase(inject('postgresUrl'));
    const url = database.url;
    const runs = await Promise.all(
      Array.from({ length: 4 }, () => migratePostgres({ url, schema: 'raced' })),
    );
    expect(runs.flat().sort()).toEqual([
      'Migration0001LedgerSchema',
      'Migration0002EntriesAsOfIndex',
      'Migration0003PostTransferGroup',
    ]);
    const schemas = await query<{ nspname: string }>(
      url,
      "SELECT nspname FROM pg_namespace WHERE nspname = 'raced'",
    );
    expect(schemas).toHaveLength(1);
  });

  it('keeps two schemas of one database as two separate ledgers', { timeout: 60_000 }, async () => {
    database = await createEmptyDatabase(inject('postgresUrl'));
    const first = await openPostgresStore({ url: database.url, schema: 'tenant_a' });
    const second = await openPostgresStore({ url: database.url, schema: 'tenant_b' });
    try {
      const created = await createVault({ store: first }).organizations.create({
        name: 'Only in A',
      });
      expect((await createVault({ store: first }).organizations.list()).total).toBe(1);
      expect((await createVault({ store: second }).organizations.list()).total).toBe(0);
      expect(await second.getOrganization(created.id)).toBeNull();
    } finally {
      await first.close();
      await second.close();
    }
  });
});

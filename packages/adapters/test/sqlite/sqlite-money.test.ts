// Proves that SQLite keeps money exact past every machine number: balances grown beyond 10^20
// and beyond 2^64 minor units read back digit for digit, the columns hold TEXT integers (never
// REAL), and the schema refuses a decimal or a float written behind the store's back.
import { createVault } from '@vaultcraft/core';
import { afterEach, describe, expect, it } from 'vitest';
import { connectSqlite, type SqliteConnection } from '../../src/sqlite/sqlite-connection.js';
import { resolveSqliteOptions } from '../../src/sqlite/sqlite-options.js';
import { SqliteStoreImpl } from '../../src/sqlite/sqlite-store.js';

let connection: SqliteConnection | undefined;
afterEach(async () => {
  await connection?.orm.close(true);
  connection = undefined;
});

async function openVault() {
  connection = await connectSqlite(resolveSqliteOptions({ path: ':memory:' }, 'test'));
  const store = new SqliteStoreImpl(connection, true);
  const vault = createVault({ store });
  const org = await vault.organizations.create({ name: 'Big money' });
  return { vault, acme: vault.organization(org.id), db: connection.db };
}

describe('sqlite money', () => {
  it('sums the largest amounts past 2^64 exactly, as TEXT integers', async () => {
    const { vault, acme, db } = await openVault();
    const whale = await acme.wallets.create({
      name: 'Whale',
      walletType: 'PRIMARY',
      currency: 'JPY',
      ownerId: 'w',
    });
    const largest = '99999999999999999999'; // 10^20 - 1 minor units, the largest single amount
    for (let i = 0; i < 200; i += 1)
      await acme.transactions.deposit({ walletId: whale.id, amount: largest });
    const expected = (200n * (10n ** 20n - 1n)).toString();
    expect(BigInt(expected) > 2n ** 64n).toBe(true);
    expect((await acme.wallets.retrieve(whale.id)).balance).toBe(expected);
    await acme.transactions.withdraw({ walletId: whale.id, amount: '1' });
    expect((await acme.wallets.retrieve(whale.id)).balance).toBe(
      (BigInt(expected) - 1n).toString(),
    );
    const types = db
      .prepare(
        'SELECT DISTINCT typeof(balance) AS t FROM ledger_wallets UNION SELECT DISTINCT typeof(balance_after) FROM ledger_entries UNION SELECT DISTINCT typeof(amount) FROM ledger_transactions',
      )
      .pluck()
      .all();
    expect(types).toEqual(['text']);
    const system = db
      .prepare("SELECT balance FROM ledger_wallets WHERE wallet_type = 'SYSTEM'")
      .pluck()
      .get();
    expect(system).toBe(`-${BigInt(expected) - 1n}`);
    expect((await vault.verify()).violations).toEqual([]);
  });

  it('keeps 12345678901234567.89 and 10,000 one-cent steps exact', async () => {
    const { acme } = await openVault();
    const a = await acme.wallets.create({
      name: 'A',
      walletType: 'PRIMARY',
      currency: 'USD',
      ownerId: 'a',
    });
    const b = await acme.wallets.create({
      name: 'B',
      walletType: 'PRIMARY',
      currency: 'USD',
      ownerId: 'b',
    });
    await acme.transactions.deposit({ walletId: a.id, amount: '12345678901234567.89' });
    const steps = Array.from({ length: 10_000 }, () => ({
      fromWalletId: a.id,
      toWalletId: b.id,
      amount: '0.01',
    }));
    for (let i = 0; i < steps.length; i += 1000)
      await acme.transactions.batch({ transfers: steps.slice(i, i + 1000) });
    expect((await acme.wallets.retrieve(a.id)).balance).toBe('12345678901234467.89');
    expect((await acme.wallets.retrieve(b.id)).balance).toBe('100.00');
    expect((await acme.wallets.entries(b.id, { pageSize: 1 })).total).toBe(10_000);
  });

  it('refuses decimals, floats and malformed integers in amount columns', async () => {
    const { acme, db } = await openVault();
    const a = await acme.wallets.create({
      name: 'A',
      walletType: 'PRIMARY',
      currency: 'USD',
      ownerId: 'a',
    });
    const update = db.prepare('UPDATE ledger_wallets SET balance = ? WHERE id = ?');
    for (const bad of ['1.5', '1e3', '', ' 12', '--1', '12a', 1.5]) {
      expect(() => update.run(bad, a.id), String(bad)).toThrow(
        /CHECK constraint failed|cannot store REAL/,
      );
    }
    expect(() =>
      db.prepare('UPDATE ledger_wallets SET held = ? WHERE id = ?').run('-1', a.id),
    ).toThrow(/CHECK constraint failed/);
    update.run('-7', a.id);
    await expect(acme.wallets.retrieve(a.id)).resolves.toMatchObject({ balance: '-0.07' });
  });
});

// Proves that the PostgreSQL store keeps money exact: every amount column is NUMERIC(39,0) and no
// column is a float; sums of the largest accepted amount (10^20 - 1 minor units) grow past it
// exactly, in balances, entries and as-of answers; a thousand one-cent moves in one batch sum
// exactly; zero-scale and 18-scale currencies round-trip; and the store itself carries balances
// up to 2 * 10^38 without losing a unit.
import { AMOUNT_MINOR_MAX, createVault, formatMinor } from '@vaultcraft/core';
import { createTestClock } from '@vaultcraft/core/testing';
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { PostgresStore } from '../../src/postgres.js';
import { openTestStore } from '../postgres-test-database.js';

let dispose: (() => Promise<void>) | undefined;
afterEach(async () => {
  await dispose?.();
  dispose = undefined;
});

async function fixture(currencies?: Record<string, number>) {
  const opened = await openTestStore(inject('postgresUrl'));
  dispose = opened.dispose;
  const time = createTestClock();
  const vault = createVault({
    store: opened.store,
    clock: time.clock,
    ...(currencies && { currencies }),
  });
  const organization = await vault.organizations.create({ name: 'Money' });
  return {
    ...opened,
    vault,
    time,
    acme: vault.organization(organization.id),
    organizationId: organization.id,
  };
}

describe('postgres money', () => {
  it('stores every amount as NUMERIC(39,0) and nothing as a float', async () => {
    const { database } = await fixture();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{
        table_name: string;
        column_name: string;
        data_type: string;
        numeric_precision: number | null;
        numeric_scale: number | null;
      }>(
        `SELECT table_name, column_name, data_type, numeric_precision, numeric_scale
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name LIKE 'ledger\\_%'`,
      );
      expect(rows.filter((row) => ['real', 'double precision'].includes(row.data_type))).toEqual(
        [],
      );
      const amounts = rows.filter((row) => /amount|balance|held/.test(row.column_name));
      expect(amounts.map((row) => `${row.table_name}.${row.column_name}`).sort()).toEqual([
        'ledger_entries.amount',
        'ledger_entries.balance_after',
        'ledger_transactions.amount',
        'ledger_transactions.held_amount',
        'ledger_transactions.reversed_amount',
        'ledger_wallets.balance',
        'ledger_wallets.held',
      ]);
      for (const row of amounts) {
        expect(row, row.column_name).toMatchObject({
          data_type: 'numeric',
          numeric_precision: 39,
          numeric_scale: 0,
        });
      }
    } finally {
      await client.end();
    }
  });

  it('sums the largest accepted amount past itself exactly', async () => {
    const { acme, vault, time } = await fixture();
    const wallet = await acme.wallets.create({
      name: 'Big',
      walletType: 'PRIMARY',
      currency: 'USD',
      ownerId: 'big',
    });
    const other = await acme.wallets.create({
      name: 'Other',
      walletType: 'PRIMARY',
      currency: 'USD',
      ownerId: 'other',
    });
    const largest = formatMinor(AMOUNT_MINOR_MAX, 2);
    expect(largest).toBe('999999999999999999.99');
    const instants: Date[] = [];
    for (let step = 1; step <= 5; step += 1) {
      time.advance(1000);
      await acme.transactions.deposit({ walletId: wallet.id, amount: largest });
      instants.push(time.now());
    }
    expect((await acme.wallets.retrieve(wallet.id)).balance).toBe('4999999999999999999.95');
    time.advance(1000);
    await acme.transactions.transfer({
      fromWalletId: wallet.id,
      toWalletId: other.id,
      amount: '0.01',
    });
    expect((await acme.wallets.retrieve(wallet.id)).balance).toBe('4999999999999999999.94');
    const system = (await acme.wallets.list({ walletType: 'SYSTEM' })).items[0]!;
    expect(system.balance).toBe('-4999999999999999999.95');
    for (const [index, instant] of instants.entries()) {
      const expected = formatMinor(AMOUNT_MINOR_MAX * BigInt(index + 1), 2);
      expect((await acme.wallets.balance(wallet.id, { asOf: instant })).balance).toBe(expected);
    }
    const statement = await acme.wallets.entries(wallet.id, { pageSize: 2 });
    expect(statement.items.map((entry) => entry.balanceAfter)).toEqual([
      '4999999999999999999.94',
      '4999999999999999999.95',
    ]);
    expect((await vault.verify()).ok).toBe(true);
  });

  it('sums a thousand one-cent moves of one batch exactly', async () => {
    const { acme, vault } = await fixture();
    const from = await acme.wallets.create({
      name: 'From',
      walletType: 'PRIMARY',
      currency: 'USD',
      ownerId: 'from',
    });
    const to = await acme.wallets.create({
      name: 'To',
      walletType: 'PRIMARY',
      currency: 'USD',
      ownerId: 'to',
    });
    await acme.transactions.deposit({ walletId: from.id, amount: '10.00' });
    const moves = Array.from({ length: 1000 }, () => ({
      fromWalletId: from.id,
      toWalletId: to.id,
      amount: '0.01',
    }));
    const posted = await acme.transactions.batch({ transfers: moves });
    expect(posted).toHaveLength(1000);
    expect(posted.at(-1)!.entries[1]!.balanceAfter).toBe('10.00');
    expect((await acme.wallets.retrieve(from.id)).balance).toBe('0.00');
    expect((await acme.wallets.retrieve(to.id)).balance).toBe('10.00');
    expect((await acme.wallets.entries(to.id, { pageSize: 1 })).total).toBe(1000);
    expect((await vault.verify()).ok).toBe(true);
  });

  it('round-trips zero-scale and 18-scale currencies', async () => {
    const { acme } = await fixture({ WEI: 18 });
    const yen = await acme.wallets.create({
      name: 'Yen',
      walletType: 'PRIMARY',
      currency: 'JPY',
      ownerId: 'yen',
    });
    await acme.transactions.deposit({ walletId: yen.id, amount: '99999999999999999999' });
    await acme.transactions.deposit({ walletId: yen.id, amount: '1' });
    expect((await acme.wallets.retrieve(yen.id)).balance).toBe('100000000000000000000');
    const wei = await acme.wallets.create({
      name: 'Wei',
      walletType: 'PRIMARY',
      currency: 'WEI',
      ownerId: 'wei',
    });
    await acme.transactions.deposit({ walletId: wei.id, amount: '99.999999999999999999' });
    await acme.transactions.deposit({ walletId: wei.id, amount: '0.000000000000000001' });
    expect((await acme.wallets.retrieve(wei.id)).balance).toBe('100.000000000000000000');
  });

  it('carries store balances up to 2 * 10^38 minor units exactly', async () => {
    const { store, organizationId, time } = await fixture();
    const now = time.now();
    const wallet = (id: string, walletType: 'PRIMARY' | 'SYSTEM') => ({
      id,
      organizationId,
      ownerId: id,
      name: id,
      walletType,
      currency: 'USD',
      status: 'ACTIVE' as const,
      balance: 0n,
      held: 0n,
      metadata: {},
      createdAt: now,
      updatedAt: now,
    });
    const system = wallet('01900000-0000-7000-8000-000000000001', 'SYSTEM');
    const target = (
      await store.insertWallet({
        wallet: wallet('01900000-0000-7000-8000-000000000002', 'PRIMARY'),
      })
    ).value;
    const huge = 10n ** 38n - 1n;
    // The first posting brings the SYSTEM wallet as a candidate, created with it.
    const post = (n: number) =>
      (store as PostgresStore).postTransfers({
        organizationId,
        now,
        ...(n === 1 && { systemWallets: [system] }),
        transfers: [
          {
            id: `01900000-0000-7000-8000-00000000010${n}`,
            transactionType: 'DEPOSIT',
            amount: huge,
            currency: 'USD',
            fromWalletId: system.id,
            toWalletId: target.id,
            description: null,
            metadata: {},
            hold: false,
            expiresAt: null,
            entryIds: [
              `01900000-0000-7000-8000-00000000020${n}`,
              `01900000-0000-7000-8000-00000000030${n}`,
            ],
          },
        ],
      });
    await post(1);
    const second = await post(2);
    expect(second.value[0]!.entries[1]!.balanceAfter).toBe(2n * huge);
    expect((await store.getWallet(organizationId, target.id, now))!.balance).toBe(2n * huge);
    expect((await store.getWallet(organizationId, system.id, now))!.balance).toBe(-2n * huge);
  });
});

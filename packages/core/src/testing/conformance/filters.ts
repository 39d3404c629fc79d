// Proves the transaction list filters (wallet, type, status, created from/to inclusive to the
// millisecond) alone and combined, on the organization's list and on a wallet's list, by writing
// one transaction of each kind at known instants of the test clock.
import { describe, expect, it } from 'vitest';
import type { OrganizationScope } from '../../engine/organization-scope.js';
import type { ListTransactionsInput } from '../../validation/schemas.js';
import { createWallet, fundedWallet, type Harness, systemWallet, unknownId } from './harness.js';

async function history(harness: Harness) {
  const fixture = await harness.setup();
  const { time } = fixture;
  const acme = await fixture.organization();
  const step = () => time.advance(1_000);
  step();
  const alice = await fundedWallet(acme, '100.00');
  const t1 = time.now();
  const deposit = (await acme.transactions.list()).items[0]!;
  const bob = await createWallet(acme);
  const carol = await createWallet(acme);
  const t2 = step();
  const transfer = await acme.transactions.transfer({
    fromWalletId: alice.id,
    toWalletId: bob.id,
    amount: '10.00',
  });
  const t3 = step();
  const hold = await acme.transactions.transfer({
    fromWalletId: alice.id,
    toWalletId: bob.id,
    amount: '5.00',
    hold: true,
  });
  const t4 = step();
  const voided = await acme.transactions.transfer({
    fromWalletId: alice.id,
    toWalletId: carol.id,
    amount: '1.00',
    hold: true,
  });
  await acme.transactions.void(voided.id);
  const t5 = step();
  const withdrawal = await acme.transactions.withdraw({ walletId: bob.id, amount: '2.00' });
  const t6 = step();
  const reversal = await acme.transactions.reverse(transfer.id, { amount: '3.00' });
  const t7 = step();
  const carolDeposit = await acme.transactions.deposit({ walletId: carol.id, amount: '4.00' });
  const ids = { deposit: deposit.id, transfer: transfer.id, hold: hold.id, voided: voided.id };
  const more = { withdrawal: withdrawal.id, reversal: reversal.id, carolDeposit: carolDeposit.id };
  return {
    ...fixture,
    acme,
    wallets: { alice: alice.id, bob: bob.id, carol: carol.id },
    ids: { ...ids, ...more },
    times: { t1, t2, t3, t4, t5, t6, t7 },
  };
}

async function listed(acme: OrganizationScope, filter: ListTransactionsInput): Promise<string[]> {
  const page = await acme.transactions.list({ ...filter, pageSize: 100 });
  expect(page.total).toBe(page.items.length);
  return page.items.map((t) => t.id);
}

export function describeFilters(harness: Harness): void {
  describe('transaction list filters', () => {
    it('filters by wallet, type and status', async () => {
      const { acme, wallets, ids } = await history(harness);
      const system = (await systemWallet(acme)).id;
      const newestFirst = (...values: string[]) => values.reverse();
      expect(await listed(acme, { walletId: wallets.alice })).toEqual(
        newestFirst(ids.deposit, ids.transfer, ids.hold, ids.voided, ids.reversal),
      );
      expect(await listed(acme, { walletId: wallets.bob })).toEqual(
        newestFirst(ids.transfer, ids.hold, ids.withdrawal, ids.reversal),
      );
      expect(await listed(acme, { walletId: system })).toEqual(
        newestFirst(ids.deposit, ids.withdrawal, ids.carolDeposit),
      );
      expect(await listed(acme, { transactionType: 'DEPOSIT' })).toEqual(
        newestFirst(ids.deposit, ids.carolDeposit),
      );
      expect(await listed(acme, { transactionType: 'TRANSFER' })).toEqual(
        newestFirst(ids.transfer, ids.hold, ids.voided),
      );
      expect(await listed(acme, { transactionType: 'WITHDRAWAL' })).toEqual([ids.withdrawal]);
      expect(await listed(acme, { transactionType: 'REVERSAL' })).toEqual([ids.reversal]);
      expect(await listed(acme, { status: 'PENDING' })).toEqual([ids.hold]);
      expect(await listed(acme, { status: 'VOIDED' })).toEqual([ids.voided]);
      expect(await listed(acme, { status: 'FAILED' })).toEqual([]);
      expect(await listed(acme, { status: 'COMPLETED' })).toEqual(
        newestFirst(ids.deposit, ids.transfer, ids.withdrawal, ids.reversal, ids.carolDeposit),
      );
      expect(
        await listed(acme, {
          walletId: wallets.bob,
          transactionType: 'TRANSFER',
          status: 'COMPLETED',
        }),
      ).toEqual([ids.transfer]);
      expect(await listed(acme, { walletId: wallets.carol, status: 'VOIDED' })).toEqual([
        ids.voided,
      ]);
      expect(await listed(acme, { walletId: unknownId() })).toEqual([]);
    });

    it('filters by creation time, inclusive at both ends', async () => {
      const { acme, ids, times } = await history(harness);
      expect(await listed(acme, { createdFrom: times.t3, createdTo: times.t3 })).toEqual([
        ids.hold,
      ]);
      expect(await listed(acme, { createdFrom: times.t3, createdTo: times.t4 })).toEqual([
        ids.voided,
        ids.hold,
      ]);
      expect(
        await listed(acme, { createdFrom: ms(times.t3, 1), createdTo: ms(times.t5, -1) }),
      ).toEqual([ids.voided]);
      expect(await listed(acme, { createdFrom: times.t6 })).toEqual([
        ids.carolDeposit,
        ids.reversal,
      ]);
      expect(await listed(acme, { createdTo: times.t2 })).toEqual([ids.transfer, ids.deposit]);
      expect(await listed(acme, { createdTo: ms(times.t1, -1) })).toEqual([]);
      expect(await listed(acme, { createdFrom: ms(times.t7, 1) })).toEqual([]);
      expect(
        await listed(acme, {
          createdFrom: times.t2.toISOString(),
          createdTo: times.t3.toISOString(),
        }),
      ).toEqual([ids.hold, ids.transfer]);
      expect(
        await listed(acme, {
          createdFrom: times.t2,
          createdTo: times.t6,
          transactionType: 'TRANSFER',
          status: 'COMPLETED',
        }),
      ).toEqual([ids.transfer]);
    });

    it('keeps a captured hold at its creation time and filters it by its new status', async () => {
      const { acme, ids, times, time } = await history(harness);
      time.advance(60_000);
      await acme.transactions.capture(ids.hold);
      expect(await listed(acme, { createdFrom: ms(time.now(), -1) })).toEqual([]);
      expect(
        await listed(acme, { createdFrom: times.t3, createdTo: times.t3, status: 'COMPLETED' }),
      ).toEqual([ids.hold]);
      expect(await listed(acme, { status: 'PENDING' })).toEqual([]);
    });

    it("applies the filters to a wallet's own transaction list", async () => {
      const { acme, wallets, ids, times } = await history(harness);
      const list = async (walletId: string, filter: Omit<ListTransactionsInput, 'walletId'>) =>
        (await acme.wallets.transactions(walletId, { ...filter, pageSize: 100 })).items.map(
          (t) => t.id,
        );
      expect(await list(wallets.bob, { transactionType: 'WITHDRAWAL' })).toEqual([ids.withdrawal]);
      expect(await list(wallets.alice, { status: 'PENDING' })).toEqual([ids.hold]);
      expect(await list(wallets.carol, {})).toEqual([ids.carolDeposit, ids.voided]);
      expect(await list(wallets.alice, { createdFrom: times.t4, createdTo: times.t6 })).toEqual([
        ids.reversal,
        ids.voided,
      ]);
      const paged = await acme.wallets.transactions(wallets.alice, { pageSize: 2 });
      expect(paged).toMatchObject({ total: 5, pages: 3, page: 1 });
    });
  });
}

function ms(instant: Date, delta: number): Date {
  return new Date(instant.getTime() + delta);
}

// Proves tenant isolation: through one organization's scope, every read and write naming another
// organization's wallet or transaction answers NOT_FOUND exactly like an id that does not exist,
// leaves the other organization untouched, and no list ever shows another organization's rows.
import { describe, expect, it } from 'vitest';
import type { OrganizationScope } from '../../engine/organization-scope.js';
import { expectRejectedWithoutWrites, expectVaultError, ledgerSnapshot } from './expectations.js';
import { createWallet, fundedWallet, type Harness, systemWallet } from './harness.js';

async function twoTenants(harness: Harness) {
  const fixture = await harness.setup();
  const acme = await fixture.organization('Acme');
  const globex = await fixture.organization('Globex');
  const seed = async (org: OrganizationScope) => {
    const main = await fundedWallet(org, '100.00', { ownerId: 'shared-owner' });
    const other = await createWallet(org, { ownerId: 'shared-owner', walletType: 'BONUS' });
    const transfer = await org.transactions.transfer({
      fromWalletId: main.id,
      toWalletId: other.id,
      amount: '10.00',
    });
    const hold = await org.transactions.transfer({
      fromWalletId: main.id,
      toWalletId: other.id,
      amount: '5.00',
      hold: true,
    });
    return { main: main.id, other: other.id, transfer: transfer.id, hold: hold.id };
  };
  return { ...fixture, acme, globex, a: await seed(acme), g: await seed(globex) };
}

export function describeTenancy(harness: Harness): void {
  describe('tenancy', () => {
    it("answers NOT_FOUND for every use of another organization's ids", async () => {
      const { acme, globex, a, g } = await twoTenants(harness);
      const before = await ledgerSnapshot(acme);
      const w = globex.wallets;
      const t = globex.transactions;
      const attempts: [string, () => Promise<unknown>][] = [
        ['wallets.retrieve', () => w.retrieve(a.main)],
        ['wallets.balance', () => w.balance(a.main)],
        ['wallets.balance asOf', () => w.balance(a.main, { asOf: new Date(0) })],
        ['wallets.entries', () => w.entries(a.main)],
        ['wallets.transactions', () => w.transactions(a.main)],
        ['wallets.freeze', () => w.freeze(a.main)],
        ['wallets.unfreeze', () => w.unfreeze(a.main)],
        ['deposit', () => t.deposit({ walletId: a.main, amount: '1.00' })],
        ['withdraw', () => t.withdraw({ walletId: a.main, amount: '1.00' })],
        [
          'transfer out of it',
          () => t.transfer({ fromWalletId: a.main, toWalletId: g.main, amount: '1' }),
        ],
        [
          'transfer into it',
          () => t.transfer({ fromWalletId: g.main, toWalletId: a.main, amount: '1' }),
        ],
        [
          'transfer within it',
          () => t.transfer({ fromWalletId: a.main, toWalletId: a.other, amount: '1' }),
        ],
        [
          'hold into it',
          () => t.transfer({ fromWalletId: g.main, toWalletId: a.main, amount: '1', hold: true }),
        ],
        [
          'batch',
          () =>
            t.batch({
              transfers: [
                { fromWalletId: g.main, toWalletId: g.other, amount: '1' },
                { fromWalletId: g.main, toWalletId: a.main, amount: '1' },
              ],
            }),
        ],
        ['transactions.retrieve', () => t.retrieve(a.transfer)],
        ['capture', () => t.capture(a.hold)],
        ['void', () => t.void(a.hold)],
        ['reverse', () => t.reverse(a.transfer)],
        ['reverse a hold', () => t.reverse(a.hold)],
      ];
      for (const [name, attempt] of attempts) {
        const error = await expectVaultError(attempt, 'NOT_FOUND');
        expect(error.status, name).toBe(404);
      }
      expect(await ledgerSnapshot(acme), "the other organization's ledger is untouched").toEqual(
        before,
      );
      const batch = await expectVaultError(
        t.batch({
          transfers: [
            { fromWalletId: g.main, toWalletId: g.other, amount: '1' },
            { fromWalletId: g.main, toWalletId: a.main, amount: '1' },
          ],
        }),
        'NOT_FOUND',
      );
      expect(batch.details.index).toBe(1);
      expect((await acme.transactions.retrieve(a.hold)).status).toBe('PENDING');
    });

    it('never lists rows of another organization', async () => {
      const { acme, globex, a, g } = await twoTenants(harness);
      const acmeWallets = (await acme.wallets.list({ pageSize: 100 })).items;
      const globexWallets = (await globex.wallets.list({ pageSize: 100 })).items;
      expect(acmeWallets.map((x) => x.id).sort()).toEqual(
        [a.main, a.other, (await systemWallet(acme)).id].sort(),
      );
      expect(globexWallets.every((x) => x.organizationId === globex.id)).toBe(true);
      expect((await acme.wallets.list({ ownerId: 'shared-owner' })).total).toBe(2);
      expect((await acme.wallets.list({ walletType: 'SYSTEM' })).total).toBe(1);
      const acmeTransactions = (await acme.transactions.list({ pageSize: 100 })).items;
      expect(acmeTransactions).toHaveLength(3);
      expect(acmeTransactions.every((x) => x.organizationId === acme.id)).toBe(true);
      expect((await acme.transactions.list({ walletId: g.main })).total).toBe(0);
      expect((await acme.transactions.list({ status: 'PENDING' })).items.map((x) => x.id)).toEqual([
        a.hold,
      ]);
      expect(await acme.wallets.balance(a.main)).toMatchObject({
        balance: '90.00',
        availableBalance: '85.00',
      });
      expect((await systemWallet(acme)).id).not.toBe((await systemWallet(globex)).id);
      expect((await systemWallet(globex)).balance).toBe('-100.00');
    });

    it('keeps writes in one organization invisible to the other', async () => {
      const { vault, acme, globex, a, g } = await twoTenants(harness);
      const before = await ledgerSnapshot(globex);
      await acme.transactions.capture(a.hold);
      await acme.transactions.reverse(a.transfer);
      await acme.wallets.freeze(a.other);
      await acme.transactions.deposit({ walletId: a.main, amount: '7.00' });
      expect(await ledgerSnapshot(globex)).toEqual(before);
      const report = await vault.verify({ organizationId: globex.id });
      expect(report).toMatchObject({
        ok: true,
        checked: { organizations: 1, wallets: 3, transactions: 3 },
      });
      await expectRejectedWithoutWrites(
        globex,
        () => globex.transactions.capture(a.hold),
        'NOT_FOUND',
      );
      expect((await globex.transactions.retrieve(g.hold)).status).toBe('PENDING');
    });
  });
}

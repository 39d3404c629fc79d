// Proves the store's lifecycle and what verification reads through it: capabilities are declared,
// ping answers while open, a closed store answers UNAVAILABLE to every call (and closing twice is
// harmless), `vault.verify()` scans exactly the rows that were written, and `store.snapshot`
// keeps out of its scans what is written while it is open. (Showing that verify
// detects corruption needs store-specific tampering and belongs to each store's own tests.)
import { describe, expect, it } from 'vitest';
import { expectVaultError } from './expectations.js';
import { createWallet, fundedWallet, type Harness, unknownId } from './harness.js';

export function describeInvariants(harness: Harness): void {
  describe('store lifecycle and verification', () => {
    it('declares its capabilities and answers ping while open', async () => {
      const { store } = await harness.setup();
      expect(typeof store.capabilities.name).toBe('string');
      expect(store.capabilities.name.length).toBeGreaterThan(0);
      expect(typeof store.capabilities.durable).toBe('boolean');
      expect(typeof store.capabilities.multiProcess).toBe('boolean');
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('starts empty', async () => {
      const { vault } = await harness.setup();
      expect((await vault.organizations.list()).total).toBe(0);
      const report = await vault.verify();
      expect(report).toEqual({
        ok: true,
        violations: [],
        truncated: false,
        checked: { organizations: 0, wallets: 0, transactions: 0, entries: 0, idempotencyKeys: 0 },
      });
    });

    it('lets verification scan exactly the rows written', async () => {
      const { vault, organization } = await harness.setup();
      const acme = await organization();
      const globex = await organization();
      const alice = await fundedWallet(acme, '50.00');
      const bob = await createWallet(acme);
      await createWallet(acme, { currency: 'EUR' });
      const hold = await acme.transactions.transfer({
        fromWalletId: alice.id,
        toWalletId: bob.id,
        amount: '5.00',
        hold: true,
      });
      const transfer = await acme.transactions.transfer({
        fromWalletId: alice.id,
        toWalletId: bob.id,
        amount: '10.00',
      });
      await acme.transactions.capture(hold.id, { amount: '1.00' });
      await acme.transactions.reverse(transfer.id, { amount: '2.00' });
      const voided = await acme.transactions.transfer({
        fromWalletId: alice.id,
        toWalletId: bob.id,
        amount: '1.00',
        hold: true,
      });
      await acme.transactions.void(voided.id);
      await fundedWallet(globex, '1.00');
      expect(await vault.verify({ organizationId: acme.id })).toMatchObject({
        ok: true,
        checked: { organizations: 1, wallets: 4, transactions: 5, entries: 8 },
      });
      expect(await vault.verify()).toMatchObject({
        ok: true,
        checked: { organizations: 2, wallets: 6, transactions: 6, entries: 10 },
      });
    });

    it('gives verification one snapshot: what is written while it is open stays out of it', async () => {
      const { store, vault, organization } = await harness.setup();
      const acme = await organization();
      const alice = await fundedWallet(acme, '50.00');
      const bob = await createWallet(acme);
      const seen = await store.snapshot(async (scans) => {
        await acme.transactions.transfer(
          { fromWalletId: alice.id, toWalletId: bob.id, amount: '10.00' },
          { idempotencyKey: 'inside-the-snapshot' },
        );
        const balances = new Map<string, bigint>();
        for await (const wallet of scans.scanWallets(acme.id))
          balances.set(wallet.id, wallet.balance);
        const counts = { entries: 0, transactions: 0, keys: 0 };
        for await (const _ of scans.scanEntries(acme.id, bob.id)) counts.entries += 1;
        for await (const _ of scans.scanTransactions(acme.id)) counts.transactions += 1;
        for await (const _ of scans.scanIdempotencyKeys(acme.id)) counts.keys += 1;
        return { balances, ...counts };
      });
      expect(seen.balances.get(alice.id)).toBe(5000n);
      expect(seen.balances.get(bob.id)).toBe(0n);
      expect(seen).toMatchObject({ entries: 0, transactions: 1, keys: 0 });
      expect(await vault.verify({ organizationId: acme.id })).toMatchObject({
        ok: true,
        checked: { transactions: 2, entries: 4, idempotencyKeys: 1 },
      });
    });

    it('answers UNAVAILABLE to every call once closed, and closes idempotently', async () => {
      const fixture = await harness.setup();
      const { store, vault } = fixture;
      const acme = await fixture.organization();
      const alice = await fundedWallet(acme, '5.00');
      const bob = await createWallet(acme);
      const hold = await acme.transactions.transfer({
        fromWalletId: alice.id,
        toWalletId: bob.id,
        amount: '1.00',
        hold: true,
      });
      fixture.markClosed();
      await store.close();
      await store.close();
      await expectVaultError(store.ping(), 'UNAVAILABLE');
      const calls: [string, () => Promise<unknown>][] = [
        ['organizations.create', () => vault.organizations.create({ name: 'Late' })],
        ['organizations.retrieve', () => vault.organizations.retrieve(acme.id)],
        ['organizations.list', () => vault.organizations.list()],
        ['wallets.create', () => createWallet(acme)],
        ['wallets.retrieve', () => acme.wallets.retrieve(alice.id)],
        ['wallets.list', () => acme.wallets.list()],
        ['wallets.balance', () => acme.wallets.balance(alice.id)],
        ['wallets.entries', () => acme.wallets.entries(alice.id)],
        ['wallets.freeze', () => acme.wallets.freeze(alice.id)],
        ['deposit', () => acme.transactions.deposit({ walletId: alice.id, amount: '1.00' })],
        [
          'transfer',
          () =>
            acme.transactions.transfer({ fromWalletId: alice.id, toWalletId: bob.id, amount: '1' }),
        ],
        ['capture', () => acme.transactions.capture(hold.id)],
        ['void', () => acme.transactions.void(hold.id)],
        ['transactions.retrieve', () => acme.transactions.retrieve(hold.id)],
        ['transactions.list', () => acme.transactions.list()],
        ['idempotent write', () => acme.wallets.freeze(alice.id, { idempotencyKey: 'late' })],
        ['expireHolds', () => vault.expireHolds()],
        ['verify', () => vault.verify()],
        ['unknown wallet', () => acme.wallets.retrieve(unknownId())],
      ];
      for (const [name, call] of calls) {
        const error = await expectVaultError(call, 'UNAVAILABLE');
        expect(error.retryable, name).toBe(true);
      }
    });
  });
}

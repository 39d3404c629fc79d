// Proves the organization's default SYSTEM wallets: one per currency, made by the first deposit
// or withdrawal (and not by a first use that is rejected), the only wallets that may go negative.
import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../errors/registry.js';
import { expectRejectedWithoutWrites } from './expectations.js';
import { createWallet, fundedWallet, type Harness, systemWallet } from './harness.js';

export function describeSystemWallets(harness: Harness): void {
  describe('SYSTEM wallets', () => {
    it('leaves no SYSTEM wallet behind when the first use of a currency is rejected', async () => {
      const { organization } = await harness.setup();
      const acme = await organization();
      const usd = await createWallet(acme, { currency: 'USD' });
      const yen = await createWallet(acme, { currency: 'JPY' });
      const euro = await createWallet(acme, { currency: 'EUR' });
      await acme.wallets.freeze(euro.id);
      const t = acme.transactions;
      const attempts: [() => Promise<unknown>, ErrorCode][] = [
        [() => t.withdraw({ walletId: usd.id, amount: '1.00' }), 'INSUFFICIENT_FUNDS'],
        [() => t.deposit({ walletId: yen.id, amount: '1.5' }), 'VALIDATION_ERROR'],
        [() => t.deposit({ walletId: euro.id, amount: '1.00' }), 'WALLET_FROZEN'],
        [() => t.withdraw({ walletId: euro.id, amount: '1.00' }), 'WALLET_FROZEN'],
      ];
      for (const [attempt, code] of attempts) {
        await expectRejectedWithoutWrites(acme, attempt, code);
      }
      expect((await acme.wallets.list({ walletType: 'SYSTEM' })).total).toBe(0);
      await t.deposit({ walletId: usd.id, amount: '1.00' });
      expect((await acme.wallets.list({ walletType: 'SYSTEM' })).total).toBe(1);
    });

    it('lets a SYSTEM wallet go negative, and never any other wallet', async () => {
      const { organization } = await harness.setup();
      const acme = await organization();
      const alice = await fundedWallet(acme, '1.00');
      const system = await systemWallet(acme);
      const bonus = await createWallet(acme, { walletType: 'BONUS' });
      const grant = await acme.transactions.transfer({
        fromWalletId: system.id,
        toWalletId: bonus.id,
        amount: '500.00',
      });
      expect(grant.entries[0]?.balanceAfter).toBe('-501.00');
      expect((await acme.wallets.retrieve(system.id)).balance).toBe('-501.00');
      const ownSystem = await createWallet(acme, { walletType: 'SYSTEM', ownerId: 'treasury' });
      await acme.transactions.transfer({
        fromWalletId: ownSystem.id,
        toWalletId: alice.id,
        amount: '3.00',
      });
      expect((await acme.wallets.retrieve(ownSystem.id)).balance).toBe('-3.00');
      const overdrafts: [string, string][] = [
        [alice.id, '4.01'],
        [bonus.id, '500.01'],
      ];
      for (const [walletId, over] of overdrafts) {
        await expectRejectedWithoutWrites(
          acme,
          () => acme.transactions.withdraw({ walletId, amount: over }),
          'INSUFFICIENT_FUNDS',
        );
      }
      expect((await acme.wallets.retrieve(alice.id)).balance).toBe('4.00');
    });

    it('creates the SYSTEM wallet of a currency on the first deposit, once', async () => {
      const { organization } = await harness.setup();
      const acme = await organization();
      const a = await createWallet(acme, { currency: 'EUR' });
      const b = await createWallet(acme, { currency: 'EUR' });
      expect((await acme.wallets.list({ walletType: 'SYSTEM' })).total).toBe(0);
      const first = await acme.transactions.deposit({ walletId: a.id, amount: '1.00' });
      await acme.transactions.deposit({ walletId: b.id, amount: '2.00' });
      await acme.transactions.withdraw({ walletId: b.id, amount: '0.50' });
      const system = await systemWallet(acme, 'EUR');
      expect(system).toMatchObject({
        walletType: 'SYSTEM',
        currency: 'EUR',
        status: 'ACTIVE',
        balance: '-2.50',
        organizationId: acme.id,
      });
      expect(first.fromWalletId).toBe(system.id);
      expect((await acme.wallets.list({ walletType: 'SYSTEM' })).total).toBe(1);
    });
  });
}

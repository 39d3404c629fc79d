// Proves that the store keeps money exact: decimal sums without float drift, 17+ significant
// digits, the largest accepted amount (and one minor unit more rejected), zero-scale currencies,
// over-scale amounts rejected, and every output amount carrying exactly the currency's scale.
import { describe, expect, it } from 'vitest';
import type { Transaction, Wallet } from '../../engine/types.js';
import { expectRejectedWithoutWrites, expectValidationError } from './expectations.js';
import { createWallet, fundedWallet, type Harness, scalePattern, systemWallet } from './harness.js';

function expectScale(scale: number, wallet: Wallet, transaction?: Transaction): void {
  const pattern = scalePattern(scale);
  expect(wallet.balance).toMatch(pattern);
  expect(wallet.availableBalance).toMatch(pattern);
  if (transaction === undefined) return;
  expect(transaction.amount).toMatch(pattern);
  expect(transaction.reversedAmount).toMatch(pattern);
  if (transaction.heldAmount !== null) expect(transaction.heldAmount).toMatch(pattern);
  for (const entry of transaction.entries) {
    expect(entry.amount).toMatch(pattern);
    expect(entry.balanceAfter).toMatch(pattern);
  }
}

export function describeMoney(harness: Harness): void {
  describe('money exactness', () => {
    it("adds '0.10' and '0.20' to exactly '0.30'", async () => {
      const { organization } = await harness.setup();
      const acme = await organization();
      const wallet = await createWallet(acme);
      await acme.transactions.deposit({ walletId: wallet.id, amount: '0.10' });
      const second = await acme.transactions.deposit({ walletId: wallet.id, amount: '0.20' });
      expect(second.entries[1]?.balanceAfter).toBe('0.30');
      expect((await acme.wallets.retrieve(wallet.id)).balance).toBe('0.30');
      const bob = await createWallet(acme);
      await acme.transactions.transfer({
        fromWalletId: wallet.id,
        toWalletId: bob.id,
        amount: '0.3',
      });
      expect((await acme.wallets.retrieve(wallet.id)).balance).toBe('0.00');
      expect((await acme.wallets.retrieve(bob.id)).balance).toBe('0.30');
    });

    it('keeps 19 significant digits exact', async () => {
      const { organization } = await harness.setup();
      const acme = await organization();
      const wallet = await fundedWallet(acme, '12345678901234567.89');
      expect(wallet.balance).toBe('12345678901234567.89');
      await acme.transactions.deposit({ walletId: wallet.id, amount: '0.01' });
      expect((await acme.wallets.retrieve(wallet.id)).balance).toBe('12345678901234567.90');
      await acme.transactions.withdraw({ walletId: wallet.id, amount: '12345678901234567.89' });
      expect((await acme.wallets.retrieve(wallet.id)).balance).toBe('0.01');
      expect((await systemWallet(acme)).balance).toBe('-0.01');
    });

    it('sums many one-cent steps exactly', { timeout: harness.heavyTimeoutMs }, async () => {
      const { organization } = await harness.setup();
      const acme = await organization();
      const wallet = await createWallet(acme);
      const steps = Math.max(100, Math.round(1000 * harness.scale));
      for (let i = 0; i < steps; i += 1) {
        await acme.transactions.deposit({ walletId: wallet.id, amount: '0.01' });
      }
      const expected = `${Math.floor(steps / 100)}.${String(steps % 100).padStart(2, '0')}`;
      expect((await acme.wallets.retrieve(wallet.id)).balance).toBe(expected);
      expect((await systemWallet(acme)).balance).toBe(`-${expected}`);
      const page = await acme.wallets.entries(wallet.id, { pageSize: 1 });
      expect(page.total).toBe(steps);
      expect(page.items[0]?.balanceAfter).toBe(expected);
    });

    it('accepts the largest amount and rejects one minor unit more', async () => {
      const { organization } = await harness.setup();
      const acme = await organization();
      const wallet = await createWallet(acme);
      const largest = '999999999999999999.99';
      const deposit = await acme.transactions.deposit({ walletId: wallet.id, amount: largest });
      expect(deposit.amount).toBe(largest);
      for (const amount of ['1000000000000000000.00', '1000000000000000000', '9'.repeat(30)]) {
        const error = await expectRejectedWithoutWrites(
          acme,
          () => acme.transactions.deposit({ walletId: wallet.id, amount }),
          'VALIDATION_ERROR',
        );
        expect(error.details.fields).toEqual([{ path: 'amount', message: expect.any(String) }]);
      }
      await acme.transactions.deposit({ walletId: wallet.id, amount: largest });
      const doubled = await acme.wallets.retrieve(wallet.id);
      expect(doubled.balance, 'balances may grow past the per-operation maximum').toBe(
        '1999999999999999999.98',
      );
      expect((await systemWallet(acme)).balance).toBe('-1999999999999999999.98');
      const bob = await createWallet(acme);
      await acme.transactions.transfer({
        fromWalletId: wallet.id,
        toWalletId: bob.id,
        amount: largest,
      });
      expect((await acme.wallets.retrieve(wallet.id)).balance).toBe(largest);
      expect((await acme.wallets.retrieve(bob.id)).balance).toBe(largest);
    });

    it('holds, captures and reverses the largest amount exactly', async () => {
      const { organization } = await harness.setup();
      const acme = await organization();
      const largest = '999999999999999999.99';
      const alice = await fundedWallet(acme, largest);
      await acme.transactions.deposit({ walletId: alice.id, amount: largest });
      const bob = await createWallet(acme);
      const hold = await acme.transactions.transfer({
        fromWalletId: alice.id,
        toWalletId: bob.id,
        amount: largest,
        hold: true,
      });
      expect(hold.heldAmount).toBe(largest);
      expect((await acme.wallets.retrieve(alice.id)).availableBalance).toBe(largest);
      const captured = await acme.transactions.capture(hold.id, {
        amount: '999999999999999999.98',
      });
      expect(captured.entries.map((e) => e.balanceAfter)).toEqual([
        '1000000000000000000.00',
        '999999999999999999.98',
      ]);
      const reversal = await acme.transactions.reverse(captured.id);
      expect(reversal.amount).toBe('999999999999999999.98');
      expect((await acme.wallets.retrieve(alice.id)).balance).toBe('1999999999999999999.98');
      expect((await acme.wallets.retrieve(bob.id)).balance).toBe('0.00');
      const asOf = await acme.wallets.balance(alice.id, { asOf: captured.completedAt! });
      expect(asOf.balance).toBe('1999999999999999999.98');
    });

    it('handles a currency without fraction digits (JPY)', async () => {
      const { organization } = await harness.setup();
      const acme = await organization();
      const yen = await createWallet(acme, { currency: 'JPY' });
      expect(yen.balance).toBe('0');
      const deposit = await acme.transactions.deposit({ walletId: yen.id, amount: '1500' });
      expect(deposit.amount).toBe('1500');
      expect(deposit.entries.map((e) => e.balanceAfter)).toEqual(['-1500', '1500']);
      expectScale(0, await acme.wallets.retrieve(yen.id), deposit);
      for (const amount of ['1.5', '1500.0', '0.1']) {
        await expectRejectedWithoutWrites(
          acme,
          () => acme.transactions.deposit({ walletId: yen.id, amount }),
          'VALIDATION_ERROR',
        );
      }
      const largest = await acme.transactions.deposit({
        walletId: yen.id,
        amount: '99999999999999999999',
      });
      expect(largest.amount).toBe('99999999999999999999');
      await expectValidationError(
        acme.transactions.deposit({ walletId: yen.id, amount: '100000000000000000000' }),
        ['amount'],
      );
      expect((await acme.wallets.retrieve(yen.id)).balance).toBe('100000000000000001499');
    });

    it('rejects over-scale amounts and pads short ones to the scale', async () => {
      const { organization } = await harness.setup();
      const acme = await organization();
      const usd = await fundedWallet(acme, '10');
      expect(usd.balance).toBe('10.00');
      const bob = await createWallet(acme);
      for (const amount of ['1.001', '0.005', '1.000', '1.0000000000000000001']) {
        await expectRejectedWithoutWrites(
          acme,
          () => acme.transactions.transfer({ fromWalletId: usd.id, toWalletId: bob.id, amount }),
          'VALIDATION_ERROR',
        );
      }
      const transfer = await acme.transactions.transfer({
        fromWalletId: usd.id,
        toWalletId: bob.id,
        amount: '007.5',
      });
      expect(transfer.amount).toBe('7.50');
      expectScale(2, await acme.wallets.retrieve(usd.id), transfer);
      const dinar = await createWallet(acme, { currency: 'KWD' });
      const kwd = await acme.transactions.deposit({ walletId: dinar.id, amount: '1.234' });
      expect(kwd.amount).toBe('1.234');
      expectScale(3, await acme.wallets.retrieve(dinar.id), kwd);
      const one = await acme.transactions.deposit({ walletId: dinar.id, amount: '1' });
      expect(one.amount).toBe('1.000');
      expect((await acme.wallets.retrieve(dinar.id)).balance).toBe('2.234');
    });
  });
}

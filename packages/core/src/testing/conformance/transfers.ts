// Proves deposits, withdrawals and transfers: every field of the transaction and its two entries,
// the balances they leave, and each business rejection (INSUFFICIENT_FUNDS on both sides of the
// limit, SAME_WALLET, CURRENCY_MISMATCH, NOT_FOUND) with nothing written.
import { describe, expect, it } from 'vitest';
import { expectRejectedWithoutWrites } from './expectations.js';
import { createWallet, fundedWallet, type Harness, systemWallet, unknownId } from './harness.js';

export function describeTransfers(harness: Harness): void {
  describe('deposits, withdrawals and transfers', () => {
    it('deposits from the SYSTEM wallet with every field and entry', async () => {
      const { time, organization } = await harness.setup();
      const acme = await organization();
      const alice = await createWallet(acme);
      time.advance(1_000);
      const deposit = await acme.transactions.deposit({
        walletId: alice.id,
        amount: '25.50',
        description: 'Top-up',
        metadata: { source: 'card', order: '42' },
      });
      const system = await systemWallet(acme);
      expect(deposit).toEqual({
        id: deposit.id,
        organizationId: acme.id,
        transactionType: 'DEPOSIT',
        status: 'COMPLETED',
        amount: '25.50',
        currency: 'USD',
        fromWalletId: system.id,
        toWalletId: alice.id,
        description: 'Top-up',
        metadata: { source: 'card', order: '42' },
        reversesId: null,
        heldAmount: null,
        reversedAmount: '0.00',
        expiresAt: null,
        createdAt: time.now(),
        completedAt: time.now(),
        entries: [
          {
            id: expect.any(String),
            transactionId: deposit.id,
            walletId: system.id,
            direction: 'DEBIT',
            amount: '25.50',
            balanceAfter: '-25.50',
            createdAt: time.now(),
          },
          {
            id: expect.any(String),
            transactionId: deposit.id,
            walletId: alice.id,
            direction: 'CREDIT',
            amount: '25.50',
            balanceAfter: '25.50',
            createdAt: time.now(),
          },
        ],
      });
      expect(deposit.entries[0]?.id).not.toBe(deposit.entries[1]?.id);
      expect(await acme.transactions.retrieve(deposit.id)).toEqual(deposit);
      expect(await acme.wallets.retrieve(alice.id)).toMatchObject({
        balance: '25.50',
        availableBalance: '25.50',
      });
      expect(system.balance).toBe('-25.50');
    });

    it('withdraws to the SYSTEM wallet, down to exactly zero and not one cent more', async () => {
      const { organization } = await harness.setup();
      const acme = await organization();
      const alice = await fundedWallet(acme, '10.00');
      const error = await expectRejectedWithoutWrites(
        acme,
        () => acme.transactions.withdraw({ walletId: alice.id, amount: '10.01' }),
        'INSUFFICIENT_FUNDS',
      );
      expect(error.details.wallet_id).toBe(alice.id);
      const withdrawal = await acme.transactions.withdraw({
        walletId: alice.id,
        amount: '10.00',
      });
      const system = await systemWallet(acme);
      expect(withdrawal).toMatchObject({
        transactionType: 'WITHDRAWAL',
        status: 'COMPLETED',
        fromWalletId: alice.id,
        toWalletId: system.id,
        amount: '10.00',
        description: null,
        metadata: {},
      });
      expect(withdrawal.entries.map((e) => [e.walletId, e.direction, e.balanceAfter])).toEqual([
        [alice.id, 'DEBIT', '0.00'],
        [system.id, 'CREDIT', '0.00'],
      ]);
      await expectRejectedWithoutWrites(
        acme,
        () => acme.transactions.withdraw({ walletId: alice.id, amount: '0.01' }),
        'INSUFFICIENT_FUNDS',
      );
    });

    it('transfers between wallets with a DEBIT on the source and a CREDIT on the destination', async () => {
      const { time, organization } = await harness.setup();
      const acme = await organization();
      const alice = await fundedWallet(acme, '100.00');
      const bob = await fundedWallet(acme, '1.00');
      time.advance(60_000);
      const transfer = await acme.transactions.transfer({
        fromWalletId: alice.id,
        toWalletId: bob.id,
        amount: '40.25',
        description: 'Rent',
      });
      expect(transfer).toMatchObject({
        transactionType: 'TRANSFER',
        status: 'COMPLETED',
        amount: '40.25',
        currency: 'USD',
        fromWalletId: alice.id,
        toWalletId: bob.id,
        description: 'Rent',
        metadata: {},
        heldAmount: null,
        expiresAt: null,
        createdAt: time.now(),
        completedAt: time.now(),
      });
      expect(
        transfer.entries.map((e) => [e.walletId, e.direction, e.amount, e.balanceAfter]),
      ).toEqual([
        [alice.id, 'DEBIT', '40.25', '59.75'],
        [bob.id, 'CREDIT', '40.25', '41.25'],
      ]);
      expect(await acme.transactions.retrieve(transfer.id)).toEqual(transfer);
      expect((await acme.wallets.retrieve(alice.id)).balance).toBe('59.75');
      expect((await acme.wallets.retrieve(bob.id)).balance).toBe('41.25');
    });

    it('rejects a transfer one minor unit above the balance and accepts exactly the balance', async () => {
      const { organization } = await harness.setup();
      const acme = await organization();
      const alice = await fundedWallet(acme, '5.00');
      const bob = await createWallet(acme);
      const move = (amount: string) =>
        acme.transactions.transfer({ fromWalletId: alice.id, toWalletId: bob.id, amount });
      const error = await expectRejectedWithoutWrites(
        acme,
        () => move('5.01'),
        'INSUFFICIENT_FUNDS',
      );
      expect(error.details.wallet_id).toBe(alice.id);
      expect(error.details.index, 'a single transfer carries no batch index').toBeUndefined();
      expect(error.status).toBe(400);
      await move('5.00');
      expect((await acme.wallets.retrieve(alice.id)).balance).toBe('0.00');
      await expectRejectedWithoutWrites(acme, () => move('0.01'), 'INSUFFICIENT_FUNDS');
      const empty = await createWallet(acme);
      await expectRejectedWithoutWrites(
        acme,
        () =>
          acme.transactions.transfer({ fromWalletId: empty.id, toWalletId: bob.id, amount: '1' }),
        'INSUFFICIENT_FUNDS',
      );
    });

    it('rejects a transfer to the same wallet', async () => {
      const { organization } = await harness.setup();
      const acme = await organization();
      const alice = await fundedWallet(acme, '5.00');
      const error = await expectRejectedWithoutWrites(
        acme,
        () =>
          acme.transactions.transfer({ fromWalletId: alice.id, toWalletId: alice.id, amount: '1' }),
        'SAME_WALLET',
      );
      expect(error.details.wallet_id).toBe(alice.id);
      await expectRejectedWithoutWrites(
        acme,
        () =>
          acme.transactions.transfer({
            fromWalletId: alice.id,
            toWalletId: alice.id.toUpperCase(),
            amount: '1',
          }),
        'SAME_WALLET',
      );
      const system = await systemWallet(acme);
      await expectRejectedWithoutWrites(
        acme,
        () => acme.transactions.deposit({ walletId: system.id, amount: '1.00' }),
        'SAME_WALLET',
      );
      await expectRejectedWithoutWrites(
        acme,
        () => acme.transactions.withdraw({ walletId: system.id, amount: '1.00' }),
        'SAME_WALLET',
      );
    });

    it('rejects a transfer between currencies', async () => {
      const { organization } = await harness.setup();
      const acme = await organization();
      const usd = await fundedWallet(acme, '5.00');
      const eur = await fundedWallet(acme, '5.00', { currency: 'EUR' });
      const error = await expectRejectedWithoutWrites(
        acme,
        () => acme.transactions.transfer({ fromWalletId: usd.id, toWalletId: eur.id, amount: '1' }),
        'CURRENCY_MISMATCH',
      );
      expect(error.details).toMatchObject({ from_currency: 'USD', to_currency: 'EUR' });
      await expectRejectedWithoutWrites(
        acme,
        () => acme.transactions.transfer({ fromWalletId: eur.id, toWalletId: usd.id, amount: '1' }),
        'CURRENCY_MISMATCH',
      );
    });

    it('answers NOT_FOUND for missing wallets and transactions', async () => {
      const { organization } = await harness.setup();
      const acme = await organization();
      const alice = await fundedWallet(acme, '5.00');
      const ghost = unknownId();
      const t = acme.transactions;
      const cases: [() => Promise<unknown>, string][] = [
        [() => t.transfer({ fromWalletId: ghost, toWalletId: alice.id, amount: '1' }), ghost],
        [() => t.transfer({ fromWalletId: alice.id, toWalletId: ghost, amount: '1' }), ghost],
        [() => t.deposit({ walletId: ghost, amount: '1' }), ghost],
        [() => t.withdraw({ walletId: ghost, amount: '1' }), ghost],
        [() => t.retrieve(ghost), ghost],
        [() => t.capture(ghost), ghost],
        [() => t.void(ghost), ghost],
        [() => t.reverse(ghost), ghost],
      ];
      for (const [action, id] of cases) {
        const error = await expectRejectedWithoutWrites(acme, action, 'NOT_FOUND');
        expect(error.details.id).toBe(id);
        expect(error.status).toBe(404);
      }
    });
  });
}

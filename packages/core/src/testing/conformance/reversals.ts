// Proves reversals: full by default, partial in steps up to exactly the original amount and not
// one minor unit more, the original's reversedAmount kept in step, the states that cannot be
// reversed, and the funds and holds of the wallet that pays the reversal back.
import { describe, expect, it } from 'vitest';
import { expectRejectedWithoutWrites, expectValidationError } from './expectations.js';
import { createWallet, fundedWallet, type Harness, systemWallet } from './harness.js';

async function reversalCast(harness: Harness) {
  const fixture = await harness.setup();
  const acme = await fixture.organization();
  const alice = await fundedWallet(acme, '100.00');
  const bob = await createWallet(acme);
  const original = await acme.transactions.transfer({
    fromWalletId: alice.id,
    toWalletId: bob.id,
    amount: '10.00',
  });
  const balance = async (walletId: string) => (await acme.wallets.retrieve(walletId)).balance;
  return { ...fixture, acme, alice, bob, original, balance };
}

export function describeReversals(harness: Harness): void {
  describe('reversals', () => {
    it('reverses a transfer in full by default', async () => {
      const { acme, alice, bob, original, balance, time } = await reversalCast(harness);
      time.advance(5_000);
      const reversal = await acme.transactions.reverse(original.id, {
        description: 'Refund',
        metadata: { ticket: 'T-1' },
      });
      expect(reversal).toMatchObject({
        transactionType: 'REVERSAL',
        status: 'COMPLETED',
        amount: '10.00',
        currency: 'USD',
        fromWalletId: bob.id,
        toWalletId: alice.id,
        reversesId: original.id,
        description: 'Refund',
        metadata: { ticket: 'T-1' },
        heldAmount: null,
        reversedAmount: '0.00',
        createdAt: time.now(),
        completedAt: time.now(),
      });
      expect(reversal.id).not.toBe(original.id);
      expect(
        reversal.entries.map((e) => [e.walletId, e.direction, e.amount, e.balanceAfter]),
      ).toEqual([
        [bob.id, 'DEBIT', '10.00', '0.00'],
        [alice.id, 'CREDIT', '10.00', '100.00'],
      ]);
      expect(await acme.transactions.retrieve(reversal.id)).toEqual(reversal);
      expect(await acme.transactions.retrieve(original.id)).toMatchObject({
        status: 'COMPLETED',
        amount: '10.00',
        reversedAmount: '10.00',
      });
      expect([await balance(alice.id), await balance(bob.id)]).toEqual(['100.00', '0.00']);
    });

    it('reverses in parts, then the rest, and never more than the original', async () => {
      const { acme, original, alice, bob, balance } = await reversalCast(harness);
      await acme.transactions.reverse(original.id, { amount: '3.00' });
      await acme.transactions.reverse(original.id, { amount: '4.00' });
      expect((await acme.transactions.retrieve(original.id)).reversedAmount).toBe('7.00');
      const above = await expectRejectedWithoutWrites(
        acme,
        () => acme.transactions.reverse(original.id, { amount: '3.01' }),
        'AMOUNT_EXCEEDS_REMAINING',
      );
      expect(above.details.remaining).toBe('3.00');
      const rest = await acme.transactions.reverse(original.id);
      expect(rest.amount).toBe('3.00');
      expect((await acme.transactions.retrieve(original.id)).reversedAmount).toBe('10.00');
      for (const input of [{}, { amount: '0.01' }]) {
        const error = await expectRejectedWithoutWrites(
          acme,
          () => acme.transactions.reverse(original.id, input),
          'AMOUNT_EXCEEDS_REMAINING',
        );
        expect(error.details.remaining).toBe('0.00');
      }
      const reversals = await acme.transactions.list({ transactionType: 'REVERSAL' });
      expect(reversals.total).toBe(3);
      expect(reversals.items.every((r) => r.reversesId === original.id)).toBe(true);
      expect([await balance(alice.id), await balance(bob.id)]).toEqual(['100.00', '0.00']);
    });

    it('rejects a reversal of a reversal, of a pending, voided or expired hold', async () => {
      const { acme, original, alice, bob, time } = await reversalCast(harness);
      const reversal = await acme.transactions.reverse(original.id, { amount: '1.00' });
      const hold = (expiresAt?: Date) =>
        acme.transactions.transfer({
          fromWalletId: alice.id,
          toWalletId: bob.id,
          amount: '1.00',
          hold: true,
          ...(expiresAt && { expiresAt }),
        });
      const pending = await hold();
      const voided = await hold();
      await acme.transactions.void(voided.id);
      const expiring = await hold(new Date(time.now().getTime() + 1_000));
      time.advance(1_000);
      const expected = [
        { id: reversal.id, status: 'COMPLETED', transaction_type: 'REVERSAL' },
        { id: pending.id, status: 'PENDING' },
        { id: voided.id, status: 'VOIDED' },
        { id: expiring.id, status: 'VOIDED' },
      ];
      for (const { id, ...details } of expected) {
        const error = await expectRejectedWithoutWrites(
          acme,
          () => acme.transactions.reverse(id),
          'INVALID_STATE',
        );
        // details.status is always a real status; the type says when it is the reason.
        expect(error.details).toMatchObject({ transaction_id: id, ...details });
      }
      expect((await acme.transactions.retrieve(reversal.id)).reversedAmount).toBe('0.00');
    });

    it('reverses a captured hold up to the captured amount', async () => {
      const { acme, alice, bob, balance } = await reversalCast(harness);
      const hold = await acme.transactions.transfer({
        fromWalletId: alice.id,
        toWalletId: bob.id,
        amount: '8.00',
        hold: true,
      });
      await acme.transactions.capture(hold.id, { amount: '5.00' });
      const above = await expectRejectedWithoutWrites(
        acme,
        () => acme.transactions.reverse(hold.id, { amount: '5.01' }),
        'AMOUNT_EXCEEDS_REMAINING',
      );
      expect(above.details.remaining).toBe('5.00');
      expect((await acme.transactions.reverse(hold.id)).amount).toBe('5.00');
      expect([await balance(alice.id), await balance(bob.id)]).toEqual(['90.00', '10.00']);
    });

    it("rejects a reversal the original's destination can no longer pay, counting its holds", async () => {
      const { acme, original, alice, bob } = await reversalCast(harness);
      const carol = await createWallet(acme);
      await acme.transactions.transfer({
        fromWalletId: bob.id,
        toWalletId: carol.id,
        amount: '6.00',
      });
      const error = await expectRejectedWithoutWrites(
        acme,
        () => acme.transactions.reverse(original.id),
        'INSUFFICIENT_FUNDS',
      );
      expect(error.details.wallet_id).toBe(bob.id);
      await acme.transactions.transfer({
        fromWalletId: bob.id,
        toWalletId: alice.id,
        amount: '3.00',
        hold: true,
      });
      await expectRejectedWithoutWrites(
        acme,
        () => acme.transactions.reverse(original.id, { amount: '1.01' }),
        'INSUFFICIENT_FUNDS',
      );
      const part = await acme.transactions.reverse(original.id, { amount: '1.00' });
      expect(part.amount).toBe('1.00');
      expect((await acme.transactions.retrieve(original.id)).reversedAmount).toBe('1.00');
    });

    it('reverses deposits and withdrawals through the SYSTEM wallet', async () => {
      const { acme, alice, balance } = await reversalCast(harness);
      const system = await systemWallet(acme);
      const deposit = await acme.transactions.deposit({ walletId: alice.id, amount: '20.00' });
      const back = await acme.transactions.reverse(deposit.id);
      expect([back.fromWalletId, back.toWalletId]).toEqual([alice.id, system.id]);
      const withdrawal = await acme.transactions.withdraw({ walletId: alice.id, amount: '90.00' });
      const undo = await acme.transactions.reverse(withdrawal.id, { amount: '15.00' });
      expect([undo.fromWalletId, undo.toWalletId]).toEqual([system.id, alice.id]);
      expect(await balance(alice.id)).toBe('15.00');
      expect(await balance(system.id)).toBe('-25.00');
    });

    it('validates the reversal amount against the currency', async () => {
      const { acme, original } = await reversalCast(harness);
      for (const amount of ['0', '0.00', '1.001', '-1.00', '1e1']) {
        await expectValidationError(acme.transactions.reverse(original.id, { amount }), ['amount']);
      }
      expect((await acme.transactions.retrieve(original.id)).reversedAmount).toBe('0.00');
    });
  });
}

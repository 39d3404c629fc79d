// Proves two-phase transfers: a hold reserves funds (available drops, balance does not), capture
// in full or in part posts and releases the rest, void releases, and every wrong-state call or
// frozen wallet is rejected with nothing written (expiry is in hold-expiry.ts).
import { describe, expect, it } from 'vitest';
import type { OrganizationScope } from '../../engine/organization-scope.js';
import { expectRejectedWithoutWrites, expectValidationError } from './expectations.js';
import { createWallet, fundedWallet, type Harness } from './harness.js';

/** A funded wallet, an empty one, and a way to hold money from the first to the second. */
export async function holdCast(harness: Harness, funds = '10.00') {
  const fixture = await harness.setup();
  const acme = await fixture.organization();
  const alice = await fundedWallet(acme, funds);
  const bob = await createWallet(acme);
  const hold = (amount: string, extra: { expiresAt?: Date } = {}) =>
    acme.transactions.transfer({
      fromWalletId: alice.id,
      toWalletId: bob.id,
      amount,
      hold: true,
      ...extra,
    });
  const balances = async (organization: OrganizationScope = acme) => {
    const a = await organization.wallets.retrieve(alice.id);
    const b = await organization.wallets.retrieve(bob.id);
    return [a.balance, a.availableBalance, b.balance, b.availableBalance];
  };
  return { ...fixture, acme, alice, bob, hold, balances };
}

export function describeHolds(harness: Harness): void {
  describe('holds', () => {
    it('reserves funds: available drops, the balance does not, and no entry is written', async () => {
      const { acme, hold, balances, alice, bob, time } = await holdCast(harness);
      const pending = await hold('7.00');
      expect(pending).toMatchObject({
        transactionType: 'TRANSFER',
        status: 'PENDING',
        amount: '7.00',
        heldAmount: '7.00',
        reversedAmount: '0.00',
        fromWalletId: alice.id,
        toWalletId: bob.id,
        expiresAt: null,
        createdAt: time.now(),
        completedAt: null,
        entries: [],
      });
      expect(await acme.transactions.retrieve(pending.id)).toEqual(pending);
      expect(await balances()).toEqual(['10.00', '3.00', '0.00', '0.00']);
      expect((await acme.wallets.entries(alice.id)).total).toBe(1);
      const move = (amount: string) => () =>
        acme.transactions.transfer({ fromWalletId: alice.id, toWalletId: bob.id, amount });
      await expectRejectedWithoutWrites(acme, move('3.01'), 'INSUFFICIENT_FUNDS');
      await expectRejectedWithoutWrites(
        acme,
        () => acme.transactions.withdraw({ walletId: alice.id, amount: '3.01' }),
        'INSUFFICIENT_FUNDS',
      );
      await expectRejectedWithoutWrites(acme, () => hold('3.01'), 'INSUFFICIENT_FUNDS');
      await hold('1.00');
      await move('2.00')();
      expect(await balances()).toEqual(['8.00', '0.00', '2.00', '2.00']);
      await expectRejectedWithoutWrites(acme, move('0.01'), 'INSUFFICIENT_FUNDS');
    });

    it('captures a hold in full', async () => {
      const { acme, hold, balances, alice, bob, time } = await holdCast(harness);
      const pending = await hold('7.00');
      time.advance(30_000);
      const captured = await acme.transactions.capture(pending.id);
      expect(captured).toMatchObject({
        id: pending.id,
        status: 'COMPLETED',
        amount: '7.00',
        heldAmount: '7.00',
        createdAt: pending.createdAt,
        completedAt: time.now(),
      });
      expect(
        captured.entries.map((e) => [e.walletId, e.direction, e.amount, e.balanceAfter]),
      ).toEqual([
        [alice.id, 'DEBIT', '7.00', '3.00'],
        [bob.id, 'CREDIT', '7.00', '7.00'],
      ]);
      for (const entry of captured.entries) expect(entry.createdAt).toEqual(time.now());
      expect(await acme.transactions.retrieve(pending.id)).toEqual(captured);
      expect(await balances()).toEqual(['3.00', '3.00', '7.00', '7.00']);
    });

    it('captures part of a hold and releases the rest', async () => {
      const { acme, hold, balances } = await holdCast(harness);
      const pending = await hold('7.00');
      const captured = await acme.transactions.capture(pending.id, { amount: '4.00' });
      expect(captured).toMatchObject({ status: 'COMPLETED', amount: '4.00', heldAmount: '7.00' });
      expect(captured.entries.map((e) => e.amount)).toEqual(['4.00', '4.00']);
      expect(await balances()).toEqual(['6.00', '6.00', '4.00', '4.00']);
      const exact = await hold('6.00');
      expect((await acme.transactions.capture(exact.id, { amount: '6.00' })).amount).toBe('6.00');
      expect(await balances()).toEqual(['0.00', '0.00', '10.00', '10.00']);
    });

    it('rejects a capture above the held amount with what remains', async () => {
      const { acme, hold, balances } = await holdCast(harness);
      const pending = await hold('7.00');
      const error = await expectRejectedWithoutWrites(
        acme,
        () => acme.transactions.capture(pending.id, { amount: '7.01' }),
        'AMOUNT_EXCEEDS_REMAINING',
      );
      expect(error.details.remaining).toBe('7.00');
      await expectValidationError(acme.transactions.capture(pending.id, { amount: '0.00' }), [
        'amount',
      ]);
      expect((await acme.transactions.retrieve(pending.id)).status).toBe('PENDING');
      expect(await balances()).toEqual(['10.00', '3.00', '0.00', '0.00']);
    });

    it('voids a hold and releases its funds', async () => {
      const { acme, hold, balances } = await holdCast(harness);
      const pending = await hold('7.00');
      const voided = await acme.transactions.void(pending.id);
      expect(voided).toMatchObject({
        status: 'VOIDED',
        heldAmount: '7.00',
        entries: [],
        completedAt: null,
      });
      expect(await acme.transactions.retrieve(pending.id)).toEqual(voided);
      expect(await balances()).toEqual(['10.00', '10.00', '0.00', '0.00']);
    });

    it('rejects capture and void of anything that is not a PENDING hold', async () => {
      const { acme, hold, alice, bob } = await holdCast(harness);
      const voided = await hold('1.00');
      await acme.transactions.void(voided.id);
      const captured = await hold('1.00');
      await acme.transactions.capture(captured.id);
      const plain = await acme.transactions.transfer({
        fromWalletId: alice.id,
        toWalletId: bob.id,
        amount: '1.00',
      });
      for (const [id, status] of [
        [voided.id, 'VOIDED'],
        [captured.id, 'COMPLETED'],
        [plain.id, 'COMPLETED'],
      ] as const) {
        for (const action of [
          () => acme.transactions.capture(id),
          () => acme.transactions.void(id),
        ]) {
          const error = await expectRejectedWithoutWrites(acme, action, 'INVALID_STATE');
          expect(error.details.status).toBe(status);
        }
      }
    });

    it('keeps a hold PENDING when its capture meets a frozen wallet, and allows a void', async () => {
      const { acme, hold, balances, bob } = await holdCast(harness);
      const pending = await hold('7.00');
      await acme.wallets.freeze(bob.id);
      const error = await expectRejectedWithoutWrites(
        acme,
        () => acme.transactions.capture(pending.id),
        'WALLET_FROZEN',
      );
      expect(error.details.wallet_id).toBe(bob.id);
      expect((await acme.transactions.retrieve(pending.id)).status).toBe('PENDING');
      await acme.wallets.unfreeze(bob.id);
      await acme.transactions.capture(pending.id, { amount: '2.00' });
      expect(await balances()).toEqual(['8.00', '8.00', '2.00', '2.00']);
      const second = await hold('5.00');
      await acme.wallets.freeze(bob.id);
      expect(
        (await acme.transactions.void(second.id)).status,
        'releasing a reservation moves no money',
      ).toBe('VOIDED');
      expect(await balances()).toEqual(['8.00', '8.00', '2.00', '2.00']);
    });
  });
}

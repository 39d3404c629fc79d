// Proves hold expiry, driven by the test clock: a hold is PENDING until the millisecond before its
// expiresAt and VOIDED from that instant for every reader and writer (also when the clock later
// goes back), vault.expireHolds() sweeps every organization, and an expiry must be in the future.
import { describe, expect, it } from 'vitest';
import { expectRejectedWithoutWrites, expectValidationError } from './expectations.js';
import { createWallet, fundedWallet, type Harness } from './harness.js';
import { holdCast } from './holds.js';

export function describeHoldExpiry(harness: Harness): void {
  describe('hold expiry', () => {
    it('expires a hold at its expiresAt instant, releasing its funds', async () => {
      const { acme, hold, balances, time } = await holdCast(harness);
      const expiresAt = new Date(time.now().getTime() + 60_000);
      const pending = await hold('7.00', { expiresAt });
      expect(pending.expiresAt).toEqual(expiresAt);
      time.set(new Date(expiresAt.getTime() - 1));
      expect((await acme.transactions.retrieve(pending.id)).status).toBe('PENDING');
      expect(await balances()).toEqual(['10.00', '3.00', '0.00', '0.00']);
      expect((await acme.transactions.list({ status: 'PENDING' })).items.map((t) => t.id)).toEqual([
        pending.id,
      ]);
      time.set(expiresAt);
      expect(await balances()).toEqual(['10.00', '10.00', '0.00', '0.00']);
      expect(await acme.transactions.retrieve(pending.id)).toMatchObject({
        status: 'VOIDED',
        heldAmount: '7.00',
        entries: [],
      });
      expect((await acme.transactions.list({ status: 'PENDING' })).total).toBe(0);
      expect((await acme.transactions.list({ status: 'VOIDED' })).items.map((t) => t.id)).toEqual([
        pending.id,
      ]);
      await expectRejectedWithoutWrites(
        acme,
        () => acme.transactions.capture(pending.id),
        'INVALID_STATE',
      );
      await expectRejectedWithoutWrites(
        acme,
        () => acme.transactions.void(pending.id),
        'INVALID_STATE',
      );
    });

    it('releases expired funds for the very next write, before any read', async () => {
      const { acme, hold, time, alice, bob } = await holdCast(harness);
      await hold('10.00', { expiresAt: new Date(time.now().getTime() + 1_000) });
      time.advance(1_000);
      const spent = await acme.transactions.transfer({
        fromWalletId: alice.id,
        toWalletId: bob.id,
        amount: '10.00',
      });
      expect(spent.status).toBe('COMPLETED');
    });

    it('captures a hold one millisecond before its expiry, and never revives an expired one', async () => {
      const { acme, hold, time, balances, alice, bob } = await holdCast(harness);
      const expiresAt = new Date(time.now().getTime() + 10_000);
      const early = await hold('2.00', { expiresAt });
      const late = await hold('3.00', { expiresAt });
      time.set(new Date(expiresAt.getTime() - 1));
      expect((await acme.transactions.capture(early.id)).status).toBe('COMPLETED');
      time.set(expiresAt);
      expect((await acme.transactions.retrieve(late.id)).status).toBe('VOIDED');
      time.set(new Date(expiresAt.getTime() - 5_000));
      expect((await acme.transactions.retrieve(late.id)).status, 'the clock went back').toBe(
        'VOIDED',
      );
      await expectRejectedWithoutWrites(
        acme,
        () => acme.transactions.capture(late.id),
        'INVALID_STATE',
      );
      expect(await balances()).toEqual(['8.00', '8.00', '2.00', '2.00']);
      const spend = { fromWalletId: alice.id, toWalletId: bob.id, amount: '8.00' };
      expect((await acme.transactions.transfer(spend)).status).toBe('COMPLETED');
    });

    it('sweeps the expired holds of every organization', async () => {
      const { vault, acme, hold, time, organization } = await holdCast(harness);
      const globex = await organization();
      const g = await fundedWallet(globex, '5.00');
      const h = await createWallet(globex);
      const expiresAt = new Date(time.now().getTime() + 1_000);
      await hold('1.00', { expiresAt });
      const other = await globex.transactions.transfer({
        fromWalletId: g.id,
        toWalletId: h.id,
        amount: '5.00',
        hold: true,
        expiresAt,
      });
      time.set(expiresAt);
      expect(await vault.expireHolds()).toBe(2);
      expect((await globex.transactions.retrieve(other.id)).status).toBe('VOIDED');
      expect((await globex.wallets.retrieve(g.id)).availableBalance).toBe('5.00');
      expect((await acme.transactions.list({ status: 'VOIDED' })).total).toBe(1);
    });

    it('sweeps expired holds with vault.expireHolds()', async () => {
      const { vault, acme, hold, time, balances } = await holdCast(harness);
      const soon = new Date(time.now().getTime() + 1_000);
      const later = new Date(time.now().getTime() + 5_000);
      const first = await hold('1.00', { expiresAt: soon });
      const second = await hold('2.00', { expiresAt: soon });
      const third = await hold('3.00', { expiresAt: later });
      const open = await hold('4.00');
      time.set(soon);
      expect(await vault.expireHolds()).toBe(2);
      expect(await vault.expireHolds()).toBe(0);
      const statuses = async () =>
        Promise.all(
          [first, second, third, open].map(
            async (t) => (await acme.transactions.retrieve(t.id)).status,
          ),
        );
      expect(await statuses()).toEqual(['VOIDED', 'VOIDED', 'PENDING', 'PENDING']);
      expect(await balances()).toEqual(['10.00', '3.00', '0.00', '0.00']);
      time.set(later);
      expect(await vault.expireHolds()).toBe(1);
      expect(await statuses()).toEqual(['VOIDED', 'VOIDED', 'VOIDED', 'PENDING']);
    });

    it('never expires a hold that was captured or voided before its expiry', async () => {
      const { acme, hold, time, balances, vault } = await holdCast(harness);
      const expiresAt = new Date(time.now().getTime() + 1_000);
      const captured = await hold('3.00', { expiresAt });
      const voided = await hold('2.00', { expiresAt });
      await acme.transactions.capture(captured.id, { amount: '1.00' });
      await acme.transactions.void(voided.id);
      time.advance(10_000);
      expect(await vault.expireHolds()).toBe(0);
      expect((await acme.transactions.retrieve(captured.id)).status).toBe('COMPLETED');
      expect((await acme.transactions.retrieve(voided.id)).status).toBe('VOIDED');
      expect(await balances()).toEqual(['9.00', '9.00', '1.00', '1.00']);
    });

    it('rejects an expiry that is not in the future, or without hold: true', async () => {
      const { acme, alice, bob, time, hold } = await holdCast(harness);
      const now = time.now();
      for (const expiresAt of [new Date(now.getTime() - 1), now]) {
        await expectRejectedWithoutWrites(
          acme,
          () => hold('1.00', { expiresAt }),
          'VALIDATION_ERROR',
        );
      }
      const base = { fromWalletId: alice.id, toWalletId: bob.id, amount: '1.00' };
      const future = new Date(now.getTime() + 60_000);
      await expectValidationError(acme.transactions.transfer({ ...base, expiresAt: future }), [
        'expiresAt',
      ]);
      await expectValidationError(
        acme.transactions.transfer({ ...base, hold: false, expiresAt: future }),
        ['expiresAt'],
      );
      const soonest = await hold('1.00', { expiresAt: new Date(now.getTime() + 1) });
      expect(soonest.status).toBe('PENDING');
      const iso = await acme.transactions.transfer({
        ...base,
        hold: true,
        expiresAt: future.toISOString(),
      });
      expect(iso.expiresAt).toEqual(future);
    });
  });
}

// Proves that a batch applies its transfers in order, all or nothing: later items may spend what
// earlier items credited, one failing item rejects the whole batch with its index and writes
// nothing, the size limits hold on both sides (1 and 1000 accepted, 0 and 1001 rejected).
import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../errors/registry.js';
import type { TransferInput } from '../../validation/schemas.js';
import { expectRejectedWithoutWrites, fieldPaths, ledgerSnapshot } from './expectations.js';
import { createWallet, fundedWallet, type Harness, unknownId } from './harness.js';

async function batchCast(harness: Harness) {
  const fixture = await harness.setup();
  const acme = await fixture.organization();
  const a = (await fundedWallet(acme, '10.00')).id;
  const b = (await createWallet(acme)).id;
  const c = (await createWallet(acme)).id;
  const move = (fromWalletId: string, toWalletId: string, amount: string): TransferInput => ({
    fromWalletId,
    toWalletId,
    amount,
  });
  const balances = async () =>
    Promise.all([a, b, c].map(async (id) => (await acme.wallets.retrieve(id)).availableBalance));
  return { ...fixture, acme, a, b, c, move, balances };
}

export function describeBatches(harness: Harness): void {
  describe('batches', () => {
    it('applies every transfer in order; later items spend what earlier items credited', async () => {
      const { acme, a, b, c, move, balances, time } = await batchCast(harness);
      time.advance(1_000);
      const result = await acme.transactions.batch({
        transfers: [
          move(a, b, '10.00'),
          move(b, c, '6.00'),
          { ...move(c, a, '1.50'), description: 'third', metadata: { n: '3' } },
          move(b, a, '4.00'),
        ],
      });
      expect(result).toHaveLength(4);
      expect(result.map((t) => [t.fromWalletId, t.toWalletId, t.amount, t.status])).toEqual([
        [a, b, '10.00', 'COMPLETED'],
        [b, c, '6.00', 'COMPLETED'],
        [c, a, '1.50', 'COMPLETED'],
        [b, a, '4.00', 'COMPLETED'],
      ]);
      expect(result[2]).toMatchObject({ description: 'third', metadata: { n: '3' } });
      expect(result[1]?.entries.map((e) => e.balanceAfter)).toEqual(['4.00', '6.00']);
      for (const transaction of result) {
        expect(transaction.transactionType).toBe('TRANSFER');
        expect(transaction.createdAt).toEqual(time.now());
        expect(await acme.transactions.retrieve(transaction.id)).toEqual(transaction);
      }
      expect(new Set(result.map((t) => t.id)).size).toBe(4);
      expect(await balances()).toEqual(['5.50', '0.00', '4.50']);
    });

    it('writes nothing when one item fails, and reports its index', async () => {
      const { acme, a, b, c, move, balances } = await batchCast(harness);
      const before = await ledgerSnapshot(acme);
      const error = await expectRejectedWithoutWrites(
        acme,
        () =>
          acme.transactions.batch({
            transfers: [
              move(a, b, '4.00'),
              move(b, c, '4.00'),
              move(a, c, '5.00'),
              move(c, b, '9.01'),
              move(a, b, '1.00'),
            ],
          }),
        'INSUFFICIENT_FUNDS',
      );
      expect(error.details.index).toBe(3);
      expect(error.details.wallet_id).toBe(c);
      expect(await ledgerSnapshot(acme)).toEqual(before);
      expect(await balances()).toEqual(['10.00', '0.00', '0.00']);
      expect((await acme.transactions.list()).total).toBe(1);
      expect((await acme.wallets.entries(b)).total).toBe(0);
    });

    it('reports the index of an item of each rejection', async () => {
      const { acme, a, b, c, move } = await batchCast(harness);
      const euro = (await fundedWallet(acme, '5.00', { currency: 'EUR' })).id;
      const frozen = (await createWallet(acme)).id;
      await acme.wallets.freeze(frozen);
      const ghost = unknownId();
      const cases: [TransferInput, ErrorCode][] = [
        [move(a, a, '1.00'), 'SAME_WALLET'],
        [move(a, ghost, '1.00'), 'NOT_FOUND'],
        [move(a, euro, '1.00'), 'CURRENCY_MISMATCH'],
        [move(a, frozen, '1.00'), 'WALLET_FROZEN'],
        [move(b, c, '1.00'), 'INSUFFICIENT_FUNDS'],
      ];
      for (const [item, code] of cases) {
        const error = await expectRejectedWithoutWrites(
          acme,
          () =>
            acme.transactions.batch({ transfers: [move(a, b, '1.00'), move(b, c, '1.00'), item] }),
          code,
        );
        expect(error.details.index, code).toBe(2);
      }
    });

    it('checks every item for wallets and currencies before any balance', async () => {
      const { acme, a, b, c, move } = await batchCast(harness);
      const error = await expectRejectedWithoutWrites(
        acme,
        () =>
          acme.transactions.batch({
            transfers: [move(a, b, '1.00'), move(c, b, '5.00'), move(a, unknownId(), '1.00')],
          }),
        'NOT_FOUND',
      );
      expect(error.details.index).toBe(2);
    });

    it('reports a validation error with the path and index of the bad item', async () => {
      const { acme, a, b, move } = await batchCast(harness);
      const bad = await expectRejectedWithoutWrites(
        acme,
        () =>
          acme.transactions.batch({
            transfers: [move(a, b, '1.00'), move(a, b, '1.00'), move(a, b, '1.001')],
          }),
        'VALIDATION_ERROR',
      );
      expect(fieldPaths(bad)).toEqual(['transfers.2.amount']);
      expect(bad.details.index).toBe(2);
      const shape = await expectRejectedWithoutWrites(
        acme,
        () =>
          acme.transactions.batch({
            transfers: [
              move(a, b, '1.00'),
              move(a, b, '1.00'),
              { ...move(a, b, '-1'), fee: '1' } as TransferInput,
            ],
          }),
        'VALIDATION_ERROR',
      );
      expect(fieldPaths(shape)).toEqual(['transfers.2.amount', 'transfers.2.fee']);
      expect(shape.details.index).toBe(2);
    });

    it('accepts 1 and 1000 items and rejects 0 and 1001', {
      timeout: harness.heavyTimeoutMs,
    }, async () => {
      const { acme, a, b, move, balances } = await batchCast(harness);
      await acme.transactions.deposit({ walletId: a, amount: '0.01' });
      for (const count of [0, 1001]) {
        const error = await expectRejectedWithoutWrites(
          acme,
          () =>
            acme.transactions.batch({
              transfers: Array.from({ length: count }, () => move(a, b, '0.01')),
            }),
          'VALIDATION_ERROR',
        );
        expect(fieldPaths(error)).toEqual(['transfers']);
      }
      expect(await acme.transactions.batch({ transfers: [move(a, b, '0.01')] })).toHaveLength(1);
      const thousand = await acme.transactions.batch({
        transfers: Array.from({ length: 1000 }, () => move(a, b, '0.01')),
      });
      expect(thousand).toHaveLength(1000);
      expect(new Set(thousand.map((t) => t.id)).size).toBe(1000);
      expect(thousand.at(-1)?.entries.map((e) => e.balanceAfter)).toEqual(['0.00', '10.01']);
      expect(thousand.map((t) => t.amount).every((amount) => amount === '0.01')).toBe(true);
      expect(await balances()).toEqual(['0.00', '10.01', '0.00']);
    });

    it('holds funds inside a batch: later items see the reduced available balance', async () => {
      const { acme, a, b, c, move, balances } = await batchCast(harness);
      const rejected = await expectRejectedWithoutWrites(
        acme,
        () =>
          acme.transactions.batch({
            transfers: [{ ...move(a, b, '6.00'), hold: true }, move(a, c, '4.01')],
          }),
        'INSUFFICIENT_FUNDS',
      );
      expect(rejected.details.index).toBe(1);
      const [hold, transfer] = await acme.transactions.batch({
        transfers: [{ ...move(a, b, '6.00'), hold: true }, move(a, c, '4.00')],
      });
      expect(hold).toMatchObject({ status: 'PENDING', heldAmount: '6.00', entries: [] });
      expect(transfer?.status).toBe('COMPLETED');
      expect(await balances()).toEqual(['0.00', '0.00', '4.00']);
      expect((await acme.wallets.retrieve(a)).balance).toBe('6.00');
      await acme.transactions.capture(hold!.id);
      expect(await balances()).toEqual(['0.00', '6.00', '4.00']);
    });
  });
}

// Proves the documented order of checks with one table row per error code: each row's input also
// breaks every later rule it can, so the row shows that its own rule wins; every row also proves
// that nothing was written. Covers transfers, holds' capture and reversals.
import { describe, expect, it } from 'vitest';
import type { OrganizationScope } from '../../engine/organization-scope.js';
import type { ErrorCode } from '../../errors/registry.js';
import type { VaultError } from '../../errors/vault-error.js';
import type { TransferInput } from '../../validation/schemas.js';
import { expectRejectedWithoutWrites, fieldPaths } from './expectations.js';
import { createWallet, fundedWallet, type Harness, unknownId } from './harness.js';

/** Wallets that break rules: frozen, poor, in another currency, or missing. */
interface Cast {
  readonly acme: OrganizationScope;
  /** USD, 0.50, frozen. */
  readonly frozenPoor: string;
  /** USD, empty, frozen. */
  readonly frozen: string;
  /** EUR, frozen. */
  readonly euroFrozen: string;
  /** USD, 0.50, active. */
  readonly poor: string;
  /** USD, active. */
  readonly active: string;
  readonly ghost: string;
  readonly ghost2: string;
  readonly past: Date;
}

async function cast(harness: Harness): Promise<Cast> {
  const { organization, time } = await harness.setup();
  const acme = await organization();
  const frozenPoor = (await fundedWallet(acme, '0.50')).id;
  const frozen = (await createWallet(acme)).id;
  const euroFrozen = (await fundedWallet(acme, '0.50', { currency: 'EUR' })).id;
  const poor = (await fundedWallet(acme, '0.50')).id;
  const active = (await createWallet(acme)).id;
  for (const id of [frozenPoor, frozen, euroFrozen]) await acme.wallets.freeze(id);
  const past = new Date(time.now().getTime() - 1);
  return {
    acme,
    frozenPoor,
    frozen,
    euroFrozen,
    poor,
    active,
    ghost: unknownId(),
    ghost2: unknownId(),
    past,
  };
}

interface TransferRow {
  readonly code: ErrorCode;
  readonly rule: string;
  readonly input: (c: Cast) => TransferInput;
  readonly check?: (error: VaultError, c: Cast) => void;
}

/** The documented order of a transfer's checks; see `transactions.transfer`. */
const transferRows: readonly TransferRow[] = [
  {
    code: 'VALIDATION_ERROR',
    rule: 'input shape (unknown field)',
    input: (c) =>
      ({ fromWalletId: c.ghost, toWalletId: c.ghost, amount: '5.001', memo: 'x' }) as TransferInput,
    check: (error) => expect(fieldPaths(error)).toEqual(['memo']),
  },
  {
    code: 'SAME_WALLET',
    rule: 'same source and destination',
    input: (c) => ({ fromWalletId: c.ghost, toWalletId: c.ghost, amount: '5.001' }),
  },
  {
    code: 'NOT_FOUND',
    rule: 'source exists',
    input: (c) => ({ fromWalletId: c.ghost, toWalletId: c.ghost2, amount: '5.001' }),
    check: (error, c) => expect(error.details.id).toBe(c.ghost),
  },
  {
    code: 'NOT_FOUND',
    rule: 'destination exists',
    input: (c) => ({ fromWalletId: c.euroFrozen, toWalletId: c.ghost2, amount: '5.001' }),
    check: (error, c) => expect(error.details.id).toBe(c.ghost2),
  },
  {
    code: 'CURRENCY_MISMATCH',
    rule: 'same currency',
    input: (c) => ({ fromWalletId: c.frozenPoor, toWalletId: c.euroFrozen, amount: '5.001' }),
  },
  {
    code: 'VALIDATION_ERROR',
    rule: 'amount scale',
    input: (c) => ({ fromWalletId: c.frozenPoor, toWalletId: c.frozen, amount: '5.001' }),
    check: (error) => expect(fieldPaths(error)).toEqual(['amount']),
  },
  {
    code: 'VALIDATION_ERROR',
    rule: 'amount maximum',
    input: (c) => ({
      fromWalletId: c.frozenPoor,
      toWalletId: c.frozen,
      amount: '1000000000000000000.00',
    }),
    check: (error) => expect(fieldPaths(error)).toEqual(['amount']),
  },
  {
    code: 'VALIDATION_ERROR',
    rule: 'hold expiry in the future',
    input: (c) => ({
      fromWalletId: c.frozenPoor,
      toWalletId: c.frozen,
      amount: '5.00',
      hold: true,
      expiresAt: c.past,
    }),
    check: (error) => expect(fieldPaths(error)).toEqual(['expiresAt']),
  },
  {
    code: 'WALLET_FROZEN',
    rule: 'source active',
    input: (c) => ({ fromWalletId: c.frozenPoor, toWalletId: c.frozen, amount: '5.00' }),
    check: (error, c) => expect(error.details.wallet_id).toBe(c.frozenPoor),
  },
  {
    code: 'WALLET_FROZEN',
    rule: 'destination active',
    input: (c) => ({ fromWalletId: c.poor, toWalletId: c.frozen, amount: '5.00' }),
    check: (error, c) => expect(error.details.wallet_id).toBe(c.frozen),
  },
  {
    code: 'INSUFFICIENT_FUNDS',
    rule: 'available balance',
    input: (c) => ({ fromWalletId: c.poor, toWalletId: c.active, amount: '5.00' }),
    check: (error, c) => expect(error.details.wallet_id).toBe(c.poor),
  },
];

export function describePrecedence(harness: Harness): void {
  describe('precedence of checks', () => {
    for (const [index, row] of transferRows.entries()) {
      it(`transfer rule ${index + 1}: ${row.rule} -> ${row.code}`, async () => {
        const c = await cast(harness);
        const input = row.input(c);
        const error = await expectRejectedWithoutWrites(
          c.acme,
          () => c.acme.transactions.transfer(input),
          row.code,
        );
        row.check?.(error, c);
        const batched = await expectRejectedWithoutWrites(
          c.acme,
          () => c.acme.transactions.batch({ transfers: [input] }),
          row.code,
        );
        expect(batched.details.index, 'in a batch, the failing index is reported').toBe(0);
      });
    }

    it('transfer rule 12: a move breaking no rule succeeds on the same cast', async () => {
      const c = await cast(harness);
      const done = await c.acme.transactions.transfer({
        fromWalletId: c.poor,
        toWalletId: c.active,
        amount: '0.50',
      });
      expect(done.status).toBe('COMPLETED');
    });

    it('capture checks: NOT_FOUND, amount scale, INVALID_STATE, AMOUNT_EXCEEDS_REMAINING, WALLET_FROZEN source then destination', async () => {
      const { organization } = await harness.setup();
      const acme = await organization();
      const from = await fundedWallet(acme, '10.00');
      const to = await createWallet(acme);
      const hold = (amount: string) =>
        acme.transactions.transfer({
          fromWalletId: from.id,
          toWalletId: to.id,
          amount,
          hold: true,
        });
      const voided = await hold('1.00');
      await acme.transactions.void(voided.id);
      const pending = await hold('2.00');
      await acme.wallets.freeze(from.id);
      await acme.wallets.freeze(to.id);
      const capture = (id: string, amount: string) => () =>
        acme.transactions.capture(id, { amount });
      await expectRejectedWithoutWrites(acme, capture(unknownId(), '9.999'), 'NOT_FOUND');
      const scale = await expectRejectedWithoutWrites(
        acme,
        capture(voided.id, '9.999'),
        'VALIDATION_ERROR',
      );
      expect(fieldPaths(scale)).toEqual(['amount']);
      await expectRejectedWithoutWrites(acme, capture(voided.id, '9.00'), 'INVALID_STATE');
      const above = await expectRejectedWithoutWrites(
        acme,
        capture(pending.id, '9.00'),
        'AMOUNT_EXCEEDS_REMAINING',
      );
      expect(above.details.remaining).toBe('2.00');
      const source = await expectRejectedWithoutWrites(
        acme,
        capture(pending.id, '2.00'),
        'WALLET_FROZEN',
      );
      expect(source.details.wallet_id).toBe(from.id);
      await acme.wallets.unfreeze(from.id);
      const destination = await expectRejectedWithoutWrites(
        acme,
        capture(pending.id, '2.00'),
        'WALLET_FROZEN',
      );
      expect(destination.details.wallet_id).toBe(to.id);
      await acme.wallets.unfreeze(to.id);
      expect((await acme.transactions.capture(pending.id)).status).toBe('COMPLETED');
    });

    it('reversal checks: NOT_FOUND, INVALID_STATE, AMOUNT_EXCEEDS_REMAINING, WALLET_FROZEN, INSUFFICIENT_FUNDS', async () => {
      const { organization } = await harness.setup();
      const acme = await organization();
      const alice = await fundedWallet(acme, '10.00');
      const bob = await createWallet(acme);
      const original = await acme.transactions.transfer({
        fromWalletId: alice.id,
        toWalletId: bob.id,
        amount: '4.00',
      });
      const reversal = await acme.transactions.reverse(original.id, { amount: '1.00' });
      await acme.transactions.transfer({
        fromWalletId: bob.id,
        toWalletId: alice.id,
        amount: '3.00',
      });
      await acme.wallets.freeze(alice.id);
      await acme.wallets.freeze(bob.id);
      const reverse = (id: string, amount: string) => () =>
        acme.transactions.reverse(id, { amount });
      await expectRejectedWithoutWrites(acme, reverse(unknownId(), '99.00'), 'NOT_FOUND');
      await expectRejectedWithoutWrites(acme, reverse(reversal.id, '99.00'), 'INVALID_STATE');
      const above = await expectRejectedWithoutWrites(
        acme,
        reverse(original.id, '3.01'),
        'AMOUNT_EXCEEDS_REMAINING',
      );
      expect(above.details.remaining).toBe('3.00');
      const first = await expectRejectedWithoutWrites(
        acme,
        reverse(original.id, '3.00'),
        'WALLET_FROZEN',
      );
      expect(first.details.wallet_id, "the original's destination pays first").toBe(bob.id);
      await acme.wallets.unfreeze(bob.id);
      const second = await expectRejectedWithoutWrites(
        acme,
        reverse(original.id, '3.00'),
        'WALLET_FROZEN',
      );
      expect(second.details.wallet_id).toBe(alice.id);
      await acme.wallets.unfreeze(alice.id);
      const funds = await expectRejectedWithoutWrites(
        acme,
        reverse(original.id, '3.00'),
        'INSUFFICIENT_FUNDS',
      );
      expect(funds.details.wallet_id).toBe(bob.id);
    });

    it('deposit checks: VALIDATION_ERROR, NOT_FOUND, amount scale, WALLET_FROZEN', async () => {
      const { organization } = await harness.setup();
      const acme = await organization();
      const frozen = await fundedWallet(acme, '1.00');
      await acme.wallets.freeze(frozen.id);
      const deposit =
        (walletId: string, amount: string, extra = {}) =>
        () =>
          acme.transactions.deposit({ walletId, amount, ...extra });
      const shape = await expectRejectedWithoutWrites(
        acme,
        deposit(unknownId(), '1.001', { note: 'x' }),
        'VALIDATION_ERROR',
      );
      expect(fieldPaths(shape)).toEqual(['note']);
      await expectRejectedWithoutWrites(acme, deposit(unknownId(), '1.001'), 'NOT_FOUND');
      await expectRejectedWithoutWrites(acme, deposit(frozen.id, '1.001'), 'VALIDATION_ERROR');
      await expectRejectedWithoutWrites(acme, deposit(frozen.id, '1.00'), 'WALLET_FROZEN');
      await expectRejectedWithoutWrites(
        acme,
        () => acme.transactions.withdraw({ walletId: frozen.id, amount: '99.00' }),
        'WALLET_FROZEN',
      );
    });
  });
}

// Proves that every public function rejects malformed input (wrong types, unknown fields, bad
// ids, bad amounts, limits one past the edge) with VALIDATION_ERROR listing exactly the bad
// fields, and writes nothing; and that input exactly at each limit is accepted.
import { describe, expect, it } from 'vitest';
import { expectValidationError, ledgerSnapshot } from './expectations.js';
import { createWallet, fundedWallet, type Harness } from './harness.js';
import type { ValidationCast, ValidationRow } from './validation-rows.js';
import { amountRows, transactionRows } from './validation-rows-transactions.js';
import { organizationRows, walletRows } from './validation-rows-wallets.js';

const validationRows: readonly ValidationRow[] = [
  ...organizationRows,
  ...walletRows,
  ...amountRows,
  ...transactionRows,
];

async function validationCast(harness: Harness) {
  const fixture = await harness.setup();
  const acme = await fixture.organization();
  const alice = (await fundedWallet(acme, '100.00')).id;
  const bob = (await createWallet(acme)).id;
  const hold = (
    await acme.transactions.transfer({
      fromWalletId: alice,
      toWalletId: bob,
      amount: '1',
      hold: true,
    })
  ).id;
  const transfer = (
    await acme.transactions.transfer({ fromWalletId: alice, toWalletId: bob, amount: '1' })
  ).id;
  const cast: ValidationCast = { vault: fixture.vault, acme, alice, bob, hold, transfer };
  return { ...fixture, cast };
}

const metadataOf = (count: number, keyLength = 3, valueLength = 1) =>
  Object.fromEntries(
    Array.from({ length: count }, (_, i) => [
      `${String(i).padStart(keyLength, 'k')}`,
      'v'.repeat(valueLength),
    ]),
  );

export function describeValidation(harness: Harness): void {
  describe('validation', () => {
    for (const row of validationRows) {
      it(`${row.call}: ${row.case} -> [${row.paths.join(', ')}]`, async () => {
        const { cast } = await validationCast(harness);
        const organizations = async () => (await cast.vault.organizations.list()).total;
        const before = [await ledgerSnapshot(cast.acme), await organizations()];
        await expectValidationError(() => row.run(cast), row.paths);
        const after = [await ledgerSnapshot(cast.acme), await organizations()];
        expect(after, 'a rejected call writes nothing').toEqual(before);
      });
    }

    it('accepts input exactly at every limit', async () => {
      const { cast } = await validationCast(harness);
      const { acme, alice, bob } = cast;
      const limits = {
        description: 'd'.repeat(1000),
        metadata: { ...metadataOf(49), ['m'.repeat(40)]: 'v'.repeat(500) },
      };
      const wallet = await acme.wallets.create({
        name: 'n'.repeat(255),
        walletType: 'BONUS',
        currency: 'USD',
        ownerId: 'o'.repeat(255),
        metadata: limits.metadata,
      });
      expect(wallet.metadata).toEqual(limits.metadata);
      expect(Object.keys(wallet.metadata)).toHaveLength(50);
      const deposit = await acme.transactions.deposit({
        walletId: alice,
        amount: '1.00',
        ...limits,
      });
      expect(deposit).toMatchObject(limits);
      const transfer = await acme.transactions.transfer({
        fromWalletId: alice,
        toWalletId: bob,
        amount: '1',
        ...limits,
      });
      expect(await acme.transactions.retrieve(transfer.id)).toMatchObject(limits);
      const reversal = await acme.transactions.reverse(transfer.id, limits);
      expect(reversal).toMatchObject(limits);
      const withdrawal = await acme.transactions.withdraw({
        walletId: alice,
        amount: '1',
        ...limits,
      });
      expect(withdrawal.description).toHaveLength(1000);
      const organization = await acme.wallets.create(
        { name: 'Key at limit', walletType: 'BONUS', currency: 'USD', ownerId: 'x' },
        { idempotencyKey: '~'.repeat(255) },
      );
      expect(organization.name).toBe('Key at limit');
      expect(
        (await acme.transactions.deposit({ walletId: alice, amount: '1', description: null }))
          .description,
      ).toBeNull();
    });

    it('reports every bad field of one call, not only the first', async () => {
      const { cast } = await validationCast(harness);
      const { acme } = cast;
      await expectValidationError(
        acme.transactions.transfer({
          fromWalletId: 'not-a-uuid',
          toWalletId: 5,
          amount: 5,
          description: 'x'.repeat(1001),
          metadata: { ok: 'yes', bad: 1 },
          hold: 'yes',
          extra: true,
        } as never),
        ['amount', 'description', 'extra', 'fromWalletId', 'hold', 'metadata.bad', 'toWalletId'],
      );
      await expectValidationError(
        acme.wallets.create({
          name: '',
          walletType: 'SAVINGS',
          currency: 'usd',
          ownerId: ' ',
          foo: 1,
        } as never),
        ['currency', 'foo', 'name', 'ownerId', 'walletType'],
      );
    });
  });
}

// Proves that concurrent writes (Promise.all through one engine, and through two engines sharing
// the store) neither lose updates nor overdraw: a hot wallet pays exactly what it can, balances
// equal the initial funds plus the successful moves, every currency sums to zero, and racing
// holds, captures, voids, freezes, reversals and first uses resolve one way each.
import { describe, expect, it } from 'vitest';
import type { OrganizationScope } from '../../engine/organization-scope.js';
import { isVaultError } from '../../errors/vault-error.js';
import {
  createWallet,
  fundedWallet,
  type Harness,
  minor,
  seededRandom,
  settle,
} from './harness.js';

function format(minorUnits: bigint): string {
  const sign = minorUnits < 0n ? '-' : '';
  const digits = (minorUnits < 0n ? -minorUnits : minorUnits).toString().padStart(3, '0');
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

async function sumOfBalances(organization: OrganizationScope, currency: string): Promise<bigint> {
  const wallets = await organization.wallets.list({ currency, pageSize: 100 });
  return wallets.items.reduce((sum, wallet) => sum + minor(wallet.balance), 0n);
}

export function describeConcurrency(harness: Harness): void {
  describe('concurrency', () => {
    it('never overdraws under concurrent transfers, and loses no update', {
      timeout: harness.heavyTimeoutMs,
    }, async () => {
      const fixture = await harness.setup();
      const acme = await fixture.organization();
      const other = fixture.anotherVault().organization(acme.id);
      const random = seededRandom(20260101);
      const wallets = [];
      for (let i = 0; i < 8; i += 1) wallets.push((await fundedWallet(acme, '10.00')).id);
      const hot = (await fundedWallet(acme, '5.00')).id;
      const count = Math.max(16, Math.round(64 * harness.scale));
      const planned: { from: string; to: string; amount: bigint }[] = [];
      for (let i = 0; i < count; i += 1) {
        const to = wallets[Math.floor(random() * wallets.length)]!;
        if (i % 2 === 0) {
          planned.push({ from: hot, to, amount: 100n });
          continue;
        }
        let from = wallets[Math.floor(random() * wallets.length)]!;
        if (from === to) from = wallets[(wallets.indexOf(to) + 1) % wallets.length]!;
        planned.push({ from, to, amount: BigInt(1 + Math.floor(random() * 300)) });
      }
      const { outcomes } = await settle(
        planned.map((move, i) =>
          (i % 3 === 0 ? other : acme).transactions.transfer({
            fromWalletId: move.from,
            toWalletId: move.to,
            amount: format(move.amount),
          }),
        ),
      );
      const expected = new Map<string, bigint>([
        ...wallets.map((id) => [id, 1000n] as const),
        [hot, 500n],
      ]);
      let hotPaid = 0;
      for (const [i, outcome] of outcomes.entries()) {
        const move = planned[i]!;
        if (isVaultError(outcome)) {
          expect(outcome.code).toBe('INSUFFICIENT_FUNDS');
          continue;
        }
        expect(outcome.amount).toBe(format(move.amount));
        expected.set(move.from, expected.get(move.from)! - move.amount);
        expected.set(move.to, expected.get(move.to)! + move.amount);
        if (move.from === hot) hotPaid += 1;
      }
      expect(hotPaid, 'the hot wallet pays exactly the five transfers it can afford').toBe(5);
      for (const [id, balance] of expected) {
        const wallet = await acme.wallets.retrieve(id);
        expect(minor(wallet.balance), id).toBe(balance);
        expect(minor(wallet.balance)).toBeGreaterThanOrEqual(0n);
      }
      expect(await sumOfBalances(acme, 'USD')).toBe(0n);
    });

    it('completes transfers and batches that cross the same wallets in opposite orders', {
      timeout: harness.heavyTimeoutMs,
    }, async () => {
      const fixture = await harness.setup();
      const acme = await fixture.organization();
      const other = fixture.anotherVault().organization(acme.id);
      const a = (await fundedWallet(acme, '100.00')).id;
      const b = (await fundedWallet(acme, '100.00')).id;
      const c = (await fundedWallet(acme, '100.00')).id;
      const move = (fromWalletId: string, toWalletId: string) => ({
        fromWalletId,
        toWalletId,
        amount: '1.00',
      });
      const count = Math.max(8, Math.round(32 * harness.scale));
      const calls = Array.from({ length: count }, (_, i) => {
        const scope = i % 2 === 0 ? acme : other;
        switch (i % 4) {
          case 0:
            return scope.transactions.transfer(move(a, b));
          case 1:
            return scope.transactions.transfer(move(b, a));
          case 2:
            return scope.transactions.batch({ transfers: [move(a, b), move(b, c), move(c, a)] });
          default:
            return scope.transactions.batch({ transfers: [move(c, b), move(b, a), move(a, c)] });
        }
      });
      const { errors } = await settle<unknown>(calls);
      expect(errors).toEqual([]);
      for (const id of [a, b, c]) expect((await acme.wallets.retrieve(id)).balance).toBe('100.00');
      const written = calls.length + 2 * Math.floor((count + 1) / 4) + 2 * Math.floor(count / 4);
      expect(
        (await acme.transactions.list()).total,
        'three deposits, the transfers and every batch item',
      ).toBe(3 + written);
    });

    it('applies every one of many concurrent deposits to one wallet', {
      timeout: harness.heavyTimeoutMs,
    }, async () => {
      const fixture = await harness.setup();
      const acme = await fixture.organization();
      const other = fixture.anotherVault().organization(acme.id);
      const wallet = await createWallet(acme);
      const count = Math.max(10, Math.round(100 * harness.scale));
      const { errors } = await settle(
        Array.from({ length: count }, (_, i) =>
          (i % 2 === 0 ? acme : other).transactions.deposit({
            walletId: wallet.id,
            amount: '0.01',
          }),
        ),
      );
      expect(errors).toEqual([]);
      expect((await acme.wallets.retrieve(wallet.id)).balance).toBe(format(BigInt(count)));
      expect((await acme.wallets.entries(wallet.id, { pageSize: 1 })).total).toBe(count);
    });

    it('creates exactly one SYSTEM wallet under concurrent first deposits', {
      timeout: harness.heavyTimeoutMs,
    }, async () => {
      const fixture = await harness.setup();
      const acme = await fixture.organization();
      const engines = [
        acme,
        fixture.anotherVault().organization(acme.id),
        fixture.anotherVault().organization(acme.id),
      ];
      const wallets = [];
      for (let i = 0; i < 16; i += 1) wallets.push(await createWallet(acme, { currency: 'SEK' }));
      const { errors, values } = await settle(
        wallets.flatMap((wallet, i) =>
          [0, 1].map((j) =>
            engines[(i + j) % engines.length]!.transactions.deposit({
              walletId: wallet.id,
              amount: '2.50',
            }),
          ),
        ),
      );
      expect(errors).toEqual([]);
      const systems = await acme.wallets.list({ walletType: 'SYSTEM' });
      expect(systems.total).toBe(1);
      expect(systems.items[0]).toMatchObject({ currency: 'SEK', balance: '-80.00' });
      expect(new Set(values.map((t) => t.fromWalletId))).toEqual(new Set([systems.items[0]!.id]));
    });

    it('creates exactly one PRIMARY wallet when creations race', async () => {
      const fixture = await harness.setup();
      const acme = await fixture.organization();
      const other = fixture.anotherVault().organization(acme.id);
      const { values, errors } = await settle(
        Array.from({ length: 12 }, (_, i) =>
          (i % 2 === 0 ? acme : other).wallets.create({
            name: `Attempt ${i}`,
            walletType: 'PRIMARY',
            currency: 'USD',
            ownerId: 'racer',
          }),
        ),
      );
      expect(values).toHaveLength(1);
      for (const error of errors) {
        expect(error.code).toBe('PRIMARY_WALLET_EXISTS');
        expect(error.details.wallet_id).toBe(values[0]!.id);
      }
      expect((await acme.wallets.list({ ownerId: 'racer' })).total).toBe(1);
    });

    it('resolves racing holds, captures and voids of one wallet one way each', {
      timeout: harness.heavyTimeoutMs,
    }, async () => {
      const fixture = await harness.setup();
      const acme = await fixture.organization();
      const other = fixture.anotherVault().organization(acme.id);
      const from = await fundedWallet(acme, '10.00');
      const to = await createWallet(acme);
      const holds = await settle(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 === 0 ? acme : other).transactions.transfer({
            fromWalletId: from.id,
            toWalletId: to.id,
            amount: '1.00',
            hold: true,
          }),
        ),
      );
      expect(holds.values).toHaveLength(10);
      for (const error of holds.errors) expect(error.code).toBe('INSUFFICIENT_FUNDS');
      expect((await acme.wallets.retrieve(from.id)).availableBalance).toBe('0.00');
      const races = await settle(
        holds.values.flatMap((hold, i) => [
          acme.transactions.capture(hold.id, { amount: '0.60' }),
          other.transactions.void(hold.id),
          (i % 2 === 0 ? acme : other).transactions.capture(hold.id),
        ]),
      );
      let captured = 0n;
      for (const hold of holds.values) {
        const settled = await acme.transactions.retrieve(hold.id);
        expect(['COMPLETED', 'VOIDED']).toContain(settled.status);
        if (settled.status === 'COMPLETED') captured += minor(settled.amount);
      }
      expect(races.values).toHaveLength(10);
      for (const error of races.errors) expect(error.code).toBe('INVALID_STATE');
      const wallet = await acme.wallets.retrieve(from.id);
      expect(minor(wallet.balance)).toBe(1000n - captured);
      expect(wallet.availableBalance).toBe(wallet.balance);
      expect(minor((await acme.wallets.retrieve(to.id)).balance)).toBe(captured);
    });

    it('lets a concurrent freeze stop transfers, with nothing half-done', async () => {
      const fixture = await harness.setup();
      const acme = await fixture.organization();
      const other = fixture.anotherVault().organization(acme.id);
      const from = await fundedWallet(acme, '100.00');
      const to = await createWallet(acme);
      const transfer = (scope: OrganizationScope) =>
        scope.transactions.transfer({ fromWalletId: from.id, toWalletId: to.id, amount: '1.00' });
      const calls: Promise<unknown>[] = [];
      for (let i = 0; i < 30; i += 1) {
        if (i === 15) calls.push(other.wallets.freeze(from.id));
        calls.push(transfer(i % 2 === 0 ? acme : other));
      }
      const { errors } = await settle(calls);
      for (const error of errors) expect(error.code).toBe('WALLET_FROZEN');
      const moved = (await acme.wallets.transactions(to.id, { pageSize: 100 })).total ?? 0;
      expect(minor((await acme.wallets.retrieve(to.id)).balance)).toBe(BigInt(moved) * 100n);
      expect(minor((await acme.wallets.retrieve(from.id)).balance)).toBe(
        10_000n - BigInt(moved) * 100n,
      );
      expect(moved + errors.length).toBe(30);
      expect((await acme.wallets.retrieve(from.id)).status).toBe('FROZEN');
    });

    it('never reverses more than the original under concurrent reversals', async () => {
      const fixture = await harness.setup();
      const acme = await fixture.organization();
      const other = fixture.anotherVault().organization(acme.id);
      const from = await fundedWallet(acme, '10.00');
      const to = await createWallet(acme);
      const original = await acme.transactions.transfer({
        fromWalletId: from.id,
        toWalletId: to.id,
        amount: '10.00',
      });
      const { values, errors } = await settle(
        Array.from({ length: 12 }, (_, i) =>
          (i % 2 === 0 ? acme : other).transactions.reverse(original.id, { amount: '2.00' }),
        ),
      );
      expect(values).toHaveLength(5);
      for (const error of errors) expect(error.code).toBe('AMOUNT_EXCEEDS_REMAINING');
      expect((await acme.transactions.retrieve(original.id)).reversedAmount).toBe('10.00');
      expect((await acme.wallets.retrieve(to.id)).balance).toBe('0.00');
    });
  });
}

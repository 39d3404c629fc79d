// Proves that idempotency holds when requests with one key race: N concurrent identical calls
// (through one engine and through two engines sharing the store, as two server processes would)
// write exactly one result, all return it, and exactly one reports `replayed: false`; racing
// different requests under one key let exactly one through.
import { describe, expect, it } from 'vitest';
import type { OrganizationScope, WriteOperation } from '../../engine/organization-scope.js';
import { createVault } from '../../engine/vault.js';
import type { LedgerStore, Written } from '../../store/ledger-store.js';
import { ledgerSnapshot } from './expectations.js';
import { createWallet, type Fixture, fundedWallet, type Harness, settle } from './harness.js';

/** The number of racing calls. */
function racers(harness: Harness): number {
  return Math.max(5, Math.round(20 * harness.scale));
}

/** The same organization seen through the fixture's engine and through a second engine. */
function scopes(fixture: Fixture, acme: OrganizationScope): OrganizationScope[] {
  return [acme, fixture.anotherVault().organization(acme.id)];
}

async function race(
  scopesToUse: readonly OrganizationScope[],
  count: number,
  operation: WriteOperation,
  input: (index: number) => unknown,
  idempotencyKey: string,
) {
  return settle(
    Array.from(
      { length: count },
      (_, index) =>
        scopesToUse[index % scopesToUse.length]!.execute(operation, input(index) as never, {
          idempotencyKey,
        }) as Promise<Written<unknown>>,
    ),
  );
}

function expectOneWinner(values: readonly Written<unknown>[], count: number): unknown {
  expect(values).toHaveLength(count);
  expect(
    values.filter((v) => !v.replayed),
    'exactly one call wrote',
  ).toHaveLength(1);
  const first = values[0]!.value;
  for (const value of values) expect(value.value).toEqual(first);
  return first;
}

export function describeIdempotencyRaces(harness: Harness): void {
  describe('idempotency under races', () => {
    for (const engines of [1, 2]) {
      it(`writes one transfer for N identical concurrent calls (${engines} engine(s))`, async () => {
        const fixture = await harness.setup();
        const acme = await fixture.organization();
        const from = await fundedWallet(acme, '100.00');
        const to = await createWallet(acme);
        const before = (await acme.transactions.list()).total ?? 0;
        const count = racers(harness);
        const { values, errors } = await race(
          scopes(fixture, acme).slice(0, engines),
          count,
          'transactions.transfer',
          () => ({ fromWalletId: from.id, toWalletId: to.id, amount: '7.00' }),
          'race-transfer',
        );
        expect(errors).toEqual([]);
        expectOneWinner(values, count);
        expect((await acme.transactions.list()).total).toBe(before + 1);
        expect((await acme.wallets.retrieve(from.id)).balance).toBe('93.00');
        expect((await acme.wallets.entries(to.id)).total).toBe(1);
      });
    }

    it('replays a withdrawal that drained the wallet to a retry that raced it from a cold engine', async () => {
      // The retry checks its key before the first call commits, and only then moves on: it
      // must get the first result even though the request would now be rejected (nothing
      // left to withdraw), whatever the retrying engine has cached.
      const fixture = await harness.setup();
      const acme = await fixture.organization();
      const wallet = await fundedWallet(acme, '100.00');
      let releaseRetry: () => void = () => {};
      const firstCommitted = new Promise<void>((resolve) => {
        releaseRetry = resolve;
      });
      const { store } = fixture;
      const findIdempotencyKey: LedgerStore['findIdempotencyKey'] = async (organizationId, key) => {
        const found = await store.findIdempotencyKey(organizationId, key);
        await firstCommitted;
        return found;
      };
      // Every other method runs on the store itself (bound, so private fields keep working).
      const gated = new Proxy(store, {
        get(target, property) {
          if (property === 'findIdempotencyKey') return findIdempotencyKey;
          const value: unknown = Reflect.get(target, property, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const cold = createVault({ store: gated, clock: fixture.time.clock }).organization(acme.id);
      const input = { walletId: wallet.id, amount: '100.00' };
      const retry = cold.execute('transactions.withdraw', input, { idempotencyKey: 'drain' });
      const first = await acme.execute('transactions.withdraw', input, { idempotencyKey: 'drain' });
      releaseRetry();
      const replay = await retry;
      expect(first.replayed).toBe(false);
      expect(replay.replayed).toBe(true);
      expect(replay.value).toEqual(first.value);
      expect((await acme.wallets.retrieve(wallet.id)).balance).toBe('0.00');
      expect((await acme.transactions.list({ walletId: wallet.id })).total).toBe(2);
    });

    it('writes one deposit, one SYSTEM wallet and one batch for racing first uses', async () => {
      const fixture = await harness.setup();
      const acme = await fixture.organization();
      const wallet = await createWallet(acme, { currency: 'CHF' });
      const other = await createWallet(acme, { currency: 'CHF' });
      const count = racers(harness);
      const deposits = await race(
        scopes(fixture, acme),
        count,
        'transactions.deposit',
        () => ({ walletId: wallet.id, amount: '10.00' }),
        'race-deposit',
      );
      expect(deposits.errors).toEqual([]);
      expectOneWinner(deposits.values, count);
      expect((await acme.wallets.list({ walletType: 'SYSTEM' })).total).toBe(1);
      const item = { fromWalletId: wallet.id, toWalletId: other.id, amount: '1.00' };
      const batches = await race(
        scopes(fixture, acme),
        count,
        'transactions.batch',
        () => ({ transfers: [item, item, item] }),
        'race-batch',
      );
      expect(batches.errors).toEqual([]);
      expectOneWinner(batches.values, count);
      expect((await acme.wallets.retrieve(wallet.id)).balance).toBe('7.00');
      expect((await acme.transactions.list()).total).toBe(4);
    });

    it('writes one wallet, one capture and one reversal for racing identical calls', async () => {
      const fixture = await harness.setup();
      const acme = await fixture.organization();
      const count = racers(harness);
      const both = scopes(fixture, acme);
      const wallets = await race(
        both,
        count,
        'wallets.create',
        () => ({ name: 'Racer', walletType: 'BONUS', currency: 'USD', ownerId: 'racer' }),
        'race-wallet',
      );
      expect(wallets.errors).toEqual([]);
      expectOneWinner(wallets.values, count);
      expect((await acme.wallets.list({ ownerId: 'racer' })).total).toBe(1);
      const from = await fundedWallet(acme, '20.00');
      const to = await createWallet(acme);
      const hold = await acme.transactions.transfer({
        fromWalletId: from.id,
        toWalletId: to.id,
        amount: '8.00',
        hold: true,
      });
      const captures = await race(
        both,
        count,
        'transactions.capture',
        () => ({ transactionId: hold.id, amount: '6.00' }),
        'race-capture',
      );
      expect(captures.errors).toEqual([]);
      expectOneWinner(captures.values, count);
      const reversals = await race(
        both,
        count,
        'transactions.reverse',
        () => ({ transactionId: hold.id, amount: '1.00' }),
        'race-reverse',
      );
      expect(reversals.errors).toEqual([]);
      expectOneWinner(reversals.values, count);
      expect((await acme.transactions.retrieve(hold.id)).reversedAmount).toBe('1.00');
      expect((await acme.wallets.retrieve(from.id)).balance).toBe('15.00');
    });

    it('lets exactly one of racing different requests under one key through', async () => {
      const fixture = await harness.setup();
      const acme = await fixture.organization();
      const from = await fundedWallet(acme, '1000.00');
      const to = await createWallet(acme);
      const count = racers(harness);
      const { values, errors } = await race(
        scopes(fixture, acme),
        count,
        'transactions.transfer',
        (index) => ({
          fromWalletId: from.id,
          toWalletId: to.id,
          amount: '1.00',
          description: `attempt ${index}`,
        }),
        'race-different',
      );
      expect(values).toHaveLength(1);
      expect(values[0]?.replayed).toBe(false);
      expect(errors).toHaveLength(count - 1);
      for (const error of errors) expect(error.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect((await acme.wallets.retrieve(to.id)).balance).toBe('1.00');
      expect((await acme.transactions.list()).total).toBe(2);
    });

    it('keeps no key when racing identical calls are all rejected', async () => {
      const fixture = await harness.setup();
      const acme = await fixture.organization();
      const from = await createWallet(acme);
      const to = await createWallet(acme);
      const input = () => ({ fromWalletId: from.id, toWalletId: to.id, amount: '5.00' });
      const before = await ledgerSnapshot(acme);
      const rejected = await race(scopes(fixture, acme), 10, 'transactions.transfer', input, 'k');
      expect(rejected.values).toEqual([]);
      for (const error of rejected.errors) expect(error.code).toBe('INSUFFICIENT_FUNDS');
      expect(await ledgerSnapshot(acme)).toEqual(before);
      await acme.transactions.deposit({ walletId: from.id, amount: '5.00' });
      const retried = await race(scopes(fixture, acme), 10, 'transactions.transfer', input, 'k');
      expect(retried.errors).toEqual([]);
      expectOneWinner(retried.values, 10);
    });
  });
}

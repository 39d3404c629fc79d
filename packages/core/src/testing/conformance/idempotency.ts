// Proves idempotency keys on every write: the same key and input replays the first result with
// `replayed: true` and writes nothing, another input under the key is IDEMPOTENCY_KEY_REUSED, a
// rejected request keeps no key, keys are per organization and exact, and a replay returns the
// first result even after the state changed.
import { describe, expect, it } from 'vitest';
import { expectRejectedWithoutWrites, expectVaultError, ledgerSnapshot } from './expectations.js';
import { createWallet, fundedWallet, type Harness } from './harness.js';
import { idempotentOperations, pair } from './idempotency-operations.js';

export function describeIdempotency(harness: Harness): void {
  describe('idempotency', () => {
    for (const operation of idempotentOperations) {
      it(`${operation.name}: replays the same request and refuses another under its key`, async () => {
        const { organization } = await harness.setup();
        const acme = await organization();
        const { same, different } = await operation.prepare(acme);
        const first = await same({ idempotencyKey: 'request-1' });
        expect(first.replayed).toBe(false);
        const after = await ledgerSnapshot(acme);
        const again = await same({ idempotencyKey: 'request-1' });
        expect(again).toEqual({ value: first.value, replayed: true });
        expect(await ledgerSnapshot(acme), 'a replay writes nothing').toEqual(after);
        const error = await expectRejectedWithoutWrites(
          acme,
          () => different({ idempotencyKey: 'request-1' }),
          'IDEMPOTENCY_KEY_REUSED',
        );
        expect(error.status).toBe(409);
        expect((await different({ idempotencyKey: 'request-2' })).replayed).toBe(false);
      });
    }

    it('keeps no key for a rejected request, so that it can be retried', async () => {
      const { organization } = await harness.setup();
      const acme = await organization();
      const alice = await createWallet(acme);
      const withdraw = () =>
        acme.execute(
          'transactions.withdraw',
          { walletId: alice.id, amount: '5.00' },
          { idempotencyKey: 'w-1' },
        );
      await expectRejectedWithoutWrites(acme, withdraw, 'INSUFFICIENT_FUNDS');
      await expectRejectedWithoutWrites(acme, withdraw, 'INSUFFICIENT_FUNDS');
      await acme.transactions.deposit({ walletId: alice.id, amount: '5.00' });
      const first = await withdraw();
      expect(first.replayed).toBe(false);
      expect(await withdraw()).toEqual({ value: first.value, replayed: true });
      expect((await acme.wallets.retrieve(alice.id)).balance).toBe('0.00');
      const wallet = () =>
        acme.execute(
          'wallets.create',
          { name: 'Again', walletType: 'PRIMARY', currency: 'USD', ownerId: alice.ownerId },
          { idempotencyKey: 'c-1' },
        );
      await expectVaultError(wallet(), 'PRIMARY_WALLET_EXISTS');
      await expectVaultError(wallet(), 'PRIMARY_WALLET_EXISTS');
    });

    it('scopes keys to their organization', async () => {
      const { organization } = await harness.setup();
      const acme = await organization('Acme');
      const globex = await organization('Globex');
      const a = await createWallet(acme);
      const g = await createWallet(globex);
      const options = { idempotencyKey: 'shared-key' };
      const inAcme = await acme.execute(
        'transactions.deposit',
        { walletId: a.id, amount: '1.00' },
        options,
      );
      const inGlobex = await globex.execute(
        'transactions.deposit',
        { walletId: g.id, amount: '2.00' },
        options,
      );
      expect([inAcme.replayed, inGlobex.replayed]).toEqual([false, false]);
      expect(inGlobex.value.id).not.toBe(inAcme.value.id);
      expect(inGlobex.value.organizationId).toBe(globex.id);
      expect((await globex.wallets.retrieve(g.id)).balance).toBe('2.00');
      expect((await acme.wallets.retrieve(a.id)).balance).toBe('1.00');
      const replay = await globex.execute(
        'transactions.deposit',
        { walletId: g.id, amount: '2.00' },
        options,
      );
      expect(replay).toEqual({ value: inGlobex.value, replayed: true });
    });

    it('treats keys as exact strings: case and spaces matter', async () => {
      const { organization } = await harness.setup();
      const acme = await organization();
      const alice = await createWallet(acme);
      const keys = ['order-1', 'ORDER-1', 'order-1 ', ' order-1', 'k'.repeat(255)];
      const ids = new Set<string>();
      for (const idempotencyKey of keys) {
        const result = await acme.execute(
          'transactions.deposit',
          { walletId: alice.id, amount: '1.00' },
          { idempotencyKey },
        );
        expect(result.replayed, JSON.stringify(idempotencyKey)).toBe(false);
        ids.add(result.value.id);
      }
      expect(ids.size).toBe(keys.length);
      expect((await acme.wallets.retrieve(alice.id)).balance).toBe('5.00');
      const long = await acme.execute(
        'transactions.deposit',
        { walletId: alice.id, amount: '1.00' },
        { idempotencyKey: 'k'.repeat(255) },
      );
      expect(long.replayed).toBe(true);
    });

    it('refuses a key used for another operation with the same body', async () => {
      const { organization } = await harness.setup();
      const acme = await organization();
      const alice = await fundedWallet(acme, '10.00');
      const input = { walletId: alice.id, amount: '1.00' };
      await acme.transactions.deposit(input, { idempotencyKey: 'k' });
      await expectRejectedWithoutWrites(
        acme,
        () => acme.transactions.withdraw(input, { idempotencyKey: 'k' }),
        'IDEMPOTENCY_KEY_REUSED',
      );
    });

    it('recognizes the same request written differently (field order, id case)', async () => {
      const { organization } = await harness.setup();
      const acme = await organization();
      const { from, to } = await pair(acme);
      const first = await acme.execute(
        'transactions.transfer',
        { fromWalletId: from, toWalletId: to, amount: '1.00', metadata: { a: '1', b: '2' } },
        { idempotencyKey: 'same' },
      );
      const second = await acme.execute(
        'transactions.transfer',
        {
          metadata: { b: '2', a: '1' },
          amount: '1.00',
          toWalletId: to.toUpperCase(),
          fromWalletId: from,
        },
        { idempotencyKey: 'same' },
      );
      expect(second).toEqual({ value: first.value, replayed: true });
    });

    it('replays the first result even after the state changed', async () => {
      const { organization, time } = await harness.setup();
      const acme = await organization();
      const { from, to } = await pair(acme);
      const expiresAt = new Date(time.now().getTime() + 60_000);
      const holdInput = {
        fromWalletId: from,
        toWalletId: to,
        amount: '5.00',
        hold: true,
        expiresAt,
      };
      const hold = await acme.transactions.transfer(holdInput, { idempotencyKey: 'hold' });
      await acme.transactions.capture(hold.id);
      const replayedHold = await acme.execute('transactions.transfer', holdInput, {
        idempotencyKey: 'hold',
      });
      expect(replayedHold).toEqual({ value: hold, replayed: true });
      expect(replayedHold.value.status).toBe('PENDING');
      const moveInput = { fromWalletId: from, toWalletId: to, amount: '1.00' };
      const move = await acme.transactions.transfer(moveInput, { idempotencyKey: 'move' });
      const freeze = await acme.wallets.freeze(from, { idempotencyKey: 'freeze' });
      await acme.wallets.unfreeze(from);
      time.advance(120_000);
      const after = await ledgerSnapshot(acme);
      expect(await acme.transactions.transfer(holdInput, { idempotencyKey: 'hold' })).toEqual(hold);
      expect(await acme.transactions.transfer(moveInput, { idempotencyKey: 'move' })).toEqual(move);
      expect(await acme.wallets.freeze(from, { idempotencyKey: 'freeze' })).toEqual(freeze);
      expect((await acme.wallets.retrieve(from)).status).toBe('ACTIVE');
      expect(await ledgerSnapshot(acme)).toEqual(after);
    });

    it('replays a wallet creation instead of reporting PRIMARY_WALLET_EXISTS', async () => {
      const { organization } = await harness.setup();
      const acme = await organization();
      const input = {
        name: 'Main',
        walletType: 'PRIMARY',
        currency: 'USD',
        ownerId: 'bob',
      } as const;
      const created = await acme.wallets.create(input, { idempotencyKey: 'create-bob' });
      expect(await acme.wallets.create(input, { idempotencyKey: 'create-bob' })).toEqual(created);
      expect((await acme.wallets.list({ ownerId: 'bob' })).total).toBe(1);
    });
  });
}

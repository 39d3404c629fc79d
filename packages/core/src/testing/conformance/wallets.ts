// Proves wallet creation (every type, custom assets, the one-PRIMARY-per-owner-and-currency
// rule), exact text, retrieval, listing with each filter, and freezing (a frozen wallet neither
// sends nor receives), by driving the engine and reading back every field it promises.
import { describe, expect, it } from 'vitest';
import { isUuid } from '../../ids/uuid-v7-generator.js';
import {
  expectRejectedWithoutWrites,
  expectValidationError,
  expectVaultError,
} from './expectations.js';
import { createWallet, fundedWallet, type Harness, systemWallet, unknownId } from './harness.js';

export function describeWallets(harness: Harness): void {
  describe('wallets', () => {
    it('creates a wallet of each type with a zero balance and retrieves it', async () => {
      const { time, organization } = await harness.setup();
      const acme = await organization();
      for (const walletType of ['PRIMARY', 'BONUS', 'SYSTEM'] as const) {
        time.advance(10);
        const wallet = await acme.wallets.create({
          name: `${walletType} wallet`,
          walletType,
          currency: 'EUR',
          ownerId: 'user-1',
          metadata: { purpose: walletType.toLowerCase() },
        });
        expect(isUuid(wallet.id)).toBe(true);
        expect(wallet).toEqual({
          id: wallet.id,
          organizationId: acme.id,
          ownerId: 'user-1',
          name: `${walletType} wallet`,
          walletType,
          currency: 'EUR',
          status: 'ACTIVE',
          balance: '0.00',
          availableBalance: '0.00',
          metadata: { purpose: walletType.toLowerCase() },
          createdAt: time.now(),
          updatedAt: time.now(),
        });
        expect(await acme.wallets.retrieve(wallet.id)).toEqual(wallet);
        expect(await acme.wallets.retrieve(wallet.id.toUpperCase())).toEqual(wallet);
      }
    });

    it('allows one PRIMARY wallet per owner and currency', async () => {
      const { organization } = await harness.setup();
      const acme = await organization();
      const first = await createWallet(acme, { ownerId: 'alice', currency: 'USD' });
      const error = await expectRejectedWithoutWrites(
        acme,
        () => createWallet(acme, { ownerId: 'alice', currency: 'USD', name: 'Second' }),
        'PRIMARY_WALLET_EXISTS',
      );
      expect(error.details.wallet_id).toBe(first.id);
      expect(error.status).toBe(409);
      const bonus = await createWallet(acme, { ownerId: 'alice', walletType: 'BONUS' });
      const bonus2 = await createWallet(acme, { ownerId: 'alice', walletType: 'BONUS' });
      const euro = await createWallet(acme, { ownerId: 'alice', currency: 'EUR' });
      const bob = await createWallet(acme, { ownerId: 'bob', currency: 'USD' });
      expect(new Set([first.id, bonus.id, bonus2.id, euro.id, bob.id]).size).toBe(5);
      await acme.wallets.freeze(first.id);
      const again = await expectVaultError(
        createWallet(acme, { ownerId: 'alice', currency: 'USD' }),
        'PRIMARY_WALLET_EXISTS',
      );
      expect(again.details.wallet_id).toBe(first.id);
      expect((await acme.wallets.list({ ownerId: 'alice' })).total).toBe(4);
    });

    it('stores text exactly: Unicode, quotes, backslashes, SQL and JSON look-alikes', async () => {
      const { organization } = await harness.setup();
      const acme = await organization();
      const texts = [
        'O\'Brien "quoted" \\ back\\slash',
        "'; DROP TABLE wallets; --",
        'Zürich ✓ 日本語 🚀 \u00e9 e\u0301',
        '{"json": [1, 2]} %s %d $1 ?',
        ' leading and trailing spaces ',
      ];
      for (const [index, text] of texts.entries()) {
        const metadata = { note: text, [`key_${index}.a:b-c`]: text };
        const wallet = await createWallet(acme, { name: text, ownerId: text, metadata });
        expect(await acme.wallets.retrieve(wallet.id)).toMatchObject({
          name: text,
          ownerId: text,
          metadata,
        });
        expect((await acme.wallets.list({ ownerId: text })).items.map((w) => w.id)).toEqual([
          wallet.id,
        ]);
        const deposit = await acme.transactions.deposit({
          walletId: wallet.id,
          amount: '1',
          description: text,
          metadata,
        });
        expect(await acme.transactions.retrieve(deposit.id)).toMatchObject({
          description: text,
          metadata,
        });
      }
    });

    it('treats owner ids as exact, case-sensitive strings', async () => {
      const { organization } = await harness.setup();
      const acme = await organization();
      const owners = ['alice', 'Alice', 'ALICE', 'alice ', 'alicé'];
      for (const ownerId of owners) await createWallet(acme, { ownerId });
      for (const ownerId of owners) {
        const page = await acme.wallets.list({ ownerId });
        expect(
          page.items.map((w) => w.ownerId),
          JSON.stringify(ownerId),
        ).toEqual([ownerId]);
      }
    });

    it('rejects an unknown currency and writes nothing', async () => {
      const { organization } = await harness.setup();
      const acme = await organization();
      for (const currency of ['XXZ', 'BTC', 'usd', 'US', '']) {
        await expectValidationError(createWallet(acme, { currency }), ['currency']);
      }
      expect((await acme.wallets.list()).total).toBe(0);
    });

    it('keeps custom assets at their declared scale', async () => {
      const { organization } = await harness.setup({ currencies: { BTC: 8, POINTS: 0 } });
      const acme = await organization();
      const btc = await createWallet(acme, { currency: 'BTC' });
      expect(btc.balance).toBe('0.00000000');
      const deposit = await acme.transactions.deposit({ walletId: btc.id, amount: '0.00000001' });
      expect(deposit.amount).toBe('0.00000001');
      await acme.transactions.deposit({ walletId: btc.id, amount: '21000000' });
      expect((await acme.wallets.retrieve(btc.id)).balance).toBe('21000000.00000001');
      await expectValidationError(
        acme.transactions.deposit({ walletId: btc.id, amount: '0.000000001' }),
        ['amount'],
      );
      const points = await createWallet(acme, { currency: 'POINTS' });
      expect(points.balance).toBe('0');
      expect((await acme.transactions.deposit({ walletId: points.id, amount: '5' })).amount).toBe(
        '5',
      );
      await expectValidationError(
        acme.transactions.deposit({ walletId: points.id, amount: '5.0' }),
        ['amount'],
      );
      expect((await acme.wallets.retrieve(points.id)).balance).toBe('5');
      expect((await systemWallet(acme, 'POINTS')).balance).toBe('-5');
    });

    it('answers NOT_FOUND for a wallet that does not exist', async () => {
      const { organization } = await harness.setup();
      const acme = await organization();
      await createWallet(acme);
      const missing = unknownId();
      const error = await expectVaultError(acme.wallets.retrieve(missing), 'NOT_FOUND');
      expect(error.details.id).toBe(missing);
      await expectVaultError(acme.wallets.balance(missing), 'NOT_FOUND');
      await expectVaultError(acme.wallets.entries(missing), 'NOT_FOUND');
      await expectVaultError(acme.wallets.transactions(missing), 'NOT_FOUND');
      await expectVaultError(acme.wallets.freeze(missing), 'NOT_FOUND');
      await expectVaultError(acme.wallets.unfreeze(missing), 'NOT_FOUND');
    });

    it('filters the wallet list by owner, type, currency and status, alone and combined', async () => {
      const { time, organization } = await harness.setup();
      const acme = await organization();
      const make = async (ownerId: string, walletType: 'PRIMARY' | 'BONUS', currency: string) => {
        time.advance(1);
        return (await createWallet(acme, { ownerId, walletType, currency })).id;
      };
      const aliceUsd = await make('alice', 'PRIMARY', 'USD');
      const aliceBonus = await make('alice', 'BONUS', 'USD');
      const aliceEur = await make('alice', 'PRIMARY', 'EUR');
      const bobUsd = await make('bob', 'PRIMARY', 'USD');
      const bobJpy = await make('bob', 'BONUS', 'JPY');
      await acme.wallets.freeze(bobUsd);
      await acme.transactions.deposit({ walletId: aliceUsd, amount: '1.00' });
      const usdSystem = (await systemWallet(acme, 'USD')).id;
      const ids = async (filter: Parameters<typeof acme.wallets.list>[0]) => {
        const page = await acme.wallets.list({ ...filter, pageSize: 100 });
        expect(page.total).toBe(page.items.length);
        return [...page.items.map((w) => w.id)].sort();
      };
      const sorted = (...values: string[]) => [...values].sort();
      expect(await ids({})).toEqual(
        sorted(aliceUsd, aliceBonus, aliceEur, bobUsd, bobJpy, usdSystem),
      );
      expect(await ids({ ownerId: 'alice' })).toEqual(sorted(aliceUsd, aliceBonus, aliceEur));
      expect(await ids({ walletType: 'BONUS' })).toEqual(sorted(aliceBonus, bobJpy));
      expect(await ids({ walletType: 'SYSTEM' })).toEqual([usdSystem]);
      expect(await ids({ currency: 'USD' })).toEqual(
        sorted(aliceUsd, aliceBonus, bobUsd, usdSystem),
      );
      expect(await ids({ status: 'FROZEN' })).toEqual([bobUsd]);
      expect(await ids({ ownerId: 'alice', currency: 'USD' })).toEqual(
        sorted(aliceUsd, aliceBonus),
      );
      expect(await ids({ ownerId: 'bob', walletType: 'PRIMARY', status: 'FROZEN' })).toEqual([
        bobUsd,
      ]);
      expect(await ids({ currency: 'USD', status: 'ACTIVE', walletType: 'PRIMARY' })).toEqual([
        aliceUsd,
      ]);
      expect(await ids({ ownerId: 'carol' })).toEqual([]);
      expect(await ids({ currency: 'GBP' })).toEqual([]);
    });

    it('freezes a wallet so that it can neither send nor receive, and unfreezes it', async () => {
      const { time, organization } = await harness.setup();
      const acme = await organization();
      const alice = await fundedWallet(acme, '50.00');
      const bob = await fundedWallet(acme, '50.00');
      time.advance(1_000);
      const frozen = await acme.wallets.freeze(alice.id);
      expect(frozen).toMatchObject({ id: alice.id, status: 'FROZEN', balance: '50.00' });
      expect(frozen.updatedAt).toEqual(time.now());
      expect(await acme.wallets.retrieve(alice.id)).toEqual(frozen);
      const t = acme.transactions;
      const attempts: [string, () => Promise<unknown>][] = [
        ['send', () => t.transfer({ fromWalletId: alice.id, toWalletId: bob.id, amount: '1.00' })],
        ['receive', () => t.transfer({ fromWalletId: bob.id, toWalletId: alice.id, amount: '1' })],
        ['deposit', () => t.deposit({ walletId: alice.id, amount: '1.00' })],
        ['withdraw', () => t.withdraw({ walletId: alice.id, amount: '1.00' })],
        [
          'hold',
          () => t.transfer({ fromWalletId: alice.id, toWalletId: bob.id, amount: '1', hold: true }),
        ],
      ];
      for (const [what, attempt] of attempts) {
        const error = await expectRejectedWithoutWrites(acme, attempt, 'WALLET_FROZEN');
        expect(error.details.wallet_id, what).toBe(alice.id);
      }
      time.advance(1_000);
      const refrozen = await acme.wallets.freeze(alice.id);
      expect(refrozen, 'freezing a frozen wallet changes nothing').toEqual(frozen);
      time.advance(1_000);
      const active = await acme.wallets.unfreeze(alice.id);
      expect(active).toMatchObject({ status: 'ACTIVE', balance: '50.00' });
      expect(active.updatedAt).toEqual(time.now());
      expect(await acme.wallets.unfreeze(alice.id), 'unfreezing is idempotent').toEqual(active);
      await t.transfer({ fromWalletId: alice.id, toWalletId: bob.id, amount: '1.00' });
      await t.transfer({ fromWalletId: bob.id, toWalletId: alice.id, amount: '2.00' });
      expect((await acme.wallets.retrieve(alice.id)).balance).toBe('51.00');
    });
  });
}

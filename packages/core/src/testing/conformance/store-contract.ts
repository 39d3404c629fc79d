// Proves the store enforces, by itself, the rules the engine also checks before calling it:
// driven through the store contract directly, a store must reject unknown wallets, mixed
// currencies and duplicate ids, and a failing plan of a batch must leave no trace.
import { describe, expect, it } from 'vitest';
import type { LedgerStore, TransferPlan } from '../../store/ledger-store.js';
import { isStoreRejection } from '../../store/store-rejection.js';
import { createWallet, fundedWallet, type Harness, unknownId } from './harness.js';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the store to reject the call');
}

export function describeStoreContract(harness: Harness): void {
  describe('store contract, called directly', () => {
    async function cast() {
      const fixture = await harness.setup();
      const acme = await fixture.organization();
      const alice = await fundedWallet(acme, '50.00');
      const bob = await createWallet(acme);
      const euro = await createWallet(acme, { currency: 'EUR' });
      const { store } = fixture;
      const nextId = () => crypto.randomUUID();
      const plan = (fields: Partial<TransferPlan>): TransferPlan => ({
        id: nextId(),
        transactionType: 'TRANSFER',
        amount: 100n,
        currency: 'USD',
        fromWalletId: alice.id,
        toWalletId: bob.id,
        description: null,
        metadata: {},
        hold: false,
        expiresAt: null,
        entryIds: [nextId(), nextId()],
        ...fields,
      });
      const post = (store: LedgerStore, transfers: TransferPlan[]) =>
        store.postTransfers({ organizationId: acme.id, now: fixture.time.now(), transfers });
      return { fixture, acme, alice, bob, euro, store, plan, post };
    }

    it('rejects an unknown wallet with NOT_FOUND naming it', async () => {
      const { store, plan, post } = await cast();
      const missing = unknownId();
      const error = await rejection(post(store, [plan({ toWalletId: missing })]));
      expect(isStoreRejection(error) && error.code).toBe('NOT_FOUND');
      expect(isStoreRejection(error) && error.facts.walletId).toBe(missing);
    });

    it('rejects wallets that do not hold the plan currency with CURRENCY_MISMATCH', async () => {
      const { store, plan, post, euro } = await cast();
      const error = await rejection(post(store, [plan({ toWalletId: euro.id })]));
      expect(isStoreRejection(error) && error.code).toBe('CURRENCY_MISMATCH');
    });

    it('writes nothing of a batch whose second plan fails, and names its index', async () => {
      const { store, plan, post, acme, alice } = await cast();
      const first = plan({});
      const error = await rejection(post(store, [first, plan({ amount: 10_000n })]));
      expect(isStoreRejection(error) && error.code).toBe('INSUFFICIENT_FUNDS');
      expect(isStoreRejection(error) && error.facts.index).toBe(1);
      await expect(acme.transactions.retrieve(first.id)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      expect((await acme.wallets.retrieve(alice.id)).balance).toBe('50.00');
    });

    it('refuses a wallet or an organization whose id already exists, and keeps the original', async () => {
      const { store, acme, alice, fixture } = await cast();
      const existing = await store.getWallet(acme.id, alice.id, fixture.time.now());
      expect(existing).not.toBeNull();
      await rejection(
        store.insertWallet({ wallet: { ...existing!, name: 'Impostor', balance: 0n } }),
      );
      expect((await acme.wallets.retrieve(alice.id)).name).toBe(existing!.name);
      expect((await acme.wallets.retrieve(alice.id)).balance).toBe('50.00');
      const organization = await store.getOrganization(acme.id);
      await rejection(store.insertOrganization({ ...organization!, name: 'Impostor' }));
      expect((await store.getOrganization(acme.id))?.name).toBe(organization!.name);
    });
  });
}

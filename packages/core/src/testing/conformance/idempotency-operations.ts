// The writes that accept an idempotency key, each with a way to prepare the state for it and two
// requests: one to replay, and a different one to send under the same key.
import type { OrganizationScope, WriteOperation } from '../../engine/organization-scope.js';
import type { Written } from '../../store/ledger-store.js';
import { createWallet, fundedWallet } from './harness.js';

type Run = (options: { idempotencyKey: string }) => Promise<Written<unknown>>;

/** One write operation of the idempotency table. */
export interface IdempotentOperation {
  readonly name: WriteOperation;
  /** Prepares the state and returns the request and a different request of the same operation. */
  readonly prepare: (acme: OrganizationScope) => Promise<{ same: Run; different: Run }>;
}

function run(acme: OrganizationScope, name: WriteOperation, input: unknown): Run {
  return (options) => acme.execute(name, input as never, options);
}

/** A funded wallet and an empty one. */
export async function pair(acme: OrganizationScope) {
  const from = await fundedWallet(acme, '50.00');
  const to = await createWallet(acme);
  return { from: from.id, to: to.id };
}

async function twoHolds(acme: OrganizationScope) {
  const { from, to } = await pair(acme);
  const hold = () =>
    acme.transactions.transfer({ fromWalletId: from, toWalletId: to, amount: '5.00', hold: true });
  return [(await hold()).id, (await hold()).id] as const;
}

/** Every write operation. */
export const idempotentOperations: readonly IdempotentOperation[] = [
  {
    name: 'wallets.create',
    prepare: async (acme) => {
      const input = { name: 'Main', walletType: 'PRIMARY', currency: 'USD', ownerId: 'alice' };
      return {
        same: run(acme, 'wallets.create', input),
        different: run(acme, 'wallets.create', { ...input, walletType: 'BONUS' }),
      };
    },
  },
  ...(['wallets.freeze', 'wallets.unfreeze'] as const).map((name) => ({
    name,
    prepare: async (acme: OrganizationScope) => {
      const { from, to } = await pair(acme);
      if (name === 'wallets.unfreeze') {
        await acme.wallets.freeze(from);
        await acme.wallets.freeze(to);
      }
      return {
        same: run(acme, name, { walletId: from }),
        different: run(acme, name, { walletId: to }),
      };
    },
  })),
  ...(['transactions.deposit', 'transactions.withdraw'] as const).map((name) => ({
    name,
    prepare: async (acme: OrganizationScope) => {
      const { from } = await pair(acme);
      return {
        same: run(acme, name, { walletId: from, amount: '5.00' }),
        different: run(acme, name, { walletId: from, amount: '5.01' }),
      };
    },
  })),
  {
    name: 'transactions.transfer',
    prepare: async (acme) => {
      const { from, to } = await pair(acme);
      const input = { fromWalletId: from, toWalletId: to, amount: '5.00' };
      return {
        same: run(acme, 'transactions.transfer', input),
        different: run(acme, 'transactions.transfer', { ...input, description: 'changed' }),
      };
    },
  },
  {
    name: 'transactions.batch',
    prepare: async (acme) => {
      const { from, to } = await pair(acme);
      const item = { fromWalletId: from, toWalletId: to, amount: '5.00' };
      return {
        same: run(acme, 'transactions.batch', { transfers: [item, item] }),
        different: run(acme, 'transactions.batch', { transfers: [item] }),
      };
    },
  },
  {
    name: 'transactions.capture',
    prepare: async (acme) => {
      const [first, second] = await twoHolds(acme);
      return {
        same: run(acme, 'transactions.capture', { transactionId: first, amount: '1.00' }),
        different: run(acme, 'transactions.capture', { transactionId: second, amount: '1.00' }),
      };
    },
  },
  {
    name: 'transactions.void',
    prepare: async (acme) => {
      const [first, second] = await twoHolds(acme);
      return {
        same: run(acme, 'transactions.void', { transactionId: first }),
        different: run(acme, 'transactions.void', { transactionId: second }),
      };
    },
  },
  {
    name: 'transactions.reverse',
    prepare: async (acme) => {
      const { from, to } = await pair(acme);
      const original = await acme.transactions.transfer({
        fromWalletId: from,
        toWalletId: to,
        amount: '5.00',
      });
      return {
        same: run(acme, 'transactions.reverse', { transactionId: original.id, amount: '1.00' }),
        different: run(acme, 'transactions.reverse', {
          transactionId: original.id,
          amount: '2.00',
        }),
      };
    },
  },
];

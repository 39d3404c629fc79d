// The five paginated lists of the engine, each with a way to seed it, to grow it while a walk is
// in progress, and to know its expected order; `pagination.ts` runs the same tests over all five.
import type { OrganizationScope } from '../../engine/organization-scope.js';
import type { Page, Transaction } from '../../engine/types.js';
import { createWallet, type Fixture, fundedWallet } from './harness.js';

/** A page request of any list. */
export interface PageQuery {
  readonly page?: number;
  readonly pageSize?: number;
  readonly cursor?: string;
}

/** What the tests need of a listed item. */
export interface Listed {
  readonly id: string;
  readonly createdAt: Date;
}

/** A seeded list. */
export interface SeededList {
  readonly fetch: (query: PageQuery) => Promise<Page<Listed>>;
  /** Every item written so far, in the list's order (newest first). */
  readonly expected: () => string[];
  /** Writes one more item of the list at the clock's current time. */
  readonly insert: () => Promise<void>;
}

/** A list of the engine and how to seed it. */
export interface ListSpec {
  readonly name: string;
  readonly seed: (fixture: Fixture, acme: OrganizationScope, count: number) => Promise<SeededList>;
}

/** Newest first by (createdAt, id), the order of every time-keyed list. */
export function newestFirst(items: readonly Listed[]): string[] {
  return [...items]
    .sort((a, b) => {
      const time = b.createdAt.getTime() - a.createdAt.getTime();
      if (time !== 0) return time;
      return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
    })
    .map((item) => item.id);
}

/** Moves the clock by 1 ms every third item, so that lists hold both ties and distinct times. */
function tick(fixture: Fixture, index: number): void {
  if (index % 3 === 0) fixture.time.advance(1);
}

function timeKeyed(
  items: Listed[],
  fetch: SeededList['fetch'],
  make: () => Promise<Listed>,
): SeededList {
  return {
    fetch,
    expected: () => newestFirst(items),
    insert: async () => {
      items.push(await make());
    },
  };
}

export const listSpecs: readonly ListSpec[] = [
  {
    name: 'organizations',
    seed: async (fixture, acme, count) => {
      const items: Listed[] = [await fixture.vault.organizations.retrieve(acme.id)];
      const make = () => fixture.vault.organizations.create({ name: 'Listed' });
      for (let i = 1; i < count; i += 1) {
        tick(fixture, i);
        items.push(await make());
      }
      return timeKeyed(items, (query) => fixture.vault.organizations.list(query), make);
    },
  },
  {
    name: 'wallets',
    seed: async (fixture, acme, count) => {
      const items: Listed[] = [];
      const make = () => createWallet(acme, { walletType: 'BONUS' });
      for (let i = 0; i < count; i += 1) {
        tick(fixture, i);
        items.push(await make());
      }
      return timeKeyed(items, (query) => acme.wallets.list(query), make);
    },
  },
  {
    name: 'transactions',
    seed: async (fixture, acme, count) => {
      const a = await fundedWallet(acme, '1000000.00');
      const b = await createWallet(acme);
      const items: Listed[] = [(await acme.transactions.list()).items[0]!];
      let made = 0;
      // Holds take the clock's time as it is (no posting clamp), so an insert made with the clock
      // set back lands behind a walk's cursor.
      const make = (): Promise<Transaction> => {
        made += 1;
        return acme.transactions.transfer({
          fromWalletId: a.id,
          toWalletId: b.id,
          amount: '1.00',
          hold: made % 2 === 0,
        });
      };
      for (let i = 1; i < count; i += 1) {
        tick(fixture, i);
        items.push(await make());
      }
      return timeKeyed(items, (query) => acme.transactions.list(query), make);
    },
  },
  {
    name: 'wallet transactions',
    seed: async (fixture, acme, count) => {
      const x = await fundedWallet(acme, '1000000.00');
      const y = await fundedWallet(acme, '1000000.00');
      const z = await createWallet(acme);
      const items: Listed[] = [(await acme.wallets.transactions(x.id)).items[0]!];
      let made = 0;
      const make = async (): Promise<Transaction> => {
        made += 1;
        // Interleave transactions of other wallets, which the list must skip.
        await acme.transactions.transfer({ fromWalletId: y.id, toWalletId: z.id, amount: '1' });
        return made % 2 === 0
          ? acme.transactions.transfer({ fromWalletId: x.id, toWalletId: y.id, amount: '2' })
          : acme.transactions.transfer({ fromWalletId: y.id, toWalletId: x.id, amount: '1' });
      };
      for (let i = 1; i < count; i += 1) {
        tick(fixture, i);
        items.push(await make());
      }
      return timeKeyed(items, (query) => acme.wallets.transactions(x.id, query), make);
    },
  },
  {
    name: 'wallet entries',
    seed: async (fixture, acme, count) => {
      const x = await createWallet(acme);
      const other = await createWallet(acme);
      const posted: string[] = [];
      let made = 0;
      const make = async () => {
        made += 1;
        const transaction =
          made % 3 === 0
            ? await acme.transactions.transfer({
                fromWalletId: x.id,
                toWalletId: other.id,
                amount: '0.01',
              })
            : await acme.transactions.deposit({ walletId: x.id, amount: '1.00' });
        posted.push(transaction.entries.find((entry) => entry.walletId === x.id)!.id);
      };
      for (let i = 0; i < count; i += 1) {
        tick(fixture, i);
        await make();
      }
      return {
        fetch: (query) => acme.wallets.entries(x.id, query),
        expected: () => [...posted].reverse(),
        insert: make,
      };
    },
  },
];

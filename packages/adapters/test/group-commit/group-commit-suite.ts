// The group-commit behaviour both SQL stores must show, as one suite each store file runs: many
// writes issued together are committed by one group (counted by spying on the store's group
// statement), each keeps its own outcome (the overdrafts, the frozen wallet and the reused key
// of a group fail alone and write nothing, the rest commit), ordering is that of arrival as on
// the one-by-one path, and closing the store answers what was queued. Checked with balances,
// transaction counts and `verify()` after each test.
import { createVault, type LedgerStore, type Vault } from '@vaultcraft/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GroupCommitOptions } from '../../src/shared/group-commit-options.js';
import { WriteGroups } from '../../src/shared/write-groups.js';

/** How a store file plugs into the suite. */
export interface GroupCommitHarness {
  readonly name: string;
  /** Opens a fresh, migrated store with group commit on; `reopen` opens the same database again. */
  open(
    groupCommit?: GroupCommitOptions,
  ): Promise<{ store: LedgerStore; reopen(): Promise<LedgerStore>; dispose(): Promise<void> }>;
  /** How many groups the stores of this process have committed so far. */
  groupsCommitted(): number;
  /**
   * Whether writes under idempotency keys, issued together, reach the store together: true on
   * SQLite (the engine's read of the key is synchronous), false on PostgreSQL (each read is a
   * round trip, answered in any order, so those writes may form several groups, in any order).
   */
  readonly keyedWritesArriveTogether: boolean;
}

interface Ledger {
  readonly vault: Vault;
  readonly acme: ReturnType<Vault['organization']>;
  readonly wallet: (name: string, deposit?: string) => Promise<string>;
}

async function ledgerOn(store: LedgerStore): Promise<Ledger> {
  const vault = createVault({ store });
  const organization = await vault.organizations.create({ name: 'Groups' });
  const acme = vault.organization(organization.id);
  const wallet = async (name: string, deposit?: string) => {
    const created = await acme.wallets.create({
      name,
      walletType: 'PRIMARY',
      currency: 'USD',
      ownerId: name,
    });
    if (deposit !== undefined) {
      await acme.transactions.deposit({ walletId: created.id, amount: deposit });
    }
    return created.id;
  };
  return { vault, acme, wallet };
}

/** Settles every promise and returns each outcome: the value, or the error's code. */
async function outcomes<T>(calls: Promise<T>[]): Promise<(T | string)[]> {
  const settled = await Promise.allSettled(calls);
  return settled.map((result) =>
    result.status === 'fulfilled'
      ? result.value
      : String((result.reason as { code?: unknown }).code),
  );
}

export function describeGroupCommit(harness: GroupCommitHarness): void {
  describe(`group commit on ${harness.name}`, () => {
    let disposals: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const dispose of disposals.reverse()) await dispose();
      disposals = [];
    });
    const open = async (groupCommit?: GroupCommitOptions) => {
      const opened = await harness.open(groupCommit);
      disposals.push(opened.dispose);
      return opened;
    };

    it('commits concurrent transfers in one group, failing only the overdrafts', async () => {
      const { store } = await open();
      const { vault, acme, wallet } = await ledgerOn(store);
      const payer = await wallet('payer', '10.00');
      const payees = await Promise.all(Array.from({ length: 8 }, (_, i) => wallet(`payee-${i}`)));

      const before = harness.groupsCommitted();
      const results = await outcomes(
        payees.map((payee) =>
          acme.transactions.transfer({ fromWalletId: payer, toWalletId: payee, amount: '3.00' }),
        ),
      );
      expect(harness.groupsCommitted() - before).toBe(1);
      // Arrival order decides, as one by one: the first three fit in 10.00, the rest overdraw.
      expect(results.map((result) => (typeof result === 'string' ? result : 'OK'))).toEqual([
        'OK',
        'OK',
        'OK',
        ...Array(5).fill('INSUFFICIENT_FUNDS'),
      ]);
      expect((await acme.wallets.balance(payer)).balance).toBe('1.00');
      const received = await Promise.all(
        payees.map(async (payee) => (await acme.wallets.balance(payee)).balance),
      );
      expect(received).toEqual(['3.00', '3.00', '3.00', ...Array(5).fill('0.00')]);
      const transfers = await acme.transactions.list({ transactionType: 'TRANSFER' });
      expect(transfers.total).toBe(3);
      expect((await vault.verify()).ok).toBe(true);
    });

    it('fails a frozen wallet and a reused idempotency key alone inside a group', async () => {
      const { store } = await open();
      const { vault, acme, wallet } = await ledgerOn(store);
      const alice = await wallet('alice', '100.00');
      const bob = await wallet('bob');
      const frozen = await wallet('frozen');
      await acme.wallets.freeze(frozen);

      const before = harness.groupsCommitted();
      const move = (to: string, amount: string, key?: string) =>
        acme.transactions.transfer(
          { fromWalletId: alice, toWalletId: to, amount },
          key === undefined ? {} : { idempotencyKey: key },
        );
      const results = await outcomes([
        move(bob, '1.00', 'order-1'),
        move(frozen, '2.00'),
        move(bob, '1.00', 'order-1'), // the same request again: the first one's answer
        move(bob, '7.00', 'order-1'), // the same key for another request
        move(bob, '0.10'),
        move(bob, '0.20'),
      ]);
      if (harness.keyedWritesArriveTogether) expect(harness.groupsCommitted() - before).toBe(1);
      const [first, frozenMove, replay, reused, dime, twenty] = results;
      expect(frozenMove).toBe('WALLET_FROZEN');
      expect(typeof dime).toBe('object');
      expect(typeof twenty).toBe('object');
      // Whichever request under order-1 arrived first was written; the other one is refused.
      const sevenFirst = typeof reused === 'object';
      if (sevenFirst) {
        expect([first, replay]).toEqual(['IDEMPOTENCY_KEY_REUSED', 'IDEMPOTENCY_KEY_REUSED']);
      } else {
        expect(reused).toBe('IDEMPOTENCY_KEY_REUSED');
        expect(typeof first).toBe('object');
        expect(replay).toEqual(first);
      }
      const sent = sevenFirst ? '7.30' : '1.30';
      expect((await acme.wallets.balance(bob)).balance).toBe(sent);
      expect((await acme.wallets.balance(alice)).balance).toBe(sevenFirst ? '92.70' : '98.70');
      expect((await acme.wallets.balance(frozen)).balance).toBe('0.00');
      expect((await acme.transactions.list({ transactionType: 'TRANSFER' })).total).toBe(3);
      expect((await vault.verify()).ok).toBe(true);
    });

    it('applies 200 concurrent transfers on one hot wallet exactly once each', async () => {
      const { store } = await open();
      const { vault, acme, wallet } = await ledgerOn(store);
      const hot = await wallet('hot', '150.00');
      const others = await Promise.all(Array.from({ length: 10 }, (_, i) => wallet(`w-${i}`)));
      const before = harness.groupsCommitted();
      const results = await outcomes(
        Array.from({ length: 200 }, (_, i) =>
          acme.transactions.transfer({
            fromWalletId: hot,
            toWalletId: others[i % others.length]!,
            amount: '1.01',
          }),
        ),
      );
      const groups = harness.groupsCommitted() - before;
      expect(groups).toBeGreaterThanOrEqual(1);
      expect(groups).toBeLessThan(200);
      const succeeded = results.filter((result) => typeof result === 'object').length;
      // 150.00 / 1.01 = 148 whole transfers; every other one overdraws.
      expect(succeeded).toBe(148);
      expect(results.filter((result) => result === 'INSUFFICIENT_FUNDS')).toHaveLength(52);
      expect((await acme.wallets.balance(hot)).balance).toBe('0.52');
      const report = await vault.verify();
      expect(report.violations).toEqual([]);
    });

    it('commits and answers the writes queued when the store is closed', async () => {
      // A window long enough that the writes are still queued when close() is called.
      const opened = await open({ windowMs: 10 });
      const { acme, wallet } = await ledgerOn(opened.store);
      const alice = await wallet('alice', '10.00');
      const bob = await wallet('bob');
      const submit = vi.spyOn(WriteGroups.prototype, 'submit');
      const committedBefore = harness.groupsCommitted();
      try {
        const settled = outcomes(
          Array.from({ length: 20 }, () =>
            acme.transactions.transfer({ fromWalletId: alice, toWalletId: bob, amount: '0.10' }),
          ),
        );
        // The transfers reach the store in microtasks: wait for them there, where no timer
        // (the window) can fire, so that all twenty are still queued when close() comes.
        for (let turn = 0; turn < 10_000 && submit.mock.calls.length < 20; turn += 1) {
          await new Promise<void>((resolve) => queueMicrotask(resolve));
        }
        expect(submit).toHaveBeenCalledTimes(20);
        expect(harness.groupsCommitted()).toBe(committedBefore);
        await opened.store.close();
        expect(harness.groupsCommitted() - committedBefore).toBeGreaterThan(0);
        const results = await settled;
        expect(results.every((result) => typeof result === 'object')).toBe(true);
      } finally {
        submit.mockRestore();
      }
      await expect(
        acme.transactions.transfer({ fromWalletId: alice, toWalletId: bob, amount: '0.10' }),
      ).rejects.toMatchObject({ code: 'UNAVAILABLE' });

      const store = await opened.reopen();
      try {
        const vault = createVault({ store });
        const scope = vault.organization((await vault.organizations.list()).items[0]!.id);
        expect((await scope.wallets.balance(bob)).balance).toBe('2.00');
        expect((await scope.wallets.balance(alice)).balance).toBe('8.00');
        expect((await vault.verify()).ok).toBe(true);
      } finally {
        await store.close();
      }
    });
  });
}

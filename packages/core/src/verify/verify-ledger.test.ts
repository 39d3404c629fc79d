// Proves verifyLedger's checks one by one, independently of any database: a ledger is built on
// the memory store through the engine, then read through a snapshot whose rows are rewritten on
// the way (a balance, an entry, a hold, a reversal, a duplicated key), and each rewrite must be
// reported under its invariant with the ids involved, once, where it happens. Also: reading only
// through the snapshot, the organization filter, the bound on collected violations, progress,
// reversals read before their original, and that the rows are all counted.
import { describe, expect, it } from 'vitest';
import { createVault } from '../engine/vault.js';
import { createMemoryStore } from '../memory/memory-store.js';
import type { LedgerScans, LedgerStore } from '../store/ledger-store.js';
import type { EntryRecord, TransactionRecord, WalletRecord } from '../store/records.js';
import { type LedgerCounts, verifyLedger } from './verify-ledger.js';

/** Rewrites of the rows a snapshot yields (identity by default). */
interface Tampering {
  wallet?(record: WalletRecord): WalletRecord;
  entries?(walletId: string, entries: EntryRecord[]): EntryRecord[];
  transactions?(transactions: TransactionRecord[]): TransactionRecord[];
  keys?(keys: { key: string; copies: number }[]): { key: string; copies: number }[];
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

function tampered(scans: LedgerScans, tampering: Tampering): LedgerScans {
  return {
    scanOrganizations: () => scans.scanOrganizations(),
    async *scanWallets(organizationId) {
      for await (const wallet of scans.scanWallets(organizationId))
        yield tampering.wallet?.(wallet) ?? wallet;
    },
    async *scanEntries(organizationId, walletId) {
      const entries = await collect(scans.scanEntries(organizationId, walletId));
      yield* tampering.entries?.(walletId, entries) ?? entries;
    },
    async *scanTransactions(organizationId) {
      const transactions = await collect(scans.scanTransactions(organizationId));
      yield* tampering.transactions?.(transactions) ?? transactions;
    },
    async *scanIdempotencyKeys(organizationId) {
      const keys = await collect(scans.scanIdempotencyKeys(organizationId));
      yield* tampering.keys?.(keys) ?? keys;
    },
  };
}

/**
 * alice: deposit 100.00, transfer 30.00 to bob (key 'k1'), reversal 10.00, hold 5.00 to bob.
 * Entries: alice 10000, 7000, 8000; bob 3000, 2000. Two organizations.
 */
async function ledger() {
  const store = createMemoryStore();
  const vault = createVault({ store });
  const organization = await vault.organizations.create({ name: 'Acme' });
  const acme = vault.organization(organization.id);
  const create = (ownerId: string) =>
    acme.wallets.create({ name: ownerId, walletType: 'PRIMARY', currency: 'USD', ownerId });
  const alice = (await create('alice')).id;
  const bob = (await create('bob')).id;
  await acme.transactions.deposit({ walletId: alice, amount: '100.00' });
  const transfer = await acme.transactions.transfer(
    { fromWalletId: alice, toWalletId: bob, amount: '30.00' },
    { idempotencyKey: 'k1' },
  );
  const reversal = await acme.transactions.reverse(transfer.id, { amount: '10.00' });
  const hold = await acme.transactions.transfer({
    fromWalletId: alice,
    toWalletId: bob,
    amount: '5.00',
    hold: true,
  });
  const other = await vault.organizations.create({ name: 'Other' });
  const otherWallet = await vault.organization(other.id).wallets.create({
    name: 'dave',
    walletType: 'PRIMARY',
    currency: 'USD',
    ownerId: 'dave',
  });
  await vault.organization(other.id).transactions.deposit({
    walletId: otherWallet.id,
    amount: '1.00',
  });
  const verify = (tampering: Tampering, options: Parameters<typeof verifyLedger>[1] = {}) =>
    verifyLedger(
      { snapshot: (read) => store.snapshot((scans) => read(tampered(scans, tampering))) } as Pick<
        LedgerStore,
        'snapshot'
      > as LedgerStore,
      options,
    );
  return {
    store,
    verify,
    organizationId: organization.id,
    otherId: other.id,
    alice,
    bob,
    transfer: transfer.id,
    reversal: reversal.id,
    hold: hold.id,
  };
}

const byId =
  <T extends { id: string }>(id: string, change: (row: T) => T) =>
  (row: T) =>
    row.id === id ? change(row) : row;

describe('verifyLedger', () => {
  it('finds nothing on a sound ledger, reading every row through one snapshot', async () => {
    const l = await ledger();
    let snapshots = 0;
    const only: LedgerStore = {
      ...({} as LedgerStore),
      snapshot: (read) => {
        snapshots += 1;
        return l.store.snapshot(read);
      },
    };
    const report = await verifyLedger(only);
    expect(report).toEqual({
      ok: true,
      violations: [],
      truncated: false,
      checked: { organizations: 2, wallets: 5, transactions: 5, entries: 8, idempotencyKeys: 1 },
    });
    expect(snapshots).toBe(1);
  });

  it('names the wallet whose balance is not the sum of its entries, and the unbalanced sum', async () => {
    const l = await ledger();
    const report = await l.verify({
      wallet: byId(l.bob, (w) => ({ ...w, balance: w.balance + 1n })),
    });
    expect(report.violations).toEqual([
      expect.objectContaining({ invariant: 'ZERO_SUM', organizationId: l.organizationId }),
      expect.objectContaining({ invariant: 'BALANCE_MATCHES_ENTRIES', walletId: l.bob }),
    ]);
  });

  it('reports a broken balanceAfter at its entry only, not at every entry after it', async () => {
    const l = await ledger();
    let broken = '';
    const report = await l.verify({
      entries: (walletId, entries) =>
        walletId !== l.alice
          ? entries
          : entries.map((entry) => {
              if (entry.sequence !== 2) return entry;
              broken = entry.id;
              return { ...entry, balanceAfter: entry.balanceAfter + 1n };
            }),
    });
    expect(report.violations).toEqual([
      expect.objectContaining({ invariant: 'RUNNING_BALANCE', walletId: l.alice, entryId: broken }),
    ]);
  });

  it('reports a missing entry where the gap is, with the transaction it leaves unbalanced', async () => {
    const l = await ledger();
    const report = await l.verify({
      entries: (walletId, entries) =>
        walletId === l.alice ? entries.filter((entry) => entry.sequence !== 2) : entries,
      transactions: (transactions) =>
        transactions.map(
          byId(l.transfer, (t) => ({
            ...t,
            entries: t.entries.filter((entry) => entry.walletId !== l.alice),
          })),
        ),
    });
    expect(report.violations.map((v) => [v.invariant, v.walletId ?? v.transactionId])).toEqual([
      ['RUNNING_BALANCE', l.alice],
      ['BALANCE_MATCHES_ENTRIES', l.alice],
      ['BALANCED_TRANSACTION', l.transfer],
    ]);
    expect(report.violations[0]?.message).toContain('sequence 3 follows 1');
  });

  it('reports an entry created before the one preceding it as RUNNING_BALANCE', async () => {
    const l = await ledger();
    const report = await l.verify({
      entries: (walletId, entries) =>
        walletId !== l.bob
          ? entries
          : [entries[0]!, { ...entries[1]!, createdAt: new Date(0) }, ...entries.slice(2)],
    });
    expect(report.violations).toEqual([
      expect.objectContaining({ invariant: 'RUNNING_BALANCE', walletId: l.bob }),
    ]);
    expect(report.violations[0]?.message).toContain('created before the entry preceding it');
  });

  it('reports a non-SYSTEM wallet below zero, posted or available', async () => {
    const l = await ledger();
    const report = await l.verify({
      wallet: byId(l.alice, (w) => ({ ...w, held: w.balance + 1n })),
    });
    expect(report.violations).toEqual([
      expect.objectContaining({ invariant: 'NEGATIVE_BALANCE', walletId: l.alice }),
      expect.objectContaining({ invariant: 'HELD_MATCHES_HOLDS', walletId: l.alice }),
    ]);
  });

  it('reports a held amount that is not its PENDING holds, and a hold not holding its amount', async () => {
    const l = await ledger();
    const report = await l.verify({
      transactions: (transactions) =>
        transactions.map(byId(l.hold, (t) => ({ ...t, heldAmount: t.amount - 1n }))),
    });
    expect(report.violations).toEqual([
      expect.objectContaining({ invariant: 'HELD_MATCHES_HOLDS', transactionId: l.hold }),
      expect.objectContaining({ invariant: 'HELD_MATCHES_HOLDS', walletId: l.alice }),
    ]);
  });

  it('reports a PENDING hold with entries', async () => {
    const l = await ledger();
    const report = await l.verify({
      transactions: (transactions) => {
        const transfer = transactions.find((t) => t.id === l.transfer)!;
        return transactions
          .map(byId(l.transfer, (t) => ({ ...t, entries: [] })))
          .map(byId(l.hold, (t) => ({ ...t, entries: transfer.entries })));
      },
    });
    expect(report.violations).toEqual([
      expect.objectContaining({ invariant: 'BALANCED_TRANSACTION', transactionId: l.transfer }),
      expect.objectContaining({ invariant: 'ENTRIES_MATCH_TRANSACTIONS', transactionId: l.hold }),
    ]);
  });

  it('reports an entry that no transaction of the organization holds', async () => {
    const l = await ledger();
    const report = await l.verify({
      transactions: (transactions) => transactions.filter((t) => t.id !== l.reversal),
    });
    expect(report.violations.map((v) => [v.invariant, v.walletId ?? v.transactionId])).toEqual(
      expect.arrayContaining([
        ['ENTRIES_MATCH_TRANSACTIONS', l.alice],
        ['ENTRIES_MATCH_TRANSACTIONS', l.bob],
        ['REVERSAL_WITHIN_ORIGINAL', l.transfer],
      ]),
    );
  });

  it('reports reversals beyond the original, and accepts one read before its original', async () => {
    const l = await ledger();
    const report = await l.verify({
      transactions: (transactions) =>
        transactions.map(byId(l.reversal, (t) => ({ ...t, amount: 4000n }))),
    });
    expect(report.violations).toContainEqual(
      expect.objectContaining({ invariant: 'REVERSAL_WITHIN_ORIGINAL', transactionId: l.transfer }),
    );
    const recorded = await l.verify({
      transactions: (transactions) =>
        transactions.map(byId(l.transfer, (t) => ({ ...t, reversedAmount: t.amount + 1n }))),
    });
    expect(recorded.violations.map((v) => v.invariant)).toEqual([
      'REVERSAL_WITHIN_ORIGINAL',
      'REVERSAL_WITHIN_ORIGINAL',
    ]);
    const reordered = await l.verify({
      transactions: (transactions) => [...transactions].reverse(),
    });
    expect(reordered.violations).toEqual([]);
  });

  it('reports an idempotency key stored twice, also when yielded twice in a row', async () => {
    const l = await ledger();
    for (const keys of [
      [{ key: 'k1', copies: 2 }],
      [
        { key: 'k1', copies: 1 },
        { key: 'k1', copies: 1 },
      ],
    ]) {
      const report = await l.verify({ keys: (stored) => (stored.length === 0 ? stored : keys) });
      expect(report.violations).toEqual([
        expect.objectContaining({ invariant: 'IDEMPOTENCY_KEY_UNIQUE', idempotencyKey: 'k1' }),
      ]);
      expect(report.checked.idempotencyKeys).toBe(2);
    }
  });

  it('checks one organization when asked, and bounds the violations it collects', async () => {
    const l = await ledger();
    const filtered = await l.verify({}, { organizationId: l.otherId });
    expect(filtered.checked).toMatchObject({ organizations: 1, wallets: 2, transactions: 1 });
    const everything = (w: WalletRecord) => ({ ...w, balance: w.balance + 1n });
    const bounded = await l.verify({ wallet: everything }, { violationsMax: 2 });
    expect(bounded).toMatchObject({ ok: false, truncated: true });
    expect(bounded.violations).toHaveLength(2);
  });

  it('reports progress after each organization, with the counts so far', async () => {
    const l = await ledger();
    const seen: LedgerCounts[] = [];
    await l.verify({}, { onProgress: (checked) => seen.push(checked) });
    expect(seen.map((checked) => checked.organizations)).toEqual([1, 2]);
    expect(seen.at(-1)).toEqual({
      organizations: 2,
      wallets: 5,
      transactions: 5,
      entries: 8,
      idempotencyKeys: 1,
    });
  });
});

// What the SQLite and PostgreSQL verification tests share: a workload of concurrent writes
// (transfers, holds captured and voided, reversals, deposits and withdrawals) to verify against,
// a store wrapper that writes in the middle of verification's scans, and the comparison of a
// report with a corruption case's expected violations.
import {
  isVaultError,
  type LedgerReport,
  type LedgerScans,
  type LedgerStore,
  type OrganizationScope,
  type Vault,
  verifyLedger,
} from '@vaultcraft/core';
import { expect } from 'vitest';
import type { ExpectedViolation } from './corruption-cases.js';
import { buildVerifyLedger, type VerifyLedger } from './verify-fixture.js';

/** Asserts that `report` holds exactly the expected violations, each naming its ids. */
export function expectViolations(
  report: LedgerReport,
  ledger: VerifyLedger,
  expected: readonly ExpectedViolation[],
): void {
  const summary = report.violations.map((v) => `${v.invariant}: ${v.message}`).join('\n');
  expect(report.ok, summary).toBe(false);
  for (const violation of expected) {
    expect(report.violations, summary).toContainEqual(
      expect.objectContaining({ organizationId: ledger.organizationId, ...violation }),
    );
  }
  expect(report.violations.length, summary).toBe(expected.length);
}

/** xorshift32: the same workload on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
}

const cents = (value: number) =>
  `${Math.floor(value / 100)}.${String(value % 100).padStart(2, '0')}`;

/** Business refusals a random workload meets; anything else fails the test. */
const expectedRefusals = new Set([
  'INSUFFICIENT_FUNDS',
  'AMOUNT_EXCEEDS_REMAINING',
  'INVALID_STATE',
]);

/** What {@link verifyUnderLoad} saw. */
export interface LoadOutcome {
  readonly reports: readonly LedgerReport[];
  /** Verifications during which at least one write completed. */
  readonly overlapped: number;
  /** Writes completed (refusals such as INSUFFICIENT_FUNDS not counted). */
  readonly writes: number;
}

/**
 * Runs `writers` loops of `writesPerWriter` random writes each on a fresh organization of 12
 * funded wallets, and `verifyLedger` back to back until they are done (at least once). The work
 * is bounded by the writes, whatever the speed of the machine.
 */
export async function verifyUnderLoad(options: {
  readonly vault: Vault;
  readonly store: LedgerStore;
  readonly writers: number;
  readonly writesPerWriter: number;
  readonly seed: number;
}): Promise<LoadOutcome> {
  const { vault, store } = options;
  const organization = await vault.organizations.create({ name: 'Load' });
  const acme = vault.organization(organization.id);
  const wallets: string[] = [];
  for (let index = 0; index < 12; index += 1) {
    const wallet = await acme.wallets.create({
      name: `w${index}`,
      walletType: index % 3 === 0 ? 'BONUS' : 'PRIMARY',
      currency: 'USD',
      ownerId: `owner-${index}`,
    });
    await acme.transactions.deposit({ walletId: wallet.id, amount: '500.00' });
    wallets.push(wallet.id);
  }
  let writes = 0;
  const writer = async (seed: number) => {
    const next = random(seed);
    const transfers: string[] = [];
    for (let attempt = 0; attempt < options.writesPerWriter; attempt += 1) {
      try {
        await randomWrite(acme, wallets, transfers, next);
        writes += 1;
      } catch (error) {
        if (!isVaultError(error) || !expectedRefusals.has(error.code)) throw error;
      }
    }
  };
  let done = false;
  const running = Promise.all(
    Array.from({ length: options.writers }, (_, index) => writer(options.seed + index * 7919)),
  ).finally(() => {
    done = true;
  });
  const reports: LedgerReport[] = [];
  let overlapped = 0;
  do {
    const before = writes;
    reports.push(await verifyLedger(store));
    if (writes > before) overlapped += 1;
  } while (!done);
  await running;
  return { reports, overlapped, writes };
}

/** One random write: mostly transfers, then holds (captured or voided), reversals, deposits. */
async function randomWrite(
  acme: OrganizationScope,
  wallets: readonly string[],
  transfers: string[],
  next: () => number,
): Promise<void> {
  const pick = () => wallets[Math.floor(next() * wallets.length)]!;
  const from = pick();
  let to = pick();
  if (to === from) to = wallets[(wallets.indexOf(from) + 1) % wallets.length]!;
  const amount = cents(1 + Math.floor(next() * 2000));
  const roll = next();
  if (roll < 0.55) {
    const moved = await acme.transactions.transfer({ fromWalletId: from, toWalletId: to, amount });
    transfers.push(moved.id);
  } else if (roll < 0.75) {
    const hold = await acme.transactions.transfer({
      fromWalletId: from,
      toWalletId: to,
      amount,
      hold: true,
    });
    if (next() < 0.5) await acme.transactions.capture(hold.id, { amount: cents(1) });
    else await acme.transactions.void(hold.id);
  } else if (roll < 0.87 && transfers.length > 0) {
    const original = transfers[Math.floor(next() * transfers.length)]!;
    await acme.transactions.reverse(original, { amount: cents(1) });
  } else if (roll < 0.94) {
    await acme.transactions.deposit({ walletId: from, amount });
  } else {
    await acme.transactions.withdraw({ walletId: from, amount: cents(1) });
  }
}

/**
 * Scans that make one write the first time a wallet's entries are read: after the wallets were
 * read, before their entries are. Without a snapshot that write is half seen (the entries but
 * not the balances): the very transient violation a snapshot must prevent.
 */
export function writingMidScan(scans: LedgerScans, write: () => Promise<unknown>): LedgerScans {
  let written = false;
  return {
    scanOrganizations: () => scans.scanOrganizations(),
    scanWallets: (organizationId) => scans.scanWallets(organizationId),
    async *scanEntries(organizationId, walletId) {
      if (!written) {
        written = true;
        await write();
      }
      yield* scans.scanEntries(organizationId, walletId);
    },
    scanTransactions: (organizationId) => scans.scanTransactions(organizationId),
    scanIdempotencyKeys: (organizationId) => scans.scanIdempotencyKeys(organizationId),
  };
}

/** A store as `verifyLedger` sees it, reading through `snapshot` only. */
export function storeReading(
  snapshot: <T>(read: (scans: LedgerScans) => Promise<T>) => Promise<T>,
): LedgerStore {
  return { snapshot } as Pick<LedgerStore, 'snapshot'> as LedgerStore;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/**
 * Opens a snapshot, writes (a transfer under a new idempotency key) and only then scans: the
 * scans must show the ledger as of the snapshot, and the store the write afterwards.
 */
export async function expectSnapshotIsolation(vault: Vault, store: LedgerStore): Promise<void> {
  const ledger = await buildVerifyLedger(vault, store);
  const { organizationId, carol } = ledger;
  const acme = vault.organization(organizationId);
  const seen = await store.snapshot(async (scans) => {
    await acme.transactions.transfer(
      { fromWalletId: ledger.bob, toWalletId: carol, amount: '1.00' },
      { idempotencyKey: 'during-the-snapshot' },
    );
    return {
      wallets: await collect(scans.scanWallets(organizationId)),
      entries: await collect(scans.scanEntries(organizationId, carol)),
      transactions: await collect(scans.scanTransactions(organizationId)),
      keys: await collect(scans.scanIdempotencyKeys(organizationId)),
    };
  });
  expect(seen.wallets.find((wallet) => wallet.id === carol)?.balance).toBe(500n);
  expect(seen.entries.map((entry) => entry.balanceAfter)).toEqual([500n]);
  expect(seen.transactions).toHaveLength(8);
  expect(seen.keys).toEqual([{ key: ledger.transferKey, copies: 1 }]);
  expect((await acme.wallets.retrieve(carol)).balance).toBe('6.00');
  expect(await collect(store.scanIdempotencyKeys(organizationId))).toHaveLength(2);
  expect((await verifyLedger(store)).checked).toMatchObject({
    transactions: 10,
    idempotencyKeys: 2,
  });
}

/**
 * A write made between verification's wallet scan and its entry scans: read live, it shows as
 * violations (so the check below is not vacuous); read through the store's snapshot, it does
 * not, and the next verification counts it.
 */
export async function expectMidScanWriteUnseen(vault: Vault, store: LedgerStore): Promise<void> {
  const organization = await vault.organizations.create({ name: 'Mid-scan' });
  const acme = vault.organization(organization.id);
  const create = (ownerId: string) =>
    acme.wallets.create({ name: ownerId, walletType: 'PRIMARY', currency: 'USD', ownerId });
  const alice = (await create('alice')).id;
  const bob = (await create('bob')).id;
  await acme.transactions.deposit({ walletId: alice, amount: '10.00' });
  const move = () =>
    acme.transactions.transfer({ fromWalletId: alice, toWalletId: bob, amount: '1.00' });

  const live = await verifyLedger(storeReading((read) => read(writingMidScan(store, move))));
  expect(live.violations.map((v) => v.invariant)).toContain('BALANCE_MATCHES_ENTRIES');

  const snapshot = await verifyLedger(
    storeReading((read) => store.snapshot((scans) => read(writingMidScan(scans, move)))),
  );
  expect(snapshot.violations).toEqual([]);
  expect(snapshot.checked.transactions).toBe(2);
  expect(await verifyLedger(store)).toMatchObject({ ok: true, checked: { transactions: 3 } });
}

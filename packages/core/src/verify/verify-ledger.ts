import type { LedgerStore } from '../store/ledger-store.js';
import type { TransactionRecord, WalletRecord } from '../store/records.js';

/** The invariants {@link verifyLedger} checks (see docs/concepts.md#invariants). */
export type LedgerInvariant =
  /** 1. A completed transaction's entries: one DEBIT on its source and one CREDIT on its destination, both equal to its amount. */
  | 'BALANCED_TRANSACTION'
  /** 2a. A wallet's posted balance equals the sum of its entries. */
  | 'BALANCE_MATCHES_ENTRIES'
  /** 2b. A wallet's entries are numbered 1, 2, 3..., never go back in time, and each `balanceAfter` is the running sum. */
  | 'RUNNING_BALANCE'
  /** 3. No non-SYSTEM wallet has a posted or available balance below zero. */
  | 'NEGATIVE_BALANCE'
  /** 4. Across an organization and currency, all balances sum to zero. */
  | 'ZERO_SUM'
  /** 5. A wallet's held amount equals the sum of its open holds. */
  | 'HELD_MATCHES_HOLDS'
  /** 6. Pending and voided holds have no entries; every entry belongs to a transaction. */
  | 'ENTRIES_MATCH_TRANSACTIONS'
  /** 7. Reversals of a transaction never exceed its amount, and match its `reversedAmount`. */
  | 'REVERSAL_WITHIN_ORIGINAL';

/** One broken invariant, with the ids involved. */
export interface LedgerViolation {
  readonly invariant: LedgerInvariant;
  readonly message: string;
  readonly organizationId: string;
  readonly walletId?: string;
  readonly transactionId?: string;
  readonly entryId?: string;
}

/** What {@link verifyLedger} found. */
export interface LedgerReport {
  /** No violation was found. */
  readonly ok: boolean;
  readonly violations: readonly LedgerViolation[];
  /** Whether violations beyond `violationsMax` were left out. */
  readonly truncated: boolean;
  readonly checked: {
    organizations: number;
    wallets: number;
    transactions: number;
    entries: number;
  };
}

/** Options of {@link verifyLedger}. */
export interface VerifyOptions {
  /** Check only this organization (default: all). */
  readonly organizationId?: string;
  /** Stop collecting after this many violations (default 1,000); checking goes on. */
  readonly violationsMax?: number;
  /** Called after each organization, for progress reports. */
  readonly onProgress?: (checked: LedgerReport['checked']) => void;
}

/**
 * Checks every ledger invariant on a store by streaming its rows: memory grows with the number
 * of wallets of one organization, not with the number of entries. A violation is a bug or a
 * corruption, never a business error.
 *
 * Wallets, entries and transactions are read one after the other, so writes made during the
 * check can show up as violations: verify a quiet store (or a copy, or a replica at one point
 * in time).
 *
 * @example
 * ```ts
 * const report = await verifyLedger(store);
 * if (!report.ok) console.error(report.violations);
 * ```
 */
export async function verifyLedger(
  store: LedgerStore,
  options: VerifyOptions = {},
): Promise<LedgerReport> {
  const violationsMax = options.violationsMax ?? 1000;
  const violations: LedgerViolation[] = [];
  let truncated = false;
  const checked = { organizations: 0, wallets: 0, transactions: 0, entries: 0 };
  const report = (violation: LedgerViolation) => {
    if (violations.length < violationsMax) violations.push(violation);
    else truncated = true;
  };

  for await (const organization of store.scanOrganizations()) {
    if (options.organizationId !== undefined && organization.id !== options.organizationId)
      continue;
    checked.organizations += 1;
    await verifyOrganization(store, organization.id, report, checked);
    options.onProgress?.({ ...checked });
  }
  return { ok: violations.length === 0 && !truncated, violations, truncated, checked };
}

interface WalletTally {
  readonly record: WalletRecord;
  entryCount: number;
  entriesFromTransactions: number;
  openHolds: bigint;
}

async function verifyOrganization(
  store: LedgerStore,
  organizationId: string,
  report: (violation: LedgerViolation) => void,
  checked: { wallets: number; transactions: number; entries: number },
): Promise<void> {
  const wallets = new Map<string, WalletTally>();
  const sums = new Map<string, bigint>();
  for await (const record of store.scanWallets(organizationId)) {
    checked.wallets += 1;
    wallets.set(record.id, { record, entryCount: 0, entriesFromTransactions: 0, openHolds: 0n });
    sums.set(record.currency, (sums.get(record.currency) ?? 0n) + record.balance);
    if (
      record.walletType !== 'SYSTEM' &&
      (record.balance < 0n || record.balance - record.held < 0n)
    ) {
      report({
        invariant: 'NEGATIVE_BALANCE',
        message: `Wallet ${record.id} has balance ${record.balance} and held ${record.held} (minor units)`,
        organizationId,
        walletId: record.id,
      });
    }
  }
  for (const [currency, sum] of sums) {
    if (sum !== 0n) {
      report({
        invariant: 'ZERO_SUM',
        message: `${currency} balances sum to ${sum} minor units, not 0`,
        organizationId,
      });
    }
  }
  for (const tally of wallets.values()) {
    await verifyEntries(store, tally, report, checked);
  }
  const reversed = new Map<string, bigint>();
  const originals = new Map<string, { amount: bigint; reversedAmount: bigint }>();
  for await (const transaction of store.scanTransactions(organizationId)) {
    checked.transactions += 1;
    verifyTransaction(transaction, wallets, report);
    if (transaction.reversesId !== null) {
      reversed.set(
        transaction.reversesId,
        (reversed.get(transaction.reversesId) ?? 0n) + transaction.amount,
      );
    }
    if (transaction.reversedAmount > 0n) {
      originals.set(transaction.id, {
        amount: transaction.amount,
        reversedAmount: transaction.reversedAmount,
      });
    }
  }
  for (const [id, total] of reversed) {
    const original = originals.get(id);
    if (original === undefined || original.reversedAmount !== total || total > original.amount) {
      report({
        invariant: 'REVERSAL_WITHIN_ORIGINAL',
        message: `Reversals of ${id} total ${total}; the original records ${original?.reversedAmount ?? 0n} reversed of ${original?.amount ?? 'unknown'}`,
        organizationId,
        transactionId: id,
      });
    }
  }
  for (const [id, original] of originals) {
    if (!reversed.has(id)) {
      report({
        invariant: 'REVERSAL_WITHIN_ORIGINAL',
        message: `Transaction ${id} records ${original.reversedAmount} reversed, but no reversal exists`,
        organizationId,
        transactionId: id,
      });
    }
  }
  for (const tally of wallets.values()) {
    const { record } = tally;
    if (tally.openHolds !== record.held) {
      report({
        invariant: 'HELD_MATCHES_HOLDS',
        message: `Wallet ${record.id} holds ${record.held}, its open holds total ${tally.openHolds}`,
        organizationId,
        walletId: record.id,
      });
    }
    if (tally.entriesFromTransactions !== tally.entryCount) {
      report({
        invariant: 'ENTRIES_MATCH_TRANSACTIONS',
        message: `Wallet ${record.id} has ${tally.entryCount} entries, its transactions list ${tally.entriesFromTransactions}`,
        organizationId,
        walletId: record.id,
      });
    }
  }
}

async function verifyEntries(
  store: LedgerStore,
  tally: WalletTally,
  report: (violation: LedgerViolation) => void,
  checked: { entries: number },
): Promise<void> {
  const { record } = tally;
  const organizationId = record.organizationId;
  let running = 0n;
  let lastTime = Number.NEGATIVE_INFINITY;
  for await (const entry of store.scanEntries(organizationId, record.id)) {
    checked.entries += 1;
    tally.entryCount += 1;
    running += entry.direction === 'CREDIT' ? entry.amount : -entry.amount;
    const problems: string[] = [];
    if (entry.sequence !== tally.entryCount)
      problems.push(`sequence ${entry.sequence}, expected ${tally.entryCount}`);
    if (entry.balanceAfter !== running)
      problems.push(`balanceAfter ${entry.balanceAfter}, running sum ${running}`);
    if (entry.createdAt.getTime() < lastTime) problems.push('created before the previous entry');
    if (entry.amount <= 0n) problems.push(`non-positive amount ${entry.amount}`);
    if (problems.length > 0) {
      report({
        invariant: 'RUNNING_BALANCE',
        message: `Entry ${entry.id} of wallet ${record.id}: ${problems.join('; ')}`,
        organizationId,
        walletId: record.id,
        entryId: entry.id,
      });
      running = entry.balanceAfter;
    }
    lastTime = entry.createdAt.getTime();
  }
  if (running !== record.balance) {
    report({
      invariant: 'BALANCE_MATCHES_ENTRIES',
      message: `Wallet ${record.id} has balance ${record.balance}, its entries sum to ${running}`,
      organizationId,
      walletId: record.id,
    });
  }
}

function verifyTransaction(
  transaction: TransactionRecord,
  wallets: Map<string, WalletTally>,
  report: (violation: LedgerViolation) => void,
): void {
  const { organizationId, id } = transaction;
  for (const walletId of [transaction.fromWalletId, transaction.toWalletId]) {
    const wallet = wallets.get(walletId)?.record;
    if (wallet === undefined || wallet.currency !== transaction.currency) {
      report({
        invariant: 'BALANCED_TRANSACTION',
        message: `Transaction ${id} in ${transaction.currency} names wallet ${walletId}, ${wallet === undefined ? 'which does not exist' : `which holds ${wallet.currency}`}`,
        organizationId,
        transactionId: id,
        walletId,
      });
    }
  }
  for (const entry of transaction.entries) {
    const tally = wallets.get(entry.walletId);
    if (tally !== undefined) tally.entriesFromTransactions += 1;
  }
  if (transaction.status === 'PENDING') {
    const source = wallets.get(transaction.fromWalletId);
    if (source !== undefined) source.openHolds += transaction.heldAmount ?? 0n;
  }
  if (transaction.status !== 'COMPLETED') {
    if (transaction.entries.length > 0) {
      report({
        invariant: 'ENTRIES_MATCH_TRANSACTIONS',
        message: `Transaction ${id} is ${transaction.status} but has ${transaction.entries.length} entries`,
        organizationId,
        transactionId: id,
      });
    }
    return;
  }
  const [debit, credit] = transaction.entries;
  const balanced =
    transaction.entries.length === 2 &&
    debit?.direction === 'DEBIT' &&
    credit?.direction === 'CREDIT' &&
    debit.walletId === transaction.fromWalletId &&
    credit.walletId === transaction.toWalletId &&
    debit.amount === transaction.amount &&
    credit.amount === transaction.amount;
  if (!balanced) {
    report({
      invariant: 'BALANCED_TRANSACTION',
      message: `Transaction ${id} (${transaction.amount}) does not have one matching DEBIT and one matching CREDIT entry`,
      organizationId,
      transactionId: id,
    });
  }
}

import type { LedgerScans, LedgerStore } from '../store/ledger-store.js';
import { checkIdempotencyKeys } from './check-idempotency-keys.js';
import { TransactionChecks } from './check-transactions.js';
import { checkWallets } from './check-wallets.js';
import { Verification } from './verification.js';

/**
 * The invariants {@link verifyLedger} checks, by stable name (see docs/concepts.md#invariants).
 * Names are API: tools may match on them, so they never change meaning.
 */
export type LedgerInvariant =
  /**
   * A COMPLETED transaction has exactly one DEBIT entry on its source and one CREDIT entry on
   * its destination, both equal to its amount (debits equal credits), and both its wallets
   * exist and hold its currency.
   */
  | 'BALANCED_TRANSACTION'
  /** A wallet's posted balance equals the sum of its entries (credits minus debits). */
  | 'BALANCE_MATCHES_ENTRIES'
  /**
   * A wallet's entries are numbered 1, 2, 3..., have positive amounts, never go back in time,
   * and each `balanceAfter` is the running sum of the amounts up to it.
   */
  | 'RUNNING_BALANCE'
  /** No non-SYSTEM wallet has a posted balance, or an available balance (`balance - held`), below zero. */
  | 'NEGATIVE_BALANCE'
  /** Across an organization and currency, all wallet balances (SYSTEM included) sum to zero. */
  | 'ZERO_SUM'
  /**
   * A wallet's held amount equals the sum of its PENDING holds (so available = balance - held
   * is what its open holds leave), and each PENDING hold holds its whole amount. An expired
   * hold counts as open until a call sweeps it: stores void expired holds lazily.
   */
  | 'HELD_MATCHES_HOLDS'
  /**
   * Only COMPLETED transactions have entries (a PENDING, VOIDED or FAILED one has none), and
   * every entry of a wallet belongs to one of the organization's transactions.
   */
  | 'ENTRIES_MATCH_TRANSACTIONS'
  /**
   * A transaction's `reversedAmount` never exceeds its amount and equals the total of the
   * reversals that name it: reversals never exceed the original.
   */
  | 'REVERSAL_WITHIN_ORIGINAL'
  /** An idempotency key is stored at most once per organization. */
  | 'IDEMPOTENCY_KEY_UNIQUE';

/** One broken invariant, with the ids involved. */
export interface LedgerViolation {
  readonly invariant: LedgerInvariant;
  /** What is wrong, for people; it names the ids and amounts (in minor units) involved. */
  readonly message: string;
  readonly organizationId: string;
  readonly walletId?: string;
  readonly transactionId?: string;
  readonly entryId?: string;
  readonly idempotencyKey?: string;
}

/** How many rows of each kind a verification has read. */
export interface LedgerCounts {
  organizations: number;
  wallets: number;
  transactions: number;
  entries: number;
  idempotencyKeys: number;
}

/** What {@link verifyLedger} found. */
export interface LedgerReport {
  /** No violation was found. */
  readonly ok: boolean;
  readonly violations: readonly LedgerViolation[];
  /** Whether violations beyond `violationsMax` were left out. */
  readonly truncated: boolean;
  readonly checked: LedgerCounts;
}

/** Options of {@link verifyLedger}. */
export interface VerifyOptions {
  /** Check only this organization (default: all). */
  readonly organizationId?: string;
  /** Stop collecting after this many violations (default 1,000); checking goes on. */
  readonly violationsMax?: number;
  /**
   * Called with the counts so far after each organization and, within one, after every 1,000
   * rows read: for progress reports. Keep it cheap (throttle output yourself).
   */
  readonly onProgress?: (checked: LedgerCounts) => void;
}

/**
 * Checks every ledger invariant ({@link LedgerInvariant}) on a store, in one consistent
 * snapshot of it (`store.snapshot`): writes made while it runs are neither seen nor blocked,
 * so a busy store reports no transient violation. A violation is a bug or a corruption, never
 * a business error.
 *
 * It streams: rows are read in bounded pages, and memory grows with the number of wallets of
 * one organization (a few numbers per wallet, no metadata) and the reversals not yet matched
 * with their original, never with the number of entries or transactions. Time is linear in
 * the number of rows: one pass over wallets, entries, transactions and idempotency keys.
 *
 * @throws `UNAVAILABLE` when the store is closed or does not answer.
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
  return store.snapshot((scans) => verifyScans(scans, options));
}

async function verifyScans(scans: LedgerScans, options: VerifyOptions): Promise<LedgerReport> {
  const verification = new Verification(options.violationsMax ?? 1000, options.onProgress);
  for await (const organization of scans.scanOrganizations()) {
    if (options.organizationId !== undefined && organization.id !== options.organizationId)
      continue;
    verification.checked.organizations += 1;
    const wallets = await checkWallets(scans, organization.id, verification);
    const transactions = new TransactionChecks(organization.id, wallets, verification);
    for await (const transaction of scans.scanTransactions(organization.id)) {
      verification.count('transactions');
      transactions.check(transaction);
    }
    transactions.finish();
    await checkIdempotencyKeys(scans, organization.id, verification);
    verification.progress();
  }
  return verification.result();
}

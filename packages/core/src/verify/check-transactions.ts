import type { TransactionRecord } from '../store/records.js';
import type { WalletTally } from './check-wallets.js';
import type { Verification } from './verification.js';

/** An original transaction's reversals, while some of them are still to be read. */
interface ReversalTally {
  /** The original's amount and `reversedAmount`, once the original has been read. */
  original: { readonly amount: bigint; readonly reversedAmount: bigint } | null;
  /** The total of its reversals read so far. */
  reversed: bigint;
  /** The reversals read so far (for the report), at most a few. */
  readonly reversalIds: string[];
}

/** Reversal ids named in one violation message at most. */
const reversalIdsMax = 5;

/**
 * The checks of an organization's transactions, fed one transaction at a time in scan order:
 * BALANCED_TRANSACTION and ENTRIES_MATCH_TRANSACTIONS per transaction, HELD_MATCHES_HOLDS and
 * the wallet side of ENTRIES_MATCH_TRANSACTIONS through the wallets' tallies, and
 * REVERSAL_WITHIN_ORIGINAL by matching reversals with their original.
 *
 * Reversals are matched in a map that forgets an original once its reversals add up to its
 * `reversedAmount`: memory follows the reversals not yet matched (usually a handful), not the
 * number of transactions. A reversal read after its original was settled is therefore more
 * than the original records, and reported as such.
 */
export class TransactionChecks {
  private readonly reversals = new Map<string, ReversalTally>();

  constructor(
    private readonly organizationId: string,
    private readonly wallets: ReadonlyMap<string, WalletTally>,
    private readonly verification: Verification,
  ) {}

  check(transaction: TransactionRecord): void {
    this.checkWallets(transaction);
    this.checkEntries(transaction);
    this.trackReversal(transaction);
  }

  /** The checks that need every transaction read: holds and entry counts per wallet, reversals. */
  finish(): void {
    const { organizationId } = this;
    for (const tally of this.wallets.values()) {
      if (tally.openHolds !== tally.held) {
        this.verification.add({
          invariant: 'HELD_MATCHES_HOLDS',
          message: `Wallet ${tally.id} has held ${tally.held}, but its PENDING holds total ${tally.openHolds} (minor units)`,
          organizationId,
          walletId: tally.id,
        });
      }
      if (tally.entriesFromTransactions !== tally.entryCount) {
        this.verification.add({
          invariant: 'ENTRIES_MATCH_TRANSACTIONS',
          message: `Wallet ${tally.id} has ${tally.entryCount} entries, but the organization's transactions hold ${tally.entriesFromTransactions} of its entries`,
          organizationId,
          walletId: tally.id,
        });
      }
    }
    for (const [id, tally] of this.reversals) this.reportReversals(id, tally);
    this.reversals.clear();
  }

  private checkWallets(transaction: TransactionRecord): void {
    const { id, currency } = transaction;
    for (const walletId of [transaction.fromWalletId, transaction.toWalletId]) {
      const wallet = this.wallets.get(walletId);
      if (wallet !== undefined && wallet.currency === currency) continue;
      this.verification.add({
        invariant: 'BALANCED_TRANSACTION',
        message: `Transaction ${id} in ${currency} names wallet ${walletId}, ${wallet === undefined ? 'which does not exist' : `which holds ${wallet.currency}`}`,
        organizationId: this.organizationId,
        transactionId: id,
        walletId,
      });
    }
  }

  private checkEntries(transaction: TransactionRecord): void {
    const { id, status, entries } = transaction;
    const organizationId = this.organizationId;
    for (const entry of entries) {
      const tally = this.wallets.get(entry.walletId);
      if (tally !== undefined) tally.entriesFromTransactions += 1;
    }
    if (status === 'PENDING') this.checkHold(transaction);
    if (status !== 'COMPLETED') {
      if (entries.length === 0) return;
      this.verification.add({
        invariant: 'ENTRIES_MATCH_TRANSACTIONS',
        message: `Transaction ${id} is ${status} but has ${entries.length} entries (${entries.map((entry) => entry.id).join(', ')})`,
        organizationId,
        transactionId: id,
        ...(entries[0] && { walletId: entries[0].walletId, entryId: entries[0].id }),
      });
      return;
    }
    const debits = entries.filter((entry) => entry.direction === 'DEBIT');
    const credits = entries.filter((entry) => entry.direction === 'CREDIT');
    const [debit] = debits;
    const [credit] = credits;
    const balanced =
      entries.length === 2 &&
      debit !== undefined &&
      credit !== undefined &&
      debit.walletId === transaction.fromWalletId &&
      credit.walletId === transaction.toWalletId &&
      debit.amount === transaction.amount &&
      credit.amount === transaction.amount;
    if (balanced) return;
    const total = (list: typeof entries) => list.reduce((sum, entry) => sum + entry.amount, 0n);
    this.verification.add({
      invariant: 'BALANCED_TRANSACTION',
      message: `Transaction ${id} of ${transaction.amount} from ${transaction.fromWalletId} to ${transaction.toWalletId} has ${debits.length} DEBIT entries totalling ${total(debits)} and ${credits.length} CREDIT entries totalling ${total(credits)}, where one of each equal to its amount was expected`,
      organizationId,
      transactionId: id,
    });
  }

  private checkHold(hold: TransactionRecord): void {
    const source = this.wallets.get(hold.fromWalletId);
    if (source !== undefined) source.openHolds += hold.heldAmount ?? 0n;
    if (hold.heldAmount === hold.amount) return;
    this.verification.add({
      invariant: 'HELD_MATCHES_HOLDS',
      message: `PENDING hold ${hold.id} of ${hold.amount} holds ${hold.heldAmount ?? 'nothing'}`,
      organizationId: this.organizationId,
      transactionId: hold.id,
      walletId: hold.fromWalletId,
    });
  }

  private trackReversal(transaction: TransactionRecord): void {
    const { id, amount, reversedAmount, reversesId } = transaction;
    if (reversedAmount > amount) {
      this.verification.add({
        invariant: 'REVERSAL_WITHIN_ORIGINAL',
        message: `Transaction ${id} of ${amount} records ${reversedAmount} reversed, more than its amount`,
        organizationId: this.organizationId,
        transactionId: id,
      });
    }
    if (reversedAmount > 0n) {
      const tally = this.tally(id);
      tally.original = { amount, reversedAmount };
      this.settle(id, tally);
    }
    if (reversesId !== null) {
      const tally = this.tally(reversesId);
      tally.reversed += amount;
      if (tally.reversalIds.length < reversalIdsMax) tally.reversalIds.push(id);
      this.settle(reversesId, tally);
    }
  }

  private tally(originalId: string): ReversalTally {
    let tally = this.reversals.get(originalId);
    if (tally === undefined) {
      tally = { original: null, reversed: 0n, reversalIds: [] };
      this.reversals.set(originalId, tally);
    }
    return tally;
  }

  /** Forgets an original whose reversals, all read, add up to what it records. */
  private settle(originalId: string, tally: ReversalTally): void {
    if (tally.original !== null && tally.reversed === tally.original.reversedAmount)
      this.reversals.delete(originalId);
  }

  private reportReversals(originalId: string, tally: ReversalTally): void {
    const reversals = `${tally.reversalIds.length === 0 ? 'none' : tally.reversalIds.join(', ')}`;
    const message =
      tally.original === null
        ? `Reversals (${reversals}) of transaction ${originalId} total ${tally.reversed} more than it records as reversed, or it does not exist`
        : `Transaction ${originalId} of ${tally.original.amount} records ${tally.original.reversedAmount} reversed, but its reversals (${reversals}) total ${tally.reversed}`;
    this.verification.add({
      invariant: 'REVERSAL_WITHIN_ORIGINAL',
      message,
      organizationId: this.organizationId,
      transactionId: originalId,
    });
  }
}

import { type EntryRecord, StoreRejection } from '@vaultcraft/core';
import { minorToText, textToMinor } from '../shared/minor-units.js';
import type { WalletRow } from './sqlite-rows.js';
import type { SqliteStatements } from './sqlite-statements.js';

/** A wallet as changed by the steps of one write so far. */
export interface StagedWallet {
  readonly row: WalletRow;
  balance: bigint;
  held: bigint;
  lastSequence: number;
  /** Epoch ms of the wallet's latest entry, or -Infinity. */
  lastEntryAt: number;
}

/**
 * The wallets of one atomic write, read once each and staged in memory while the write's
 * steps check and change them, then written back once in {@link flush}. It runs synchronously
 * inside a `BEGIN IMMEDIATE` transaction, so nothing can change the rows between a check and
 * the write that depends on it — not even another process. A check that fails throws a
 * {@link StoreRejection}, and the caller's transaction rolls everything back.
 */
export class PostingSession {
  private readonly staged = new Map<string, StagedWallet>();

  constructor(
    private readonly statements: SqliteStatements,
    readonly organizationId: string,
    readonly now: Date,
  ) {}

  /** A wallet of the organization, staged; `undefined` when it does not exist there. */
  find(walletId: string): StagedWallet | undefined {
    const existing = this.staged.get(walletId);
    if (existing !== undefined) return existing;
    const row = this.statements.walletById.get(this.organizationId, walletId) as
      | WalletRow
      | undefined;
    if (row === undefined) return undefined;
    const staged: StagedWallet = {
      row,
      balance: textToMinor(row.balance, 'ledger_wallets.balance'),
      held: textToMinor(row.held, 'ledger_wallets.held'),
      lastSequence: row.last_sequence,
      lastEntryAt: row.last_entry_at ?? Number.NEGATIVE_INFINITY,
    };
    this.staged.set(walletId, staged);
    return staged;
  }

  /** A wallet of the organization, staged; `NOT_FOUND` otherwise. */
  wallet(walletId: string, index?: number): StagedWallet {
    const staged = this.find(walletId);
    if (staged === undefined) {
      throw new StoreRejection('NOT_FOUND', { walletId, ...(index !== undefined && { index }) });
    }
    return staged;
  }

  /** Status first (source, then destination), then the source's available funds. */
  checkMove(from: StagedWallet, to: StagedWallet, amount: bigint, index?: number): void {
    const at = index === undefined ? {} : { index };
    if (from.row.status !== 'ACTIVE') {
      throw new StoreRejection('WALLET_FROZEN', { ...at, walletId: from.row.id });
    }
    if (to.row.status !== 'ACTIVE') {
      throw new StoreRejection('WALLET_FROZEN', { ...at, walletId: to.row.id });
    }
    if (from.row.wallet_type !== 'SYSTEM' && from.balance - from.held < amount) {
      throw new StoreRejection('INSUFFICIENT_FUNDS', { ...at, walletId: from.row.id });
    }
  }

  /**
   * Moves `amount` between staged wallets and returns the two entries, not yet inserted (their
   * transaction row must exist first: see {@link insertEntries}). The posting time never goes
   * back along either wallet's entries, whatever the clock did.
   */
  post(
    from: StagedWallet,
    to: StagedWallet,
    amount: bigint,
    transactionId: string,
    entryIds: readonly [string, string],
  ): { postedAt: Date; entries: [EntryRecord, EntryRecord] } {
    const postedMs = Math.max(this.now.getTime(), from.lastEntryAt, to.lastEntryAt);
    const postedAt = new Date(postedMs);
    from.balance -= amount;
    to.balance += amount;
    from.lastSequence += 1;
    to.lastSequence += 1;
    from.lastEntryAt = postedMs;
    to.lastEntryAt = postedMs;
    const debit = entry(entryIds[0], transactionId, from, 'DEBIT', amount, postedAt);
    const credit = entry(entryIds[1], transactionId, to, 'CREDIT', amount, postedAt);
    return { postedAt, entries: [debit, credit] };
  }

  /** Inserts entries made by {@link post}, after their transaction row. */
  insertEntries(entries: readonly EntryRecord[]): void {
    for (const item of entries) {
      this.statements.insertEntry.run(
        this.organizationId,
        item.walletId,
        item.sequence,
        item.id,
        item.transactionId,
        item.direction,
        minorToText(item.amount),
        minorToText(item.balanceAfter),
        item.createdAt.getTime(),
      );
    }
  }

  /**
   * Writes back every wallet the write changed. `updated_at` moves only when a balance or held
   * amount changed, as in the memory store: a batch that pays A and then pays A back leaves A's
   * balances as they were, but still numbers its two new entries.
   */
  flush(): void {
    for (const staged of this.staged.values()) {
      const { row } = staged;
      const balance = minorToText(staged.balance);
      const held = minorToText(staged.held);
      const balancesChanged = balance !== row.balance || held !== row.held;
      if (!balancesChanged && staged.lastSequence === row.last_sequence) continue;
      this.statements.updateWalletBalances.run(
        balance,
        held,
        staged.lastSequence,
        Number.isFinite(staged.lastEntryAt) ? staged.lastEntryAt : null,
        balancesChanged ? this.now.getTime() : row.updated_at,
        this.organizationId,
        row.id,
      );
    }
  }
}

function entry(
  id: string,
  transactionId: string,
  wallet: StagedWallet,
  direction: 'DEBIT' | 'CREDIT',
  amount: bigint,
  createdAt: Date,
): EntryRecord {
  return {
    id,
    transactionId,
    walletId: wallet.row.id,
    direction,
    amount,
    balanceAfter: wallet.balance,
    sequence: wallet.lastSequence,
    createdAt,
  };
}

import { invariant } from '../errors/vault-error.js';
import type { EntryRecord, TransactionRecord, WalletRecord } from '../store/records.js';
import { StoreRejection } from '../store/store-rejection.js';
import type { MemoryState, OrganizationState, WalletState } from './memory-state.js';
import { TimeOrderedIndex } from './time-ordered-index.js';

/** A wallet's balances as changed by the writes staged so far. */
interface StagedWallet {
  readonly state: WalletState;
  balance: bigint;
  held: bigint;
  lastPostedAt: number;
  readonly entries: EntryRecord[];
}

/**
 * Stages the changes of one atomic write against the memory state — balances, entries, new and
 * changed transactions — checking each step against the balances the earlier steps left, and
 * applies them all in {@link commit}, or none if a check throws. Everything runs synchronously,
 * so no other call can interleave between the checks and the commit.
 */
export class PostingBatch {
  private readonly staged = new Map<string, StagedWallet>();
  private readonly created: TransactionRecord[] = [];
  private readonly createdWallets: WalletState[] = [];
  private readonly changed: TransactionRecord[] = [];

  constructor(
    private readonly state: MemoryState,
    private readonly organization: OrganizationState,
    readonly now: Date,
  ) {}

  /** A wallet of the organization, as staged; `NOT_FOUND` otherwise. */
  wallet(walletId: string, index?: number): StagedWallet {
    const existing = this.staged.get(walletId);
    if (existing !== undefined) return existing;
    const state = this.state.wallet(this.organization.record.id, walletId);
    if (state === undefined) {
      throw new StoreRejection('NOT_FOUND', { walletId, ...(index !== undefined && { index }) });
    }
    const staged: StagedWallet = {
      state,
      balance: state.record.balance,
      held: state.record.held,
      lastPostedAt: state.lastPostedAt,
      entries: [],
    };
    this.staged.set(walletId, staged);
    return staged;
  }

  /** Stages a new default SYSTEM wallet; it exists only if the batch commits. */
  createDefaultSystemWallet(record: WalletRecord): void {
    const state: WalletState = {
      record,
      entries: [],
      lastPostedAt: Number.NEGATIVE_INFINITY,
      transactions: new TimeOrderedIndex(),
    };
    this.createdWallets.push(state);
    this.staged.set(record.id, {
      state,
      balance: record.balance,
      held: record.held,
      lastPostedAt: state.lastPostedAt,
      entries: [],
    });
  }

  /** Checks that both wallets can move money: status first (source, then destination), then funds. */
  checkMove(from: StagedWallet, to: StagedWallet, amount: bigint, index?: number): void {
    const at = index === undefined ? {} : { index };
    for (const wallet of [from, to]) {
      if (wallet.state.record.status !== 'ACTIVE') {
        throw new StoreRejection('WALLET_FROZEN', { ...at, walletId: wallet.state.record.id });
      }
    }
    if (from.state.record.walletType !== 'SYSTEM' && from.balance - from.held < amount) {
      throw new StoreRejection('INSUFFICIENT_FUNDS', { ...at, walletId: from.state.record.id });
    }
  }

  /**
   * The time of a write touching two wallets: `now`, or later if one of them already has an
   * entry after it, so that a wallet's history never goes back in time (see LedgerStore).
   */
  postingTime(from: StagedWallet, to: StagedWallet): Date {
    return new Date(Math.max(this.now.getTime(), from.lastPostedAt, to.lastPostedAt));
  }

  /** Posts `amount` from one wallet to another; returns the posting time and the two entries. */
  post(
    from: StagedWallet,
    to: StagedWallet,
    amount: bigint,
    transactionId: string,
    entryIds: readonly [string, string],
  ): { postedAt: Date; entries: EntryRecord[] } {
    // A wallet's entries never go back in time, whatever the clock did (see LedgerStore).
    const postedAt = this.postingTime(from, to);
    from.balance -= amount;
    to.balance += amount;
    const debit = this.entry(from, entryIds[0], transactionId, 'DEBIT', amount, postedAt);
    const credit = this.entry(to, entryIds[1], transactionId, 'CREDIT', amount, postedAt);
    return { postedAt, entries: [debit, credit] };
  }

  create(transaction: TransactionRecord): void {
    this.created.push(transaction);
  }

  change(transaction: TransactionRecord): void {
    this.changed.push(transaction);
  }

  /** Applies every staged change. */
  commit(): void {
    const { state, organization } = this;
    for (const wallet of this.createdWallets) {
      const { id, currency, createdAt } = wallet.record;
      invariant(!state.wallets.has(id), `a wallet with id ${id} already exists`);
      state.wallets.set(id, wallet);
      organization.wallets.insert(createdAt, id);
      organization.systemWallets.set(currency, id);
    }
    for (const staged of this.staged.values()) {
      const record = staged.state.record;
      if (staged.balance !== record.balance || staged.held !== record.held) {
        staged.state.record = withBalances(record, staged.balance, staged.held, this.now);
      }
      staged.state.entries.push(...staged.entries);
      staged.state.lastPostedAt = staged.lastPostedAt;
    }
    for (const transaction of this.changed) {
      state.transactions.set(transaction.id, transaction);
    }
    for (const transaction of this.created) {
      state.transactions.set(transaction.id, transaction);
      organization.transactions.insert(transaction.createdAt, transaction.id);
      state.wallets
        .get(transaction.fromWalletId)!
        .transactions.insert(transaction.createdAt, transaction.id);
      state.wallets
        .get(transaction.toWalletId)!
        .transactions.insert(transaction.createdAt, transaction.id);
      if (transaction.status === 'PENDING' && transaction.expiresAt !== null) {
        state.trackExpiry(organization, transaction.expiresAt, transaction.id);
      }
    }
  }

  private entry(
    wallet: StagedWallet,
    id: string,
    transactionId: string,
    direction: 'DEBIT' | 'CREDIT',
    amount: bigint,
    createdAt: Date,
  ): EntryRecord {
    wallet.lastPostedAt = createdAt.getTime();
    const entry: EntryRecord = {
      id,
      transactionId,
      walletId: wallet.state.record.id,
      direction,
      amount,
      balanceAfter: wallet.balance,
      sequence: wallet.state.entries.length + wallet.entries.length + 1,
      createdAt,
    };
    wallet.entries.push(entry);
    return entry;
  }
}

/**
 * A copy of a wallet row with new balances. Spelled out field by field rather than spread:
 * this runs on every posting, and V8 builds a literal of known shape several times faster.
 */
export function withBalances(
  record: WalletRecord,
  balance: bigint,
  held: bigint,
  updatedAt: Date,
): WalletRecord {
  return {
    id: record.id,
    organizationId: record.organizationId,
    ownerId: record.ownerId,
    name: record.name,
    walletType: record.walletType,
    currency: record.currency,
    status: record.status,
    balance,
    held,
    metadata: record.metadata,
    createdAt: record.createdAt,
    updatedAt,
  };
}

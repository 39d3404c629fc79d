import type {
  EntryRecord,
  IdempotencyRecord,
  OrganizationRecord,
  TransactionRecord,
  WalletRecord,
} from '../store/records.js';
import { TimeOrderedIndex } from './time-ordered-index.js';

/** A wallet's row and what the memory store keeps beside it. */
export interface WalletState {
  record: WalletRecord;
  /** Entries in sequence order: `entries[i].sequence === i + 1`. */
  readonly entries: EntryRecord[];
  /** `createdAt` of the last entry in epoch milliseconds (-Infinity without entries). */
  lastPostedAt: number;
  /** Every transaction touching the wallet. */
  readonly transactions: TimeOrderedIndex;
}

/** One organization's rows and indexes. */
export interface OrganizationState {
  readonly record: OrganizationRecord;
  readonly wallets: TimeOrderedIndex;
  readonly transactions: TimeOrderedIndex;
  /** `${ownerId}\u0000${currency}` of PRIMARY wallets → wallet id. */
  readonly primaryWallets: Map<string, string>;
  /** currency → id of the default SYSTEM wallet. */
  readonly systemWallets: Map<string, string>;
  readonly idempotency: Map<string, IdempotencyRecord>;
  /** Ids of holds with an expiry, ordered by expiry (expired ones are swept from the front). */
  readonly expiringHolds: { readonly expiresAt: number; readonly id: string }[];
}

/** All rows of a memory store. */
export class MemoryState {
  readonly organizations = new Map<string, OrganizationState>();
  readonly organizationOrder = new TimeOrderedIndex();
  readonly wallets = new Map<string, WalletState>();
  readonly transactions = new Map<string, TransactionRecord>();

  organization(organizationId: string): OrganizationState | undefined {
    return this.organizations.get(organizationId);
  }

  /** The wallet if it belongs to the organization; other organizations' wallets do not exist here. */
  wallet(organizationId: string, walletId: string): WalletState | undefined {
    const wallet = this.wallets.get(walletId);
    return wallet !== undefined && wallet.record.organizationId === organizationId
      ? wallet
      : undefined;
  }

  transaction(organizationId: string, transactionId: string): TransactionRecord | undefined {
    const transaction = this.transactions.get(transactionId);
    return transaction !== undefined && transaction.organizationId === organizationId
      ? transaction
      : undefined;
  }

  /** Records a hold's expiry, keeping the list ordered by time. */
  trackExpiry(organization: OrganizationState, expiresAt: Date, id: string): void {
    const list = organization.expiringHolds;
    const time = expiresAt.getTime();
    let index = list.length;
    while (index > 0 && list[index - 1]!.expiresAt > time) index -= 1;
    list.splice(index, 0, { expiresAt: time, id });
  }

  /**
   * Voids the organization's holds whose expiry is at or before `now`: status VOIDED, amount
   * released from the source's `held`. Returns how many.
   */
  sweepExpiredHolds(organization: OrganizationState, now: Date): number {
    const list = organization.expiringHolds;
    const time = now.getTime();
    let swept = 0;
    while (list.length > 0 && list[0]!.expiresAt <= time) {
      const { id } = list.shift()!;
      const hold = this.transactions.get(id);
      if (hold === undefined || hold.status !== 'PENDING') continue;
      const source = this.wallets.get(hold.fromWalletId)!;
      source.record = { ...source.record, held: source.record.held - heldAmountOf(hold) };
      this.transactions.set(id, { ...hold, status: 'VOIDED' });
      swept += 1;
    }
    return swept;
  }
}

/** What a hold reserves (a hold always records it; `amount` is the fallback for old rows). */
export function heldAmountOf(hold: TransactionRecord): bigint {
  return hold.heldAmount ?? hold.amount;
}

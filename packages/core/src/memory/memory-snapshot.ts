import type { IdempotencyKeyCount, LedgerScans } from '../store/ledger-store.js';
import type {
  EntryRecord,
  OrganizationRecord,
  TransactionRecord,
  WalletRecord,
} from '../store/records.js';
import type { MemoryState } from './memory-state.js';

interface WalletAtSnapshot {
  readonly record: WalletRecord;
  /** The wallet's live entry list: append-only, so its first `entryCount` items never change. */
  readonly entries: readonly EntryRecord[];
  readonly entryCount: number;
}

interface OrganizationAtSnapshot {
  /** By id, in the organization's wallet order (a Map keeps insertion order). */
  readonly wallets: ReadonlyMap<string, WalletAtSnapshot>;
  readonly transactions: readonly TransactionRecord[];
  readonly keys: readonly string[];
}

/**
 * The memory store's rows as of one instant, for `LedgerStore.snapshot`. Records are immutable
 * (a write replaces a wallet's or a transaction's record with a new object) and entry lists
 * only grow, so a snapshot copies references and entry counts, never rows: one pointer per
 * wallet, transaction and idempotency key, and writes made afterwards stay invisible to it.
 */
export class MemorySnapshot implements LedgerScans {
  private readonly organizations: readonly OrganizationRecord[];
  private readonly byOrganization = new Map<string, OrganizationAtSnapshot>();

  constructor(state: MemoryState) {
    const organizations: OrganizationRecord[] = [];
    for (const id of state.organizationOrder.ascending()) {
      const organization = state.organizations.get(id)!;
      organizations.push(organization.record);
      const wallets = new Map<string, WalletAtSnapshot>();
      for (const walletId of organization.wallets.ascending()) {
        const { record, entries } = state.wallets.get(walletId)!;
        wallets.set(walletId, { record, entries, entryCount: entries.length });
      }
      const transactions = [...organization.transactions.ascending()].map(
        (transactionId) => state.transactions.get(transactionId)!,
      );
      this.byOrganization.set(id, {
        wallets,
        transactions,
        keys: [...organization.idempotency.keys()],
      });
    }
    this.organizations = organizations;
  }

  async *scanOrganizations(): AsyncIterable<OrganizationRecord> {
    yield* this.organizations;
  }

  async *scanWallets(organizationId: string): AsyncIterable<WalletRecord> {
    const wallets = this.byOrganization.get(organizationId)?.wallets;
    for (const wallet of wallets?.values() ?? []) yield wallet.record;
  }

  async *scanEntries(organizationId: string, walletId: string): AsyncIterable<EntryRecord> {
    const wallet = this.byOrganization.get(organizationId)?.wallets.get(walletId);
    if (wallet === undefined) return;
    for (let index = 0; index < wallet.entryCount; index += 1) yield wallet.entries[index]!;
  }

  async *scanTransactions(organizationId: string): AsyncIterable<TransactionRecord> {
    yield* this.byOrganization.get(organizationId)?.transactions ?? [];
  }

  async *scanIdempotencyKeys(organizationId: string): AsyncIterable<IdempotencyKeyCount> {
    // A Map holds each key once: the memory store cannot duplicate one.
    for (const key of this.byOrganization.get(organizationId)?.keys ?? []) {
      yield { key, copies: 1 };
    }
  }
}

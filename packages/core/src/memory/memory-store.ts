import { invariant, UnavailableError } from '../errors/vault-error.js';
import type {
  CaptureHoldCommand,
  EntryListQuery,
  IdempotencyKeyCount,
  InsertWalletCommand,
  LedgerScans,
  LedgerStore,
  ListQuery,
  ListResult,
  PostTransfersCommand,
  ReverseTransactionCommand,
  SetWalletStatusCommand,
  StoreCapabilities,
  TransactionFilter,
  VoidHoldCommand,
  WalletFilter,
  Written,
} from '../store/ledger-store.js';
import type {
  EntryRecord,
  IdempotencyRecord,
  OrganizationRecord,
  TransactionRecord,
  WalletRecord,
} from '../store/records.js';
import { StoreRejection } from '../store/store-rejection.js';
import {
  captureHoldIn,
  expectKind,
  postTransfersIn,
  rememberKey,
  replayKey,
  reverseTransactionIn,
  voidHoldIn,
} from './memory-postings.js';
import { MemorySnapshot } from './memory-snapshot.js';
import { MemoryState, type OrganizationState } from './memory-state.js';
import { TimeOrderedIndex } from './time-ordered-index.js';

/**
 * Creates a store that keeps the ledger in this process's memory, with the same semantics as
 * the SQL stores: atomic writes and batches, tenant isolation, idempotency keys, hold expiry.
 * Nothing survives the process: use it for tests, examples and ephemeral ledgers.
 *
 * @example
 * ```ts
 * const vault = createVault({ store: createMemoryStore() });
 * ```
 */
export function createMemoryStore(): LedgerStore {
  return new MemoryStore();
}

class MemoryStore implements LedgerStore {
  readonly capabilities: StoreCapabilities = {
    name: 'memory',
    durable: false,
    multiProcess: false,
  };
  private readonly state = new MemoryState();
  private closed = false;

  async ping(): Promise<void> {
    this.assertOpen();
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  async insertOrganization(organization: OrganizationRecord): Promise<void> {
    this.assertOpen();
    assertNewId(this.state.organizations, organization.id, 'organization');
    this.state.organizations.set(organization.id, {
      record: organization,
      wallets: new TimeOrderedIndex(),
      transactions: new TimeOrderedIndex(),
      primaryWallets: new Map(),
      systemWallets: new Map(),
      idempotency: new Map(),
      expiringHolds: [],
    });
    this.state.organizationOrder.insert(organization.createdAt, organization.id);
  }

  async getOrganization(organizationId: string): Promise<OrganizationRecord | null> {
    this.assertOpen();
    return this.state.organization(organizationId)?.record ?? null;
  }

  async listOrganizations(
    query: ListQuery<Record<string, never>>,
  ): Promise<ListResult<OrganizationRecord>> {
    this.assertOpen();
    return this.state.organizationOrder.page(
      query,
      (id) => this.state.organizations.get(id)!.record,
      () => true,
    );
  }

  async insertWallet(command: InsertWalletCommand): Promise<Written<WalletRecord>> {
    const { wallet } = command;
    const organization = this.organizationOrReject(wallet.organizationId);
    const replay = replayKey(organization, command.idempotency);
    if (replay !== null) return { value: expectKind(replay, 'wallet').wallet, replayed: true };
    const primaryKey = `${wallet.ownerId}\u0000${wallet.currency}`;
    if (wallet.walletType === 'PRIMARY') {
      const existing = organization.primaryWallets.get(primaryKey);
      if (existing !== undefined)
        throw new StoreRejection('PRIMARY_WALLET_EXISTS', { walletId: existing });
      organization.primaryWallets.set(primaryKey, wallet.id);
    }
    this.addWallet(organization, wallet);
    rememberKey(organization, command.idempotency, { kind: 'wallet', wallet }, wallet.createdAt);
    return { value: wallet, replayed: false };
  }

  async getWallet(
    organizationId: string,
    walletId: string,
    now: Date,
  ): Promise<WalletRecord | null> {
    this.sweep(organizationId, now);
    return this.state.wallet(organizationId, walletId)?.record ?? null;
  }

  async listWallets(
    organizationId: string,
    query: ListQuery<WalletFilter>,
    now: Date,
  ): Promise<ListResult<WalletRecord>> {
    const organization = this.sweep(organizationId, now);
    if (organization === undefined)
      return { items: [], total: query.after ? null : 0, hasMore: false };
    const { ownerId, walletType, currency, status } = query.filter;
    return organization.wallets.page(
      query,
      (id) => this.state.wallets.get(id)!.record,
      (wallet) =>
        (ownerId === undefined || wallet.ownerId === ownerId) &&
        (walletType === undefined || wallet.walletType === walletType) &&
        (currency === undefined || wallet.currency === currency) &&
        (status === undefined || wallet.status === status),
    );
  }

  async setWalletStatus(command: SetWalletStatusCommand): Promise<Written<WalletRecord>> {
    const organization = this.organizationOrReject(command.organizationId, command.walletId);
    this.state.sweepExpiredHolds(organization, command.now);
    const replay = replayKey(organization, command.idempotency);
    if (replay !== null) return { value: expectKind(replay, 'wallet').wallet, replayed: true };
    const wallet = this.state.wallet(command.organizationId, command.walletId);
    if (wallet === undefined) throw new StoreRejection('NOT_FOUND', { walletId: command.walletId });
    if (wallet.record.status !== command.status) {
      wallet.record = { ...wallet.record, status: command.status, updatedAt: command.now };
    }
    rememberKey(
      organization,
      command.idempotency,
      { kind: 'wallet', wallet: wallet.record },
      command.now,
    );
    return { value: wallet.record, replayed: false };
  }

  async getBalanceAsOf(organizationId: string, walletId: string, asOf: Date): Promise<bigint> {
    this.assertOpen();
    const entries = this.state.wallet(organizationId, walletId)?.entries ?? [];
    // Entries' times never decrease along the sequence: binary search the last one <= asOf.
    const time = asOf.getTime();
    let low = 0;
    let high = entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (entries[middle]!.createdAt.getTime() <= time) low = middle + 1;
      else high = middle;
    }
    return low === 0 ? 0n : entries[low - 1]!.balanceAfter;
  }

  async postTransfers(command: PostTransfersCommand): Promise<Written<TransactionRecord[]>> {
    const organization = this.organizationOrReject(
      command.organizationId,
      command.transfers[0]?.fromWalletId,
    );
    return postTransfersIn(this.state, organization, command);
  }

  async captureHold(command: CaptureHoldCommand): Promise<Written<TransactionRecord>> {
    return captureHoldIn(this.state, this.organizationOrReject(command.organizationId), command);
  }

  async voidHold(command: VoidHoldCommand): Promise<Written<TransactionRecord>> {
    return voidHoldIn(this.state, this.organizationOrReject(command.organizationId), command);
  }

  async reverseTransaction(
    command: ReverseTransactionCommand,
  ): Promise<Written<TransactionRecord>> {
    const organization = this.organizationOrReject(command.organizationId);
    return reverseTransactionIn(this.state, organization, command);
  }

  async getTransaction(
    organizationId: string,
    transactionId: string,
    now: Date,
  ): Promise<TransactionRecord | null> {
    this.sweep(organizationId, now);
    return this.state.transaction(organizationId, transactionId) ?? null;
  }

  async listTransactions(
    organizationId: string,
    query: ListQuery<TransactionFilter>,
    now: Date,
  ): Promise<ListResult<TransactionRecord>> {
    const organization = this.sweep(organizationId, now);
    if (organization === undefined)
      return { items: [], total: query.after ? null : 0, hasMore: false };
    const { walletId, transactionType, status, createdFrom, createdTo } = query.filter;
    let index = organization.transactions;
    if (walletId !== undefined) {
      const wallet = this.state.wallet(organizationId, walletId);
      if (wallet === undefined) return { items: [], total: query.after ? null : 0, hasMore: false };
      index = wallet.transactions;
    }
    const from = createdFrom?.getTime() ?? Number.NEGATIVE_INFINITY;
    const to = createdTo?.getTime() ?? Number.POSITIVE_INFINITY;
    return index.page(
      query,
      (id) => this.state.transactions.get(id)!,
      (transaction) =>
        (transactionType === undefined || transaction.transactionType === transactionType) &&
        (status === undefined || transaction.status === status) &&
        transaction.createdAt.getTime() >= from &&
        transaction.createdAt.getTime() <= to,
    );
  }

  async listEntries(
    organizationId: string,
    walletId: string,
    query: EntryListQuery,
  ): Promise<ListResult<EntryRecord>> {
    this.assertOpen();
    const entries = this.state.wallet(organizationId, walletId)?.entries ?? [];
    const { pageSize } = query;
    if (query.afterSequence === undefined) {
      const offset = ((query.page ?? 1) - 1) * pageSize;
      const end = Math.max(entries.length - offset, 0);
      const items = entries.slice(Math.max(end - pageSize, 0), end).reverse();
      return { items, total: entries.length, hasMore: end - pageSize > 0 };
    }
    // sequence s sits at index s - 1; the entries after the cursor have lower sequences.
    const end = Math.min(query.afterSequence - 1, entries.length);
    const items = entries.slice(Math.max(end - pageSize, 0), Math.max(end, 0)).reverse();
    return { items, total: null, hasMore: end - pageSize > 0 };
  }

  async findIdempotencyKey(organizationId: string, key: string): Promise<IdempotencyRecord | null> {
    this.assertOpen();
    return this.state.organization(organizationId)?.idempotency.get(key) ?? null;
  }

  async expireHolds(now: Date): Promise<number> {
    this.assertOpen();
    let swept = 0;
    for (const organization of this.state.organizations.values()) {
      swept += this.state.sweepExpiredHolds(organization, now);
    }
    return swept;
  }

  async *scanOrganizations(): AsyncIterable<OrganizationRecord> {
    this.assertOpen();
    for (const id of this.state.organizationOrder.ascending())
      yield this.state.organizations.get(id)!.record;
  }

  async *scanWallets(organizationId: string): AsyncIterable<WalletRecord> {
    this.assertOpen();
    const organization = this.state.organization(organizationId);
    if (organization === undefined) return;
    for (const id of organization.wallets.ascending()) yield this.state.wallets.get(id)!.record;
  }

  async *scanEntries(organizationId: string, walletId: string): AsyncIterable<EntryRecord> {
    this.assertOpen();
    yield* this.state.wallet(organizationId, walletId)?.entries ?? [];
  }

  async *scanTransactions(organizationId: string): AsyncIterable<TransactionRecord> {
    this.assertOpen();
    const organization = this.state.organization(organizationId);
    if (organization === undefined) return;
    for (const id of organization.transactions.ascending()) yield this.state.transactions.get(id)!;
  }

  async *scanIdempotencyKeys(organizationId: string): AsyncIterable<IdempotencyKeyCount> {
    this.assertOpen();
    for (const key of this.state.organization(organizationId)?.idempotency.keys() ?? []) {
      yield { key, copies: 1 };
    }
  }

  async snapshot<T>(read: (scans: LedgerScans) => Promise<T>): Promise<T> {
    this.assertOpen();
    return read(new MemorySnapshot(this.state));
  }

  private assertOpen(): void {
    if (this.closed) throw new UnavailableError('The memory store is closed');
  }

  /** The organization, or a `NOT_FOUND` rejection naming what the caller was after. */
  private organizationOrReject(organizationId: string, walletId?: string): OrganizationState {
    this.assertOpen();
    const organization = this.state.organization(organizationId);
    if (organization === undefined) {
      throw new StoreRejection(
        'NOT_FOUND',
        walletId === undefined ? { organizationId } : { walletId },
      );
    }
    return organization;
  }

  private sweep(organizationId: string, now: Date): OrganizationState | undefined {
    this.assertOpen();
    const organization = this.state.organization(organizationId);
    if (organization !== undefined) this.state.sweepExpiredHolds(organization, now);
    return organization;
  }

  private addWallet(organization: OrganizationState, wallet: WalletRecord): void {
    assertNewId(this.state.wallets, wallet.id, 'wallet');
    this.state.wallets.set(wallet.id, {
      record: wallet,
      entries: [],
      lastPostedAt: Number.NEGATIVE_INFINITY,
      transactions: new TimeOrderedIndex(),
    });
    organization.wallets.insert(wallet.createdAt, wallet.id);
  }
}

/**
 * Fails loudly when an id is already taken: ids come from a generator that must never repeat,
 * and silently replacing a row would lose data (a broken invariant, not a business error).
 */
function assertNewId(rows: ReadonlyMap<string, unknown>, id: string, kind: string): void {
  invariant(
    !rows.has(id),
    `a ${kind} with id ${id} already exists; the id generator repeated itself`,
  );
}

import { invariant, UnavailableError } from '../errors/vault-error.js';
import type {
  CaptureHoldCommand,
  EntryListQuery,
  IdempotencyClaim,
  InsertWalletCommand,
  LedgerStore,
  ListQuery,
  ListResult,
  PostTransfersCommand,
  ReverseTransactionCommand,
  SetWalletStatusCommand,
  StoreCapabilities,
  TransactionFilter,
  TransferPlan,
  VoidHoldCommand,
  WalletFilter,
  Written,
} from '../store/ledger-store.js';
import type {
  EntryRecord,
  IdempotencyRecord,
  IdempotentResult,
  OrganizationRecord,
  TransactionRecord,
  WalletRecord,
} from '../store/records.js';
import { idempotencyKeyReused, StoreRejection } from '../store/store-rejection.js';
import { heldAmountOf, MemoryState, type OrganizationState } from './memory-state.js';
import { PostingBatch } from './posting-batch.js';
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
    const replay = this.replay(organization, command.idempotency);
    if (replay !== null) return { value: expectKind(replay, 'wallet').wallet, replayed: true };
    const primaryKey = `${wallet.ownerId}\u0000${wallet.currency}`;
    if (wallet.walletType === 'PRIMARY') {
      const existing = organization.primaryWallets.get(primaryKey);
      if (existing !== undefined)
        throw new StoreRejection('PRIMARY_WALLET_EXISTS', { walletId: existing });
      organization.primaryWallets.set(primaryKey, wallet.id);
    }
    this.addWallet(organization, wallet);
    this.remember(organization, command.idempotency, { kind: 'wallet', wallet }, wallet.createdAt);
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
    const replay = this.replay(organization, command.idempotency);
    if (replay !== null) return { value: expectKind(replay, 'wallet').wallet, replayed: true };
    const wallet = this.state.wallet(command.organizationId, command.walletId);
    if (wallet === undefined) throw new StoreRejection('NOT_FOUND', { walletId: command.walletId });
    if (wallet.record.status !== command.status) {
      wallet.record = { ...wallet.record, status: command.status, updatedAt: command.now };
    }
    this.remember(
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
    this.state.sweepExpiredHolds(organization, command.now);
    const replay = this.replay(organization, command.idempotency);
    if (replay !== null)
      return { value: [...expectKind(replay, 'transactions').transactions], replayed: true };
    const batch = new PostingBatch(this.state, organization, command.now);
    const aliases = stageSystemWallets(organization, batch, command.systemWallets);
    const records: TransactionRecord[] = [];
    for (const [index, plan] of command.transfers.entries()) {
      const fromWalletId = aliases?.get(plan.fromWalletId) ?? plan.fromWalletId;
      const toWalletId = aliases?.get(plan.toWalletId) ?? plan.toWalletId;
      const from = batch.wallet(fromWalletId, index);
      const to = batch.wallet(toWalletId, index);
      if (
        from.state.record.currency !== plan.currency ||
        to.state.record.currency !== plan.currency
      ) {
        throw new StoreRejection('CURRENCY_MISMATCH', { index });
      }
      batch.checkMove(from, to, plan.amount, index);
      let record: TransactionRecord;
      if (plan.hold) {
        from.held += plan.amount;
        record = planRecord(
          command.organizationId,
          plan,
          fromWalletId,
          toWalletId,
          'PENDING',
          batch.postingTime(from, to),
          null,
          [],
        );
      } else {
        const { postedAt, entries } = batch.post(from, to, plan.amount, plan.id, plan.entryIds);
        record = planRecord(
          command.organizationId,
          plan,
          fromWalletId,
          toWalletId,
          'COMPLETED',
          postedAt,
          postedAt,
          entries,
        );
      }
      batch.create(record);
      records.push(record);
    }
    batch.commit();
    this.remember(
      organization,
      command.idempotency,
      { kind: 'transactions', transactions: records },
      command.now,
    );
    return { value: records, replayed: false };
  }

  async captureHold(command: CaptureHoldCommand): Promise<Written<TransactionRecord>> {
    const organization = this.organizationOrReject(command.organizationId);
    this.state.sweepExpiredHolds(organization, command.now);
    const replay = this.replay(organization, command.idempotency);
    if (replay !== null)
      return { value: expectKind(replay, 'transaction').transaction, replayed: true };
    const hold = this.holdOrReject(command.organizationId, command.transactionId);
    const heldAmount = heldAmountOf(hold);
    const amount = command.amount ?? heldAmount;
    if (amount > heldAmount) {
      throw new StoreRejection('AMOUNT_EXCEEDS_REMAINING', {
        transactionId: hold.id,
        remaining: heldAmount,
      });
    }
    const batch = new PostingBatch(this.state, organization, command.now);
    const from = batch.wallet(hold.fromWalletId);
    const to = batch.wallet(hold.toWalletId);
    from.held -= heldAmount;
    batch.checkMove(from, to, amount);
    const { postedAt, entries } = batch.post(from, to, amount, hold.id, command.entryIds);
    const record: TransactionRecord = {
      ...hold,
      status: 'COMPLETED',
      amount,
      completedAt: postedAt,
      entries,
    };
    batch.change(record);
    batch.commit();
    this.remember(
      organization,
      command.idempotency,
      { kind: 'transaction', transaction: record },
      command.now,
    );
    return { value: record, replayed: false };
  }

  async voidHold(command: VoidHoldCommand): Promise<Written<TransactionRecord>> {
    const organization = this.organizationOrReject(command.organizationId);
    this.state.sweepExpiredHolds(organization, command.now);
    const replay = this.replay(organization, command.idempotency);
    if (replay !== null)
      return { value: expectKind(replay, 'transaction').transaction, replayed: true };
    const hold = this.holdOrReject(command.organizationId, command.transactionId);
    const batch = new PostingBatch(this.state, organization, command.now);
    batch.wallet(hold.fromWalletId).held -= heldAmountOf(hold);
    const record: TransactionRecord = { ...hold, status: 'VOIDED' };
    batch.change(record);
    batch.commit();
    this.remember(
      organization,
      command.idempotency,
      { kind: 'transaction', transaction: record },
      command.now,
    );
    return { value: record, replayed: false };
  }

  async reverseTransaction(
    command: ReverseTransactionCommand,
  ): Promise<Written<TransactionRecord>> {
    const organization = this.organizationOrReject(command.organizationId);
    this.state.sweepExpiredHolds(organization, command.now);
    const replay = this.replay(organization, command.idempotency);
    if (replay !== null)
      return { value: expectKind(replay, 'transaction').transaction, replayed: true };
    const original = this.state.transaction(command.organizationId, command.originalId);
    if (original === undefined)
      throw new StoreRejection('NOT_FOUND', { transactionId: command.originalId });
    if (original.status !== 'COMPLETED' || original.transactionType === 'REVERSAL') {
      throw new StoreRejection('INVALID_STATE', {
        transactionId: original.id,
        status: original.status,
        transactionType: original.transactionType,
      });
    }
    const remaining = original.amount - original.reversedAmount;
    const amount = command.reversal.amount ?? remaining;
    if (amount === 0n || amount > remaining) {
      throw new StoreRejection('AMOUNT_EXCEEDS_REMAINING', {
        transactionId: original.id,
        remaining,
      });
    }
    const batch = new PostingBatch(this.state, organization, command.now);
    const from = batch.wallet(original.toWalletId);
    const to = batch.wallet(original.fromWalletId);
    batch.checkMove(from, to, amount);
    const { postedAt, entries } = batch.post(
      from,
      to,
      amount,
      command.reversal.id,
      command.entryIds,
    );
    const record: TransactionRecord = {
      id: command.reversal.id,
      organizationId: command.organizationId,
      transactionType: 'REVERSAL',
      status: 'COMPLETED',
      amount,
      heldAmount: null,
      reversedAmount: 0n,
      currency: original.currency,
      fromWalletId: original.toWalletId,
      toWalletId: original.fromWalletId,
      description: command.reversal.description,
      metadata: command.reversal.metadata,
      reversesId: original.id,
      expiresAt: null,
      createdAt: postedAt,
      completedAt: postedAt,
      entries,
    };
    batch.change({ ...original, reversedAmount: original.reversedAmount + amount });
    batch.create(record);
    batch.commit();
    this.remember(
      organization,
      command.idempotency,
      { kind: 'transaction', transaction: record },
      command.now,
    );
    return { value: record, replayed: false };
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

  private holdOrReject(organizationId: string, transactionId: string): TransactionRecord {
    const hold = this.state.transaction(organizationId, transactionId);
    if (hold === undefined) throw new StoreRejection('NOT_FOUND', { transactionId });
    if (hold.status !== 'PENDING') {
      throw new StoreRejection('INVALID_STATE', { transactionId, status: hold.status });
    }
    return hold;
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

  /** The remembered result of a key used with the same request; a conflict for another request. */
  private replay(
    organization: OrganizationState,
    claim: IdempotencyClaim | undefined,
  ): IdempotentResult | null {
    if (claim === undefined) return null;
    const existing = organization.idempotency.get(claim.key);
    if (existing === undefined) return null;
    if (existing.fingerprint !== claim.fingerprint) throw idempotencyKeyReused(claim.key);
    return existing.result;
  }

  private remember(
    organization: OrganizationState,
    claim: IdempotencyClaim | undefined,
    result: IdempotentResult,
    now: Date,
  ): void {
    if (claim === undefined) return;
    organization.idempotency.set(claim.key, {
      organizationId: organization.record.id,
      key: claim.key,
      fingerprint: claim.fingerprint,
      result,
      createdAt: now,
    });
  }
}

/** A remembered result of the kind the operation stores; the fingerprint guarantees the operation. */
function expectKind<K extends IdempotentResult['kind']>(
  result: IdempotentResult,
  kind: K,
): Extract<IdempotentResult, { kind: K }> {
  invariant(result.kind === kind, `idempotent result of kind ${result.kind}, expected ${kind}`);
  return result as Extract<IdempotentResult, { kind: K }>;
}

/** The transaction row of a transfer plan, spelled out field by field (a hot path; see withBalances). */
function planRecord(
  organizationId: string,
  plan: TransferPlan,
  fromWalletId: string,
  toWalletId: string,
  status: 'PENDING' | 'COMPLETED',
  createdAt: Date,
  completedAt: Date | null,
  entries: EntryRecord[],
): TransactionRecord {
  return {
    id: plan.id,
    organizationId,
    transactionType: plan.transactionType,
    status,
    amount: plan.amount,
    heldAmount: plan.hold ? plan.amount : null,
    reversedAmount: 0n,
    currency: plan.currency,
    fromWalletId,
    toWalletId,
    description: plan.description,
    metadata: plan.metadata,
    reversesId: null,
    expiresAt: plan.hold ? plan.expiresAt : null,
    createdAt,
    completedAt,
    entries,
  };
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

/**
 * Stages the default SYSTEM wallets a posting brings as candidates (see
 * PostTransfersCommand.systemWallets): a candidate is created with the posting unless the
 * organization already has one in its currency, whose id then replaces the candidate's.
 */
function stageSystemWallets(
  organization: OrganizationState,
  batch: PostingBatch,
  candidates: readonly WalletRecord[] | undefined,
): Map<string, string> | undefined {
  if (candidates === undefined || candidates.length === 0) return undefined;
  const aliases = new Map<string, string>();
  for (const candidate of candidates) {
    const existing = organization.systemWallets.get(candidate.currency);
    if (existing === undefined) batch.createDefaultSystemWallet(candidate);
    else aliases.set(candidate.id, existing);
  }
  return aliases;
}

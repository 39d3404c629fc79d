import type {
  Metadata,
  TransactionStatus,
  TransactionType,
  WalletStatus,
  WalletType,
} from '../engine/types.js';
import type {
  EntryRecord,
  IdempotencyRecord,
  OrganizationRecord,
  TransactionRecord,
  WalletRecord,
} from './records.js';

/**
 * The storage contract. Every store — the in-memory store in core, the SQLite and PostgreSQL
 * stores in `@vaultcraft/adapters`, or your own — implements this interface, and proves it by
 * passing the conformance suite of `@vaultcraft/core/testing` unchanged.
 *
 * Division of labour: the engine validates input, resolves currencies and scales, converts
 * decimal strings to minor units, generates ids and times, and formats results. A store keeps
 * rows and performs each write atomically, enforcing the rules that depend on current state
 * (wallet status, available balance, hold state, what is left to reverse, PRIMARY uniqueness,
 * idempotency keys), because only the store can check and write them in one atomic step. It
 * reports a rejected write by throwing a {@link StoreRejection} and writes nothing then.
 *
 * Rules every store follows:
 * - **Atomicity.** Each write method commits everything or nothing. `postTransfers` commits all
 *   plans or none.
 * - **Tenancy.** Every method is scoped by `organizationId`; a row of another organization is
 *   treated exactly as a row that does not exist.
 * - **Concurrency.** Methods may be called concurrently (and, for multi-process stores, from
 *   several processes). Concurrent writes must neither lose updates nor let a non-SYSTEM
 *   wallet's available balance go below zero; transient conflicts (deadlocks, serialization
 *   failures, busy databases) are retried inside the store, a bounded number of times, then
 *   reported as `UNAVAILABLE`.
 * - **Hold expiry.** A PENDING hold whose `expiresAt <= now` is expired: every method that takes
 *   `now` first voids such holds of the organization (status VOIDED, `held` released), so no
 *   caller can observe an expired hold as PENDING or its amount as held.
 * - **Posting order.** A wallet's entries get `sequence` 1, 2, 3... in the order they were
 *   applied, and their `createdAt` never decreases along that order: a write's `postedAt` is
 *   `max(now, createdAt of the latest entry of every wallet it touches)`, used as the
 *   transaction's `createdAt` (or `completedAt` for a capture) and its entries' `createdAt`.
 *   A balance as of an instant is then the `balanceAfter` of the wallet's last entry with
 *   `createdAt <= asOf`.
 * - **Idempotency.** A write that carries an {@link IdempotencyClaim} stores the key with its
 *   result in the same atomic step. If the organization already has the key: with the same
 *   fingerprint, nothing is written and the stored result is returned with `replayed: true`;
 *   with another fingerprint, the store throws `ConflictError` `IDEMPOTENCY_KEY_REUSED`. This
 *   must hold when two writes with one key race (use a unique constraint). A rejected write
 *   stores no key.
 * - **Money.** Amounts are `bigint` minor units; never a float in memory or in a column.
 */
export interface LedgerStore extends LedgerScans {
  /** What this store can do. */
  readonly capabilities: StoreCapabilities;

  /** Checks that the store answers; throws `UNAVAILABLE` otherwise. */
  ping(): Promise<void>;
  /** Releases every resource (connections, file handles, timers). Idempotent. */
  close(): Promise<void>;

  // Organizations.
  /** Inserts an organization. */
  insertOrganization(organization: OrganizationRecord): Promise<void>;
  getOrganization(organizationId: string): Promise<OrganizationRecord | null>;
  listOrganizations(
    query: ListQuery<Record<string, never>>,
  ): Promise<ListResult<OrganizationRecord>>;

  // Wallets.
  /**
   * Inserts a wallet. Rejects with `NOT_FOUND` (`facts.organizationId`) when the organization
   * does not exist, and `PRIMARY_WALLET_EXISTS` (`facts.walletId` of the existing one) when the
   * owner already has a PRIMARY wallet in that currency.
   */
  insertWallet(command: InsertWalletCommand): Promise<Written<WalletRecord>>;
  getWallet(organizationId: string, walletId: string, now: Date): Promise<WalletRecord | null>;
  listWallets(
    organizationId: string,
    query: ListQuery<WalletFilter>,
    now: Date,
  ): Promise<ListResult<WalletRecord>>;
  /** Sets a wallet's status (a no-op if it already has it). Rejects with `NOT_FOUND`. */
  setWalletStatus(command: SetWalletStatusCommand): Promise<Written<WalletRecord>>;
  /**
   * The wallet's posted balance at `asOf`: the `balanceAfter` of its last entry with
   * `createdAt <= asOf`, or zero. Must be answered from an index, not by summing entries.
   */
  getBalanceAsOf(organizationId: string, walletId: string, asOf: Date): Promise<bigint>;

  // Transactions.
  /**
   * Applies transfers (deposits, withdrawals and transfers are all transfers between two
   * wallets), in order, all or nothing. For each plan, in this order of precedence (the first
   * failing check rejects with `facts.index` set to the plan's index):
   * 1. both wallets exist in the organization (`NOT_FOUND`, `facts.walletId`);
   * 2. both hold `plan.currency` (`CURRENCY_MISMATCH`);
   * 3. the source, then the destination, is ACTIVE (`WALLET_FROZEN`, `facts.walletId`);
   * 4. unless the source is a SYSTEM wallet, its available balance (`balance - held`, as left
   *    by the earlier plans of the same call) is at least `amount` (`INSUFFICIENT_FUNDS`).
   * A plan with `hold` creates a PENDING transaction with `heldAmount = amount`, no entries, and
   * adds `amount` to the source's `held`. Otherwise it posts a DEBIT on the source and a CREDIT
   * on the destination and creates a COMPLETED transaction.
   */
  postTransfers(command: PostTransfersCommand): Promise<Written<TransactionRecord[]>>;
  /**
   * Captures a hold: `NOT_FOUND`; `INVALID_STATE` unless PENDING (after expiry); with an
   * amount above `heldAmount`, `AMOUNT_EXCEEDS_REMAINING` (`facts.remaining = heldAmount`);
   * `WALLET_FROZEN` (source, then destination). Releases the whole hold, posts the captured
   * amount (`amount ?? heldAmount`), sets status COMPLETED, `amount` to the captured amount and
   * `completedAt` to the posting time.
   */
  captureHold(command: CaptureHoldCommand): Promise<Written<TransactionRecord>>;
  /** Voids a hold: `NOT_FOUND`; `INVALID_STATE` unless PENDING. Releases it; status VOIDED. */
  voidHold(command: VoidHoldCommand): Promise<Written<TransactionRecord>>;
  /**
   * Reverses a COMPLETED, non-REVERSAL transaction, moving money from its destination back to
   * its source: `NOT_FOUND`; `INVALID_STATE`; `AMOUNT_EXCEEDS_REMAINING` when the amount
   * (default: all that is left) is zero or above `amount - reversedAmount`
   * (`facts.remaining`); then the checks 3 and 4 of {@link postTransfers}. Adds the amount to
   * the original's `reversedAmount`.
   */
  reverseTransaction(command: ReverseTransactionCommand): Promise<Written<TransactionRecord>>;
  getTransaction(
    organizationId: string,
    transactionId: string,
    now: Date,
  ): Promise<TransactionRecord | null>;
  listTransactions(
    organizationId: string,
    query: ListQuery<TransactionFilter>,
    now: Date,
  ): Promise<ListResult<TransactionRecord>>;
  /** A wallet's entries, newest first (by `sequence` descending). */
  listEntries(
    organizationId: string,
    walletId: string,
    query: EntryListQuery,
  ): Promise<ListResult<EntryRecord>>;

  // Idempotency and maintenance.
  findIdempotencyKey(organizationId: string, key: string): Promise<IdempotencyRecord | null>;
  /** Voids the expired holds of every organization now; returns how many. */
  expireHolds(now: Date): Promise<number>;

  // Verification: the scans (see LedgerScans), called directly or through a snapshot.
  /**
   * Runs `read` over one consistent, read-only view of the whole store: every scan made through
   * the view sees the store as of one instant (the call), whatever is written meanwhile, so
   * that `verifyLedger` on a busy store reports no transient violation. The view is valid until
   * `read` settles; its resources are released then, also when `read` throws.
   *
   * The SQL stores hold one read transaction for it (PostgreSQL: `REPEATABLE READ READ ONLY`
   * on one pooled connection; SQLite: a second, read-only connection in WAL mode, or a copy of
   * an in-memory database) and block no writer; a store that cannot keep a snapshot may instead
   * hold its writes back until `read` settles.
   *
   * @throws `UNAVAILABLE` when the store is closed or does not answer.
   */
  snapshot<T>(read: (scans: LedgerScans) => Promise<T>): Promise<T>;
}

/**
 * The streams `verifyLedger` reads. Each reads its rows in bounded pages, so memory stays
 * constant per item whatever the ledger's size. Called on the store, each scan sees the rows
 * as of its own pages; called through {@link LedgerStore.snapshot}, all see one instant.
 */
export interface LedgerScans {
  /** Every organization, oldest first (`createdAt`, then `id`). */
  scanOrganizations(): AsyncIterable<OrganizationRecord>;
  /** The organization's wallets, oldest first. */
  scanWallets(organizationId: string): AsyncIterable<WalletRecord>;
  /** A wallet's entries in `sequence` order (oldest first). */
  scanEntries(organizationId: string, walletId: string): AsyncIterable<EntryRecord>;
  /**
   * The organization's transactions, oldest first, each with every entry stored for it
   * (whatever its status: a hold's entries are a corruption that verification must see).
   */
  scanTransactions(organizationId: string): AsyncIterable<TransactionRecord>;
  /**
   * The organization's distinct idempotency keys in the store's key order, each with the
   * number of stored rows holding it: 1, unless the store's unique constraint was broken.
   */
  scanIdempotencyKeys(organizationId: string): AsyncIterable<IdempotencyKeyCount>;
}

/** One idempotency key as {@link LedgerScans.scanIdempotencyKeys} reports it. */
export interface IdempotencyKeyCount {
  readonly key: string;
  /** Rows of the organization holding this key (1 in a sound store). */
  readonly copies: number;
}

/** What a store can do; the engine and the conformance suite read these instead of store names. */
export interface StoreCapabilities {
  /** A short name for logs and reports (`memory`, `sqlite`, `postgres`). */
  readonly name: string;
  /** Acknowledged writes survive a crash of the process. */
  readonly durable: boolean;
  /** Several processes may share the store's data safely. */
  readonly multiProcess: boolean;
}

/** An idempotency key claimed by a write, with the fingerprint of the request. */
export interface IdempotencyClaim {
  readonly key: string;
  readonly fingerprint: string;
}

/** A write's result, and whether it was replayed from an idempotency key rather than written now. */
export interface Written<T> {
  readonly value: T;
  readonly replayed: boolean;
}

/** How to page a list: page mode (`page`, with a total) or cursor mode (`after`, keyset). */
export interface ListQuery<F> {
  readonly filter: F;
  /** 1..100 items per page. */
  readonly pageSize: number;
  /** Page mode: the 1-based page number; the result includes `total`. */
  readonly page?: number;
  /** Cursor mode: only items strictly after this key in list order (newest first). */
  readonly after?: ListKey;
}

/** A position in a list ordered by (`createdAt`, `id`) descending. */
export interface ListKey {
  readonly createdAt: Date;
  readonly id: string;
}

/** How to page a wallet's statement: by page, or after an entry `sequence`. */
export interface EntryListQuery {
  readonly pageSize: number;
  readonly page?: number;
  /** Cursor mode: only entries with a lower sequence. */
  readonly afterSequence?: number;
}

/** One page of rows. `total` is the number of matching rows in page mode, `null` in cursor mode. */
export interface ListResult<T> {
  readonly items: T[];
  readonly total: number | null;
  /** Whether rows follow this page. */
  readonly hasMore: boolean;
}

/** Wallet list filters (all optional, combined with AND). */
export interface WalletFilter {
  readonly ownerId?: string;
  readonly walletType?: WalletType;
  readonly currency?: string;
  readonly status?: WalletStatus;
}

/** Transaction list filters (all optional, combined with AND). Times are inclusive. */
export interface TransactionFilter {
  /** Transactions whose source or destination is this wallet. */
  readonly walletId?: string;
  readonly transactionType?: TransactionType;
  readonly status?: TransactionStatus;
  readonly createdFrom?: Date;
  readonly createdTo?: Date;
}

export interface InsertWalletCommand {
  readonly wallet: WalletRecord;
  readonly idempotency?: IdempotencyClaim;
}

export interface SetWalletStatusCommand {
  readonly organizationId: string;
  readonly walletId: string;
  readonly status: WalletStatus;
  readonly now: Date;
  readonly idempotency?: IdempotencyClaim;
}

/** One transfer to apply, fully resolved by the engine. */
export interface TransferPlan {
  readonly id: string;
  readonly transactionType: 'DEPOSIT' | 'WITHDRAWAL' | 'TRANSFER';
  /** Positive, in minor units. */
  readonly amount: bigint;
  readonly currency: string;
  readonly fromWalletId: string;
  readonly toWalletId: string;
  readonly description: string | null;
  readonly metadata: Metadata;
  /** Reserve the amount (PENDING) instead of posting it. */
  readonly hold: boolean;
  /** For a hold, when it expires; later than `now`. */
  readonly expiresAt: Date | null;
  /** Ids for the DEBIT and the CREDIT entry (unused by a hold: its capture brings its own). */
  readonly entryIds: readonly [string, string];
}

export interface PostTransfersCommand {
  readonly organizationId: string;
  readonly now: Date;
  /** 1..1000 plans, applied in order, all or nothing. */
  readonly transfers: readonly TransferPlan[];
  readonly idempotency?: IdempotencyClaim;
  /**
   * Default SYSTEM wallets the plans may need (the first deposit or withdrawal of a currency).
   * In the same atomic step, before the plans: for each candidate, if the organization has no
   * default SYSTEM wallet in its currency, insert it (it becomes that default); if it has one
   * (another call created it first), use the existing wallet instead, reading every plan's
   * `fromWalletId`/`toWalletId` equal to the candidate's id as the existing wallet's id. Either
   * way the result's transactions carry the real id. Exactly one default SYSTEM wallet per
   * organization and currency exists, also when first uses race; a rejected call creates none.
   * When the organization does not exist, the call rejects with `NOT_FOUND` for the first
   * plan's source wallet (`facts.walletId`), as any `postTransfers` call does.
   */
  readonly systemWallets?: readonly WalletRecord[];
}

export interface CaptureHoldCommand {
  readonly organizationId: string;
  readonly transactionId: string;
  /** The amount to capture; `null` captures the whole hold. */
  readonly amount: bigint | null;
  readonly entryIds: readonly [string, string];
  readonly now: Date;
  readonly idempotency?: IdempotencyClaim;
}

export interface VoidHoldCommand {
  readonly organizationId: string;
  readonly transactionId: string;
  readonly now: Date;
  readonly idempotency?: IdempotencyClaim;
}

export interface ReverseTransactionCommand {
  readonly organizationId: string;
  readonly originalId: string;
  readonly reversal: {
    readonly id: string;
    /** `null` reverses all that is left. */
    readonly amount: bigint | null;
    readonly description: string | null;
    readonly metadata: Metadata;
  };
  readonly entryIds: readonly [string, string];
  readonly now: Date;
  readonly idempotency?: IdempotencyClaim;
}

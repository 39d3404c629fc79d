import {
  ConfigurationError,
  ConflictError,
  type ErrorDetails,
  InternalError,
  isVaultError,
  NotFoundError,
  RejectedError,
  type VaultError,
} from '../errors/vault-error.js';
import type { Clock } from '../ids/clock.js';
import type { IdGenerator } from '../ids/uuid-v7-generator.js';
import type { Currency, CurrencyRegistry } from '../money/currencies.js';
import { formatMinor } from '../money/format-minor.js';
import type { LedgerStore } from '../store/ledger-store.js';
import type {
  EntryRecord,
  IdempotentResult,
  OrganizationRecord,
  TransactionRecord,
  WalletRecord,
} from '../store/records.js';
import {
  isStoreRejection,
  type RejectionCode,
  type RejectionFacts,
} from '../store/store-rejection.js';
import { emptyMetadata } from '../validation/schemas.js';
import type { Entry, Organization, Transaction, Wallet } from './types.js';

/** The immutable facts of a wallet, safe to cache: a wallet never changes organization, currency or type. */
export interface WalletFacts {
  readonly organizationId: string;
  readonly currency: string;
  readonly walletType: WalletRecord['walletType'];
}

const walletFactsCacheSize = 100_000;

/**
 * What every part of the engine shares: the store, the clock, the id generator, the currency
 * registry, and caches of facts that never change.
 */
export class EngineContext {
  private readonly walletFactsById = new Map<string, WalletFacts>();
  private readonly systemWalletIds = new Map<string, string>();

  constructor(
    readonly store: LedgerStore,
    readonly clock: Clock,
    readonly nextId: IdGenerator,
    readonly currencies: CurrencyRegistry,
  ) {}

  /** The current instant, truncated to milliseconds by construction of `Date`. */
  now(): Date {
    return this.clock();
  }

  /** The currency of a stored row; a row in an undeclared currency is a configuration error. */
  currencyOf(code: string): Currency {
    const currency = this.currencies.find(code);
    if (currency === undefined) {
      throw new ConfigurationError(
        'currencies',
        `the store holds amounts in "${code}", which is neither an ISO 4217 code nor a declared custom asset`,
      );
    }
    return currency;
  }

  /**
   * The cached facts of a wallet of this organization, or `undefined` when they are not cached
   * (or the wallet belongs to another organization: {@link walletFacts} then says NOT_FOUND).
   * Synchronous, so the hot path needs no await when the cache answers.
   */
  cachedWalletFacts(organizationId: string, walletId: string): WalletFacts | undefined {
    const cached = this.walletFactsById.get(walletId);
    return cached !== undefined && cached.organizationId === organizationId ? cached : undefined;
  }

  /**
   * The immutable facts of a wallet of this organization, from the cache or the store. A
   * wallet of another organization is reported as not found, exactly like a missing one.
   */
  async walletFacts(
    organizationId: string,
    walletId: string,
    now: Date,
    details: ErrorDetails = {},
  ): Promise<WalletFacts> {
    const cached = this.walletFactsById.get(walletId);
    if (cached !== undefined) {
      if (cached.organizationId !== organizationId) {
        throw new NotFoundError('wallet', walletId, details);
      }
      return cached;
    }
    const record = await this.store.getWallet(organizationId, walletId, now);
    if (record === null) {
      throw new NotFoundError('wallet', walletId, details);
    }
    return this.rememberWallet(record);
  }

  /** Caches a wallet's immutable facts. */
  rememberWallet(record: WalletRecord): WalletFacts {
    const facts: WalletFacts = {
      organizationId: record.organizationId,
      currency: record.currency,
      walletType: record.walletType,
    };
    if (this.walletFactsById.size >= walletFactsCacheSize) {
      // Evict the oldest insertion; a Map iterates in insertion order.
      const oldest = this.walletFactsById.keys().next().value;
      if (oldest !== undefined) {
        this.walletFactsById.delete(oldest);
      }
    }
    this.walletFactsById.set(record.id, facts);
    return facts;
  }

  /**
   * The organization's default SYSTEM wallet in `currency`, for a deposit or a withdrawal.
   * Once known, its id comes from a cache (the wallet is never deleted). Until then, a
   * candidate row is returned with it: the store creates it in the same atomic step as the
   * posting that needs it — or uses the existing one, if another process created it first — so
   * a rejected request leaves no SYSTEM wallet behind and every process checks in one order.
   * Call {@link learnSystemWallet} with the wallet the posting really used.
   */
  systemWallet(
    organizationId: string,
    currency: string,
    now: Date,
  ): { id: string; candidate?: WalletRecord } {
    const cached = this.systemWalletIds.get(systemWalletKey(organizationId, currency));
    if (cached !== undefined) {
      return { id: cached };
    }
    const candidate: WalletRecord = {
      id: this.nextId(),
      organizationId,
      ownerId: organizationId,
      name: `System ${currency}`,
      walletType: 'SYSTEM',
      currency,
      status: 'ACTIVE',
      balance: 0n,
      held: 0n,
      metadata: emptyMetadata,
      createdAt: now,
      updatedAt: now,
    };
    // Plan resolution looks the candidate up like any wallet; its id is new and never shown
    // to anyone unless the store creates it, so caching its facts is harmless.
    this.rememberWallet(candidate);
    return { id: candidate.id, candidate };
  }

  /** Remembers the id of the default SYSTEM wallet a posting used. */
  learnSystemWallet(organizationId: string, currency: string, walletId: string): void {
    const key = systemWalletKey(organizationId, currency);
    if (this.systemWalletIds.size >= walletFactsCacheSize) {
      this.systemWalletIds.clear();
    }
    this.systemWalletIds.set(key, walletId);
  }

  /** Converts an organization row to the public shape (its own copy). */
  toOrganization(record: OrganizationRecord): Organization {
    return {
      id: record.id,
      name: record.name,
      metadata: record.metadata,
      createdAt: copyDate(record.createdAt),
    };
  }

  /** Converts a wallet row to the public shape. */
  toWallet(record: WalletRecord): Wallet {
    const { scale } = this.currencyOf(record.currency);
    return {
      id: record.id,
      organizationId: record.organizationId,
      ownerId: record.ownerId,
      name: record.name,
      walletType: record.walletType,
      currency: record.currency,
      status: record.status,
      balance: formatMinor(record.balance, scale),
      availableBalance: formatMinor(record.balance - record.held, scale),
      metadata: record.metadata,
      createdAt: copyDate(record.createdAt),
      updatedAt: copyDate(record.updatedAt),
    };
  }

  /** Converts a transaction row (with entries) to the public shape. */
  toTransaction(record: TransactionRecord): Transaction {
    const { scale } = this.currencyOf(record.currency);
    return {
      id: record.id,
      organizationId: record.organizationId,
      transactionType: record.transactionType,
      status: record.status,
      amount: formatMinor(record.amount, scale),
      currency: record.currency,
      fromWalletId: record.fromWalletId,
      toWalletId: record.toWalletId,
      description: record.description,
      metadata: record.metadata,
      reversesId: record.reversesId,
      heldAmount: record.heldAmount === null ? null : formatMinor(record.heldAmount, scale),
      reversedAmount: formatMinor(record.reversedAmount, scale),
      expiresAt: record.expiresAt === null ? null : copyDate(record.expiresAt),
      createdAt: copyDate(record.createdAt),
      completedAt: record.completedAt === null ? null : copyDate(record.completedAt),
      entries: record.entries.map((entry) => toEntry(entry, scale)),
    };
  }

  /** Converts an entry row to the public shape. */
  toEntry(record: EntryRecord, currency: string): Entry {
    return toEntry(record, this.currencyOf(currency).scale);
  }

  /** Converts a remembered idempotent result to the public shape of the operation. */
  toResult(result: IdempotentResult): Wallet | Transaction | Transaction[] {
    switch (result.kind) {
      case 'wallet':
        return this.toWallet(result.wallet);
      case 'transaction':
        return this.toTransaction(result.transaction);
      case 'transactions':
        return result.transactions.map((record) => this.toTransaction(record));
    }
  }

  /**
   * Converts a store's rejection into the public error, formatting amounts in `currency`.
   * Our own errors pass unchanged; anything else becomes `INTERNAL`, with the original as its
   * `cause`.
   */
  translate(error: unknown, currency: string | null, options: { batch?: boolean } = {}): unknown {
    if (!isStoreRejection(error)) {
      // A store that fails in a way it did not map must not show driver text to callers.
      return isVaultError(error)
        ? error
        : new InternalError('The store failed unexpectedly', { cause: error });
    }
    // A single move is posted as a batch of one; its index means nothing to the caller.
    const facts = options.batch === true ? error.facts : { ...error.facts, index: undefined };
    return rejectionToError(
      error.code,
      facts,
      currency === null ? null : this.currencyOf(currency),
    );
  }
}

function systemWalletKey(organizationId: string, currency: string): string {
  return `${organizationId}\u0000${currency}`;
}

/**
 * A copy of a stored instant: callers get their own `Date`, so mutating one can never change
 * a store's rows (the memory store keeps its objects).
 */
function copyDate(date: Date): Date {
  return new Date(date.getTime());
}

function toEntry(record: EntryRecord, scale: number): Entry {
  return {
    id: record.id,
    transactionId: record.transactionId,
    walletId: record.walletId,
    direction: record.direction,
    amount: formatMinor(record.amount, scale),
    balanceAfter: formatMinor(record.balanceAfter, scale),
    createdAt: copyDate(record.createdAt),
  };
}

function rejectionToError(
  code: RejectionCode,
  facts: RejectionFacts,
  currency: Currency | null,
): VaultError {
  const index = facts.index === undefined ? {} : { index: facts.index };
  const at = facts.index === undefined ? '' : ` (transfers[${facts.index}])`;
  switch (code) {
    case 'NOT_FOUND':
      if (facts.walletId !== undefined) return new NotFoundError('wallet', facts.walletId, index);
      if (facts.transactionId !== undefined)
        return new NotFoundError('transaction', facts.transactionId, index);
      return new NotFoundError('organization', facts.organizationId ?? 'unknown', index);
    case 'CURRENCY_MISMATCH':
      return new RejectedError('CURRENCY_MISMATCH', `The wallets hold different currencies${at}`, {
        details: { ...index },
      });
    case 'WALLET_FROZEN':
      return new RejectedError('WALLET_FROZEN', `Wallet ${facts.walletId} is frozen${at}`, {
        details: { ...index, wallet_id: facts.walletId },
      });
    case 'INSUFFICIENT_FUNDS':
      return new RejectedError(
        'INSUFFICIENT_FUNDS',
        `Wallet ${facts.walletId} does not have enough available funds${at}`,
        { details: { ...index, wallet_id: facts.walletId } },
      );
    case 'INVALID_STATE': {
      const reversal = facts.transactionType === 'REVERSAL';
      return new RejectedError(
        'INVALID_STATE',
        reversal
          ? `Transaction ${facts.transactionId} is a REVERSAL, which cannot be reversed`
          : `Transaction ${facts.transactionId} is ${facts.status ?? 'not in a state that allows this'}`,
        {
          details: {
            ...index,
            transaction_id: facts.transactionId,
            status: facts.status,
            ...(facts.transactionType !== undefined && { transaction_type: facts.transactionType }),
          },
        },
      );
    }
    case 'AMOUNT_EXCEEDS_REMAINING': {
      const remaining =
        facts.remaining === undefined || currency === null
          ? undefined
          : formatMinor(facts.remaining, currency.scale);
      return new RejectedError(
        'AMOUNT_EXCEEDS_REMAINING',
        `The amount is above what is left (${remaining ?? 'unknown'}${currency ? ` ${currency.code}` : ''})`,
        { details: { ...index, remaining, transaction_id: facts.transactionId } },
      );
    }
    case 'PRIMARY_WALLET_EXISTS':
      return new ConflictError(
        'PRIMARY_WALLET_EXISTS',
        'The owner already has a PRIMARY wallet in this currency',
        { details: { wallet_id: facts.walletId } },
      );
  }
}

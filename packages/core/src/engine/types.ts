/**
 * The domain objects the engine returns. Amounts are canonical decimal strings with exactly the
 * currency's scale (`'10.50'`, `'1500'` for JPY); times are `Date`s with millisecond precision.
 */

/** A wallet's type. Only SYSTEM wallets may go below zero. */
export type WalletType = 'PRIMARY' | 'BONUS' | 'SYSTEM';
/** A wallet's status. A FROZEN wallet can neither send nor receive. */
export type WalletStatus = 'ACTIVE' | 'FROZEN';
/** What a transaction does. Deposits and withdrawals move money to or from the organization's SYSTEM wallet. */
export type TransactionType = 'DEPOSIT' | 'WITHDRAWAL' | 'TRANSFER' | 'REVERSAL';
/**
 * A transaction's status. PENDING is an open hold; VOIDED a hold voided or expired. FAILED is
 * reserved for work accepted for later execution; a rejected synchronous call writes nothing.
 */
export type TransactionStatus = 'PENDING' | 'COMPLETED' | 'FAILED' | 'VOIDED';
/** The side of an entry: money leaves the DEBIT wallet and reaches the CREDIT wallet. */
export type EntryDirection = 'DEBIT' | 'CREDIT';

/** Free-form string metadata: at most 50 keys of at most 40 characters, values of at most 500 characters. */
export type Metadata = Readonly<Record<string, string>>;

/** A tenant. Every wallet, transaction, entry and idempotency key belongs to exactly one. */
export interface Organization {
  readonly id: string;
  readonly name: string;
  readonly metadata: Metadata;
  readonly createdAt: Date;
}

/** An account holding one currency. */
export interface Wallet {
  readonly id: string;
  readonly organizationId: string;
  readonly ownerId: string;
  readonly name: string;
  readonly walletType: WalletType;
  readonly currency: string;
  readonly status: WalletStatus;
  /** The posted balance: the sum of the wallet's entries. */
  readonly balance: string;
  /** The posted balance minus the amounts reserved by open holds. */
  readonly availableBalance: string;
  readonly metadata: Metadata;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A wallet's balance now, or at an instant. */
export interface Balance {
  readonly walletId: string;
  readonly currency: string;
  /** The posted balance (at `asOf` when one was asked for). */
  readonly balance: string;
  /** The available balance now; `null` for a balance as of an instant. */
  readonly availableBalance: string | null;
  /** The instant the balance describes. */
  readonly asOf: Date;
}

/** One leg of a transaction on one wallet. */
export interface Entry {
  readonly id: string;
  readonly transactionId: string;
  readonly walletId: string;
  readonly direction: EntryDirection;
  /** Always positive. */
  readonly amount: string;
  /** The wallet's posted balance right after this entry. */
  readonly balanceAfter: string;
  readonly createdAt: Date;
}

/** An atomic set of entries, or an open hold (PENDING, no entries until captured). */
export interface Transaction {
  readonly id: string;
  readonly organizationId: string;
  readonly transactionType: TransactionType;
  readonly status: TransactionStatus;
  /** The amount moved; for a captured hold, the captured amount. */
  readonly amount: string;
  readonly currency: string;
  readonly fromWalletId: string;
  readonly toWalletId: string;
  readonly description: string | null;
  readonly metadata: Metadata;
  /** For a REVERSAL, the transaction it reverses. */
  readonly reversesId: string | null;
  /** For a hold, the amount originally reserved; `null` otherwise. */
  readonly heldAmount: string | null;
  /** How much of this transaction has been reversed so far. */
  readonly reversedAmount: string;
  /** For a hold, when it expires if not captured; `null` otherwise. */
  readonly expiresAt: Date | null;
  readonly createdAt: Date;
  /** When the transaction was completed (captured, for a hold). */
  readonly completedAt: Date | null;
  /** The entries, DEBIT first. Empty for PENDING and VOIDED holds. */
  readonly entries: readonly Entry[];
}

/**
 * A page of a list, in one of two modes. Page mode (`page`) gives `total` and `pages`; cursor
 * mode (`cursor`, keyset pagination with constant cost per page) gives `null` for both. Both
 * give `nextCursor`, `null` on the last page.
 */
export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number | null;
  readonly page: number | null;
  readonly pageSize: number;
  readonly pages: number | null;
  readonly nextCursor: string | null;
}

import type {
  EntryDirection,
  Metadata,
  TransactionStatus,
  TransactionType,
  WalletStatus,
  WalletType,
} from '../engine/types.js';

/**
 * The rows a store keeps. Amounts are integers in the currency's minor units (`bigint`); the
 * engine converts to and from decimal strings, so a store never needs to know a scale.
 */

/** An organization row. */
export interface OrganizationRecord {
  readonly id: string;
  readonly name: string;
  readonly metadata: Metadata;
  readonly createdAt: Date;
}

/** A wallet row. `held` is the sum of the amounts of the wallet's open (PENDING, unexpired) holds. */
export interface WalletRecord {
  readonly id: string;
  readonly organizationId: string;
  readonly ownerId: string;
  readonly name: string;
  readonly walletType: WalletType;
  readonly currency: string;
  readonly status: WalletStatus;
  readonly balance: bigint;
  readonly held: bigint;
  readonly metadata: Metadata;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** An entry row. `sequence` numbers a wallet's entries 1, 2, 3... in posting order. */
export interface EntryRecord {
  readonly id: string;
  readonly transactionId: string;
  readonly walletId: string;
  readonly direction: EntryDirection;
  readonly amount: bigint;
  readonly balanceAfter: bigint;
  readonly sequence: number;
  readonly createdAt: Date;
}

/** A transaction row with its entries (DEBIT first). */
export interface TransactionRecord {
  readonly id: string;
  readonly organizationId: string;
  readonly transactionType: TransactionType;
  readonly status: TransactionStatus;
  readonly amount: bigint;
  readonly heldAmount: bigint | null;
  readonly reversedAmount: bigint;
  readonly currency: string;
  readonly fromWalletId: string;
  readonly toWalletId: string;
  readonly description: string | null;
  readonly metadata: Metadata;
  readonly reversesId: string | null;
  readonly expiresAt: Date | null;
  readonly createdAt: Date;
  readonly completedAt: Date | null;
  readonly entries: readonly EntryRecord[];
}

/** What an idempotency key remembers: the first successful result of the request it was used with. */
export type IdempotentResult =
  | { readonly kind: 'wallet'; readonly wallet: WalletRecord }
  | { readonly kind: 'transaction'; readonly transaction: TransactionRecord }
  | { readonly kind: 'transactions'; readonly transactions: readonly TransactionRecord[] };

/** An idempotency key row. */
export interface IdempotencyRecord {
  readonly organizationId: string;
  readonly key: string;
  /** A digest of the request the key was first used with. */
  readonly fingerprint: string;
  readonly result: IdempotentResult;
  readonly createdAt: Date;
}

import type {
  EntryRecord,
  IdempotentResult,
  Metadata,
  OrganizationRecord,
  TransactionRecord,
  WalletRecord,
  Written,
} from '@vaultcraft/core';
import { InternalError } from '@vaultcraft/core';

// The documents the store's SQL functions build (migrations/m0001-documents.ts) and their
// decoding into records: amounts are integer strings, times epoch milliseconds. Every read,
// write result and idempotent replay goes through these, so they cannot disagree. Fields are
// copied one by one: a document never adds a field to a record.

/** A wallet as `ledger_wallet_json` builds it. */
export interface WalletDocument {
  readonly id: string;
  readonly organizationId: string;
  readonly ownerId: string;
  readonly name: string;
  readonly walletType: WalletRecord['walletType'];
  readonly currency: string;
  readonly status: WalletRecord['status'];
  readonly balance: string;
  readonly held: string;
  readonly metadata: Metadata;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** An entry as `ledger_entry_json` builds it. */
export interface EntryDocument {
  readonly id: string;
  readonly transactionId: string;
  readonly walletId: string;
  readonly direction: EntryRecord['direction'];
  readonly amount: string;
  readonly balanceAfter: string;
  readonly sequence: number;
  readonly createdAt: number;
}

/** A transaction as `ledger_transaction_json` builds it. */
export interface TransactionDocument {
  readonly id: string;
  readonly organizationId: string;
  readonly transactionType: TransactionRecord['transactionType'];
  readonly status: TransactionRecord['status'];
  readonly amount: string;
  readonly heldAmount: string | null;
  readonly reversedAmount: string;
  readonly currency: string;
  readonly fromWalletId: string;
  readonly toWalletId: string;
  readonly description: string | null;
  readonly metadata: Metadata;
  readonly reversesId: string | null;
  readonly expiresAt: number | null;
  readonly createdAt: number;
  readonly completedAt: number | null;
  readonly entries: readonly EntryDocument[];
}

/** An organization as `ledger_organization_json` builds it. */
export interface OrganizationDocument {
  readonly id: string;
  readonly name: string;
  readonly metadata: Metadata;
  readonly createdAt: number;
}

/** What a write function returns: the result document, and whether it was replayed. */
export interface WriteDocument {
  readonly replayed: boolean;
  readonly result: ResultDocument;
}

/** An idempotent result as stored with its key. */
export type ResultDocument =
  | { readonly kind: 'wallet'; readonly wallet: WalletDocument }
  | { readonly kind: 'transaction'; readonly transaction: TransactionDocument }
  | { readonly kind: 'transactions'; readonly transactions: readonly TransactionDocument[] };

function amount(value: string, field: string): bigint {
  if (typeof value !== 'string' || !/^-?\d+$/.test(value)) {
    throw new InternalError(`The PostgreSQL store returned a bad ${field}: ${String(value)}`);
  }
  return BigInt(value);
}

function instant(value: number): Date {
  return new Date(value);
}

export function decodeOrganization(document: OrganizationDocument): OrganizationRecord {
  return {
    id: document.id,
    name: document.name,
    metadata: document.metadata,
    createdAt: instant(document.createdAt),
  };
}

export function decodeWallet(document: WalletDocument): WalletRecord {
  return {
    id: document.id,
    organizationId: document.organizationId,
    ownerId: document.ownerId,
    name: document.name,
    walletType: document.walletType,
    currency: document.currency,
    status: document.status,
    balance: amount(document.balance, 'wallet balance'),
    held: amount(document.held, 'wallet held amount'),
    metadata: document.metadata,
    createdAt: instant(document.createdAt),
    updatedAt: instant(document.updatedAt),
  };
}

export function decodeEntry(document: EntryDocument): EntryRecord {
  return {
    id: document.id,
    transactionId: document.transactionId,
    walletId: document.walletId,
    direction: document.direction,
    amount: amount(document.amount, 'entry amount'),
    balanceAfter: amount(document.balanceAfter, 'entry balance'),
    sequence: document.sequence,
    createdAt: instant(document.createdAt),
  };
}

export function decodeTransaction(document: TransactionDocument): TransactionRecord {
  return {
    id: document.id,
    organizationId: document.organizationId,
    transactionType: document.transactionType,
    status: document.status,
    amount: amount(document.amount, 'transaction amount'),
    heldAmount:
      document.heldAmount === null ? null : amount(document.heldAmount, 'transaction held amount'),
    reversedAmount: amount(document.reversedAmount, 'transaction reversed amount'),
    currency: document.currency,
    fromWalletId: document.fromWalletId,
    toWalletId: document.toWalletId,
    description: document.description,
    metadata: document.metadata,
    reversesId: document.reversesId,
    expiresAt: document.expiresAt === null ? null : instant(document.expiresAt),
    createdAt: instant(document.createdAt),
    completedAt: document.completedAt === null ? null : instant(document.completedAt),
    entries: document.entries.map(decodeEntry),
  };
}

export function decodeResult(document: ResultDocument): IdempotentResult {
  switch (document.kind) {
    case 'wallet':
      return { kind: 'wallet', wallet: decodeWallet(document.wallet) };
    case 'transaction':
      return { kind: 'transaction', transaction: decodeTransaction(document.transaction) };
    case 'transactions':
      return { kind: 'transactions', transactions: document.transactions.map(decodeTransaction) };
    default:
      throw new InternalError('The PostgreSQL store returned a result of an unknown kind');
  }
}

/** The value of a write document of the expected kind. */
export function writtenWallet(document: WriteDocument): Written<WalletRecord> {
  if (document.result.kind !== 'wallet') throw unexpected('wallet', document.result.kind);
  return { value: decodeWallet(document.result.wallet), replayed: document.replayed };
}

export function writtenTransaction(document: WriteDocument): Written<TransactionRecord> {
  if (document.result.kind !== 'transaction') throw unexpected('transaction', document.result.kind);
  return { value: decodeTransaction(document.result.transaction), replayed: document.replayed };
}

export function writtenTransactions(document: WriteDocument): Written<TransactionRecord[]> {
  if (document.result.kind !== 'transactions')
    throw unexpected('transactions', document.result.kind);
  return {
    value: document.result.transactions.map(decodeTransaction),
    replayed: document.replayed,
  };
}

// An idempotency key is unique per organization, and the engine's fingerprint covers the
// operation, so a replay of another kind means a corrupted key.
function unexpected(expected: string, found: string): InternalError {
  return new InternalError(
    `An idempotency key holds a ${found} result where a ${expected} was expected`,
  );
}

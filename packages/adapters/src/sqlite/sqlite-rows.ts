import type {
  EntryRecord,
  OrganizationRecord,
  TransactionRecord,
  WalletRecord,
} from '@vaultcraft/core';
import { nullableTextToMinor, textToMinor } from '../shared/minor-units.js';
import { metadataFromJson } from '../shared/record-json.js';

// Row shapes as better-sqlite3 returns them (column names as keys), and their decoding into the
// records of the store contract. Amounts are TEXT integers, times INTEGER epoch milliseconds.

export interface OrganizationRow {
  readonly id: string;
  readonly name: string;
  readonly metadata: string;
  readonly created_at: number;
}

export interface WalletRow {
  readonly organization_id: string;
  readonly id: string;
  readonly owner_id: string;
  readonly name: string;
  readonly wallet_type: WalletRecord['walletType'];
  readonly currency: string;
  readonly status: WalletRecord['status'];
  readonly balance: string;
  readonly held: string;
  readonly last_sequence: number;
  readonly last_entry_at: number | null;
  readonly metadata: string;
  readonly created_at: number;
  readonly updated_at: number;
}

export interface TransactionRow {
  readonly organization_id: string;
  readonly id: string;
  readonly transaction_type: TransactionRecord['transactionType'];
  readonly status: TransactionRecord['status'];
  readonly amount: string;
  readonly held_amount: string | null;
  readonly reversed_amount: string;
  readonly currency: string;
  readonly from_wallet_id: string;
  readonly to_wallet_id: string;
  readonly description: string | null;
  readonly metadata: string;
  readonly reverses_id: string | null;
  readonly expires_at: number | null;
  readonly created_at: number;
  readonly completed_at: number | null;
}

export interface EntryRow {
  readonly wallet_id: string;
  readonly sequence: number;
  readonly id: string;
  readonly transaction_id: string;
  readonly direction: EntryRecord['direction'];
  readonly amount: string;
  readonly balance_after: string;
  readonly created_at: number;
}

/** The columns of a wallet row, in the order of `WalletRow`. */
export const walletColumns =
  'organization_id, id, owner_id, name, wallet_type, currency, status, balance, held, last_sequence, last_entry_at, metadata, created_at, updated_at';

export const transactionColumns =
  'organization_id, id, transaction_type, status, amount, held_amount, reversed_amount, currency, from_wallet_id, to_wallet_id, description, metadata, reverses_id, expires_at, created_at, completed_at';

export const entryColumns =
  'wallet_id, sequence, id, transaction_id, direction, amount, balance_after, created_at';

export function toOrganization(row: OrganizationRow): OrganizationRecord {
  return {
    id: row.id,
    name: row.name,
    metadata: metadataFromJson(row.metadata),
    createdAt: new Date(row.created_at),
  };
}

export function toWallet(row: WalletRow): WalletRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    ownerId: row.owner_id,
    name: row.name,
    walletType: row.wallet_type,
    currency: row.currency,
    status: row.status,
    balance: textToMinor(row.balance, 'ledger_wallets.balance'),
    held: textToMinor(row.held, 'ledger_wallets.held'),
    metadata: metadataFromJson(row.metadata),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

export function toEntry(row: EntryRow): EntryRecord {
  return {
    id: row.id,
    transactionId: row.transaction_id,
    walletId: row.wallet_id,
    direction: row.direction,
    amount: textToMinor(row.amount, 'ledger_entries.amount'),
    balanceAfter: textToMinor(row.balance_after, 'ledger_entries.balance_after'),
    sequence: row.sequence,
    createdAt: new Date(row.created_at),
  };
}

/** A transaction record from its row and its entries (DEBIT first, as the contract orders them). */
export function toTransaction(
  row: TransactionRow,
  entries: readonly EntryRow[],
): TransactionRecord {
  const decoded = entries.map(toEntry);
  if (decoded.length === 2 && decoded[0]!.direction === 'CREDIT') decoded.reverse();
  return {
    id: row.id,
    organizationId: row.organization_id,
    transactionType: row.transaction_type,
    status: row.status,
    amount: textToMinor(row.amount, 'ledger_transactions.amount'),
    heldAmount: nullableTextToMinor(row.held_amount, 'ledger_transactions.held_amount'),
    reversedAmount: textToMinor(row.reversed_amount, 'ledger_transactions.reversed_amount'),
    currency: row.currency,
    fromWalletId: row.from_wallet_id,
    toWalletId: row.to_wallet_id,
    description: row.description,
    metadata: metadataFromJson(row.metadata),
    reversesId: row.reverses_id,
    expiresAt: row.expires_at === null ? null : new Date(row.expires_at),
    createdAt: new Date(row.created_at),
    completedAt: row.completed_at === null ? null : new Date(row.completed_at),
    entries: decoded,
  };
}

import type {
  ApiKey,
  ApiKeyIdentity,
  User,
  Balance as WireBalance,
  Entry as WireEntry,
  Organization as WireOrganization,
  Page as WirePage,
  Transaction as WireTransaction,
  Wallet as WireWallet,
} from '@vaultcraft/client/contract';
import type { Balance, Entry, Organization, Page, Transaction, Wallet } from '@vaultcraft/core';
import type { ApiKeyRecord, UserRecord } from '../identity/identity-store.js';

/**
 * Engine objects to the snake_case objects of REST API v1. Every field is named here on
 * purpose (no spreading): the strict response schemas then catch a field added to one side
 * only, instead of a client silently missing it.
 */

const iso = (date: Date): string => date.toISOString();
const isoOrNull = (date: Date | null): string | null => (date === null ? null : date.toISOString());

export function wireWallet(wallet: Wallet): WireWallet {
  return {
    id: wallet.id,
    organization_id: wallet.organizationId,
    owner_id: wallet.ownerId,
    name: wallet.name,
    wallet_type: wallet.walletType,
    currency: wallet.currency,
    status: wallet.status,
    balance: wallet.balance,
    available_balance: wallet.availableBalance,
    metadata: { ...wallet.metadata },
    created_at: iso(wallet.createdAt),
    updated_at: iso(wallet.updatedAt),
  };
}

export function wireBalance(balance: Balance): WireBalance {
  return {
    wallet_id: balance.walletId,
    currency: balance.currency,
    balance: balance.balance,
    available_balance: balance.availableBalance,
    as_of: iso(balance.asOf),
  };
}

export function wireEntry(entry: Entry): WireEntry {
  return {
    id: entry.id,
    transaction_id: entry.transactionId,
    wallet_id: entry.walletId,
    direction: entry.direction,
    amount: entry.amount,
    balance_after: entry.balanceAfter,
    created_at: iso(entry.createdAt),
  };
}

export function wireTransaction(transaction: Transaction): WireTransaction {
  return {
    id: transaction.id,
    organization_id: transaction.organizationId,
    transaction_type: transaction.transactionType,
    status: transaction.status,
    amount: transaction.amount,
    currency: transaction.currency,
    from_wallet_id: transaction.fromWalletId,
    to_wallet_id: transaction.toWalletId,
    description: transaction.description,
    metadata: { ...transaction.metadata },
    reverses_id: transaction.reversesId,
    held_amount: transaction.heldAmount,
    reversed_amount: transaction.reversedAmount,
    expires_at: isoOrNull(transaction.expiresAt),
    created_at: iso(transaction.createdAt),
    completed_at: isoOrNull(transaction.completedAt),
    entries: transaction.entries.map(wireEntry),
  };
}

export function wirePage<T, W>(page: Page<T>, map: (item: T) => W): WirePage<W> {
  return {
    items: page.items.map(map),
    total: page.total,
    page: page.page,
    page_size: page.pageSize,
    pages: page.pages,
    next_cursor: page.nextCursor,
  };
}

export function wireOrganization(organization: Organization): WireOrganization {
  return { id: organization.id, name: organization.name, created_at: iso(organization.createdAt) };
}

export function wireUser(user: UserRecord): User {
  return {
    id: user.id,
    email: user.email,
    full_name: user.fullName,
    organization_id: user.organizationId,
    role: user.role,
    created_at: iso(user.createdAt),
  };
}

export function wireApiKey(key: ApiKeyRecord): ApiKey {
  return {
    id: key.id,
    name: key.name,
    role: key.role,
    prefix: key.prefix,
    created_at: iso(key.createdAt),
  };
}

export function wireApiKeyIdentity(key: ApiKeyRecord): ApiKeyIdentity {
  return { ...wireApiKey(key), organization_id: key.organizationId };
}

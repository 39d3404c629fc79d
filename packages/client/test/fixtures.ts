// Valid wire objects for unit tests, as the server would answer them.
import type { Entry, Page, Transaction, Wallet } from '../src/contract.js';

export const organizationId = '01900000-0000-7000-8000-000000000001';
export const walletId = '01900000-0000-7000-8000-000000000002';
export const otherWalletId = '01900000-0000-7000-8000-000000000003';
export const transactionId = '01900000-0000-7000-8000-000000000004';
const instant = '2026-01-02T03:04:05.678Z';

export function wallet(overrides: Partial<Wallet> = {}): Wallet {
  return {
    id: walletId,
    organization_id: organizationId,
    owner_id: 'alice',
    name: 'Alice',
    wallet_type: 'PRIMARY',
    currency: 'USD',
    status: 'ACTIVE',
    balance: '100.00',
    available_balance: '100.00',
    metadata: {},
    created_at: instant,
    updated_at: instant,
    ...overrides,
  };
}

export function entry(overrides: Partial<Entry> = {}): Entry {
  return {
    id: '01900000-0000-7000-8000-000000000005',
    transaction_id: transactionId,
    wallet_id: walletId,
    direction: 'CREDIT',
    amount: '10.00',
    balance_after: '10.00',
    created_at: instant,
    ...overrides,
  };
}

export function transaction(overrides: Partial<Transaction> = {}): Transaction {
  return {
    id: transactionId,
    organization_id: organizationId,
    transaction_type: 'TRANSFER',
    status: 'COMPLETED',
    amount: '10.00',
    currency: 'USD',
    from_wallet_id: otherWalletId,
    to_wallet_id: walletId,
    description: null,
    metadata: {},
    reverses_id: null,
    held_amount: null,
    reversed_amount: '0.00',
    expires_at: null,
    created_at: instant,
    completed_at: instant,
    entries: [entry()],
    ...overrides,
  };
}

export function page<T>(
  items: T[],
  nextCursor: string | null,
  overrides: Partial<Page<T>> = {},
): Page<T> {
  return {
    items,
    total: null,
    page: null,
    page_size: 20,
    pages: null,
    next_cursor: nextCursor,
    ...overrides,
  };
}

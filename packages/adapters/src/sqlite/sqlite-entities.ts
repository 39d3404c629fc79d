import { defineEntity, p } from '@mikro-orm/core';

/**
 * The ledger tables as MikroORM entities, for MikroORM's metadata and for ad-hoc reads with its
 * EntityManager. The schema itself comes from the migrations in `migrations/` (SQLite-specific
 * STRICT tables, partial indexes), and the store reads and writes through prepared statements:
 * amounts are TEXT integers here (`string`), times INTEGER epoch milliseconds (`number`).
 */
export const OrganizationRow = defineEntity({
  name: 'LedgerOrganization',
  tableName: 'ledger_organizations',
  properties: {
    id: p.string().primary(),
    name: p.string(),
    metadata: p.text(),
    createdAt: p.bigint('number'),
  },
});

export const WalletRow = defineEntity({
  name: 'LedgerWallet',
  tableName: 'ledger_wallets',
  properties: {
    organizationId: p.string().primary(),
    id: p.string().primary(),
    ownerId: p.string(),
    name: p.string(),
    walletType: p.string(),
    isDefaultSystem: p.integer(),
    currency: p.string(),
    status: p.string(),
    balance: p.text(),
    held: p.text(),
    lastSequence: p.integer(),
    lastEntryAt: p.bigint('number').nullable(),
    metadata: p.text(),
    createdAt: p.bigint('number'),
    updatedAt: p.bigint('number'),
  },
});

export const TransactionRow = defineEntity({
  name: 'LedgerTransaction',
  tableName: 'ledger_transactions',
  properties: {
    organizationId: p.string().primary(),
    id: p.string().primary(),
    transactionType: p.string(),
    status: p.string(),
    amount: p.text(),
    heldAmount: p.text().nullable(),
    reversedAmount: p.text(),
    currency: p.string(),
    fromWalletId: p.string(),
    toWalletId: p.string(),
    description: p.text().nullable(),
    metadata: p.text(),
    reversesId: p.string().nullable(),
    expiresAt: p.bigint('number').nullable(),
    createdAt: p.bigint('number'),
    completedAt: p.bigint('number').nullable(),
  },
});

export const EntryRow = defineEntity({
  name: 'LedgerEntry',
  tableName: 'ledger_entries',
  properties: {
    organizationId: p.string().primary(),
    walletId: p.string().primary(),
    sequence: p.integer().primary(),
    id: p.string(),
    transactionId: p.string(),
    direction: p.string(),
    amount: p.text(),
    balanceAfter: p.text(),
    createdAt: p.bigint('number'),
  },
});

export const IdempotencyKeyRow = defineEntity({
  name: 'LedgerIdempotencyKey',
  tableName: 'ledger_idempotency_keys',
  properties: {
    organizationId: p.string().primary(),
    key: p.string().primary(),
    fingerprint: p.string(),
    result: p.text(),
    createdAt: p.bigint('number'),
  },
});

/** Every entity of the SQLite store. */
export const sqliteEntities = [
  OrganizationRow,
  WalletRow,
  TransactionRow,
  EntryRow,
  IdempotencyKeyRow,
];

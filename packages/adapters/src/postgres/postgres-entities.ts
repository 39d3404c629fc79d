import { defineEntity, p } from '@mikro-orm/core';
import type { Metadata } from '@vaultcraft/core';

/**
 * The ledger tables as MikroORM entities: MikroORM's metadata, and the verification scans,
 * which read through the EntityManager. The schema itself comes from the migrations in
 * `migrations/` (partial and descending indexes, CHECK constraints, PL/pgSQL functions), and the
 * writes and lists go through those functions and prepared statements. Amounts are NUMERIC(39,0)
 * read as strings (exact), times timestamptz(3).
 */
const amount = () => p.decimal('string').columnType('numeric(39,0)');
const instant = () => p.datetime(3).columnType('timestamptz(3)');

export const OrganizationEntity = defineEntity({
  name: 'LedgerOrganization',
  tableName: 'ledger_organizations',
  properties: {
    id: p.uuid().primary(),
    name: p.text(),
    metadata: p.json<Metadata>(),
    createdAt: instant(),
  },
});

export const WalletEntity = defineEntity({
  name: 'LedgerWallet',
  tableName: 'ledger_wallets',
  properties: {
    organizationId: p.uuid().primary(),
    id: p.uuid().primary(),
    ownerId: p.text(),
    name: p.text(),
    walletType: p.text(),
    isDefaultSystem: p.boolean(),
    currency: p.text(),
    status: p.text(),
    balance: amount(),
    held: amount(),
    lastSequence: p.bigint('number'),
    lastEntryAt: instant().nullable(),
    metadata: p.json<Metadata>(),
    createdAt: instant(),
    updatedAt: instant(),
  },
});

export const TransactionEntity = defineEntity({
  name: 'LedgerTransaction',
  tableName: 'ledger_transactions',
  properties: {
    organizationId: p.uuid().primary(),
    id: p.uuid().primary(),
    transactionType: p.text(),
    status: p.text(),
    amount: amount(),
    heldAmount: amount().nullable(),
    reversedAmount: amount(),
    currency: p.text(),
    fromWalletId: p.uuid(),
    toWalletId: p.uuid(),
    description: p.text().nullable(),
    metadata: p.json<Metadata>(),
    reversesId: p.uuid().nullable(),
    expiresAt: instant().nullable(),
    createdAt: instant(),
    completedAt: instant().nullable(),
  },
});

export const EntryEntity = defineEntity({
  name: 'LedgerEntry',
  tableName: 'ledger_entries',
  properties: {
    organizationId: p.uuid().primary(),
    walletId: p.uuid().primary(),
    sequence: p.bigint('number').primary(),
    id: p.uuid(),
    transactionId: p.uuid(),
    direction: p.text(),
    amount: amount(),
    balanceAfter: amount(),
    createdAt: instant(),
  },
});

export const IdempotencyKeyEntity = defineEntity({
  name: 'LedgerIdempotencyKey',
  tableName: 'ledger_idempotency_keys',
  properties: {
    organizationId: p.uuid().primary(),
    key: p.text().primary(),
    fingerprint: p.text(),
    result: p.json<unknown>().nullable(),
    createdAt: instant(),
  },
});

/** Every entity of the PostgreSQL store. */
export const postgresEntities = [
  OrganizationEntity,
  WalletEntity,
  TransactionEntity,
  EntryEntity,
  IdempotencyKeyEntity,
];

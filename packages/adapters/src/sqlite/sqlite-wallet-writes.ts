import {
  type InsertWalletCommand,
  type OrganizationRecord,
  type SetWalletStatusCommand,
  StoreRejection,
  type WalletRecord,
  type Written,
} from '@vaultcraft/core';
import { minorToText } from '../shared/minor-units.js';
import { metadataToJson } from '../shared/record-json.js';
import { sweepExpiredHolds } from './sqlite-holds.js';
import { expectKind, remember, replay } from './sqlite-idempotency.js';
import { toWallet, type WalletRow } from './sqlite-rows.js';
import type { SqliteStatements } from './sqlite-statements.js';

// Organization and wallet writes, each run synchronously inside one BEGIN IMMEDIATE
// transaction opened by the caller.

export function insertOrganizationNow(
  statements: SqliteStatements,
  organization: OrganizationRecord,
): void {
  statements.insertOrganization.run(
    organization.id,
    organization.name,
    metadataToJson(organization.metadata),
    organization.createdAt.getTime(),
  );
}

/** Inserts a wallet (see `LedgerStore.insertWallet`). */
export function insertWalletNow(
  statements: SqliteStatements,
  command: InsertWalletCommand,
): Written<WalletRecord> {
  const { wallet } = command;
  requireOrganization(statements, wallet.organizationId);
  const replayed = replay(statements, wallet.organizationId, command.idempotency);
  if (replayed !== null) return { value: expectKind(replayed, 'wallet').wallet, replayed: true };
  if (wallet.walletType === 'PRIMARY') {
    const existing = statements.primaryWalletId.get(
      wallet.organizationId,
      wallet.ownerId,
      wallet.currency,
    ) as string | undefined;
    if (existing !== undefined) {
      throw new StoreRejection('PRIMARY_WALLET_EXISTS', { walletId: existing });
    }
  }
  insertWalletRow(statements, wallet, false);
  remember(
    statements,
    wallet.organizationId,
    command.idempotency,
    { kind: 'wallet', wallet },
    wallet.createdAt,
  );
  return { value: wallet, replayed: false };
}

/**
 * Creates the default SYSTEM wallets a posting brings as candidates, inside its transaction
 * (so a rejected posting creates none), or maps a candidate to the organization's existing
 * one. Returns candidate id → existing id, for the plans to read (see
 * `PostTransfersCommand.systemWallets`).
 */
export function createSystemWallets(
  statements: SqliteStatements,
  organizationId: string,
  candidates: readonly WalletRecord[] | undefined,
): Map<string, string> | undefined {
  if (candidates === undefined || candidates.length === 0) return undefined;
  requireOrganization(statements, organizationId);
  const aliases = new Map<string, string>();
  for (const candidate of candidates) {
    const existing = statements.defaultSystemWallet.get(organizationId, candidate.currency) as
      | WalletRow
      | undefined;
    if (existing === undefined) insertWalletRow(statements, candidate, true);
    else aliases.set(candidate.id, existing.id);
  }
  return aliases;
}

/** Sets a wallet's status (see `LedgerStore.setWalletStatus`). */
export function setWalletStatusNow(
  statements: SqliteStatements,
  command: SetWalletStatusCommand,
): Written<WalletRecord> {
  const { organizationId, walletId, now } = command;
  if (statements.organizationExists.get(organizationId) === undefined) {
    throw new StoreRejection('NOT_FOUND', { walletId });
  }
  sweepExpiredHolds(statements, organizationId, now);
  const replayed = replay(statements, organizationId, command.idempotency);
  if (replayed !== null) return { value: expectKind(replayed, 'wallet').wallet, replayed: true };
  const row = statements.walletById.get(organizationId, walletId) as WalletRow | undefined;
  if (row === undefined) throw new StoreRejection('NOT_FOUND', { walletId });
  let wallet = toWallet(row);
  if (wallet.status !== command.status) {
    statements.updateWalletStatus.run(command.status, now.getTime(), organizationId, walletId);
    wallet = { ...wallet, status: command.status, updatedAt: now };
  }
  remember(statements, organizationId, command.idempotency, { kind: 'wallet', wallet }, now);
  return { value: wallet, replayed: false };
}

function requireOrganization(statements: SqliteStatements, organizationId: string): void {
  if (statements.organizationExists.get(organizationId) === undefined) {
    throw new StoreRejection('NOT_FOUND', { organizationId });
  }
}

function insertWalletRow(
  statements: SqliteStatements,
  wallet: WalletRecord,
  isDefaultSystem: boolean,
): void {
  statements.insertWallet.run(
    wallet.organizationId,
    wallet.id,
    wallet.ownerId,
    wallet.name,
    wallet.walletType,
    isDefaultSystem ? 1 : 0,
    wallet.currency,
    wallet.status,
    minorToText(wallet.balance),
    minorToText(wallet.held),
    metadataToJson(wallet.metadata),
    wallet.createdAt.getTime(),
    wallet.updatedAt.getTime(),
  );
}

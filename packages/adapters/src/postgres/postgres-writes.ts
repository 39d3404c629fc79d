import type {
  CaptureHoldCommand,
  IdempotencyClaim,
  InsertWalletCommand,
  OrganizationRecord,
  PostTransfersCommand,
  ReverseTransactionCommand,
  SetWalletStatusCommand,
  TransactionRecord,
  TransferPlan,
  VoidHoldCommand,
  WalletRecord,
  Written,
} from '@vaultcraft/core';
import { isUuid, StoreRejection } from '@vaultcraft/core';
import type { PostgresConnection } from './postgres-connection.js';
import {
  type WriteDocument,
  writtenTransaction,
  writtenTransactions,
  writtenWallet,
} from './postgres-records.js';
import type { PostgresStatements } from './postgres-statements.js';
import type { PostgresTransferGroups } from './postgres-transfer-groups.js';

/**
 * The store's writes: each is one call of a PL/pgSQL function (migrations/), so one round trip
 * and one implicit transaction, that checks, writes and returns the result document, or raises
 * a rejection having written nothing. Ids that are not UUIDs name no row of this store (every
 * id it keeps is a UUID) and are rejected as not found before any round trip.
 */
export class PostgresWrites {
  constructor(
    private readonly connection: PostgresConnection,
    private readonly sql: PostgresStatements,
    /** Group commit of single moves, or `null` to send each on its own. */
    private readonly groups: PostgresTransferGroups | null,
  ) {}

  async insertOrganization(organization: OrganizationRecord): Promise<void> {
    await this.connection.rows(this.sql.insertOrganization, [
      organization.id,
      organization.name,
      JSON.stringify(organization.metadata),
      organization.createdAt,
    ]);
  }

  async insertWallet(command: InsertWalletCommand): Promise<Written<WalletRecord>> {
    const { wallet } = command;
    if (!isUuid(wallet.organizationId)) {
      throw new StoreRejection('NOT_FOUND', { organizationId: wallet.organizationId });
    }
    const document = await this.connection.value<WriteDocument>(this.sql.insertWallet, [
      ...walletValues(wallet),
      ...claimValues(command.idempotency),
    ]);
    return writtenWallet(document);
  }

  async setWalletStatus(command: SetWalletStatusCommand): Promise<Written<WalletRecord>> {
    if (!isUuid(command.organizationId) || !isUuid(command.walletId)) {
      throw new StoreRejection('NOT_FOUND', { walletId: command.walletId });
    }
    const document = await this.connection.value<WriteDocument>(this.sql.setWalletStatus, [
      command.organizationId,
      command.walletId,
      command.status,
      command.now,
      ...claimValues(command.idempotency),
    ]);
    return writtenWallet(document);
  }

  async postTransfers(command: PostTransfersCommand): Promise<Written<TransactionRecord[]>> {
    rejectForeignIds(command);
    const start = [command.organizationId, command.now, ...claimValues(command.idempotency)];
    const candidates = systemWalletsJson(command);
    const [plan, ...more] = command.transfers;
    // One move (every transfer, deposit and withdrawal) takes the function with scalar
    // arguments: fewer statements than a batch of one.
    if (plan !== undefined && more.length === 0) {
      const values = [...start, ...planValues(plan), candidates];
      const document =
        this.groups === null
          ? await this.connection.value<WriteDocument>(this.sql.postTransfer, values)
          : await this.groups.post(values);
      return writtenTransactions(document);
    }
    const document = await this.connection.value<WriteDocument>(this.sql.postTransfers, [
      ...start,
      `[${command.transfers.map(planJson).join(',')}]`,
      candidates,
    ]);
    return writtenTransactions(document);
  }

  async captureHold(command: CaptureHoldCommand): Promise<Written<TransactionRecord>> {
    rejectUnknownTransaction(command.organizationId, command.transactionId);
    const document = await this.connection.value<WriteDocument>(this.sql.captureHold, [
      command.organizationId,
      command.now,
      ...claimValues(command.idempotency),
      command.transactionId,
      command.amount === null ? null : command.amount.toString(),
      command.entryIds[0],
      command.entryIds[1],
    ]);
    return writtenTransaction(document);
  }

  async voidHold(command: VoidHoldCommand): Promise<Written<TransactionRecord>> {
    rejectUnknownTransaction(command.organizationId, command.transactionId);
    const document = await this.connection.value<WriteDocument>(this.sql.voidHold, [
      command.organizationId,
      command.now,
      ...claimValues(command.idempotency),
      command.transactionId,
    ]);
    return writtenTransaction(document);
  }

  async reverseTransaction(
    command: ReverseTransactionCommand,
  ): Promise<Written<TransactionRecord>> {
    rejectUnknownTransaction(command.organizationId, command.originalId);
    const { reversal } = command;
    const document = await this.connection.value<WriteDocument>(this.sql.reverseTransaction, [
      command.organizationId,
      command.now,
      ...claimValues(command.idempotency),
      command.originalId,
      reversal.id,
      reversal.amount === null ? null : reversal.amount.toString(),
      reversal.description,
      JSON.stringify(reversal.metadata),
      command.entryIds[0],
      command.entryIds[1],
    ]);
    return writtenTransaction(document);
  }
}

function claimValues(claim: IdempotencyClaim | undefined): [string | null, string | null] {
  return claim === undefined ? [null, null] : [claim.key, claim.fingerprint];
}

/** The wallet parameters of ledger_insert_wallet. */
function walletValues(wallet: WalletRecord): unknown[] {
  return [
    wallet.organizationId,
    wallet.id,
    wallet.ownerId,
    wallet.name,
    wallet.walletType,
    wallet.currency,
    wallet.status,
    wallet.balance.toString(),
    wallet.held.toString(),
    JSON.stringify(wallet.metadata),
    wallet.createdAt,
    wallet.updatedAt,
  ];
}

/**
 * The default SYSTEM wallets a posting brings as candidates (PostTransfersCommand.systemWallets:
 * created with the posting unless the organization has one in that currency already), as the
 * JSON ledger_adopt_system_wallets reads into ledger_wallets rows; null when there are none.
 */
function systemWalletsJson(command: PostTransfersCommand): string | null {
  const candidates = (command as { readonly systemWallets?: readonly WalletRecord[] })
    .systemWallets;
  if (candidates === undefined || candidates.length === 0) return null;
  return JSON.stringify(
    candidates.map((wallet) => ({
      id: wallet.id,
      owner_id: wallet.ownerId,
      name: wallet.name,
      wallet_type: wallet.walletType,
      currency: wallet.currency,
      status: wallet.status,
      balance: wallet.balance.toString(),
      held: wallet.held.toString(),
      metadata: wallet.metadata,
      created_at: wallet.createdAt.toISOString(),
      updated_at: wallet.updatedAt.toISOString(),
    })),
  );
}

/** A plan as the scalar parameters of ledger_post_transfer (after the common four). */
function planValues(plan: TransferPlan): unknown[] {
  return [
    plan.id,
    plan.transactionType,
    plan.amount.toString(),
    plan.currency,
    plan.fromWalletId,
    plan.toWalletId,
    plan.description,
    JSON.stringify(plan.metadata),
    plan.hold,
    plan.expiresAt,
    plan.entryIds[0],
    plan.entryIds[1],
  ];
}

/** A plan as the JSON that ledger_post_transfers reads into ledger_transfer_plan rows. */
function planJson(plan: TransferPlan): string {
  return JSON.stringify({
    id: plan.id,
    transaction_type: plan.transactionType,
    amount: plan.amount.toString(),
    currency: plan.currency,
    from_wallet_id: plan.fromWalletId,
    to_wallet_id: plan.toWalletId,
    description: plan.description,
    metadata: plan.metadata,
    hold: plan.hold,
    expires_at: plan.expiresAt === null ? null : plan.expiresAt.toISOString(),
    debit_entry_id: plan.entryIds[0],
    credit_entry_id: plan.entryIds[1],
  });
}

function rejectForeignIds(command: PostTransfersCommand): void {
  if (!isUuid(command.organizationId)) {
    throw new StoreRejection('NOT_FOUND', { walletId: command.transfers[0]?.fromWalletId });
  }
  for (const [index, plan] of command.transfers.entries()) {
    for (const walletId of [plan.fromWalletId, plan.toWalletId]) {
      if (!isUuid(walletId)) throw new StoreRejection('NOT_FOUND', { index, walletId });
    }
  }
}

function rejectUnknownTransaction(organizationId: string, transactionId: string): void {
  if (!isUuid(organizationId)) throw new StoreRejection('NOT_FOUND', { organizationId });
  if (!isUuid(transactionId)) throw new StoreRejection('NOT_FOUND', { transactionId });
}

import {
  type CaptureHoldCommand,
  type PostTransfersCommand,
  planTransactionRecord,
  type ReverseTransactionCommand,
  reversalAmount,
  reversalTransactionRecord,
  StoreRejection,
  type TransactionRecord,
  type VoidHoldCommand,
  type Written,
} from '@vaultcraft/core';
import { minorToText } from '../shared/minor-units.js';
import { metadataToJson } from '../shared/record-json.js';
import { sweepExpiredHolds } from './sqlite-holds.js';
import { expectKind, remember, replay } from './sqlite-idempotency.js';
import { PostingSession } from './sqlite-posting.js';
import { type EntryRow, type TransactionRow, toTransaction } from './sqlite-rows.js';
import type { SqliteStatements } from './sqlite-statements.js';
import { createSystemWallets } from './sqlite-wallet-writes.js';

// The money-moving writes. Each runs synchronously inside one BEGIN IMMEDIATE transaction
// opened by the caller, in the memory store's order of checks: hold expiry sweep, idempotency
// replay, then the operation's own checks; a rejection throws and the caller rolls back.

/** Applies transfer plans in order, all or nothing (see `LedgerStore.postTransfers`). */
export function postTransfersNow(
  statements: SqliteStatements,
  command: PostTransfersCommand,
): Written<TransactionRecord[]> {
  const { organizationId, now } = command;
  sweepExpiredHolds(statements, organizationId, now);
  const replayed = replay(statements, organizationId, command.idempotency);
  if (replayed !== null) {
    return { value: [...expectKind(replayed, 'transactions').transactions], replayed: true };
  }
  const aliases = createSystemWallets(statements, organizationId, command.systemWallets);
  const session = new PostingSession(statements, organizationId, now);
  const records: TransactionRecord[] = [];
  for (const [index, plan] of command.transfers.entries()) {
    const fromWalletId = aliases?.get(plan.fromWalletId) ?? plan.fromWalletId;
    const toWalletId = aliases?.get(plan.toWalletId) ?? plan.toWalletId;
    const from = session.find(fromWalletId);
    if (from === undefined) {
      // The memory store reports a missing organization before anything else, by the first
      // wallet the caller was after; a present organization means this wallet is missing.
      if (index === 0 && statements.organizationExists.get(organizationId) === undefined) {
        throw new StoreRejection('NOT_FOUND', { walletId: fromWalletId });
      }
      throw new StoreRejection('NOT_FOUND', { walletId: fromWalletId, index });
    }
    const to = session.wallet(toWalletId, index);
    if (from.row.currency !== plan.currency || to.row.currency !== plan.currency) {
      throw new StoreRejection('CURRENCY_MISMATCH', { index });
    }
    session.checkMove(from, to, plan.amount, index);
    let record: TransactionRecord;
    const ids = { fromWalletId, toWalletId };
    if (plan.hold) {
      from.held += plan.amount;
      // Dated like a posting: never before the latest entry of either wallet.
      const createdAt = new Date(Math.max(now.getTime(), from.lastEntryAt, to.lastEntryAt));
      record = planTransactionRecord({
        organizationId,
        plan,
        ...ids,
        status: 'PENDING',
        createdAt,
        completedAt: null,
        entries: [],
      });
      insertTransaction(statements, record);
    } else {
      const { postedAt, entries } = session.post(from, to, plan.amount, plan.id, plan.entryIds);
      record = planTransactionRecord({
        organizationId,
        plan,
        ...ids,
        status: 'COMPLETED',
        createdAt: postedAt,
        completedAt: postedAt,
        entries,
      });
      insertTransaction(statements, record);
      session.insertEntries(entries);
    }
    records.push(record);
  }
  session.flush();
  remember(
    statements,
    organizationId,
    command.idempotency,
    { kind: 'transactions', transactions: records },
    now,
  );
  return { value: records, replayed: false };
}

/** Captures a PENDING hold, in full or in part (see `LedgerStore.captureHold`). */
export function captureHoldNow(
  statements: SqliteStatements,
  command: CaptureHoldCommand,
): Written<TransactionRecord> {
  const { organizationId, now } = command;
  sweepExpiredHolds(statements, organizationId, now);
  const replayed = replay(statements, organizationId, command.idempotency);
  if (replayed !== null) {
    return { value: expectKind(replayed, 'transaction').transaction, replayed: true };
  }
  const hold = pendingHold(statements, organizationId, command.transactionId);
  const heldAmount = hold.heldAmount ?? hold.amount;
  const amount = command.amount ?? heldAmount;
  if (amount > heldAmount) {
    throw new StoreRejection('AMOUNT_EXCEEDS_REMAINING', {
      transactionId: hold.id,
      remaining: heldAmount,
    });
  }
  const session = new PostingSession(statements, organizationId, now);
  const from = session.wallet(hold.fromWalletId);
  const to = session.wallet(hold.toWalletId);
  from.held -= heldAmount;
  session.checkMove(from, to, amount);
  const { postedAt, entries } = session.post(from, to, amount, hold.id, command.entryIds);
  statements.completeHold.run(minorToText(amount), postedAt.getTime(), organizationId, hold.id);
  session.insertEntries(entries);
  session.flush();
  const record: TransactionRecord = {
    ...hold,
    status: 'COMPLETED',
    amount,
    completedAt: postedAt,
    entries,
  };
  remember(
    statements,
    organizationId,
    command.idempotency,
    { kind: 'transaction', transaction: record },
    now,
  );
  return { value: record, replayed: false };
}

/** Voids a PENDING hold (see `LedgerStore.voidHold`). */
export function voidHoldNow(
  statements: SqliteStatements,
  command: VoidHoldCommand,
): Written<TransactionRecord> {
  const { organizationId, now } = command;
  sweepExpiredHolds(statements, organizationId, now);
  const replayed = replay(statements, organizationId, command.idempotency);
  if (replayed !== null) {
    return { value: expectKind(replayed, 'transaction').transaction, replayed: true };
  }
  const hold = pendingHold(statements, organizationId, command.transactionId);
  const session = new PostingSession(statements, organizationId, now);
  session.wallet(hold.fromWalletId).held -= hold.heldAmount ?? hold.amount;
  statements.setTransactionStatus.run('VOIDED', organizationId, hold.id);
  session.flush();
  const record: TransactionRecord = { ...hold, status: 'VOIDED' };
  remember(
    statements,
    organizationId,
    command.idempotency,
    { kind: 'transaction', transaction: record },
    now,
  );
  return { value: record, replayed: false };
}

/** Reverses a COMPLETED transaction, in full or in part (see `LedgerStore.reverseTransaction`). */
export function reverseTransactionNow(
  statements: SqliteStatements,
  command: ReverseTransactionCommand,
): Written<TransactionRecord> {
  const { organizationId, now } = command;
  sweepExpiredHolds(statements, organizationId, now);
  const replayed = replay(statements, organizationId, command.idempotency);
  if (replayed !== null) {
    return { value: expectKind(replayed, 'transaction').transaction, replayed: true };
  }
  const original = loadTransaction(statements, organizationId, command.originalId);
  const amount = reversalAmount(original, command.reversal.amount);
  const session = new PostingSession(statements, organizationId, now);
  const from = session.wallet(original.toWalletId);
  const to = session.wallet(original.fromWalletId);
  session.checkMove(from, to, amount);
  const { id } = command.reversal;
  const { postedAt, entries } = session.post(from, to, amount, id, command.entryIds);
  const record = reversalTransactionRecord({ command, original, amount, postedAt, entries });
  insertTransaction(statements, record);
  session.insertEntries(entries);
  statements.setReversedAmount.run(
    minorToText(original.reversedAmount + amount),
    organizationId,
    original.id,
  );
  session.flush();
  remember(
    statements,
    organizationId,
    command.idempotency,
    { kind: 'transaction', transaction: record },
    now,
  );
  return { value: record, replayed: false };
}

/** A transaction with its entries; `NOT_FOUND` (by organization when that is what is missing). */
function loadTransaction(
  statements: SqliteStatements,
  organizationId: string,
  transactionId: string,
): TransactionRecord {
  const row = statements.transactionById.get(organizationId, transactionId) as
    | TransactionRow
    | undefined;
  if (row === undefined) {
    if (statements.organizationExists.get(organizationId) === undefined) {
      throw new StoreRejection('NOT_FOUND', { organizationId });
    }
    throw new StoreRejection('NOT_FOUND', { transactionId });
  }
  const entries = statements.entriesOfTransaction.all(organizationId, transactionId) as EntryRow[];
  return toTransaction(row, entries);
}

function pendingHold(
  statements: SqliteStatements,
  organizationId: string,
  transactionId: string,
): TransactionRecord {
  const hold = loadTransaction(statements, organizationId, transactionId);
  if (hold.status !== 'PENDING') {
    throw new StoreRejection('INVALID_STATE', { transactionId, status: hold.status });
  }
  return hold;
}

function insertTransaction(statements: SqliteStatements, record: TransactionRecord): void {
  statements.insertTransaction.run(
    record.organizationId,
    record.id,
    record.transactionType,
    record.status,
    minorToText(record.amount),
    record.heldAmount === null ? null : minorToText(record.heldAmount),
    minorToText(record.reversedAmount),
    record.currency,
    record.fromWalletId,
    record.toWalletId,
    record.description,
    metadataToJson(record.metadata),
    record.reversesId,
    record.expiresAt?.getTime() ?? null,
    record.createdAt.getTime(),
    record.completedAt?.getTime() ?? null,
  );
}

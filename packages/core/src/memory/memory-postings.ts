import { invariant } from '../errors/vault-error.js';
import type {
  CaptureHoldCommand,
  IdempotencyClaim,
  PostTransfersCommand,
  ReverseTransactionCommand,
  VoidHoldCommand,
  Written,
} from '../store/ledger-store.js';
import { reversalAmount, reversalTransactionRecord } from '../store/plan-reversal.js';
import { planTransactionRecord } from '../store/plan-transaction-record.js';
import type { IdempotentResult, TransactionRecord, WalletRecord } from '../store/records.js';
import { idempotencyKeyReused, StoreRejection } from '../store/store-rejection.js';
import { heldAmountOf, type MemoryState, type OrganizationState } from './memory-state.js';
import { PostingBatch } from './posting-batch.js';

// The memory store's money-moving writes and its idempotency keys. Each write runs
// synchronously (no await), so no other call can interleave: the hold expiry sweep, the key
// replay, the checks and the commit are one atomic step, in the order of LedgerStore.

export function postTransfersIn(
  state: MemoryState,
  organization: OrganizationState,
  command: PostTransfersCommand,
): Written<TransactionRecord[]> {
  state.sweepExpiredHolds(organization, command.now);
  const replay = replayKey(organization, command.idempotency);
  if (replay !== null)
    return { value: [...expectKind(replay, 'transactions').transactions], replayed: true };
  const batch = new PostingBatch(state, organization, command.now);
  const aliases = stageSystemWallets(organization, batch, command.systemWallets);
  const records: TransactionRecord[] = [];
  for (const [index, plan] of command.transfers.entries()) {
    const fromWalletId = aliases?.get(plan.fromWalletId) ?? plan.fromWalletId;
    const toWalletId = aliases?.get(plan.toWalletId) ?? plan.toWalletId;
    const from = batch.wallet(fromWalletId, index);
    const to = batch.wallet(toWalletId, index);
    if (
      from.state.record.currency !== plan.currency ||
      to.state.record.currency !== plan.currency
    ) {
      throw new StoreRejection('CURRENCY_MISMATCH', { index });
    }
    batch.checkMove(from, to, plan.amount, index);
    let record: TransactionRecord;
    if (plan.hold) {
      from.held += plan.amount;
      record = planTransactionRecord({
        organizationId: command.organizationId,
        plan,
        fromWalletId,
        toWalletId,
        status: 'PENDING',
        createdAt: batch.postingTime(from, to),
        completedAt: null,
        entries: [],
      });
    } else {
      const { postedAt, entries } = batch.post(from, to, plan.amount, plan.id, plan.entryIds);
      record = planTransactionRecord({
        organizationId: command.organizationId,
        plan,
        fromWalletId,
        toWalletId,
        status: 'COMPLETED',
        createdAt: postedAt,
        completedAt: postedAt,
        entries,
      });
    }
    batch.create(record);
    records.push(record);
  }
  batch.commit();
  rememberKey(
    organization,
    command.idempotency,
    { kind: 'transactions', transactions: records },
    command.now,
  );
  return { value: records, replayed: false };
}

export function captureHoldIn(
  state: MemoryState,
  organization: OrganizationState,
  command: CaptureHoldCommand,
): Written<TransactionRecord> {
  state.sweepExpiredHolds(organization, command.now);
  const replay = replayKey(organization, command.idempotency);
  if (replay !== null)
    return { value: expectKind(replay, 'transaction').transaction, replayed: true };
  const hold = holdOrReject(state, command.organizationId, command.transactionId);
  const heldAmount = heldAmountOf(hold);
  const amount = command.amount ?? heldAmount;
  if (amount > heldAmount) {
    throw new StoreRejection('AMOUNT_EXCEEDS_REMAINING', {
      transactionId: hold.id,
      remaining: heldAmount,
    });
  }
  const batch = new PostingBatch(state, organization, command.now);
  const from = batch.wallet(hold.fromWalletId);
  const to = batch.wallet(hold.toWalletId);
  from.held -= heldAmount;
  batch.checkMove(from, to, amount);
  const { postedAt, entries } = batch.post(from, to, amount, hold.id, command.entryIds);
  const record: TransactionRecord = {
    ...hold,
    status: 'COMPLETED',
    amount,
    completedAt: postedAt,
    entries,
  };
  batch.change(record);
  batch.commit();
  rememberKey(
    organization,
    command.idempotency,
    { kind: 'transaction', transaction: record },
    command.now,
  );
  return { value: record, replayed: false };
}

export function voidHoldIn(
  state: MemoryState,
  organization: OrganizationState,
  command: VoidHoldCommand,
): Written<TransactionRecord> {
  state.sweepExpiredHolds(organization, command.now);
  const replay = replayKey(organization, command.idempotency);
  if (replay !== null)
    return { value: expectKind(replay, 'transaction').transaction, replayed: true };
  const hold = holdOrReject(state, command.organizationId, command.transactionId);
  const batch = new PostingBatch(state, organization, command.now);
  batch.wallet(hold.fromWalletId).held -= heldAmountOf(hold);
  const record: TransactionRecord = { ...hold, status: 'VOIDED' };
  batch.change(record);
  batch.commit();
  rememberKey(
    organization,
    command.idempotency,
    { kind: 'transaction', transaction: record },
    command.now,
  );
  return { value: record, replayed: false };
}

export function reverseTransactionIn(
  state: MemoryState,
  organization: OrganizationState,
  command: ReverseTransactionCommand,
): Written<TransactionRecord> {
  state.sweepExpiredHolds(organization, command.now);
  const replay = replayKey(organization, command.idempotency);
  if (replay !== null)
    return { value: expectKind(replay, 'transaction').transaction, replayed: true };
  const original = state.transaction(command.organizationId, command.originalId);
  if (original === undefined)
    throw new StoreRejection('NOT_FOUND', { transactionId: command.originalId });
  const amount = reversalAmount(original, command.reversal.amount);
  const batch = new PostingBatch(state, organization, command.now);
  const from = batch.wallet(original.toWalletId);
  const to = batch.wallet(original.fromWalletId);
  batch.checkMove(from, to, amount);
  const { postedAt, entries } = batch.post(from, to, amount, command.reversal.id, command.entryIds);
  const record = reversalTransactionRecord({ command, original, amount, postedAt, entries });
  batch.change({ ...original, reversedAmount: original.reversedAmount + amount });
  batch.create(record);
  batch.commit();
  rememberKey(
    organization,
    command.idempotency,
    { kind: 'transaction', transaction: record },
    command.now,
  );
  return { value: record, replayed: false };
}

function holdOrReject(
  state: MemoryState,
  organizationId: string,
  transactionId: string,
): TransactionRecord {
  const hold = state.transaction(organizationId, transactionId);
  if (hold === undefined) throw new StoreRejection('NOT_FOUND', { transactionId });
  if (hold.status !== 'PENDING') {
    throw new StoreRejection('INVALID_STATE', { transactionId, status: hold.status });
  }
  return hold;
}

/** The remembered result of a key used with the same request; a conflict for another request. */
export function replayKey(
  organization: OrganizationState,
  claim: IdempotencyClaim | undefined,
): IdempotentResult | null {
  if (claim === undefined) return null;
  const existing = organization.idempotency.get(claim.key);
  if (existing === undefined) return null;
  if (existing.fingerprint !== claim.fingerprint) throw idempotencyKeyReused(claim.key);
  return existing.result;
}

export function rememberKey(
  organization: OrganizationState,
  claim: IdempotencyClaim | undefined,
  result: IdempotentResult,
  now: Date,
): void {
  if (claim === undefined) return;
  organization.idempotency.set(claim.key, {
    organizationId: organization.record.id,
    key: claim.key,
    fingerprint: claim.fingerprint,
    result,
    createdAt: now,
  });
}

/** A remembered result of the kind the operation stores; the fingerprint guarantees the operation. */
export function expectKind<K extends IdempotentResult['kind']>(
  result: IdempotentResult,
  kind: K,
): Extract<IdempotentResult, { kind: K }> {
  invariant(result.kind === kind, `idempotent result of kind ${result.kind}, expected ${kind}`);
  return result as Extract<IdempotentResult, { kind: K }>;
}

/**
 * Stages the default SYSTEM wallets a posting brings as candidates (see
 * PostTransfersCommand.systemWallets): a candidate is created with the posting unless the
 * organization already has one in its currency, whose id then replaces the candidate's.
 */
function stageSystemWallets(
  organization: OrganizationState,
  batch: PostingBatch,
  candidates: readonly WalletRecord[] | undefined,
): Map<string, string> | undefined {
  if (candidates === undefined || candidates.length === 0) return undefined;
  const aliases = new Map<string, string>();
  for (const candidate of candidates) {
    const existing = organization.systemWallets.get(candidate.currency);
    if (existing === undefined) batch.createDefaultSystemWallet(candidate);
    else aliases.set(candidate.id, existing);
  }
  return aliases;
}

import type { TransferPlan } from './ledger-store.js';
import type { EntryRecord, TransactionRecord } from './records.js';

/** What {@link planTransactionRecord} needs beside the plan. */
export interface PlanTransactionRecordInput {
  readonly organizationId: string;
  readonly plan: TransferPlan;
  /** The wallet ids the store used (a SYSTEM wallet candidate's id may have been replaced). */
  readonly fromWalletId: string;
  readonly toWalletId: string;
  readonly status: 'PENDING' | 'COMPLETED';
  readonly createdAt: Date;
  readonly completedAt: Date | null;
  readonly entries: readonly EntryRecord[];
}

/**
 * The transaction row a store writes for a transfer plan: a PENDING hold (with its held amount
 * and expiry) or a COMPLETED posting. Spelled out field by field rather than spread, since it
 * runs on every posting and V8 builds a literal of known shape faster.
 *
 * @example
 * ```ts
 * const record = planTransactionRecord({
 *   organizationId, plan, fromWalletId, toWalletId,
 *   status: 'COMPLETED', createdAt: postedAt, completedAt: postedAt, entries,
 * });
 * ```
 */
export function planTransactionRecord(input: PlanTransactionRecordInput): TransactionRecord {
  const { plan } = input;
  return {
    id: plan.id,
    organizationId: input.organizationId,
    transactionType: plan.transactionType,
    status: input.status,
    amount: plan.amount,
    heldAmount: plan.hold ? plan.amount : null,
    reversedAmount: 0n,
    currency: plan.currency,
    fromWalletId: input.fromWalletId,
    toWalletId: input.toWalletId,
    description: plan.description,
    metadata: plan.metadata,
    reversesId: null,
    expiresAt: plan.hold ? plan.expiresAt : null,
    createdAt: input.createdAt,
    completedAt: input.completedAt,
    entries: input.entries,
  };
}

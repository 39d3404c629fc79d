import type { ReverseTransactionCommand } from './ledger-store.js';
import type { EntryRecord, TransactionRecord } from './records.js';
import { StoreRejection } from './store-rejection.js';

/**
 * The amount a reversal moves, after the checks that depend only on the original (see
 * `LedgerStore.reverseTransaction`): `INVALID_STATE` unless it is a COMPLETED transaction that
 * is not itself a REVERSAL; `AMOUNT_EXCEEDS_REMAINING` when the amount (default: all that is
 * left) is zero or above what is left. Call it with the original as locked for the write.
 *
 * @example
 * ```ts
 * const amount = reversalAmount(original, command.reversal.amount);
 * ```
 */
export function reversalAmount(original: TransactionRecord, requested: bigint | null): bigint {
  if (original.status !== 'COMPLETED' || original.transactionType === 'REVERSAL') {
    throw new StoreRejection('INVALID_STATE', {
      transactionId: original.id,
      status: original.status,
      transactionType: original.transactionType,
    });
  }
  const remaining = original.amount - original.reversedAmount;
  const amount = requested ?? remaining;
  if (amount === 0n || amount > remaining) {
    throw new StoreRejection('AMOUNT_EXCEEDS_REMAINING', { transactionId: original.id, remaining });
  }
  return amount;
}

/**
 * The REVERSAL row a store writes: from the original's destination back to its source.
 *
 * @example
 * ```ts
 * const record = reversalTransactionRecord({ command, original, amount, postedAt, entries });
 * ```
 */
export function reversalTransactionRecord(input: {
  readonly command: ReverseTransactionCommand;
  readonly original: TransactionRecord;
  readonly amount: bigint;
  readonly postedAt: Date;
  readonly entries: readonly EntryRecord[];
}): TransactionRecord {
  const { command, original, postedAt } = input;
  return {
    id: command.reversal.id,
    organizationId: command.organizationId,
    transactionType: 'REVERSAL',
    status: 'COMPLETED',
    amount: input.amount,
    heldAmount: null,
    reversedAmount: 0n,
    currency: original.currency,
    fromWalletId: original.toWalletId,
    toWalletId: original.fromWalletId,
    description: command.reversal.description,
    metadata: command.reversal.metadata,
    reversesId: original.id,
    expiresAt: null,
    createdAt: postedAt,
    completedAt: postedAt,
    entries: input.entries,
  };
}

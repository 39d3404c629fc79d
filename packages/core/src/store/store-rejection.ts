import { ConflictError } from '../errors/vault-error.js';

/** The codes a store may reject a write with. */
export type RejectionCode =
  | 'NOT_FOUND'
  | 'CURRENCY_MISMATCH'
  | 'WALLET_FROZEN'
  | 'INSUFFICIENT_FUNDS'
  | 'INVALID_STATE'
  | 'AMOUNT_EXCEEDS_REMAINING'
  | 'PRIMARY_WALLET_EXISTS';

/** The raw facts of a rejection; the engine turns them into a message and wire details. */
export interface RejectionFacts {
  /** In `postTransfers`, the 0-based index of the plan that failed. */
  readonly index?: number;
  readonly walletId?: string;
  readonly transactionId?: string;
  readonly organizationId?: string;
  /** For `AMOUNT_EXCEEDS_REMAINING`: what is left, in minor units. */
  readonly remaining?: bigint;
  /** For `INVALID_STATE`: the status found (a real status: PENDING, COMPLETED, VOIDED...). */
  readonly status?: string;
  /** For `INVALID_STATE`: the transaction's type, when it is the reason (a REVERSAL cannot be reversed). */
  readonly transactionType?: string;
}

/**
 * Thrown by a store when the current state rejects a write. The store has written nothing.
 * The engine converts it into a {@link VaultError} with a message and formatted details, so
 * stores never format amounts.
 *
 * @example
 * ```ts
 * if (available < plan.amount) {
 *   throw new StoreRejection('INSUFFICIENT_FUNDS', { index, walletId: plan.fromWalletId });
 * }
 * ```
 */
export class StoreRejection extends Error {
  readonly code: RejectionCode;
  readonly facts: RejectionFacts;

  constructor(code: RejectionCode, facts: RejectionFacts = {}) {
    super(`Store rejected the write: ${code}`);
    this.name = 'StoreRejection';
    this.code = code;
    this.facts = facts;
  }
}

/** Whether `value` is a {@link StoreRejection}, also across duplicate installs. */
export function isStoreRejection(value: unknown): value is StoreRejection {
  return (
    value instanceof Error && value.name === 'StoreRejection' && 'facts' in value && 'code' in value
  );
}

/**
 * The error a store throws when an idempotency key comes back with a different request
 * (`IDEMPOTENCY_KEY_REUSED`).
 */
export function idempotencyKeyReused(key: string): ConflictError {
  return new ConflictError(
    'IDEMPOTENCY_KEY_REUSED',
    `Idempotency key "${key}" was already used for a different request`,
    {
      details: { idempotency_key: key },
    },
  );
}

import { RejectedError, ValidationError } from '../errors/vault-error.js';
import { parseAmount } from '../money/parse-amount.js';
import type { TransferPlan } from '../store/ledger-store.js';
import { emptyMetadata } from '../validation/schemas.js';
import type { EngineContext } from './engine-context.js';
import type { Metadata } from './types.js';

/** A move of money between two wallets, validated but not yet resolved against the store. */
export interface MoveRequest {
  readonly transactionType: TransferPlan['transactionType'];
  readonly fromWalletId: string;
  readonly toWalletId: string;
  readonly amount: string;
  readonly description?: string | null | undefined;
  readonly metadata?: Metadata | undefined;
  readonly hold?: boolean | undefined;
  readonly expiresAt?: Date | null | undefined;
}

/**
 * Resolves a validated move into a store plan, applying the checks that depend only on facts
 * that never change, in this order: `SAME_WALLET`, `NOT_FOUND` (source, then destination),
 * `CURRENCY_MISMATCH`, the amount's scale and maximum (`VALIDATION_ERROR`), and an expiry in
 * the past (`VALIDATION_ERROR`). The store then checks status and funds atomically.
 *
 * @param path - the input path of the move (`''`, or `transfers.3` in a batch), for errors
 */
export async function resolveTransferPlan(
  context: EngineContext,
  organizationId: string,
  move: MoveRequest,
  now: Date,
  path: string,
  index: number | undefined,
): Promise<TransferPlan> {
  const at = (field: string) => (path ? `${path}.${field}` : field);
  const withIndex = index === undefined ? {} : { index };
  if (move.fromWalletId === move.toWalletId) {
    throw new RejectedError('SAME_WALLET', 'The source and destination wallets are the same', {
      details: { ...withIndex, wallet_id: move.fromWalletId },
    });
  }
  const from =
    context.cachedWalletFacts(organizationId, move.fromWalletId) ??
    (await context.walletFacts(organizationId, move.fromWalletId, now, withIndex));
  const to =
    context.cachedWalletFacts(organizationId, move.toWalletId) ??
    (await context.walletFacts(organizationId, move.toWalletId, now, withIndex));
  if (from.currency !== to.currency) {
    throw new RejectedError(
      'CURRENCY_MISMATCH',
      `Cannot move ${from.currency} from wallet ${move.fromWalletId} to a ${to.currency} wallet`,
      { details: { ...withIndex, from_currency: from.currency, to_currency: to.currency } },
    );
  }
  const currency = context.currencyOf(from.currency);
  const amount = withDetails(withIndex, () =>
    parseAmount(move.amount, currency, { path: at('amount') }),
  );
  const expiresAt = move.expiresAt ?? null;
  if (expiresAt !== null && expiresAt.getTime() <= now.getTime()) {
    throw new ValidationError([{ path: at('expiresAt'), message: 'must be in the future' }], {
      details: withIndex,
    });
  }
  return {
    id: context.nextId(),
    transactionType: move.transactionType,
    amount,
    currency: currency.code,
    fromWalletId: move.fromWalletId,
    toWalletId: move.toWalletId,
    description: move.description ?? null,
    metadata: move.metadata ?? emptyMetadata,
    hold: move.hold === true,
    expiresAt,
    entryIds: [context.nextId(), context.nextId()],
  };
}

/** Runs a parse, adding `details` (a batch item's index) to the ValidationError it may throw. */
function withDetails<T>(details: Record<string, unknown>, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ValidationError && Object.keys(details).length > 0) {
      throw new ValidationError(error.fields, { details });
    }
    throw error;
  }
}

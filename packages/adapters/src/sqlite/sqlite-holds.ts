import { minorToText, textToMinor } from '../shared/minor-units.js';
import type { SqliteStatements } from './sqlite-statements.js';

interface ExpiredHoldRow {
  readonly id: string;
  readonly from_wallet_id: string;
  readonly held_amount: string | null;
}

/** Whether the organization has a PENDING hold expired at `now` (one probe of a tiny index). */
export function hasExpiredHolds(
  statements: SqliteStatements,
  organizationId: string,
  now: Date,
): boolean {
  return statements.anyExpiredHold.get(organizationId, now.getTime()) !== undefined;
}

/**
 * Inside a write: voids the organization's PENDING holds whose expiry is at or before `now`
 * and releases their amounts from the source wallets' `held`. Returns how many. Like the memory
 * store, it leaves `updated_at` alone: an expiry is not a change made by anyone.
 */
export function sweepExpiredHolds(
  statements: SqliteStatements,
  organizationId: string,
  now: Date,
): number {
  const holds = statements.expiredHolds.all(organizationId, now.getTime()) as ExpiredHoldRow[];
  for (const hold of holds) {
    const wallet = statements.walletById.get(organizationId, hold.from_wallet_id) as
      | { held: string }
      | undefined;
    const heldAmount = textToMinor(hold.held_amount ?? '0', 'ledger_transactions.held_amount');
    if (wallet !== undefined) {
      const held = textToMinor(wallet.held, 'ledger_wallets.held') - heldAmount;
      statements.updateWalletHeld.run(minorToText(held), organizationId, hold.from_wallet_id);
    }
    statements.setTransactionStatus.run('VOIDED', organizationId, hold.id);
  }
  return holds.length;
}

/** The organizations that have PENDING holds expired at `now`. */
export function organizationsWithExpiredHolds(statements: SqliteStatements, now: Date): string[] {
  return statements.expiredHoldsEverywhere.all(now.getTime()) as string[];
}

import type { LedgerScans } from '../store/ledger-store.js';
import type { WalletRecord } from '../store/records.js';
import type { Verification } from './verification.js';

/**
 * What verification keeps of one wallet between its scans: a few numbers, never its metadata,
 * so that memory per wallet stays small and fixed.
 */
export interface WalletTally {
  readonly id: string;
  readonly currency: string;
  readonly system: boolean;
  readonly balance: bigint;
  readonly held: bigint;
  /** Entries read from the wallet's own statement. */
  entryCount: number;
  /** Entries naming the wallet among the organization's transactions. */
  entriesFromTransactions: number;
  /** The sum of the PENDING holds it is the source of. */
  openHolds: bigint;
}

/**
 * Reads the organization's wallets and each wallet's entries: NEGATIVE_BALANCE and ZERO_SUM
 * from the wallet rows, RUNNING_BALANCE and BALANCE_MATCHES_ENTRIES from the entries. Returns
 * the tallies that the transaction checks complete.
 */
export async function checkWallets(
  scans: LedgerScans,
  organizationId: string,
  verification: Verification,
): Promise<Map<string, WalletTally>> {
  const wallets = new Map<string, WalletTally>();
  const sums = new Map<string, bigint>();
  for await (const record of scans.scanWallets(organizationId)) {
    verification.count('wallets');
    wallets.set(record.id, tallyOf(record));
    sums.set(record.currency, (sums.get(record.currency) ?? 0n) + record.balance);
    checkNotNegative(record, verification);
  }
  for (const [currency, sum] of sums) {
    if (sum !== 0n) {
      verification.add({
        invariant: 'ZERO_SUM',
        message: `${currency} balances of organization ${organizationId} sum to ${sum} minor units, not 0`,
        organizationId,
      });
    }
  }
  for (const tally of wallets.values()) {
    await checkEntries(scans, organizationId, tally, verification);
  }
  return wallets;
}

function tallyOf(record: WalletRecord): WalletTally {
  return {
    id: record.id,
    currency: record.currency,
    system: record.walletType === 'SYSTEM',
    balance: record.balance,
    held: record.held,
    entryCount: 0,
    entriesFromTransactions: 0,
    openHolds: 0n,
  };
}

function checkNotNegative(record: WalletRecord, verification: Verification): void {
  if (record.walletType === 'SYSTEM') return;
  if (record.balance >= 0n && record.balance - record.held >= 0n) return;
  verification.add({
    invariant: 'NEGATIVE_BALANCE',
    message: `${record.walletType} wallet ${record.id} has balance ${record.balance} and held ${record.held}, available ${record.balance - record.held} (minor units)`,
    organizationId: record.organizationId,
    walletId: record.id,
  });
}

/**
 * One pass over a wallet's statement. Each entry is compared with the one before it, and an
 * entry is reported when its `balanceAfter` is neither the running sum of the amounts nor the
 * previous `balanceAfter` plus its amount: a corrupted, missing or extra entry is then reported
 * where it happens, not again at every entry after it.
 */
async function checkEntries(
  scans: LedgerScans,
  organizationId: string,
  tally: WalletTally,
  verification: Verification,
): Promise<void> {
  let sum = 0n;
  let previousSequence = 0;
  let previousBalance = 0n;
  let previousTime = Number.NEGATIVE_INFINITY;
  for await (const entry of scans.scanEntries(organizationId, tally.id)) {
    verification.count('entries');
    tally.entryCount += 1;
    const signed = entry.direction === 'CREDIT' ? entry.amount : -entry.amount;
    sum += signed;
    const problems: string[] = [];
    if (entry.sequence !== previousSequence + 1)
      problems.push(`sequence ${entry.sequence} follows ${previousSequence}`);
    if (entry.amount <= 0n) problems.push(`non-positive amount ${entry.amount}`);
    if (entry.balanceAfter !== sum && entry.balanceAfter !== previousBalance + signed) {
      problems.push(
        `balanceAfter ${entry.balanceAfter}, but the entries up to it sum to ${sum} and the previous balanceAfter ${previousBalance} ${entry.direction === 'CREDIT' ? '+' : '-'} ${entry.amount} is ${previousBalance + signed}`,
      );
    }
    if (entry.createdAt.getTime() < previousTime)
      problems.push('created before the entry preceding it');
    if (problems.length > 0) {
      verification.add({
        invariant: 'RUNNING_BALANCE',
        message: `Entry ${entry.id} (transaction ${entry.transactionId}) of wallet ${tally.id}: ${problems.join('; ')}`,
        organizationId,
        walletId: tally.id,
        transactionId: entry.transactionId,
        entryId: entry.id,
      });
    }
    previousSequence = entry.sequence;
    previousBalance = entry.balanceAfter;
    previousTime = entry.createdAt.getTime();
  }
  if (sum !== tally.balance) {
    verification.add({
      invariant: 'BALANCE_MATCHES_ENTRIES',
      message: `Wallet ${tally.id} has balance ${tally.balance}, its ${tally.entryCount} entries sum to ${sum} (minor units)`,
      organizationId,
      walletId: tally.id,
    });
  }
}

// The engine's side of the SQL benchmarks: a ledger of 1,000 funded wallets set up through the
// engine (not measured), and the transfers and batches the workloads call on it.
import {
  createVault,
  formatMinor,
  type LedgerStore,
  type OrganizationScope,
  type Vault,
} from '@vaultcraft/core';
import type { LedgerSide } from './sql-workloads.js';
import { fundingMinor, type Move, walletCount } from './workload.js';

/** A ledger the engine set up: one organization, `walletCount` funded USD wallets. */
export interface EngineLedger {
  readonly organizationId: string;
  readonly walletIds: readonly string[];
}

/**
 * Creates an organization with `walletCount` PRIMARY USD wallets (32 created at once), deposits
 * the whole funding into the first, and spreads it with one batch, so every wallet holds
 * `fundingMinor`.
 */
export async function setUpEngineLedger(store: LedgerStore): Promise<EngineLedger> {
  const vault = createVault({ store });
  const organization = await vault.organizations.create({ name: 'Bench' });
  const scope = vault.organization(organization.id);
  const walletIds: string[] = [];
  let next = 0;
  const creator = async () => {
    for (let index = next++; index < walletCount; index = next++) {
      const wallet = await scope.wallets.create({
        name: `W${index}`,
        walletType: 'PRIMARY',
        currency: 'USD',
        ownerId: `owner-${index}`,
      });
      walletIds[index] = wallet.id;
    }
  };
  await Promise.all(Array.from({ length: 32 }, creator));
  const first = walletIds[0]!;
  const total = fundingMinor * BigInt(walletCount);
  await scope.transactions.deposit({ walletId: first, amount: formatMinor(total, 2) });
  const amount = formatMinor(fundingMinor, 2);
  await scope.transactions.batch({
    transfers: walletIds.slice(1).map((id) => ({ fromWalletId: first, toWalletId: id, amount })),
  });
  return { organizationId: organization.id, walletIds };
}

/** The engine's transfers and batches on a ledger; `checkTotals` is the store's to give. */
export function engineSide(
  store: LedgerStore,
  ledger: EngineLedger,
  checkTotals: () => Promise<void>,
): LedgerSide & { readonly vault: Vault; readonly scope: OrganizationScope } {
  const vault = createVault({ store });
  const scope = vault.organization(ledger.organizationId);
  const input = (move: Move) => ({
    fromWalletId: ledger.walletIds[move.from]!,
    toWalletId: ledger.walletIds[move.to]!,
    amount: formatMinor(move.amountMinor, 2),
  });
  return {
    vault,
    scope,
    transfer: (move) => scope.transactions.transfer(input(move)),
    batch: (moves) => scope.transactions.batch({ transfers: moves.map(input) }),
    checkTotals,
  };
}

/**
 * Fails the run unless the engine's wallets (read by the caller straight from the database)
 * hold what they were funded with and, with the SYSTEM wallet, sum to zero.
 */
export function checkWalletSums(
  name: string,
  wallets: readonly { readonly balance: bigint; readonly system: boolean }[],
): void {
  let customers = 0n;
  let everything = 0n;
  for (const wallet of wallets) {
    everything += wallet.balance;
    if (!wallet.system) customers += wallet.balance;
  }
  const expected = fundingMinor * BigInt(walletCount);
  if (customers !== expected)
    throw new Error(`${name}: customer balances sum to ${customers}, not ${expected}`);
  if (everything !== 0n) throw new Error(`${name}: all balances sum to ${everything}, not 0`);
}

/** Fails the run when `vault.verify()` finds a broken invariant. */
export async function verifyOrFail(name: string, vault: Vault, organizationId: string) {
  const report = await vault.verify({ organizationId });
  if (!report.ok)
    throw new Error(
      `${name}: ledger invariants broken after the benchmark: ${report.violations[0]?.message}`,
    );
  return report;
}

import { createMemoryStore, createVault, formatMinor } from '@vaultcraft/core';
import { type Measurement, measureSequential } from './measure.js';
import { fundingMinor, moves, walletCount } from './workload.js';

/**
 * Transfers through the engine on the memory store, one at a time: validation, wallet
 * lookup, balance checks, two entries, and the result formatted as strings. The money total
 * is checked afterwards: a fast wrong ledger fails the run.
 */
export async function benchMemoryEngine(count: number): Promise<Measurement> {
  const vault = createVault({ store: createMemoryStore() });
  const organization = await vault.organizations.create({ name: 'Bench' });
  const scope = vault.organization(organization.id);
  const wallets: string[] = [];
  for (let index = 0; index < walletCount; index += 1) {
    const wallet = await scope.wallets.create({
      name: `W${index}`,
      walletType: 'PRIMARY',
      currency: 'USD',
      ownerId: `owner-${index}`,
    });
    await scope.transactions.deposit({ walletId: wallet.id, amount: formatMinor(fundingMinor, 2) });
    wallets.push(wallet.id);
  }
  const plan = moves(count, 42).map((move) => ({
    fromWalletId: wallets[move.from]!,
    toWalletId: wallets[move.to]!,
    amount: formatMinor(move.amountMinor, 2),
  }));
  const measurement = await measureSequential(
    { store: 'memory', workload: 'engine transfer, 1 caller' },
    count,
    (index) => scope.transactions.transfer(plan[index]!),
  );
  const report = await vault.verify();
  if (!report.ok)
    throw new Error(
      `ledger invariants broken after the benchmark: ${report.violations[0]?.message}`,
    );
  let total = 0n;
  for (const id of wallets) {
    const wallet = await scope.wallets.retrieve(id);
    total += BigInt(wallet.balance.replace('.', ''));
  }
  if (total !== fundingMinor * BigInt(walletCount))
    throw new Error(`money total changed: ${total}`);
  return measurement;
}

/** The baseline: the same checks and bigint arithmetic on two plain Maps (balance and held). */
export async function benchMapBaseline(count: number): Promise<Measurement> {
  const balances = new Map<number, bigint>();
  const held = new Map<number, bigint>();
  for (let index = 0; index < walletCount; index += 1) {
    balances.set(index, fundingMinor);
    held.set(index, 0n);
  }
  const plan = moves(count, 42);
  const measurement = await measureSequential(
    { store: 'memory', workload: 'bigint on two Maps' },
    count,
    (index) => {
      const { from, to, amountMinor } = plan[index]!;
      const available = balances.get(from)! - held.get(from)!;
      if (available < amountMinor) throw new Error('insufficient funds');
      balances.set(from, balances.get(from)! - amountMinor);
      balances.set(to, balances.get(to)! + amountMinor);
    },
  );
  let total = 0n;
  for (const balance of balances.values()) total += balance;
  if (total !== fundingMinor * BigInt(walletCount))
    throw new Error(`money total changed: ${total}`);
  return measurement;
}

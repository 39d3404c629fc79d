// The embedded quickstart: a ledger in memory, two wallets, a deposit, a transfer and a hold.
// Run it with `pnpm start` at the repository root.
import { createMemoryStore, createVault, isVaultError } from '@vaultcraft/core';

const vault = createVault({ store: createMemoryStore() });
const { id: organizationId } = await vault.organizations.create({ name: 'Acme' });
const acme = vault.organization(organizationId);

const alice = await acme.wallets.create({
  name: 'Alice',
  walletType: 'PRIMARY',
  currency: 'USD',
  ownerId: 'alice',
});
const bob = await acme.wallets.create({
  name: 'Bob',
  walletType: 'PRIMARY',
  currency: 'USD',
  ownerId: 'bob',
});

// Money enters from the organization's SYSTEM wallet; amounts are decimal strings, never numbers.
await acme.transactions.deposit({ walletId: alice.id, amount: '100.00' });
await acme.transactions.transfer(
  { fromWalletId: alice.id, toWalletId: bob.id, amount: '0.10', description: 'Coffee' },
  { idempotencyKey: 'coffee-1' },
);
await acme.transactions.transfer({ fromWalletId: alice.id, toWalletId: bob.id, amount: '0.20' });

// A hold reserves 30.00 of Alice's money; capturing 25.00 releases the rest.
const hold = await acme.transactions.transfer({
  fromWalletId: alice.id,
  toWalletId: bob.id,
  amount: '30.00',
  hold: true,
});
const reserved = await acme.wallets.balance(alice.id);
console.log(
  `Alice while the hold is open: balance ${reserved.balance}, available ${reserved.availableBalance}`,
);
await acme.transactions.capture(hold.id, { amount: '25.00' });

try {
  await acme.transactions.transfer({
    fromWalletId: bob.id,
    toWalletId: alice.id,
    amount: '1000.00',
  });
} catch (error) {
  if (!isVaultError(error)) throw error;
  console.log(`Bob cannot send 1000.00: ${error.code}`);
}

for (const wallet of [alice, bob]) {
  const { balance, availableBalance } = await acme.wallets.balance(wallet.id);
  console.log(`${wallet.name}: ${balance} USD (available ${availableBalance})`);
}
const report = await vault.verify();
console.log(`Ledger invariants hold: ${report.ok}`);
await vault.close();

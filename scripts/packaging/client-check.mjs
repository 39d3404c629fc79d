// The packaging test's client check: drives the installed `vaultcraft serve` at VAULTCRAFT_URL
// through the installed @vaultcraft/client (signup, two wallets, a deposit, a transfer, an
// overdraft, balances) and prints what it saw for the test to compare.
import { isVaultCraftError, VaultCraft } from '@vaultcraft/client';

const baseUrl = process.env.VAULTCRAFT_URL;
if (!baseUrl) throw new Error('VAULTCRAFT_URL is not set');

const client = new VaultCraft({ baseUrl });
const signup = await client.auth.signup({
  email: 'owner@example.com',
  password: 'correct horse battery',
  full_name: 'Ada Owner',
  organization_name: 'Acme',
});
console.log(`signup: token ${typeof signup.access_token === 'string' ? 'received' : 'MISSING'}`);

const wallet = (name) =>
  client.wallets.create({ name, wallet_type: 'PRIMARY', currency: 'USD', owner_id: name });
const alice = await wallet('alice');
const bob = await wallet('bob');
const deposit = { wallet_id: alice.id, amount: '100.00' };
const first = await client.transactions.deposit(deposit, { idempotencyKey: 'deposit-1' });
const repeat = await client.transactions.deposit(deposit, { idempotencyKey: 'deposit-1' });
console.log(
  `deposit: ${first.amount} ${first.currency}, ${repeat.id === first.id ? 'replayed' : 'CHARGED TWICE'} under the same key`,
);
const transfer = await client.transactions.transfer({
  from_wallet_id: alice.id,
  to_wallet_id: bob.id,
  amount: '12.34',
});
console.log(`transfer: ${transfer.amount} ${transfer.status}`);
try {
  await client.transactions.transfer({
    from_wallet_id: bob.id,
    to_wallet_id: alice.id,
    amount: '1000.00',
  });
  console.log('overdraft: ACCEPTED');
} catch (error) {
  if (!isVaultCraftError(error)) throw error;
  console.log(`overdraft: ${error.code} (HTTP ${error.status})`);
}
for (const { id, name } of [alice, bob]) {
  const { balance, available_balance } = await client.wallets.balance(id);
  console.log(`${name}: ${balance} USD (available ${available_balance})`);
}

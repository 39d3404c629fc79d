// The client quickstart: VaultCraft over HTTP with @vaultcraft/client. It talks to the server
// at VAULTCRAFT_URL, or starts a fresh one in this process. Run it with
// `pnpm --filter @vaultcraft/example-client-quickstart start` after `pnpm build`.
import { randomUUID } from 'node:crypto';
import { isVaultCraftError, VaultCraft } from '@vaultcraft/client';
import { startLocalServer } from './start-local-server.js';

const local = process.env.VAULTCRAFT_URL ? undefined : await startLocalServer();
const baseUrl = process.env.VAULTCRAFT_URL ?? local?.url ?? '';
try {
  // Signup answers a token, which the client keeps for its next calls.
  const owner = new VaultCraft({ baseUrl });
  await owner.auth.signup({
    email: `owner-${randomUUID()}@example.com`,
    password: 'correct horse battery',
    full_name: 'Ada Owner',
    organization_name: 'Acme',
  });

  // A backend service would use an API key instead; its key is shown this once.
  const { key, role } = await owner.apiKeys.create({ name: 'quickstart', role: 'ADMIN' });
  const client = new VaultCraft({ baseUrl, apiKey: key });
  console.log(`Signed up; the API key acts as ${role}`);

  const alice = await client.wallets.create({
    name: 'Alice',
    wallet_type: 'PRIMARY',
    currency: 'USD',
    owner_id: 'alice',
  });
  const bob = await client.wallets.create({
    name: 'Bob',
    wallet_type: 'PRIMARY',
    currency: 'USD',
    owner_id: 'bob',
  });

  // Amounts are decimal strings, never numbers. The client sends an idempotency key with every
  // money-moving call (and reuses it when it retries); pass your own to repeat a call safely.
  const deposit = { wallet_id: alice.id, amount: '100.00' };
  const first = await client.transactions.deposit(deposit, { idempotencyKey: 'order-1' });
  const repeat = await client.transactions.deposit(deposit, { idempotencyKey: 'order-1' });
  const afterRepeat = await client.wallets.balance(alice.id);
  const replayed = repeat.id === first.id ? 'replayed, not charged again' : 'CHARGED TWICE';
  console.log(`Deposited ${first.amount} ${first.currency} to Alice`);
  console.log(`The same deposit under the same key: ${replayed}; balance ${afterRepeat.balance}`);

  await client.transactions.transfer({
    from_wallet_id: alice.id,
    to_wallet_id: bob.id,
    amount: '0.10',
    description: 'Coffee',
  });
  const tea = await client.transactions.transfer({
    from_wallet_id: alice.id,
    to_wallet_id: bob.id,
    amount: '0.20',
    description: 'Tea',
  });

  // A hold reserves 30.00 of Alice's money; capturing 25.00 releases the rest.
  const hold = await client.transactions.transfer({
    from_wallet_id: alice.id,
    to_wallet_id: bob.id,
    amount: '30.00',
    hold: true,
  });
  const reserved = await client.wallets.balance(alice.id);
  console.log(
    `Alice while the hold is open: balance ${reserved.balance}, available ${reserved.available_balance}`,
  );
  await client.transactions.capture(hold.id, { amount: '25.00' });

  const refund = await client.transactions.reverse(tea.id, { description: 'Tea refund' });
  console.log(`Refunded the tea: ${refund.transaction_type} of ${refund.amount}`);

  try {
    await client.transactions.transfer({
      from_wallet_id: bob.id,
      to_wallet_id: alice.id,
      amount: '1000.00',
    });
  } catch (error) {
    if (!isVaultCraftError(error)) throw error;
    console.log(`Bob cannot send 1000.00: ${error.code} (${error.name}, HTTP ${error.status})`);
  }

  for (const wallet of [alice, bob]) {
    const { balance, available_balance } = await client.wallets.balance(wallet.id);
    console.log(`${wallet.name}: ${balance} USD (available ${available_balance})`);
  }

  // Lists are async-iterable across pages; this one fetches two entries per request.
  console.log("Alice's statement, newest first:");
  for await (const entry of client.wallets.entries(alice.id, { page_size: 2 })) {
    console.log(
      `  ${entry.direction.padEnd(6)} ${entry.amount.padStart(6)} -> ${entry.balance_after}`,
    );
  }
} finally {
  await local?.stop();
}

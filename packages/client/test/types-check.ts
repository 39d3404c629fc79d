// Type-level tests, compiled by `tsc -p tsconfig.test.json` (pnpm typecheck) and never run:
// the line after each `@ts-expect-error` must be a type error, or the compilation fails. They prove that
// an amount is a decimal string (a number is refused), that bodies are the wire's strict
// snake_case objects, and that answers and list items carry the contract's types.
import type { Page, PagePromise, Transaction, VaultCraft, Wallet } from '../src/index.js';

export async function typeChecks(client: VaultCraft, walletId: string): Promise<void> {
  await client.transactions.deposit({ wallet_id: walletId, amount: '10.50' });
  // @ts-expect-error: an amount is a decimal string, never a number
  await client.transactions.deposit({ wallet_id: walletId, amount: 10.5 });
  await client.transactions.transfer({
    from_wallet_id: walletId,
    to_wallet_id: walletId,
    // @ts-expect-error: a number amount is refused in transfers too
    amount: 1,
  });
  // @ts-expect-error: and in captures
  await client.transactions.capture(walletId, { amount: 5 });
  await client.transactions.batch({
    // @ts-expect-error: and in batches
    transfers: [{ from_wallet_id: walletId, to_wallet_id: walletId, amount: 2 }],
  });
  // @ts-expect-error: and in reversals
  await client.transactions.reverse(walletId, { amount: 3 });
  // @ts-expect-error: field names are the wire's snake_case
  await client.transactions.deposit({ walletId, amount: '1.00' });
  await client.transactions.transfer({
    from_wallet_id: walletId,
    to_wallet_id: walletId,
    amount: '1.00',
    // @ts-expect-error: hold is a boolean
    hold: 'yes',
  });
  // @ts-expect-error: wallet types are the contract's enum
  await client.wallets.create({ name: 'A', wallet_type: 'SAVINGS', currency: 'USD' });
  // @ts-expect-error: withdrawals are client.transactions.withdraw
  await client.transactions.withdrawal({ wallet_id: walletId, amount: '1.00' });
  // @ts-expect-error: idempotency keys belong to POSTs that accept them
  await client.wallets.retrieve(walletId, { idempotencyKey: 'k' });

  const transaction: Transaction = await client.transactions.transfer(
    {
      from_wallet_id: walletId,
      to_wallet_id: walletId,
      amount: '1.00',
      hold: true,
      expires_at: null,
    },
    { idempotencyKey: 'transfer-1', timeoutMs: 5000, maxRetries: 0, headers: { 'x-trace': '1' } },
  );
  const amount: string = transaction.amount;
  // @ts-expect-error: answered amounts are strings too
  const asNumber: number = transaction.amount;

  const list: PagePromise<Wallet> = client.wallets.list({ currency: 'USD', page_size: 50 });
  const page: Page<Wallet> = await list;
  for await (const wallet of client.wallets.list()) {
    const balance: string = wallet.available_balance;
    void balance;
  }
  // @ts-expect-error: collect requires a limit
  await list.collect();
  // @ts-expect-error: page_size is a number in the client's list queries
  client.transactions.list({ page_size: '20' });
  void [amount, asNumber, page];
}

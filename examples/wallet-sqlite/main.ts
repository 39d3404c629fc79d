// A small wallet app on a SQLite file: migrations, an organization, PRIMARY and BONUS wallets,
// deposits, transfers under idempotency keys, an insufficient-funds error handled by its code, a
// statement, a history walked page by page, a balance in the past, and a close and reopen that
// shows the data is on disk. Run it with `pnpm --filter @vaultcraft/example-wallet-sqlite start`
// after `pnpm build`.
//
// The vault gets a hand-driven clock so that every run prints the same dates; a real app leaves
// `clock` out and gets the system clock. Nothing printed is a generated id.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateSqlite, openSqliteStore } from '@vaultcraft/adapters/sqlite';
import { createVault, isVaultError, type OrganizationScope } from '@vaultcraft/core';
import { printHistory, printStatement } from './print-wallet.js';

let now = new Date('2026-03-02T08:00:00.000Z');
const clock = () => new Date(now);
/** Moves the example's clock; every call after it happens at that instant. */
const at = (instant: string) => {
  now = new Date(instant);
};

const directory = mkdtempSync(join(tmpdir(), 'vaultcraft-wallet-sqlite-'));
const path = join(directory, 'ledger.sqlite');
try {
  // 1. Migrations. A file without the schema is refused when migrations are turned off...
  try {
    await openSqliteStore({ path, migrate: false });
  } catch (error) {
    if (!isVaultError(error) || error.code !== 'CONFIGURATION_ERROR') throw error;
    console.log(
      `Opening a new file with migrate: false: ${error.code} (setting: ${error.details.setting})`,
    );
  }
  // ...so a deployment step applies them once, and the app opens the file without migrating.
  const applied = await migrateSqlite({ path });
  console.log(`Migrations applied: ${applied.join(', ')}`);
  const store = await openSqliteStore({ path, migrate: false });
  console.log(`Pending migrations: ${(await store.pendingMigrations()).length}`);

  const vault = createVault({ store, clock });
  const organization = await vault.organizations.create({ name: 'Pocket' });
  const pocket = vault.organization(organization.id);
  const wallet = (ownerId: string, name: string, walletType: 'PRIMARY' | 'BONUS') =>
    pocket.wallets.create({ name, walletType, currency: 'USD', ownerId });
  const ada = await wallet('ada', 'Ada', 'PRIMARY');
  const adaBonus = await wallet('ada', 'Ada welcome bonus', 'BONUS');
  const ben = await wallet('ben', 'Ben', 'PRIMARY');
  const treasury = await wallet('pocket-treasury', 'Pocket treasury', 'PRIMARY');

  // 2. Money in. The treasury holds more digits than a JavaScript number can: the store keeps
  // amounts as integer minor units in TEXT columns, so every digit survives.
  await pocket.transactions.deposit({ walletId: treasury.id, amount: '12345678901234567.89' });
  at('2026-03-02T09:00:00.000Z');
  await pocket.transactions.deposit({ walletId: ada.id, amount: '100.00', description: 'Top-up' });
  at('2026-03-02T09:05:00.000Z');
  await pocket.transactions.transfer({
    fromWalletId: treasury.id,
    toWalletId: adaBonus.id,
    amount: '5.00',
    description: 'Welcome bonus',
  });
  const reserve = await pocket.wallets.balance(treasury.id);
  console.log(`Treasury after paying the bonus: ${reserve.balance} USD`);
  console.log(`  (as a JavaScript number it would read ${Number(reserve.balance)})`);

  // 3. Transfers under idempotency keys. A client that timed out retries with the same key and
  // gets the first result back: nothing is written twice. `execute` runs the same write as
  // `transactions.transfer` and also says whether the result was replayed.
  at('2026-03-02T12:30:00.000Z');
  const coffee = {
    fromWalletId: ada.id,
    toWalletId: ben.id,
    amount: '0.10',
    description: 'Coffee',
  };
  const first = await pocket.execute('transactions.transfer', coffee, {
    idempotencyKey: 'order-1001',
  });
  at('2026-03-02T12:31:00.000Z');
  const retry = await pocket.execute('transactions.transfer', coffee, {
    idempotencyKey: 'order-1001',
  });
  const same = retry.value.id === first.value.id ? 'the same transaction' : 'A NEW TRANSACTION';
  console.log(`Retry of order-1001: replayed ${retry.replayed}, ${same}`);
  at('2026-03-02T16:00:00.000Z');
  await pocket.transactions.transfer(
    { fromWalletId: ada.id, toWalletId: ben.id, amount: '0.20', description: 'Tea' },
    { idempotencyKey: 'order-1002' },
  );
  console.log(`Ben after 0.10 + 0.20: ${(await pocket.wallets.balance(ben.id)).balance} USD`);

  // 4. The next day: a bigger transfer, one that Ben cannot afford, and a purchase paid from
  // Ada's BONUS wallet.
  at('2026-03-03T10:00:00.000Z');
  await pocket.transactions.transfer(
    { fromWalletId: ada.id, toWalletId: ben.id, amount: '25.00', description: 'Concert ticket' },
    { idempotencyKey: 'order-1003' },
  );
  at('2026-03-03T11:00:00.000Z');
  await sendOrExplain(pocket, { from: ben.id, to: ada.id, amount: '50.00', who: 'Ben' });
  at('2026-03-03T12:00:00.000Z');
  await pocket.transactions.transfer(
    { fromWalletId: adaBonus.id, toWalletId: ben.id, amount: '2.50', description: 'Book' },
    { idempotencyKey: 'order-1004' },
  );
  at('2026-03-04T09:00:00.000Z');
  await pocket.transactions.withdraw({ walletId: ada.id, amount: '10.00', description: 'To bank' });

  // 5. Reading it back: balances, a statement, the history page by page, and the past.
  for (const { id, name } of [ada, adaBonus, ben]) {
    const { balance, availableBalance } = await pocket.wallets.balance(id);
    console.log(`${name}: ${balance} USD (available ${availableBalance})`);
  }
  await printStatement(pocket, ada);
  await printHistory(pocket, ada, 2);
  const endOfMarch2 = await pocket.wallets.balance(ada.id, { asOf: '2026-03-02T23:59:59.999Z' });
  console.log(`Ada's balance at the end of 2 March: ${endOfMarch2.balance} USD`);

  // 6. Durability: close the file and open it again, this time with the default
  // `migrate: true`, which finds nothing left to apply.
  await vault.close();
  console.log(`Files after close: ${readdirSync(directory).join(', ')}`);
  at('2026-03-05T08:00:00.000Z');
  const reopenedStore = await openSqliteStore({ path });
  console.log(`Reopened; pending migrations: ${(await reopenedStore.pendingMigrations()).length}`);
  const reopened = createVault({ store: reopenedStore, clock });
  const again = reopened.organization(organization.id);
  console.log(`Ada after the reopen: ${(await again.wallets.balance(ada.id)).balance} USD`);
  const late = await again.execute('transactions.transfer', coffee, {
    idempotencyKey: 'order-1001',
  });
  console.log(`Retry of order-1001 after the reopen: replayed ${late.replayed}`);
  console.log(`Ben after the reopen: ${(await again.wallets.balance(ben.id)).balance} USD`);

  const report = await reopened.verify();
  const { organizations, wallets, transactions, entries, idempotencyKeys } = report.checked;
  console.log(
    `Ledger invariants hold: ${report.ok} (${organizations} organization, ${wallets} wallets, ` +
      `${transactions} transactions, ${entries} entries, ${idempotencyKeys} idempotency keys)`,
  );
  await reopened.close();
} finally {
  rmSync(directory, { recursive: true, force: true });
}

/** Sends money, or tells the user why not when the wallet cannot afford it. */
async function sendOrExplain(
  organization: OrganizationScope,
  move: { from: string; to: string; amount: string; who: string },
): Promise<void> {
  try {
    await organization.transactions.transfer({
      fromWalletId: move.from,
      toWalletId: move.to,
      amount: move.amount,
    });
  } catch (error) {
    // Match on the stable code, never on the message. Anything else is a real failure.
    if (!isVaultError(error) || error.code !== 'INSUFFICIENT_FUNDS') throw error;
    const { availableBalance } = await organization.wallets.balance(move.from);
    console.log(
      `${move.who} cannot send ${move.amount}: ${error.code} (available ${availableBalance})`,
    );
  }
}

// How the wallet app shows a statement and a history: plain console output, one line per row,
// with times in UTC so that every run prints the same thing.
import type { OrganizationScope, Transaction, Wallet } from '@vaultcraft/core';

/** `2026-03-02 12:30` in UTC. */
function minute(instant: Date): string {
  return instant.toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * Prints a wallet's statement, newest first: each entry with the balance right after it, so
 * every line can be checked against the one below it.
 */
export async function printStatement(organization: OrganizationScope, wallet: Wallet) {
  const statement = await organization.wallets.entries(wallet.id, { pageSize: 100 });
  console.log(`${wallet.name}'s statement (${statement.total} entries, newest first):`);
  for (const entry of statement.items) {
    const amount = `${entry.direction === 'DEBIT' ? '-' : '+'}${entry.amount}`;
    console.log(
      `  ${minute(entry.createdAt)}  ${entry.direction.padEnd(6)} ${amount.padStart(8)}  ` +
        `balance after ${entry.balanceAfter.padStart(6)}`,
    );
  }
}

/**
 * Prints every transaction of a wallet, `pageSize` per page: the first page by number (it
 * counts the total), the next ones by cursor (keyset pagination: constant cost per page, and
 * stable while new transactions arrive).
 */
export async function printHistory(
  organization: OrganizationScope,
  wallet: Wallet,
  pageSize: number,
) {
  let page = await organization.wallets.transactions(wallet.id, { page: 1, pageSize });
  console.log(`${wallet.name}'s history: ${page.total} transactions on ${page.pages} pages`);
  for (let number = 1; ; number += 1) {
    console.log(`  page ${number}:`);
    for (const transaction of page.items) {
      console.log(`    ${describe(transaction, wallet.id)}`);
    }
    if (page.nextCursor === null) break;
    page = await organization.wallets.transactions(wallet.id, {
      cursor: page.nextCursor,
      pageSize,
    });
  }
}

/** One line of history, from the wallet's point of view. */
function describe(transaction: Transaction, walletId: string): string {
  const sign = transaction.fromWalletId === walletId ? '-' : '+';
  const what = `${transaction.transactionType} ${transaction.status}`;
  return (
    `${minute(transaction.createdAt)}  ${what.padEnd(20)} ${`${sign}${transaction.amount}`.padStart(8)}` +
    `  ${transaction.description ?? ''}`
  ).trimEnd();
}

// The ledger part of the packaging test's quickstarts, run by ledger-quickstart.mjs (with the
// packages loaded through `import`) and ledger-quickstart.cjs (through `require`): the same
// steps on the in-memory store and on a SQLite file, printing what a user would check.
// Copied into a throwaway project outside the workspace; it imports nothing itself, so that
// each caller proves its own way of loading the installed packages.
'use strict';

/**
 * Opens an organization with two wallets, deposits 100.00, transfers 12.34, tries an
 * overdraft and verifies the ledger. Answers the line to print and the ids to look at again.
 */
async function moveMoney(core, vault, label) {
  const { id: organizationId } = await vault.organizations.create({ name: 'Acme' });
  const acme = vault.organization(organizationId);
  const wallet = (name) =>
    acme.wallets.create({ name, walletType: 'PRIMARY', currency: 'USD', ownerId: name });
  const alice = await wallet('alice');
  const bob = await wallet('bob');
  await acme.transactions.deposit({ walletId: alice.id, amount: '100.00' });
  await acme.transactions.transfer(
    { fromWalletId: alice.id, toWalletId: bob.id, amount: '12.34' },
    { idempotencyKey: 'order-1' },
  );
  let refused = 'nothing';
  try {
    await acme.transactions.transfer({
      fromWalletId: bob.id,
      toWalletId: alice.id,
      amount: '1000.00',
    });
  } catch (error) {
    refused = core.isVaultError(error) ? error.code : `a foreign error: ${String(error)}`;
  }
  const balances = [];
  for (const { id, name } of [alice, bob]) {
    balances.push(`${name} ${(await acme.wallets.balance(id)).balance}`);
  }
  const report = await vault.verify();
  return {
    line: `${label}: ${balances.join(', ')}; overdraft refused with ${refused}; ledger ok ${report.ok}`,
    organizationId,
    aliceId: alice.id,
  };
}

/**
 * The whole scenario: the memory store, then a SQLite file migrated explicitly, used, closed
 * and opened again without migrating.
 *
 * @param {{ core: object, sqlite: object, dbPath: string }} modules - the loaded packages
 * @returns {Promise<string[]>} the lines to print
 */
async function runLedgerScenario({ core, sqlite, dbPath }) {
  const lines = [];
  const memory = core.createVault({ store: core.createMemoryStore() });
  lines.push((await moveMoney(core, memory, 'memory')).line);
  await memory.close();

  const applied = await sqlite.migrateSqlite({ path: dbPath });
  const again = await sqlite.migrateSqlite({ path: dbPath });
  lines.push(
    `sqlite migrations: first run applied ${applied.length > 0 ? 'some' : 'NONE'}, second run applied ${again.length}`,
  );
  const vault = core.createVault({
    store: await sqlite.openSqliteStore({ path: dbPath, migrate: false }),
  });
  const used = await moveMoney(core, vault, 'sqlite');
  lines.push(used.line);
  await vault.close();

  // A second process would see the same: the money is on disk, not in the store object.
  const reopened = core.createVault({
    store: await sqlite.openSqliteStore({ path: dbPath, migrate: false }),
  });
  const { balance } = await reopened
    .organization(used.organizationId)
    .wallets.balance(used.aliceId);
  const report = await reopened.verify();
  lines.push(`sqlite reopened: alice ${balance}; ledger ok ${report.ok}`);
  await reopened.close();
  return lines;
}

module.exports = { runLedgerScenario };

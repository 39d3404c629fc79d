// The packaging test's CommonJS quickstart: loads every published entry point with `require`
// from the installed tarballs, checks that each resolves to the CJS build, then runs the ledger
// scenario on the memory store and on the SQLite file named by argv[2].
'use strict';

const { runLedgerScenario } = require('./ledger-scenario.cjs');

/** Each entry point, and one export that proves its module loaded. */
const entries = {
  '@vaultcraft/core': 'createVault',
  '@vaultcraft/adapters/sqlite': 'openSqliteStore',
  '@vaultcraft/adapters/postgres': 'openPostgresStore',
  '@vaultcraft/server': 'createServer',
  '@vaultcraft/client': 'VaultCraft',
  '@vaultcraft/client/contract': 'isApiErrorCode',
};

async function main() {
  const loaded = [];
  for (const [specifier, name] of Object.entries(entries)) {
    const file = require.resolve(specifier).replace(/^.*[\\/]node_modules[\\/]/, '');
    const module = require(specifier);
    loaded.push(
      `${specifier} -> ${file} (${typeof module[name] === 'function' ? 'ok' : `NO ${name}`})`,
    );
  }
  console.log(`require: ${loaded.join('; ')}`);
  const { clientVersion } = require('@vaultcraft/client');
  const { serverVersion } = require('@vaultcraft/server');
  console.log(`versions: client ${clientVersion}, server ${serverVersion}`);

  const dbPath = process.argv[2];
  if (!dbPath) throw new Error('usage: node ledger-quickstart.cjs <sqlite file>');
  const core = require('@vaultcraft/core');
  const sqlite = require('@vaultcraft/adapters/sqlite');
  for (const line of await runLedgerScenario({ core, sqlite, dbPath })) console.log(line);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

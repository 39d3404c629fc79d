// The packaging test's ESM quickstart: loads every published entry point with `import` from
// the installed tarballs, checks that each resolves to the ESM build, then runs the ledger
// scenario on the memory store and on the SQLite file named by argv[2].
import * as sqlite from '@vaultcraft/adapters/sqlite';
import * as core from '@vaultcraft/core';
import { runLedgerScenario } from './ledger-scenario.cjs';

/** Each entry point, and one export that proves its module loaded. */
const entries = {
  '@vaultcraft/core': 'createVault',
  '@vaultcraft/adapters/sqlite': 'openSqliteStore',
  '@vaultcraft/adapters/postgres': 'openPostgresStore',
  '@vaultcraft/server': 'createServer',
  '@vaultcraft/client': 'VaultCraft',
  '@vaultcraft/client/contract': 'isApiErrorCode',
};

const loaded = [];
for (const [specifier, name] of Object.entries(entries)) {
  const file = import.meta.resolve(specifier).replace(/^.*\/node_modules\//, '');
  const module = await import(specifier);
  loaded.push(
    `${specifier} -> ${file} (${typeof module[name] === 'function' ? 'ok' : `NO ${name}`})`,
  );
}
console.log(`import: ${loaded.join('; ')}`);
const { clientVersion } = await import('@vaultcraft/client');
const { serverVersion } = await import('@vaultcraft/server');
console.log(`versions: client ${clientVersion}, server ${serverVersion}`);

const dbPath = process.argv[2];
if (!dbPath) throw new Error('usage: node ledger-quickstart.mjs <sqlite file>');
for (const line of await runLedgerScenario({ core, sqlite, dbPath })) console.log(line);

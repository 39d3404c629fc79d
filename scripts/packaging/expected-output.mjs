// What the packaging test's consumer scripts must print, line for line.

/** Each entry point the quickstarts load, and the file of dist/ it must resolve to. */
const entryFiles = [
  ['@vaultcraft/core', 'index'],
  ['@vaultcraft/adapters/sqlite', 'sqlite'],
  ['@vaultcraft/adapters/postgres', 'postgres'],
  ['@vaultcraft/server', 'index'],
  ['@vaultcraft/client', 'index'],
  ['@vaultcraft/client/contract', 'contract'],
];

/**
 * The output of ledger-quickstart.mjs (`kind` 'import', ESM builds) or ledger-quickstart.cjs
 * ('require', CJS builds), given the packed versions by package name.
 */
export function expectedLedgerLines(kind, versions) {
  const extension = kind === 'import' ? 'js' : 'cjs';
  const entries = entryFiles.map(([specifier, file]) => {
    const packageName = specifier.split('/').slice(0, 2).join('/');
    return `${specifier} -> ${packageName}/dist/${file}.${extension} (ok)`;
  });
  const money = 'alice 87.66, bob 12.34; overdraft refused with INSUFFICIENT_FUNDS; ledger ok true';
  return [
    `${kind}: ${entries.join('; ')}`,
    `versions: client ${versions['@vaultcraft/client']}, server ${versions['@vaultcraft/server']}`,
    `memory: ${money}`,
    'sqlite migrations: first run applied some, second run applied 0',
    `sqlite: ${money}`,
    'sqlite reopened: alice 87.66; ledger ok true',
  ];
}

/** The output of client-check.mjs against a fresh server. */
export const expectedClientLines = [
  'signup: token received',
  'deposit: 100.00 USD, replayed under the same key',
  'transfer: 12.34 COMPLETED',
  'overdraft: INSUFFICIENT_FUNDS (HTTP 400)',
  'alice: 87.66 USD (available 87.66)',
  'bob: 12.34 USD (available 12.34)',
];

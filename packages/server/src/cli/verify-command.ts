import { existsSync } from 'node:fs';
import { ConfigurationError, createVault, type LedgerStore } from '@vaultcraft/core';
import { describeDatabase } from '../config/describe-config.js';
import type { DatabaseSettings } from '../config/load-config.js';
import { configurationSetting } from './describe-cli-error.js';
import type { CliIo } from './run-cli.js';

/**
 * `vaultcraft verify`: checks every ledger invariant of the configured database (streaming
 * its rows) and prints each violation with the ids involved. Exit code 1 when anything is
 * wrong. Opens the database without migrating it: verifying never changes the schema.
 *
 * @throws `CONFIGURATION_ERROR` naming `DATABASE_URL` when there is no SQLite file at the
 *   path, when the database has no VaultCraft schema, or when it cannot be reached.
 */
export async function verifyCommand(config: DatabaseSettings, io: CliIo): Promise<number> {
  const { database } = config;
  // Opening SQLite creates a missing file: a mistyped DATABASE_URL would leave an empty
  // database behind and then be reported as one without a schema.
  if (database.kind === 'sqlite' && database.path !== ':memory:' && !existsSync(database.path)) {
    throw new ConfigurationError(
      'DATABASE_URL',
      `there is no SQLite database at ${database.path}; check DATABASE_URL (relative paths are resolved against the working directory)`,
    );
  }
  const store = await openStore(config);
  const vault = createVault({ store, currencies: config.currencies });
  try {
    const report = await vault.verify();
    const { checked } = report;
    const counts = `${checked.organizations} organizations, ${checked.wallets} wallets, ${checked.transactions} transactions, ${checked.entries} entries`;
    for (const violation of report.violations) {
      const ids = [
        `organization ${violation.organizationId}`,
        violation.walletId && `wallet ${violation.walletId}`,
        violation.transactionId && `transaction ${violation.transactionId}`,
        violation.entryId && `entry ${violation.entryId}`,
      ].filter(Boolean);
      io.err(`VIOLATION ${violation.invariant}: ${violation.message} (${ids.join(', ')})`);
    }
    if (report.ok) {
      io.out(`vaultcraft verify: OK, checked ${counts}`);
      return 0;
    }
    io.err(
      `vaultcraft verify: ${report.violations.length}${report.truncated ? '+' : ''} violation(s) in ${counts}`,
    );
    return 1;
  } finally {
    await vault.close();
  }
}

/** Opens the ledger without migrating; a missing schema names the command that creates it. */
async function openStore(config: DatabaseSettings): Promise<LedgerStore> {
  const { database } = config;
  try {
    // Only the driver of the configured kind is loaded: each costs about a second to import.
    if (database.kind === 'sqlite') {
      const { openSqliteStore } = await import('@vaultcraft/adapters/sqlite');
      return await openSqliteStore({ path: database.path, migrate: false });
    }
    const { openPostgresStore } = await import('@vaultcraft/adapters/postgres');
    return await openPostgresStore({ url: database.url, migrate: false });
  } catch (error) {
    // The adapters word this for a library caller ("open it with migrate: true").
    if (configurationSetting(error) === 'migrate') {
      throw new ConfigurationError(
        'DATABASE_URL',
        `the database (${describeDatabase(config.database)}) has no VaultCraft schema yet, or ` +
          'lacks migrations: run "vaultcraft migrate" with the same DATABASE_URL first',
        { cause: error },
      );
    }
    throw error;
  }
}

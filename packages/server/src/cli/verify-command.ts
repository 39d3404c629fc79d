import { openPostgresStore } from '@vaultcraft/adapters/postgres';
import { openSqliteStore } from '@vaultcraft/adapters/sqlite';
import { createVault, type LedgerStore } from '@vaultcraft/core';
import type { ServerConfig } from '../config/server-config.js';
import type { CliIo } from './run-cli.js';

/**
 * `vaultcraft verify`: checks every ledger invariant of the configured database (streaming
 * its rows) and prints each violation with the ids involved. Exit code 1 when anything is
 * wrong. Opens the database without migrating it: verifying never changes the schema.
 */
export async function verifyCommand(config: ServerConfig, io: CliIo): Promise<number> {
  const { database } = config;
  const store: LedgerStore =
    database.kind === 'sqlite'
      ? await openSqliteStore({ path: database.path, migrate: false })
      : await openPostgresStore({ url: database.url, migrate: false });
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

import type { DatabaseSettings } from '../config/load-config.js';
import type { CliIo } from './run-cli.js';

/**
 * `vaultcraft migrate`: applies the pending migrations of the ledger and of the server's own
 * tables, by the same functions the server runs when it starts. Safe to run while servers
 * use the database (PostgreSQL migrations take an advisory lock).
 */
export async function migrateCommand(config: DatabaseSettings, io: CliIo): Promise<number> {
  const { database } = config;
  // Only the driver of the configured kind is loaded: each costs about a second to import.
  let applied: string[];
  if (database.kind === 'sqlite') {
    const { migrateSqlite } = await import('@vaultcraft/adapters/sqlite');
    const { migrateSqliteIdentity } = await import('../identity/sqlite-identity-store.js');
    applied = [
      ...(await migrateSqlite({ path: database.path })),
      ...(await migrateSqliteIdentity({ path: database.path })),
    ];
  } else {
    const { migratePostgres } = await import('@vaultcraft/adapters/postgres');
    const { migratePostgresIdentity } = await import('../identity/postgres-identity-store.js');
    applied = [
      ...(await migratePostgres({ url: database.url })),
      ...(await migratePostgresIdentity({ url: database.url })),
    ];
  }
  io.out(
    applied.length === 0
      ? 'vaultcraft migrate: the database is up to date'
      : `vaultcraft migrate: applied ${applied.length} migration(s): ${applied.join(', ')}`,
  );
  return 0;
}

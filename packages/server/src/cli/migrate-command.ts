import { migratePostgres } from '@vaultcraft/adapters/postgres';
import { migrateSqlite } from '@vaultcraft/adapters/sqlite';
import type { ServerConfig } from '../config/server-config.js';
import { migratePostgresIdentity } from '../identity/postgres-identity-store.js';
import { migrateSqliteIdentity } from '../identity/sqlite-identity-store.js';
import type { CliIo } from './run-cli.js';

/**
 * `vaultcraft migrate`: applies the pending migrations of the ledger and of the server's own
 * tables, by the same functions the server runs when it starts. Safe to run while servers
 * use the database (PostgreSQL migrations take an advisory lock).
 */
export async function migrateCommand(config: ServerConfig, io: CliIo): Promise<number> {
  const { database } = config;
  const applied =
    database.kind === 'sqlite'
      ? [
          ...(await migrateSqlite({ path: database.path })),
          ...(await migrateSqliteIdentity({ path: database.path })),
        ]
      : [
          ...(await migratePostgres({ url: database.url })),
          ...(await migratePostgresIdentity({ url: database.url })),
        ];
  io.out(
    applied.length === 0
      ? 'vaultcraft migrate: the database is up to date'
      : `vaultcraft migrate: applied ${applied.length} migration(s): ${applied.join(', ')}`,
  );
  return 0;
}

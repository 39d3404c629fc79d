import { Migration } from '@mikro-orm/migrations';

/**
 * The server's identity tables on SQLite, beside the ledger's `ledger_*` tables in the same
 * file. Times are INTEGER epoch milliseconds: exact (a `Date` holds milliseconds, no more),
 * sortable and indexable as plain integers, where SQLite's text dates would depend on one
 * format being used everywhere. Tables are STRICT (a wrong type is an error, never a silent
 * conversion) and WITHOUT ROWID (a lookup by key reads one B-tree). Uniqueness (email, key
 * hash, an organization's idempotency key) is enforced by constraints, so racing inserts from
 * several processes still leave one row.
 */
export class SqliteIdentityMigration0001 extends Migration {
  override up(): void {
    this.addSql(`CREATE TABLE vaultcraft_users (
  id TEXT NOT NULL PRIMARY KEY,
  organization_id TEXT NOT NULL,
  email TEXT NOT NULL UNIQUE,
  full_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'MEMBER')),
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID`);

    this.addSql(`CREATE TABLE vaultcraft_api_keys (
  id TEXT NOT NULL PRIMARY KEY,
  organization_id TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'MEMBER')),
  prefix TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
) STRICT, WITHOUT ROWID`);
    // Lists show active keys only, newest first: a partial index holds exactly those rows, in
    // that order, so a page (and its count) reads no revoked key.
    this.addSql(`CREATE INDEX vaultcraft_api_keys_active
  ON vaultcraft_api_keys (organization_id, created_at DESC, id DESC) WHERE revoked_at IS NULL`);

    this.addSql(`CREATE TABLE vaultcraft_http_responses (
  organization_id TEXT NOT NULL,
  key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (organization_id, key)
) STRICT, WITHOUT ROWID`);
    // Expired answers are deleted by age.
    this.addSql(
      'CREATE INDEX vaultcraft_http_responses_created ON vaultcraft_http_responses (created_at)',
    );
  }

  override down(): void {
    this.addSql('DROP TABLE vaultcraft_http_responses');
    this.addSql('DROP TABLE vaultcraft_api_keys');
    this.addSql('DROP TABLE vaultcraft_users');
  }
}

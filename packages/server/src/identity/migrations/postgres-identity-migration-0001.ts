import { Migration } from '@mikro-orm/migrations';
import { quoteIdentifier } from '../postgres-identity-sql.js';

/**
 * The server's identity tables on PostgreSQL, in the ledger's schema beside its `ledger_*`
 * tables. Ids are uuid like the ledger's; times are timestamptz(3), the millisecond precision
 * of a JavaScript `Date`. Constraints carry explicit names: the store recognizes a duplicate
 * email or idempotency key by the name in the unique violation (SQLSTATE 23505), so a race
 * between processes still ends in one row and a precise error.
 */
export class PostgresIdentityMigration0001 extends Migration {
  override up(): void {
    const s = quoteIdentifier(this.config.get('schema') ?? 'public');
    this.addSql(`CREATE TABLE ${s}.vaultcraft_users (
  id uuid NOT NULL,
  organization_id uuid NOT NULL,
  email text NOT NULL,
  full_name text NOT NULL,
  role text NOT NULL,
  password_hash text NOT NULL,
  created_at timestamptz(3) NOT NULL,
  CONSTRAINT vaultcraft_users_pkey PRIMARY KEY (id),
  CONSTRAINT vaultcraft_users_email_key UNIQUE (email),
  CONSTRAINT vaultcraft_users_role_check CHECK (role IN ('OWNER', 'ADMIN', 'MEMBER'))
)`);

    this.addSql(`CREATE TABLE ${s}.vaultcraft_api_keys (
  id uuid NOT NULL,
  organization_id uuid NOT NULL,
  name text NOT NULL,
  role text NOT NULL,
  prefix text NOT NULL,
  key_hash text NOT NULL,
  created_at timestamptz(3) NOT NULL,
  revoked_at timestamptz(3),
  CONSTRAINT vaultcraft_api_keys_pkey PRIMARY KEY (id),
  CONSTRAINT vaultcraft_api_keys_key_hash_key UNIQUE (key_hash),
  CONSTRAINT vaultcraft_api_keys_role_check CHECK (role IN ('OWNER', 'ADMIN', 'MEMBER'))
)`);
    // Lists show active keys only, newest first: a partial index holds exactly those rows, in
    // that order, so a page (and its count) reads no revoked key.
    this.addSql(`CREATE INDEX vaultcraft_api_keys_active
  ON ${s}.vaultcraft_api_keys (organization_id, created_at DESC, id DESC) WHERE revoked_at IS NULL`);

    this.addSql(`CREATE TABLE ${s}.vaultcraft_http_responses (
  organization_id uuid NOT NULL,
  key text NOT NULL,
  fingerprint text NOT NULL,
  status integer NOT NULL,
  body text NOT NULL,
  created_at timestamptz(3) NOT NULL,
  CONSTRAINT vaultcraft_http_responses_pkey PRIMARY KEY (organization_id, key)
)`);
    // Expired answers are deleted by age.
    this.addSql(
      `CREATE INDEX vaultcraft_http_responses_created ON ${s}.vaultcraft_http_responses (created_at)`,
    );
  }

  override down(): void {
    const s = quoteIdentifier(this.config.get('schema') ?? 'public');
    this.addSql(
      `DROP TABLE ${s}.vaultcraft_http_responses, ${s}.vaultcraft_api_keys, ${s}.vaultcraft_users`,
    );
  }
}

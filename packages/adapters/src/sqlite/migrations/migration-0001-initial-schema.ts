import { Migration } from '@mikro-orm/migrations';

// Integer minor units as canonical text: digits, with a minus sign only where a balance may go
// below zero (SYSTEM wallets). SQLite's NUMERIC affinity would store large amounts as floats;
// a STRICT TEXT column plus this check keeps every stored amount an exact integer.
const unsigned = (column: string) => `CHECK (${column} <> '' AND ${column} NOT GLOB '*[^0-9]*')`;
const signed = (column: string) =>
  `CHECK (${column} <> '' AND ${column} NOT GLOB '*[^0-9]*' OR ${column} GLOB '-[0-9]*' AND substr(${column}, 2) NOT GLOB '*[^0-9]*')`;

/**
 * The ledger's tables. Every table carries `organization_id` and every key and index leads with
 * it, so that each query of a tenant reads only that tenant's rows. Times are INTEGER epoch
 * milliseconds (exact and indexable); amounts are TEXT integers (see above). Tables are STRICT
 * (a wrong type is an error, never a silent conversion) and WITHOUT ROWID (rows are clustered
 * on their key, so a lookup by key reads one B-tree).
 */
export class Migration0001InitialSchema extends Migration {
  override up(): void {
    this.addSql(`CREATE TABLE ledger_organizations (
  id TEXT NOT NULL PRIMARY KEY,
  name TEXT NOT NULL,
  metadata TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID`);
    this.addSql(
      'CREATE INDEX ledger_organizations_created ON ledger_organizations (created_at, id)',
    );

    // last_sequence and last_entry_at mirror the wallet's latest entry, so that a posting reads
    // one row per wallet to number its entries and keep their times from going backwards.
    this.addSql(`CREATE TABLE ledger_wallets (
  organization_id TEXT NOT NULL REFERENCES ledger_organizations (id),
  id TEXT NOT NULL,
  owner_id TEXT NOT NULL,
  name TEXT NOT NULL,
  wallet_type TEXT NOT NULL CHECK (wallet_type IN ('PRIMARY', 'BONUS', 'SYSTEM')),
  is_default_system INTEGER NOT NULL DEFAULT 0 CHECK (is_default_system IN (0, 1)),
  currency TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('ACTIVE', 'FROZEN')),
  balance TEXT NOT NULL ${signed('balance')},
  held TEXT NOT NULL ${unsigned('held')},
  last_sequence INTEGER NOT NULL DEFAULT 0,
  last_entry_at INTEGER,
  metadata TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (organization_id, id)
) STRICT, WITHOUT ROWID`);
    this.addSql(
      'CREATE INDEX ledger_wallets_created ON ledger_wallets (organization_id, created_at, id)',
    );
    this.addSql(
      'CREATE INDEX ledger_wallets_owner ON ledger_wallets (organization_id, owner_id, created_at, id)',
    );
    // One PRIMARY wallet per owner and currency, and one default SYSTEM wallet per currency:
    // unique indexes, so that racing creations (also from other processes) make exactly one.
    this.addSql(`CREATE UNIQUE INDEX ledger_wallets_primary
  ON ledger_wallets (organization_id, owner_id, currency) WHERE wallet_type = 'PRIMARY'`);
    this.addSql(`CREATE UNIQUE INDEX ledger_wallets_default_system
  ON ledger_wallets (organization_id, currency) WHERE is_default_system = 1`);

    this.addSql(`CREATE TABLE ledger_transactions (
  organization_id TEXT NOT NULL,
  id TEXT NOT NULL,
  transaction_type TEXT NOT NULL CHECK (transaction_type IN ('DEPOSIT', 'WITHDRAWAL', 'TRANSFER', 'REVERSAL')),
  status TEXT NOT NULL CHECK (status IN ('PENDING', 'COMPLETED', 'FAILED', 'VOIDED')),
  amount TEXT NOT NULL ${unsigned('amount')},
  held_amount TEXT ${unsigned('held_amount')},
  reversed_amount TEXT NOT NULL ${unsigned('reversed_amount')},
  currency TEXT NOT NULL,
  from_wallet_id TEXT NOT NULL,
  to_wallet_id TEXT NOT NULL,
  description TEXT,
  metadata TEXT NOT NULL,
  reverses_id TEXT,
  expires_at INTEGER,
  created_at INTEGER NOT NULL,
  completed_at INTEGER,
  PRIMARY KEY (organization_id, id),
  FOREIGN KEY (organization_id, from_wallet_id) REFERENCES ledger_wallets (organization_id, id),
  FOREIGN KEY (organization_id, to_wallet_id) REFERENCES ledger_wallets (organization_id, id),
  FOREIGN KEY (organization_id, reverses_id) REFERENCES ledger_transactions (organization_id, id)
) STRICT, WITHOUT ROWID`);
    this.addSql(
      'CREATE INDEX ledger_transactions_created ON ledger_transactions (organization_id, created_at, id)',
    );
    // A wallet's transactions are the union of two index ranges, each already in list order.
    this.addSql(
      'CREATE INDEX ledger_transactions_from ON ledger_transactions (organization_id, from_wallet_id, created_at, id)',
    );
    this.addSql(
      'CREATE INDEX ledger_transactions_to ON ledger_transactions (organization_id, to_wallet_id, created_at, id)',
    );
    // The open holds with an expiry: every call taking `now` probes it, so it stays tiny.
    this.addSql(`CREATE INDEX ledger_transactions_expiring
  ON ledger_transactions (organization_id, expires_at)
  WHERE status = 'PENDING' AND expires_at IS NOT NULL`);

    // Entries are clustered by (wallet, sequence): a statement is one range of the key.
    this.addSql(`CREATE TABLE ledger_entries (
  organization_id TEXT NOT NULL,
  wallet_id TEXT NOT NULL,
  sequence INTEGER NOT NULL CHECK (sequence > 0),
  id TEXT NOT NULL,
  transaction_id TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('DEBIT', 'CREDIT')),
  amount TEXT NOT NULL ${unsigned('amount')},
  balance_after TEXT NOT NULL ${signed('balance_after')},
  created_at INTEGER NOT NULL,
  PRIMARY KEY (organization_id, wallet_id, sequence),
  FOREIGN KEY (organization_id, wallet_id) REFERENCES ledger_wallets (organization_id, id),
  FOREIGN KEY (organization_id, transaction_id) REFERENCES ledger_transactions (organization_id, id)
) STRICT, WITHOUT ROWID`);
    this.addSql('CREATE UNIQUE INDEX ledger_entries_id ON ledger_entries (organization_id, id)');
    this.addSql(
      'CREATE INDEX ledger_entries_transaction ON ledger_entries (organization_id, transaction_id)',
    );

    this.addSql(`CREATE TABLE ledger_idempotency_keys (
  organization_id TEXT NOT NULL REFERENCES ledger_organizations (id),
  key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  result TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (organization_id, key)
) STRICT, WITHOUT ROWID`);
  }
}

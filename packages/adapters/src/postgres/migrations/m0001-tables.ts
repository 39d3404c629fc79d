/**
 * The ledger tables of migration 0001, in schema `s` (a quoted identifier). Frozen: a later change
 * is a new migration.
 *
 * Every table carries `organization_id`, and every key and index leads with it, so that a
 * tenant's queries read only that tenant's rows and the tables can be sharded by it (see
 * docs/postgres-store.md). Amounts are NUMERIC(39,0) minor units (exact; no float anywhere);
 * times are timestamptz(3), the engine's millisecond precision. CHECK constraints restate the
 * ledger's invariants, so that even a bug in a function cannot store an overdrawn wallet.
 * Kinds and statuses are enum types rather than text with CHECK (... IN (...)): PostgreSQL
 * re-reads every CHECK expression on each statement, and those IN-lists cost about a tenth of
 * a transfer (measured with perf: stringToNode under ExecConstraints).
 */
export function m0001Tables(s: string): string[] {
  return [
    `CREATE TYPE ${s}.ledger_wallet_type AS ENUM ('PRIMARY', 'BONUS', 'SYSTEM')`,
    `CREATE TYPE ${s}.ledger_wallet_status AS ENUM ('ACTIVE', 'FROZEN')`,
    `CREATE TYPE ${s}.ledger_transaction_type AS ENUM ('DEPOSIT', 'WITHDRAWAL', 'TRANSFER', 'REVERSAL')`,
    `CREATE TYPE ${s}.ledger_transaction_status AS ENUM ('PENDING', 'COMPLETED', 'FAILED', 'VOIDED')`,
    // DEBIT sorts first: a transaction lists its entries DEBIT first.
    `CREATE TYPE ${s}.ledger_entry_direction AS ENUM ('DEBIT', 'CREDIT')`,
    `CREATE TABLE ${s}.ledger_organizations (
  id uuid NOT NULL PRIMARY KEY,
  name text NOT NULL,
  metadata json NOT NULL,
  created_at timestamptz(3) NOT NULL
)`,
    `CREATE INDEX ledger_organizations_created ON ${s}.ledger_organizations (created_at DESC, id DESC)`,

    // last_sequence and last_entry_at mirror the wallet's newest entry: a posting numbers its
    // entries and keeps their times from going backwards from the row it already holds locked.
    // fillfactor leaves room on each page for HOT updates of the balance columns.
    `CREATE TABLE ${s}.ledger_wallets (
  organization_id uuid NOT NULL REFERENCES ${s}.ledger_organizations (id),
  id uuid NOT NULL,
  owner_id text NOT NULL,
  name text NOT NULL,
  wallet_type ${s}.ledger_wallet_type NOT NULL,
  is_default_system boolean NOT NULL DEFAULT false CHECK (NOT is_default_system OR wallet_type = 'SYSTEM'),
  currency text NOT NULL,
  status ${s}.ledger_wallet_status NOT NULL,
  balance numeric(39, 0) NOT NULL,
  held numeric(39, 0) NOT NULL CHECK (held >= 0),
  last_sequence bigint NOT NULL DEFAULT 0 CHECK (last_sequence >= 0),
  last_entry_at timestamptz(3),
  metadata json NOT NULL,
  created_at timestamptz(3) NOT NULL,
  updated_at timestamptz(3) NOT NULL,
  PRIMARY KEY (organization_id, id),
  CONSTRAINT ledger_wallets_not_overdrawn
    CHECK (wallet_type = 'SYSTEM' OR (balance >= 0 AND balance - held >= 0))
) WITH (fillfactor = 80)`,
    `CREATE INDEX ledger_wallets_created ON ${s}.ledger_wallets (organization_id, created_at DESC, id DESC)`,
    `CREATE INDEX ledger_wallets_owner ON ${s}.ledger_wallets (organization_id, owner_id, created_at DESC, id DESC)`,
    // One PRIMARY wallet per owner and currency, one default SYSTEM wallet per currency: unique
    // indexes, so that racing creations, also from other processes, make exactly one.
    `CREATE UNIQUE INDEX ledger_wallets_primary ON ${s}.ledger_wallets (organization_id, owner_id, currency)
  WHERE wallet_type = 'PRIMARY'`,
    `CREATE UNIQUE INDEX ledger_wallets_default_system ON ${s}.ledger_wallets (organization_id, currency)
  WHERE is_default_system`,

    `CREATE TABLE ${s}.ledger_transactions (
  organization_id uuid NOT NULL,
  id uuid NOT NULL,
  transaction_type ${s}.ledger_transaction_type NOT NULL,
  status ${s}.ledger_transaction_status NOT NULL,
  amount numeric(39, 0) NOT NULL CHECK (amount > 0),
  held_amount numeric(39, 0) CHECK (held_amount > 0),
  reversed_amount numeric(39, 0) NOT NULL DEFAULT 0 CHECK (reversed_amount >= 0 AND reversed_amount <= amount),
  currency text NOT NULL,
  from_wallet_id uuid NOT NULL,
  to_wallet_id uuid NOT NULL CHECK (to_wallet_id <> from_wallet_id),
  description text,
  metadata json NOT NULL,
  reverses_id uuid,
  expires_at timestamptz(3),
  created_at timestamptz(3) NOT NULL,
  completed_at timestamptz(3),
  PRIMARY KEY (organization_id, id),
  FOREIGN KEY (organization_id, from_wallet_id) REFERENCES ${s}.ledger_wallets (organization_id, id),
  FOREIGN KEY (organization_id, to_wallet_id) REFERENCES ${s}.ledger_wallets (organization_id, id),
  FOREIGN KEY (organization_id, reverses_id) REFERENCES ${s}.ledger_transactions (organization_id, id)
)`,
    `CREATE INDEX ledger_transactions_created ON ${s}.ledger_transactions (organization_id, created_at DESC, id DESC)`,
    // A wallet's transactions are the union of two index ranges, each already in list order.
    `CREATE INDEX ledger_transactions_from ON ${s}.ledger_transactions
  (organization_id, from_wallet_id, created_at DESC, id DESC)`,
    `CREATE INDEX ledger_transactions_to ON ${s}.ledger_transactions
  (organization_id, to_wallet_id, created_at DESC, id DESC)`,
    // The open holds with an expiry: every call taking \`now\` probes it, so it stays tiny.
    `CREATE INDEX ledger_transactions_expiring ON ${s}.ledger_transactions (organization_id, expires_at)
  WHERE status = 'PENDING' AND expires_at IS NOT NULL`,

    // A wallet's statement is one range of the primary key (wallet_id, sequence).
    `CREATE TABLE ${s}.ledger_entries (
  organization_id uuid NOT NULL,
  wallet_id uuid NOT NULL,
  sequence bigint NOT NULL CHECK (sequence > 0),
  id uuid NOT NULL,
  transaction_id uuid NOT NULL,
  direction ${s}.ledger_entry_direction NOT NULL,
  amount numeric(39, 0) NOT NULL CHECK (amount > 0),
  balance_after numeric(39, 0) NOT NULL,
  created_at timestamptz(3) NOT NULL,
  PRIMARY KEY (organization_id, wallet_id, sequence),
  FOREIGN KEY (organization_id, wallet_id) REFERENCES ${s}.ledger_wallets (organization_id, id),
  FOREIGN KEY (organization_id, transaction_id) REFERENCES ${s}.ledger_transactions (organization_id, id)
)`,
    `CREATE INDEX ledger_entries_transaction ON ${s}.ledger_entries (organization_id, transaction_id)`,

    // result is NULL only while the claiming write is in flight (never visible to others).
    `CREATE TABLE ${s}.ledger_idempotency_keys (
  organization_id uuid NOT NULL REFERENCES ${s}.ledger_organizations (id),
  key text NOT NULL,
  fingerprint text NOT NULL,
  result json,
  created_at timestamptz(3) NOT NULL,
  PRIMARY KEY (organization_id, key)
)`,

    // One transfer plan as the engine resolved it; the write functions receive a JSON array of
    // these and read it with json_populate_recordset.
    `CREATE TYPE ${s}.ledger_transfer_plan AS (
  id uuid,
  transaction_type ${s}.ledger_transaction_type,
  amount numeric(39, 0),
  currency text,
  from_wallet_id uuid,
  to_wallet_id uuid,
  description text,
  metadata json,
  hold boolean,
  expires_at timestamptz(3),
  debit_entry_id uuid,
  credit_entry_id uuid
)`,
  ];
}

import type BetterSqlite3 from 'better-sqlite3';
import { entryColumns, transactionColumns, walletColumns } from './sqlite-rows.js';

/** A better-sqlite3 connection, as MikroORM's pool hands it out. */
export type SqliteDatabase = BetterSqlite3.Database;
/** A prepared statement of that connection. */
export type SqliteStatement = BetterSqlite3.Statement;

const expiredHoldsWhere = `status = 'PENDING' AND expires_at IS NOT NULL AND expires_at <= ?`;

/**
 * The store's SQL, prepared once per connection. Preparing costs more than running a simple
 * statement, so the hot path only ever runs statements prepared here; list queries, whose text
 * depends on the filters, are prepared on first use and cached by text ({@link cached}).
 */
export class SqliteStatements {
  readonly organizationExists: SqliteStatement;
  readonly organizationById: SqliteStatement;
  readonly insertOrganization: SqliteStatement;
  readonly walletById: SqliteStatement;
  readonly primaryWalletId: SqliteStatement;
  readonly defaultSystemWallet: SqliteStatement;
  readonly insertWallet: SqliteStatement;
  readonly updateWalletBalances: SqliteStatement;
  readonly updateWalletHeld: SqliteStatement;
  readonly updateWalletStatus: SqliteStatement;
  readonly anyExpiredHold: SqliteStatement;
  readonly expiredHolds: SqliteStatement;
  readonly expiredHoldsEverywhere: SqliteStatement;
  readonly setTransactionStatus: SqliteStatement;
  readonly transactionById: SqliteStatement;
  readonly insertTransaction: SqliteStatement;
  readonly completeHold: SqliteStatement;
  readonly setReversedAmount: SqliteStatement;
  readonly insertEntry: SqliteStatement;
  readonly entriesOfTransaction: SqliteStatement;
  readonly entriesOfTransactions: SqliteStatement;
  readonly idempotencyKey: SqliteStatement;
  readonly insertIdempotencyKey: SqliteStatement;
  readonly balanceAsOf: SqliteStatement;
  readonly walletLastSequence: SqliteStatement;
  readonly entriesBelow: SqliteStatement;
  private readonly cache = new Map<string, SqliteStatement>();

  constructor(private readonly db: SqliteDatabase) {
    const prepare = (sql: string) => db.prepare(sql);
    this.organizationExists = prepare('SELECT 1 FROM ledger_organizations WHERE id = ?').pluck();
    this.organizationById = prepare(
      'SELECT id, name, metadata, created_at FROM ledger_organizations WHERE id = ?',
    );
    this.insertOrganization = prepare(
      'INSERT INTO ledger_organizations (id, name, metadata, created_at) VALUES (?, ?, ?, ?)',
    );
    this.walletById = prepare(
      `SELECT ${walletColumns} FROM ledger_wallets WHERE organization_id = ? AND id = ?`,
    );
    this.primaryWalletId = prepare(
      `SELECT id FROM ledger_wallets WHERE organization_id = ? AND owner_id = ? AND currency = ? AND wallet_type = 'PRIMARY'`,
    ).pluck();
    this.defaultSystemWallet = prepare(
      `SELECT ${walletColumns} FROM ledger_wallets WHERE organization_id = ? AND currency = ? AND is_default_system = 1`,
    );
    this.insertWallet = prepare(`INSERT INTO ledger_wallets
  (organization_id, id, owner_id, name, wallet_type, is_default_system, currency, status, balance, held, metadata, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.updateWalletBalances = prepare(`UPDATE ledger_wallets
  SET balance = ?, held = ?, last_sequence = ?, last_entry_at = ?, updated_at = ?
  WHERE organization_id = ? AND id = ?`);
    this.updateWalletHeld = prepare(
      'UPDATE ledger_wallets SET held = ? WHERE organization_id = ? AND id = ?',
    );
    this.updateWalletStatus = prepare(
      'UPDATE ledger_wallets SET status = ?, updated_at = ? WHERE organization_id = ? AND id = ?',
    );
    this.anyExpiredHold = prepare(
      `SELECT 1 FROM ledger_transactions WHERE organization_id = ? AND ${expiredHoldsWhere} LIMIT 1`,
    ).pluck();
    this.expiredHolds = prepare(
      `SELECT id, from_wallet_id, held_amount FROM ledger_transactions WHERE organization_id = ? AND ${expiredHoldsWhere}`,
    );
    this.expiredHoldsEverywhere = prepare(
      `SELECT DISTINCT organization_id FROM ledger_transactions WHERE ${expiredHoldsWhere}`,
    ).pluck();
    this.setTransactionStatus = prepare(
      'UPDATE ledger_transactions SET status = ? WHERE organization_id = ? AND id = ?',
    );
    this.transactionById = prepare(
      `SELECT ${transactionColumns} FROM ledger_transactions WHERE organization_id = ? AND id = ?`,
    );
    this.insertTransaction = prepare(`INSERT INTO ledger_transactions (${transactionColumns})
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.completeHold = prepare(`UPDATE ledger_transactions
  SET status = 'COMPLETED', amount = ?, completed_at = ? WHERE organization_id = ? AND id = ?`);
    this.setReversedAmount = prepare(
      'UPDATE ledger_transactions SET reversed_amount = ? WHERE organization_id = ? AND id = ?',
    );
    this.insertEntry = prepare(`INSERT INTO ledger_entries (organization_id, ${entryColumns})
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    // INDEXED BY: without statistics, SQLite estimates the primary key's tenant prefix cheaper
    // than this index for a non-covering read, and would read every entry of the tenant.
    this.entriesOfTransaction = prepare(`SELECT ${entryColumns}
  FROM ledger_entries INDEXED BY ledger_entries_transaction
  WHERE organization_id = ? AND transaction_id = ?`);
    // One statement for any number of ids: they travel as one JSON array.
    this.entriesOfTransactions = prepare(`SELECT ${entryColumns}
  FROM ledger_entries INDEXED BY ledger_entries_transaction
  WHERE organization_id = ? AND transaction_id IN (SELECT value FROM json_each(?))`);
    this.idempotencyKey = prepare(
      'SELECT fingerprint, result, created_at FROM ledger_idempotency_keys WHERE organization_id = ? AND key = ?',
    );
    this.insertIdempotencyKey = prepare(`INSERT INTO ledger_idempotency_keys
  (organization_id, key, fingerprint, result, created_at) VALUES (?, ?, ?, ?, ?)`);
    this.balanceAsOf = prepare(`SELECT balance_after FROM ledger_entries
  WHERE organization_id = ? AND wallet_id = ? AND created_at <= ?
  ORDER BY created_at DESC, sequence DESC LIMIT 1`).pluck();
    this.walletLastSequence = prepare(
      'SELECT last_sequence FROM ledger_wallets WHERE organization_id = ? AND id = ?',
    ).pluck();
    this.entriesBelow = prepare(`SELECT ${entryColumns} FROM ledger_entries
  WHERE organization_id = ? AND wallet_id = ? AND sequence < ?
  ORDER BY sequence DESC LIMIT ?`);
  }

  /** A statement whose text depends on a list's filters, prepared on first use. */
  cached(sql: string): SqliteStatement {
    let statement = this.cache.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.cache.set(sql, statement);
    }
    return statement;
  }
}

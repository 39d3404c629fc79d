import { setImmediate as eventLoopTurn } from 'node:timers/promises';
import type {
  EntryRecord,
  IdempotencyKeyCount,
  LedgerScans,
  OrganizationRecord,
  TransactionRecord,
  WalletRecord,
} from '@vaultcraft/core';
import type BetterSqlite3 from 'better-sqlite3';
import { toStoreError } from './sqlite-errors.js';
import { withEntries } from './sqlite-list-queries.js';
import {
  type EntryRow,
  entryColumns,
  type OrganizationRow,
  type TransactionRow,
  toEntry,
  toOrganization,
  toWallet,
  transactionColumns,
  type WalletRow,
  walletColumns,
} from './sqlite-rows.js';
import { type SqliteDatabase, SqliteStatements } from './sqlite-statements.js';

// The streams used by `verifyLedger`: oldest first, read in keyset batches. No cursor stays open
// between batches (better-sqlite3 forbids other statements on a connection while one iterates,
// and a caller awaits between items), and memory stays at one batch. better-sqlite3 is
// synchronous, so a scan would otherwise only ever await resolved promises: a verification
// would hold the event loop for its whole length, starving timers and I/O (a server's requests,
// a write waiting to retry a busy lock). The scans therefore yield to the event loop once per
// batch's worth of rows read (a query that finds nothing counting as one row).

/** Rows per batch of a scan. */
const scanBatchSize = 500;

/** Where a scan resumes: after this (created_at, id). */
type TimeKey = readonly [number, string];

/**
 * The verification scans over one connection's statements. `assertOpen` runs before each
 * batch, so that a scan of a closed store fails with `UNAVAILABLE`; driver errors are mapped
 * to ours.
 */
export class SqliteScans implements LedgerScans {
  private rowsSinceTurn = 0;

  constructor(
    private readonly statements: SqliteStatements,
    private readonly assertOpen: () => void,
  ) {}

  async *scanOrganizations(): AsyncIterable<OrganizationRecord> {
    const select =
      'SELECT id, name, metadata, created_at FROM ledger_organizations INDEXED BY ledger_organizations_created';
    for (const rows of this.timeKeyed<OrganizationRow>(select, [])) {
      yield* rows.map(toOrganization);
      await this.pace(rows.length);
    }
  }

  async *scanWallets(organizationId: string): AsyncIterable<WalletRecord> {
    const select = `SELECT ${walletColumns} FROM ledger_wallets INDEXED BY ledger_wallets_created`;
    for (const rows of this.timeKeyed<WalletRow>(select, [organizationId])) {
      yield* rows.map(toWallet);
      await this.pace(rows.length);
    }
  }

  async *scanTransactions(organizationId: string): AsyncIterable<TransactionRecord> {
    const select = `SELECT ${transactionColumns} FROM ledger_transactions INDEXED BY ledger_transactions_created`;
    for (const rows of this.timeKeyed<TransactionRow>(select, [organizationId])) {
      yield* this.batch(() => withEntries(this.statements, organizationId, rows));
      await this.pace(rows.length);
    }
  }

  async *scanEntries(organizationId: string, walletId: string): AsyncIterable<EntryRecord> {
    const sql = `SELECT ${entryColumns} FROM ledger_entries
  WHERE organization_id = ? AND wallet_id = ? AND sequence > ? ORDER BY sequence LIMIT ${scanBatchSize}`;
    for (let after = 0; ; ) {
      const rows = this.batch(
        () => this.statements.cached(sql).all(organizationId, walletId, after) as EntryRow[],
      );
      yield* rows.map(toEntry);
      await this.pace(rows.length);
      if (rows.length < scanBatchSize) return;
      after = rows.at(-1)!.sequence;
    }
  }

  async *scanIdempotencyKeys(organizationId: string): AsyncIterable<IdempotencyKeyCount> {
    // Grouped, so that the keyset `key > ?` stays exact even if the primary key that makes keys
    // unique was dropped. Every key is longer than '', so the first batch seeks the same way.
    const sql = `SELECT key, count(*) AS copies FROM ledger_idempotency_keys
  WHERE organization_id = ? AND key > ? GROUP BY key ORDER BY key LIMIT ${scanBatchSize}`;
    for (let after = ''; ; ) {
      const rows = this.batch(
        () => this.statements.cached(sql).all(organizationId, after) as IdempotencyKeyCount[],
      );
      yield* rows;
      await this.pace(rows.length);
      if (rows.length < scanBatchSize) return;
      after = rows.at(-1)!.key;
    }
  }

  /** Batches in (created_at, id) order, of the whole table or of one organization's rows. */
  private *timeKeyed<R extends { created_at: number; id: string }>(
    select: string,
    params: readonly string[],
  ): Generator<R[]> {
    for (let after: TimeKey | null = null; ; ) {
      const clauses: string[] = [
        params.length === 0 ? '' : 'organization_id = ?',
        after === null ? '' : '(created_at, id) > (?, ?)',
      ].filter(Boolean);
      const where = clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`;
      const sql = `${select} ${where} ORDER BY created_at, id LIMIT ${scanBatchSize}`;
      const rows: R[] = this.batch(
        () => this.statements.cached(sql).all(...params, ...(after ?? [])) as R[],
      );
      if (rows.length === 0) return;
      yield rows;
      if (rows.length < scanBatchSize) return;
      const last = rows.at(-1)!;
      after = [last.created_at, last.id];
    }
  }

  /** Yields to the event loop once per {@link scanBatchSize} rows read. */
  private async pace(rows: number): Promise<void> {
    this.rowsSinceTurn += Math.max(rows, 1);
    if (this.rowsSinceTurn < scanBatchSize) return;
    this.rowsSinceTurn = 0;
    await eventLoopTurn();
  }

  private batch<T>(read: () => T): T {
    this.assertOpen();
    try {
      return read();
    } catch (error) {
      throw toStoreError(error);
    }
  }
}

/**
 * Runs `read` over a snapshot of the database: a second, read-only connection holding one read
 * transaction (in WAL mode a reader sees the database as of its first read and never blocks
 * the writer, here or in another process). A second connection, because the store's own is
 * shared by every call of the process: a transaction held open on it across awaits would take
 * in the writes made meanwhile. An in-memory database (`path` null) has no file to open again:
 * its snapshot is a copy (`serialize()`, synchronous, so no write can fall in between), which
 * costs as much memory as the database, fine for the tests and tools that use one.
 *
 * While the snapshot is open, checkpoints cannot move the WAL past it: the WAL file grows by
 * what is written meanwhile, and is reused once a checkpoint runs after the snapshot ends.
 *
 * @throws `UNAVAILABLE` when the store is closed or the file cannot be opened or read.
 */
export async function inSqliteSnapshot<T>(
  options: {
    readonly db: SqliteDatabase;
    readonly path: string | null;
    readonly assertOpen: () => void;
  },
  read: (scans: LedgerScans) => Promise<T>,
): Promise<T> {
  options.assertOpen();
  // One turn of the event loop first, as every 500 rows below: a small ledger is read without
  // any I/O, and a caller verifying in a loop would otherwise never let the writes queued for
  // group commit (which run on the next turn) through.
  await eventLoopTurn();
  options.assertOpen();
  // better-sqlite3's Database class, taken from the open connection: the adapters reach the
  // driver only through MikroORM's dependency, never by importing it.
  const Database = options.db.constructor as new (
    source: string | Buffer,
    settings: BetterSqlite3.Options,
  ) => SqliteDatabase;
  let reader: SqliteDatabase;
  try {
    reader =
      options.path === null
        ? new Database(options.db.serialize(), { readonly: true })
        : new Database(options.path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw toStoreError(error);
  }
  try {
    let scans: SqliteScans;
    try {
      scans = new SqliteScans(new SqliteStatements(reader), options.assertOpen);
      const busyTimeoutMs = Number(options.db.pragma('busy_timeout', { simple: true }));
      reader.pragma(`busy_timeout = ${busyTimeoutMs}`);
      reader.exec('BEGIN');
      // The snapshot is taken at the first read of a transaction, not at BEGIN: read now, so
      // that it is the state as of this call.
      reader.prepare('SELECT count(*) FROM sqlite_schema').get();
    } catch (error) {
      throw toStoreError(error);
    }
    return await read(scans);
  } finally {
    if (reader.inTransaction) reader.exec('ROLLBACK');
    reader.close();
  }
}

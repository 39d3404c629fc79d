import { resolve } from 'node:path';
import type {
  CaptureHoldCommand,
  EntryListQuery,
  EntryRecord,
  IdempotencyKeyCount,
  IdempotencyRecord,
  InsertWalletCommand,
  LedgerScans,
  LedgerStore,
  ListQuery,
  ListResult,
  OrganizationRecord,
  PostTransfersCommand,
  ReverseTransactionCommand,
  SetWalletStatusCommand,
  StoreCapabilities,
  TransactionFilter,
  TransactionRecord,
  VoidHoldCommand,
  WalletFilter,
  WalletRecord,
  Written,
} from '@vaultcraft/core';
import type { GroupCommitSettings } from '../shared/group-commit-options.js';
import { textToMinor } from '../shared/minor-units.js';
import type { SqliteConnection } from './sqlite-connection.js';
import {
  hasExpiredHolds,
  organizationsWithExpiredHolds,
  sweepExpiredHolds,
} from './sqlite-holds.js';
import { readIdempotencyKey } from './sqlite-idempotency.js';
import {
  listEntryRows,
  listOrganizationRows,
  listTransactionRows,
  listWalletRows,
  withEntries,
} from './sqlite-list-queries.js';
import { applySqliteMigrations, pendingSqliteMigrations } from './sqlite-migrations.js';
import {
  type OrganizationRow,
  type TransactionRow,
  toOrganization,
  toWallet,
  type WalletRow,
} from './sqlite-rows.js';
import { inSqliteSnapshot, SqliteScans } from './sqlite-scans.js';
import { SqliteStatements } from './sqlite-statements.js';
import { SqliteTransactions } from './sqlite-transactions.js';
import {
  captureHoldNow,
  postTransfersNow,
  reverseTransactionNow,
  voidHoldNow,
} from './sqlite-transfer-writes.js';
import {
  insertOrganizationNow,
  insertWalletNow,
  setWalletStatusNow,
} from './sqlite-wallet-writes.js';

/**
 * A SQLite ledger store: a {@link LedgerStore} with its migrations at hand.
 *
 * @example
 * ```ts
 * const store = await openSqliteStore({ path: './ledger.sqlite', migrate: false });
 * if ((await store.pendingMigrations()).length > 0) await store.migrate();
 * ```
 */
export interface SqliteStore extends LedgerStore {
  /** Applies the pending migrations; returns their names (none when up to date). */
  migrate(): Promise<string[]>;
  /** The names of the migrations not applied yet. */
  pendingMigrations(): Promise<string[]>;
}

/**
 * The store over one better-sqlite3 connection. Every write runs synchronously from its first
 * check to its last insert inside one `BEGIN IMMEDIATE` transaction, with statements prepared
 * once: nothing else can run in between, in this process (the code never yields) or in another
 * (SQLite's write lock), so check-then-write needs no row locks and no retries on conflicts.
 */
export class SqliteStoreImpl implements SqliteStore {
  readonly capabilities: StoreCapabilities;
  private readonly statements: SqliteStatements;
  private readonly transactions: SqliteTransactions;
  private readonly scans: SqliteScans;
  /** The database file (resolved now: a later change of directory must not move it), or null in memory. */
  private readonly path: string | null;

  /**
   * @param memory - whether the database is `:memory:` (not durable, no file to snapshot)
   * @param groupCommit - group commit's settings, or `null` to commit each write on its own
   */
  constructor(
    private readonly connection: SqliteConnection,
    memory: boolean,
    groupCommit: GroupCommitSettings | null = null,
  ) {
    const { db } = connection;
    this.capabilities = { name: 'sqlite', durable: !memory, multiProcess: !memory };
    this.statements = new SqliteStatements(db);
    this.transactions = new SqliteTransactions(db, groupCommit);
    this.scans = new SqliteScans(this.statements, () => this.assertOpen());
    this.path = memory ? null : resolve(db.name);
  }

  async ping(): Promise<void> {
    this.read(() => this.statements.cached('SELECT 1').get());
  }

  async close(): Promise<void> {
    if (this.transactions.isClosed) return;
    await this.transactions.close();
    await this.connection.orm.close(true);
  }

  migrate(): Promise<string[]> {
    return this.transactions.whileMigrating(() =>
      applySqliteMigrations(this.connection.orm, this.connection.db),
    );
  }

  async pendingMigrations(): Promise<string[]> {
    this.assertOpen();
    return pendingSqliteMigrations(this.connection.orm);
  }

  async insertOrganization(organization: OrganizationRecord): Promise<void> {
    await this.write(() => insertOrganizationNow(this.statements, organization));
  }

  async getOrganization(organizationId: string): Promise<OrganizationRecord | null> {
    const row = this.read(() => this.statements.organizationById.get(organizationId)) as
      | OrganizationRow
      | undefined;
    return row === undefined ? null : toOrganization(row);
  }

  async listOrganizations(
    query: ListQuery<Record<string, never>>,
  ): Promise<ListResult<OrganizationRecord>> {
    return this.read(() => listOrganizationRows(this.statements, query));
  }

  insertWallet(command: InsertWalletCommand): Promise<Written<WalletRecord>> {
    return this.write(() => insertWalletNow(this.statements, command));
  }

  async getWallet(
    organizationId: string,
    walletId: string,
    now: Date,
  ): Promise<WalletRecord | null> {
    await this.sweep(organizationId, now);
    const row = this.read(() => this.statements.walletById.get(organizationId, walletId)) as
      | WalletRow
      | undefined;
    return row === undefined ? null : toWallet(row);
  }

  async listWallets(
    organizationId: string,
    query: ListQuery<WalletFilter>,
    now: Date,
  ): Promise<ListResult<WalletRecord>> {
    await this.sweep(organizationId, now);
    return this.read(() => listWalletRows(this.statements, organizationId, query));
  }

  setWalletStatus(command: SetWalletStatusCommand): Promise<Written<WalletRecord>> {
    return this.write(() => setWalletStatusNow(this.statements, command));
  }

  async getBalanceAsOf(organizationId: string, walletId: string, asOf: Date): Promise<bigint> {
    const text = this.read(() =>
      this.statements.balanceAsOf.get(organizationId, walletId, asOf.getTime()),
    );
    return text === undefined ? 0n : textToMinor(text, 'ledger_entries.balance_after');
  }

  postTransfers(command: PostTransfersCommand): Promise<Written<TransactionRecord[]>> {
    return this.write(() => postTransfersNow(this.statements, command));
  }

  captureHold(command: CaptureHoldCommand): Promise<Written<TransactionRecord>> {
    return this.write(() => captureHoldNow(this.statements, command));
  }

  voidHold(command: VoidHoldCommand): Promise<Written<TransactionRecord>> {
    return this.write(() => voidHoldNow(this.statements, command));
  }

  reverseTransaction(command: ReverseTransactionCommand): Promise<Written<TransactionRecord>> {
    return this.write(() => reverseTransactionNow(this.statements, command));
  }

  async getTransaction(
    organizationId: string,
    transactionId: string,
    now: Date,
  ): Promise<TransactionRecord | null> {
    await this.sweep(organizationId, now);
    return this.read(() => {
      const row = this.statements.transactionById.get(organizationId, transactionId) as
        | TransactionRow
        | undefined;
      return row === undefined ? null : withEntries(this.statements, organizationId, [row])[0]!;
    });
  }

  async listTransactions(
    organizationId: string,
    query: ListQuery<TransactionFilter>,
    now: Date,
  ): Promise<ListResult<TransactionRecord>> {
    await this.sweep(organizationId, now);
    return this.read(() => listTransactionRows(this.statements, organizationId, query));
  }

  async listEntries(
    organizationId: string,
    walletId: string,
    query: EntryListQuery,
  ): Promise<ListResult<EntryRecord>> {
    return this.read(() => listEntryRows(this.statements, organizationId, walletId, query));
  }

  async findIdempotencyKey(organizationId: string, key: string): Promise<IdempotencyRecord | null> {
    return this.read(() => readIdempotencyKey(this.statements, organizationId, key));
  }

  async expireHolds(now: Date): Promise<number> {
    return this.write(() => {
      let swept = 0;
      for (const organizationId of organizationsWithExpiredHolds(this.statements, now)) {
        swept += sweepExpiredHolds(this.statements, organizationId, now);
      }
      return swept;
    });
  }

  scanOrganizations(): AsyncIterable<OrganizationRecord> {
    return this.scans.scanOrganizations();
  }

  scanWallets(organizationId: string): AsyncIterable<WalletRecord> {
    return this.scans.scanWallets(organizationId);
  }

  scanEntries(organizationId: string, walletId: string): AsyncIterable<EntryRecord> {
    return this.scans.scanEntries(organizationId, walletId);
  }

  scanTransactions(organizationId: string): AsyncIterable<TransactionRecord> {
    return this.scans.scanTransactions(organizationId);
  }

  scanIdempotencyKeys(organizationId: string): AsyncIterable<IdempotencyKeyCount> {
    return this.scans.scanIdempotencyKeys(organizationId);
  }

  snapshot<T>(read: (scans: LedgerScans) => Promise<T>): Promise<T> {
    const { db } = this.connection;
    return inSqliteSnapshot({ db, path: this.path, assertOpen: () => this.assertOpen() }, read);
  }

  private assertOpen(): void {
    this.transactions.assertOpen();
  }

  /** Voids expired holds first when there are any (a read usually finds none and writes nothing). */
  private async sweep(organizationId: string, now: Date): Promise<void> {
    if (this.read(() => hasExpiredHolds(this.statements, organizationId, now))) {
      await this.write(() => sweepExpiredHolds(this.statements, organizationId, now));
    }
  }

  private read<T>(run: () => T): T {
    return this.transactions.read(run);
  }

  private write<T>(run: () => T): Promise<T> {
    return this.transactions.write(run);
  }
}

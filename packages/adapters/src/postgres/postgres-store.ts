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
import type { PostgresConnection } from './postgres-connection.js';
import { PostgresLists } from './postgres-lists.js';
import { pendingMigrations, runMigrations } from './postgres-migrate.js';
import type { ResolvedPostgresOptions } from './postgres-options.js';
import { PostgresReads } from './postgres-reads.js';
import {
  inPostgresSnapshot,
  type PostgresScanStatements,
  PostgresScans,
  postgresScanStatements,
} from './postgres-scans.js';
import { type PostgresStatements, postgresStatements } from './postgres-statements.js';
import { PostgresTransferGroups } from './postgres-transfer-groups.js';
import { PostgresWrites } from './postgres-writes.js';

/**
 * A ledger store on PostgreSQL (see `openPostgresStore`), with its migrations at hand.
 *
 * @example
 * ```ts
 * const store = await openPostgresStore({ url: process.env.DATABASE_URL! });
 * if ((await store.pendingMigrations()).length > 0) await store.migrate();
 * ```
 */
export interface PostgresStore extends LedgerStore {
  /** Applies pending migrations (the same code path as opening); returns the names applied. */
  migrate(): Promise<string[]>;
  /** The migrations this version knows that the database lacks, in order. */
  pendingMigrations(): Promise<string[]>;
}

/**
 * The PostgreSQL store: writes are calls of PL/pgSQL functions (postgres-writes.ts), reads and
 * lists prepared statements returning the same JSON documents (postgres-reads.ts,
 * postgres-lists.ts), the verification scans keyset pages (postgres-scans.ts); all on raw
 * connections of the ORM's pool.
 */
export class PostgresLedgerStore implements PostgresStore {
  readonly capabilities: StoreCapabilities = {
    name: 'postgres',
    durable: true,
    multiProcess: true,
  };
  private readonly sql: PostgresStatements;
  private readonly writes: PostgresWrites;
  private readonly groups: PostgresTransferGroups | null;
  private readonly reads: PostgresReads;
  private readonly lists: PostgresLists;
  private readonly scanStatements: PostgresScanStatements;
  private readonly scans: PostgresScans;

  constructor(
    private readonly connection: PostgresConnection,
    private readonly options: ResolvedPostgresOptions,
  ) {
    this.sql = postgresStatements(options.schema);
    this.groups =
      options.groupCommit === null
        ? null
        : new PostgresTransferGroups(connection, this.sql, options.groupCommit, options.poolSize);
    this.writes = new PostgresWrites(connection, this.sql, this.groups);
    this.reads = new PostgresReads(connection, this.sql);
    this.lists = new PostgresLists(connection, options.schema, async (organizationId, now) => {
      await this.reads.sweep(organizationId, now);
    });
    this.scanStatements = postgresScanStatements(options.schema);
    this.scans = PostgresScans.overPool(connection, this.scanStatements);
  }

  async ping(): Promise<void> {
    await this.connection.rows(this.sql.ping, []);
  }

  /** Answers the moves already queued for group commit, then closes the pool. */
  async close(): Promise<void> {
    if (!this.connection.isClosed) await this.groups?.close();
    await this.connection.close();
  }

  migrate(): Promise<string[]> {
    return runMigrations(this.options);
  }

  pendingMigrations(): Promise<string[]> {
    return pendingMigrations(this.connection, this.options.schema);
  }

  insertOrganization(organization: OrganizationRecord): Promise<void> {
    return this.writes.insertOrganization(organization);
  }

  getOrganization(organizationId: string): Promise<OrganizationRecord | null> {
    return this.reads.getOrganization(organizationId);
  }

  listOrganizations(
    query: ListQuery<Record<string, never>>,
  ): Promise<ListResult<OrganizationRecord>> {
    return this.lists.organizations(query);
  }

  insertWallet(command: InsertWalletCommand): Promise<Written<WalletRecord>> {
    return this.writes.insertWallet(command);
  }

  getWallet(organizationId: string, walletId: string, now: Date): Promise<WalletRecord | null> {
    return this.reads.getWallet(organizationId, walletId, now);
  }

  listWallets(
    organizationId: string,
    query: ListQuery<WalletFilter>,
    now: Date,
  ): Promise<ListResult<WalletRecord>> {
    return this.lists.wallets(organizationId, query, now);
  }

  setWalletStatus(command: SetWalletStatusCommand): Promise<Written<WalletRecord>> {
    return this.writes.setWalletStatus(command);
  }

  getBalanceAsOf(organizationId: string, walletId: string, asOf: Date): Promise<bigint> {
    return this.reads.getBalanceAsOf(organizationId, walletId, asOf);
  }

  postTransfers(command: PostTransfersCommand): Promise<Written<TransactionRecord[]>> {
    return this.writes.postTransfers(command);
  }

  captureHold(command: CaptureHoldCommand): Promise<Written<TransactionRecord>> {
    return this.writes.captureHold(command);
  }

  voidHold(command: VoidHoldCommand): Promise<Written<TransactionRecord>> {
    return this.writes.voidHold(command);
  }

  reverseTransaction(command: ReverseTransactionCommand): Promise<Written<TransactionRecord>> {
    return this.writes.reverseTransaction(command);
  }

  getTransaction(
    organizationId: string,
    transactionId: string,
    now: Date,
  ): Promise<TransactionRecord | null> {
    return this.reads.getTransaction(organizationId, transactionId, now);
  }

  listTransactions(
    organizationId: string,
    query: ListQuery<TransactionFilter>,
    now: Date,
  ): Promise<ListResult<TransactionRecord>> {
    return this.lists.transactions(organizationId, query, now);
  }

  listEntries(
    organizationId: string,
    walletId: string,
    query: EntryListQuery,
  ): Promise<ListResult<EntryRecord>> {
    return this.lists.entries(organizationId, walletId, query);
  }

  findIdempotencyKey(organizationId: string, key: string): Promise<IdempotencyRecord | null> {
    return this.reads.findIdempotencyKey(organizationId, key);
  }

  expireHolds(now: Date): Promise<number> {
    return this.reads.expireHolds(now);
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
    return inPostgresSnapshot({ connection: this.connection, sql: this.scanStatements }, read);
  }
}

import type {
  EntryRecord,
  IdempotencyKeyCount,
  LedgerScans,
  OrganizationRecord,
  TransactionRecord,
  WalletRecord,
} from '@vaultcraft/core';
import { isUuid, UnavailableError } from '@vaultcraft/core';
import type { Client, QueryResultRow } from 'pg';
import { quoteSchema } from './migrations/quote-schema.js';
import { type PostgresConnection, type Statement, statement } from './postgres-connection.js';
import { toStoreError } from './postgres-errors.js';
import {
  decodeEntry,
  decodeOrganization,
  decodeTransaction,
  decodeWallet,
  type EntryDocument,
  type OrganizationDocument,
  type TransactionDocument,
  type WalletDocument,
} from './postgres-records.js';

/** Rows per page of a scan: memory stays constant per page, whatever the ledger's size. */
const scanPageSize = 500;

/** Before every instant and every id: where a keyset scan in (created_at, id) order starts. */
const scanStart = {
  createdAt: '-infinity' as Date | string,
  id: '00000000-0000-0000-0000-000000000000',
};

/** Runs one statement of a scan and returns its rows (errors mapped to ours). */
type RunStatement = <R extends QueryResultRow>(
  prepared: Statement,
  values: readonly unknown[],
) => Promise<R[]>;

/** The SQL of the verification scans, in one schema. */
export interface PostgresScanStatements {
  readonly organizations: Statement;
  readonly wallets: Statement;
  readonly entries: Statement;
  readonly transactions: Statement;
  readonly idempotencyKeys: Statement;
}

/**
 * The scans' statements: keyset pages in (created_at, id) order, each row the same JSON
 * document every read returns (postgres-records.ts decodes them). A transaction comes with
 * every entry stored for it, whatever its status: `ledger_transaction_document` shows a hold
 * none, and verification must see a corrupted hold's entries. Idempotency keys are grouped,
 * so that the keyset `key > $2` stays exact even if their primary key was dropped.
 */
export function postgresScanStatements(schema: string): PostgresScanStatements {
  const s = quoteSchema(schema);
  // Rows after the key in parameters $n, $n+1; one page of them, its size in parameter $n+2.
  const page = (n: number) =>
    `(created_at, id) > ($${n}, $${n + 1}::uuid) ORDER BY created_at, id LIMIT $${n + 2}`;
  return {
    organizations: statement(`SELECT ${s}.ledger_organization_json(o) AS d
FROM ${s}.ledger_organizations o WHERE ${page(1)}`),
    wallets: statement(`SELECT ${s}.ledger_wallet_json(w) AS d
FROM ${s}.ledger_wallets w WHERE organization_id = $1 AND ${page(2)}`),
    entries: statement(`SELECT ${s}.ledger_entry_json(e) AS d FROM ${s}.ledger_entries e
WHERE organization_id = $1 AND wallet_id = $2 AND sequence > $3 ORDER BY sequence LIMIT $4`),
    transactions: statement(`SELECT ${s}.ledger_transaction_json(p.t,
  (SELECT coalesce(json_agg(${s}.ledger_entry_json(e) ORDER BY e.direction, e.id), '[]'::json)
   FROM ${s}.ledger_entries e
   WHERE e.organization_id = (p.t).organization_id AND e.transaction_id = (p.t).id)) AS d
FROM (SELECT t, created_at, id FROM ${s}.ledger_transactions t
      WHERE organization_id = $1 AND ${page(2)}) p
ORDER BY p.created_at, p.id`),
    idempotencyKeys: statement(`SELECT key, count(*)::int AS copies
FROM ${s}.ledger_idempotency_keys WHERE organization_id = $1 AND key > $2
GROUP BY key ORDER BY key LIMIT $3`),
  };
}

/**
 * The verification scans (`verifyLedger`), oldest first, in keyset pages of raw SQL: on the
 * store, one statement per borrowed pool connection; in a snapshot, every statement on the
 * snapshot's one connection (see {@link inPostgresSnapshot}).
 */
export class PostgresScans implements LedgerScans {
  constructor(
    private readonly run: RunStatement,
    private readonly sql: PostgresScanStatements,
  ) {}

  /** Scans over the store's pool: each page is its own statement, on any connection. */
  static overPool(connection: PostgresConnection, sql: PostgresScanStatements): PostgresScans {
    return new PostgresScans((prepared, values) => connection.rows(prepared, values), sql);
  }

  async *scanOrganizations(): AsyncIterable<OrganizationRecord> {
    for (let after = scanStart; ; ) {
      const rows = await this.run<{ d: OrganizationDocument }>(this.sql.organizations, [
        after.createdAt,
        after.id,
        scanPageSize,
      ]);
      for (const row of rows) yield decodeOrganization(row.d);
      if (rows.length < scanPageSize) return;
      after = keyOf(rows.at(-1)!.d);
    }
  }

  async *scanWallets(organizationId: string): AsyncIterable<WalletRecord> {
    if (!isUuid(organizationId)) return;
    for (let after = scanStart; ; ) {
      const rows = await this.run<{ d: WalletDocument }>(this.sql.wallets, [
        organizationId,
        after.createdAt,
        after.id,
        scanPageSize,
      ]);
      for (const row of rows) yield decodeWallet(row.d);
      if (rows.length < scanPageSize) return;
      after = keyOf(rows.at(-1)!.d);
    }
  }

  async *scanEntries(organizationId: string, walletId: string): AsyncIterable<EntryRecord> {
    if (!isUuid(organizationId) || !isUuid(walletId)) return;
    for (let sequence = 0; ; ) {
      const rows = await this.run<{ d: EntryDocument }>(this.sql.entries, [
        organizationId,
        walletId,
        sequence,
        scanPageSize,
      ]);
      for (const row of rows) yield decodeEntry(row.d);
      if (rows.length < scanPageSize) return;
      sequence = rows.at(-1)!.d.sequence;
    }
  }

  async *scanTransactions(organizationId: string): AsyncIterable<TransactionRecord> {
    if (!isUuid(organizationId)) return;
    for (let after = scanStart; ; ) {
      const rows = await this.run<{ d: TransactionDocument }>(this.sql.transactions, [
        organizationId,
        after.createdAt,
        after.id,
        scanPageSize,
      ]);
      for (const row of rows) yield decodeTransaction(row.d);
      if (rows.length < scanPageSize) return;
      after = keyOf(rows.at(-1)!.d);
    }
  }

  async *scanIdempotencyKeys(organizationId: string): AsyncIterable<IdempotencyKeyCount> {
    if (!isUuid(organizationId)) return;
    // Every key is longer than '', so the first page seeks like the others.
    for (let after = ''; ; ) {
      const rows = await this.run<{ key: string; copies: number }>(this.sql.idempotencyKeys, [
        organizationId,
        after,
        scanPageSize,
      ]);
      for (const { key, copies } of rows) yield { key, copies };
      if (rows.length < scanPageSize) return;
      after = rows.at(-1)!.key;
    }
  }
}

function keyOf(document: { readonly createdAt: number; readonly id: string }) {
  return { createdAt: new Date(document.createdAt) as Date | string, id: document.id };
}

/**
 * Runs `read` over one snapshot of the database: a `REPEATABLE READ READ ONLY` transaction on
 * one connection of the pool, held until `read` settles, which every scan's statements run in.
 * PostgreSQL's MVCC shows it the database as of its first statement and blocks no writer (a
 * read-only transaction takes no row locks); the pool has one connection less meanwhile.
 *
 * @throws `UNAVAILABLE` when the store is closed or the database does not answer.
 */
export function inPostgresSnapshot<T>(
  options: { readonly connection: PostgresConnection; readonly sql: PostgresScanStatements },
  read: (scans: LedgerScans) => Promise<T>,
): Promise<T> {
  const { connection } = options;
  return connection.withClient(async (client) => {
    const run: RunStatement = async (prepared, values) => {
      if (connection.isClosed) throw new UnavailableError('The PostgreSQL store is closed');
      return query(client, prepared, values);
    };
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      // The snapshot is taken at the first statement after BEGIN: take it now, at this call.
      await client.query('SELECT 1');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw toStoreError(error);
    }
    try {
      return await read(new PostgresScans(run, options.sql));
    } finally {
      // Read-only: nothing to commit. A failed ROLLBACK means a broken connection, which the
      // pool discards on its own.
      await client.query('ROLLBACK').catch(() => undefined);
    }
  });
}

async function query<R extends QueryResultRow>(
  client: Client,
  prepared: Statement,
  values: readonly unknown[],
): Promise<R[]> {
  try {
    const result = await client.query<R>({
      name: prepared.name,
      text: prepared.text,
      values: values as unknown[],
    });
    return result.rows;
  } catch (error) {
    throw toStoreError(error);
  }
}

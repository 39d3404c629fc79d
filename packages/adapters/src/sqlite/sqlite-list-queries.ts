import type {
  EntryListQuery,
  EntryRecord,
  ListQuery,
  ListResult,
  OrganizationRecord,
  TransactionFilter,
  TransactionRecord,
  WalletFilter,
  WalletRecord,
} from '@vaultcraft/core';
import { pageWindow, toListResult } from '../shared/page-window.js';
import {
  type EntryRow,
  type OrganizationRow,
  type TransactionRow,
  toEntry,
  toOrganization,
  toTransaction,
  toWallet,
  transactionColumns,
  type WalletRow,
  walletColumns,
} from './sqlite-rows.js';
import type { SqliteStatements } from './sqlite-statements.js';

// The lists, newest first by (created_at, id), with keyset cursors: `(created_at, id) < (?, ?)`
// is a range of the indexes that end with (created_at, id), so a page costs its own size
// whatever its depth. Page mode adds OFFSET and a count. Callers run these inside one read
// transaction, so that a page and its total come from the same snapshot.
//
// Every list names its index (INDEXED BY): without statistics, SQLite's planner sometimes
// prefers a time-range index over the wallet's own index when a time filter is given, reading
// the whole tenant's range instead of one wallet's. A named index keeps each plan what
// EXPLAIN QUERY PLAN showed in the tests, at any data size.

type SqlValue = string | number;

interface Conditions {
  readonly where: string[];
  readonly params: SqlValue[];
}

const newestFirst = 'ORDER BY created_at DESC, id DESC';

function conditions(organizationId: string | null): Conditions {
  return organizationId === null
    ? { where: [], params: [] }
    : { where: ['organization_id = ?'], params: [organizationId] };
}

function add(into: Conditions, sql: string, ...values: SqlValue[]): void {
  into.where.push(sql);
  into.params.push(...values);
}

function whereClause(where: readonly string[]): string {
  return where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
}

/** One page of a single table, newest first. */
function singleTablePage<R>(
  statements: SqliteStatements,
  source: { readonly table: string; readonly columns: string; readonly filter: Conditions },
  query: ListQuery<unknown>,
): { rows: R[]; total: number | null } {
  const { limit, offset } = pageWindow(query);
  const { where, params } = source.filter;
  const total =
    query.after === undefined
      ? (statements
          .cached(`SELECT count(*) FROM ${source.table} ${whereClause(where)}`)
          .pluck()
          .get(...params) as number)
      : null;
  const page = { where: [...where], params: [...params] };
  if (query.after !== undefined) {
    add(page, '(created_at, id) < (?, ?)', query.after.createdAt.getTime(), query.after.id);
  }
  const sql = `SELECT ${source.columns} FROM ${source.table} ${whereClause(page.where)} ${newestFirst} LIMIT ? OFFSET ?`;
  const rows = statements.cached(sql).all(...page.params, limit, offset) as R[];
  return { rows, total };
}

export function listOrganizationRows(
  statements: SqliteStatements,
  query: ListQuery<Record<string, never>>,
): ListResult<OrganizationRecord> {
  const { rows, total } = singleTablePage<OrganizationRow>(
    statements,
    {
      table: 'ledger_organizations INDEXED BY ledger_organizations_created',
      columns: 'id, name, metadata, created_at',
      filter: conditions(null),
    },
    query,
  );
  return toListResult(rows.map(toOrganization), query.pageSize, total);
}

export function listWalletRows(
  statements: SqliteStatements,
  organizationId: string,
  query: ListQuery<WalletFilter>,
): ListResult<WalletRecord> {
  const filter = conditions(organizationId);
  const { ownerId, walletType, currency, status } = query.filter;
  if (ownerId !== undefined) add(filter, 'owner_id = ?', ownerId);
  if (walletType !== undefined) add(filter, 'wallet_type = ?', walletType);
  if (currency !== undefined) add(filter, 'currency = ?', currency);
  if (status !== undefined) add(filter, 'status = ?', status);
  const { rows, total } = singleTablePage<WalletRow>(
    statements,
    {
      table: `ledger_wallets INDEXED BY ${ownerId === undefined ? 'ledger_wallets_created' : 'ledger_wallets_owner'}`,
      columns: walletColumns,
      filter,
    },
    query,
  );
  return toListResult(rows.map(toWallet), query.pageSize, total);
}

/** Conditions of a transaction list besides the organization and the wallet. */
function transactionFilter(organizationId: string, filter: TransactionFilter): Conditions {
  const into = conditions(organizationId);
  if (filter.transactionType !== undefined)
    add(into, 'transaction_type = ?', filter.transactionType);
  if (filter.status !== undefined) add(into, 'status = ?', filter.status);
  if (filter.createdFrom !== undefined) add(into, 'created_at >= ?', filter.createdFrom.getTime());
  if (filter.createdTo !== undefined) add(into, 'created_at <= ?', filter.createdTo.getTime());
  return into;
}

export function listTransactionRows(
  statements: SqliteStatements,
  organizationId: string,
  query: ListQuery<TransactionFilter>,
): ListResult<TransactionRecord> {
  const filter = transactionFilter(organizationId, query.filter);
  const { walletId } = query.filter;
  const { rows, total } =
    walletId === undefined
      ? singleTablePage<TransactionRow>(
          statements,
          {
            table: 'ledger_transactions INDEXED BY ledger_transactions_created',
            columns: transactionColumns,
            filter,
          },
          query,
        )
      : walletTransactionsPage(statements, filter, walletId, query);
  return toListResult(withEntries(statements, organizationId, rows), query.pageSize, total);
}

/**
 * A wallet's transactions: those it sends merged with those it receives. Each side is a range
 * of its own index (`ledger_transactions_from`, `_to`) already in list order, cut at what one
 * page can need, so the merge never sorts more than two pages' worth. A transaction never has
 * the same wallet on both sides (the engine rejects SAME_WALLET), so no row comes twice.
 */
function walletTransactionsPage(
  statements: SqliteStatements,
  filter: Conditions,
  walletId: string,
  query: ListQuery<TransactionFilter>,
): { rows: TransactionRow[]; total: number | null } {
  const { limit, offset } = pageWindow(query);
  const side = (column: 'from_wallet_id' | 'to_wallet_id') => {
    const into = {
      where: [...filter.where, `${column} = ?`],
      params: [...filter.params, walletId],
    };
    if (query.after !== undefined) {
      add(into, '(created_at, id) < (?, ?)', query.after.createdAt.getTime(), query.after.id);
    }
    return into;
  };
  const from = side('from_wallet_id');
  const to = side('to_wallet_id');
  const table = (index: string) => `ledger_transactions INDEXED BY ledger_transactions_${index}`;
  const branch = (part: Conditions, index: string) =>
    `SELECT * FROM (SELECT ${transactionColumns} FROM ${table(index)} ${whereClause(part.where)} ${newestFirst} LIMIT ?)`;
  const sql = `${branch(from, 'from')} UNION ALL ${branch(to, 'to')} ${newestFirst} LIMIT ? OFFSET ?`;
  const rows = statements
    .cached(sql)
    .all(
      ...from.params,
      offset + limit,
      ...to.params,
      offset + limit,
      limit,
      offset,
    ) as TransactionRow[];
  let total: number | null = null;
  if (query.after === undefined) {
    const count = (part: Conditions, index: string) =>
      statements
        .cached(`SELECT count(*) FROM ${table(index)} ${whereClause(part.where)}`)
        .pluck()
        .get(...part.params) as number;
    total = count(from, 'from') + count(to, 'to');
  }
  return { rows, total };
}

/** Transaction records of rows, with their entries loaded in one query. */
export function withEntries(
  statements: SqliteStatements,
  organizationId: string,
  rows: readonly TransactionRow[],
): TransactionRecord[] {
  if (rows.length === 0) return [];
  const entries = statements.entriesOfTransactions.all(
    organizationId,
    JSON.stringify(rows.map((row) => row.id)),
  ) as EntryRow[];
  const byTransaction = new Map<string, EntryRow[]>();
  for (const entry of entries) {
    const list = byTransaction.get(entry.transaction_id);
    if (list === undefined) byTransaction.set(entry.transaction_id, [entry]);
    else list.push(entry);
  }
  return rows.map((row) => toTransaction(row, byTransaction.get(row.id) ?? []));
}

/**
 * A page of a wallet's statement, newest first: a range of the primary key (wallet, sequence).
 * Sequences run 1..n without gaps, so page mode needs no OFFSET (page p ends below
 * n + 1 - (p - 1) * size) and the total is the wallet's `last_sequence`.
 */
export function listEntryRows(
  statements: SqliteStatements,
  organizationId: string,
  walletId: string,
  query: EntryListQuery,
): ListResult<EntryRecord> {
  const count =
    (statements.walletLastSequence.get(organizationId, walletId) as number | undefined) ?? 0;
  const pageMode = query.afterSequence === undefined;
  const below = pageMode
    ? count + 1 - ((query.page ?? 1) - 1) * query.pageSize
    : (query.afterSequence as number);
  const rows = statements.entriesBelow.all(
    organizationId,
    walletId,
    below,
    query.pageSize + 1,
  ) as EntryRow[];
  return toListResult(rows.map(toEntry), query.pageSize, pageMode ? count : null);
}

import type {
  EntryRecord,
  OrganizationRecord,
  TransactionRecord,
  WalletRecord,
} from '@vaultcraft/core';
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
import type { SqliteStatements } from './sqlite-statements.js';

// The streams used by `verifyLedger`: oldest first, read in keyset batches. No cursor stays open
// between batches (better-sqlite3 forbids other statements on a connection while one iterates,
// and a caller awaits between items), and memory stays at one batch.

/** Rows per batch of a scan. */
const scanBatchSize = 500;

/** Where a scan resumes: after this (created_at, id), or after this sequence. */
type TimeKey = readonly [number, string];

function* timeKeyed<R extends { created_at: number; id: string }>(
  fetch: (after: TimeKey | null) => R[],
): Generator<R[]> {
  let after: TimeKey | null = null;
  for (;;) {
    const rows = fetch(after);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < scanBatchSize) return;
    const last = rows.at(-1)!;
    after = [last.created_at, last.id];
  }
}

function keyed(
  statements: SqliteStatements,
  select: string,
  after: TimeKey | null,
  params: readonly string[],
) {
  const where = params.length === 0 ? '' : 'organization_id = ?';
  const clauses = [where, after === null ? '' : '(created_at, id) > (?, ?)'].filter(Boolean);
  const sql = `${select} ${clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`} ORDER BY created_at, id LIMIT ${scanBatchSize}`;
  return statements.cached(sql).all(...params, ...(after ?? []));
}

export async function* scanOrganizationRows(
  statements: SqliteStatements,
): AsyncIterable<OrganizationRecord> {
  const select =
    'SELECT id, name, metadata, created_at FROM ledger_organizations INDEXED BY ledger_organizations_created';
  for (const rows of timeKeyed(
    (after) => keyed(statements, select, after, []) as OrganizationRow[],
  )) {
    yield* rows.map(toOrganization);
  }
}

export async function* scanWalletRows(
  statements: SqliteStatements,
  organizationId: string,
): AsyncIterable<WalletRecord> {
  const select = `SELECT ${walletColumns} FROM ledger_wallets INDEXED BY ledger_wallets_created`;
  const batches = timeKeyed(
    (after) => keyed(statements, select, after, [organizationId]) as WalletRow[],
  );
  for (const rows of batches) yield* rows.map(toWallet);
}

export async function* scanTransactionRows(
  statements: SqliteStatements,
  organizationId: string,
): AsyncIterable<TransactionRecord> {
  const select = `SELECT ${transactionColumns} FROM ledger_transactions INDEXED BY ledger_transactions_created`;
  const batches = timeKeyed(
    (after) => keyed(statements, select, after, [organizationId]) as TransactionRow[],
  );
  for (const rows of batches) yield* withEntries(statements, organizationId, rows);
}

export async function* scanEntryRows(
  statements: SqliteStatements,
  organizationId: string,
  walletId: string,
): AsyncIterable<EntryRecord> {
  const sql = `SELECT ${entryColumns} FROM ledger_entries
  WHERE organization_id = ? AND wallet_id = ? AND sequence > ? ORDER BY sequence LIMIT ${scanBatchSize}`;
  let after = 0;
  for (;;) {
    const rows = statements.cached(sql).all(organizationId, walletId, after) as EntryRow[];
    yield* rows.map(toEntry);
    if (rows.length < scanBatchSize) return;
    after = rows.at(-1)!.sequence;
  }
}

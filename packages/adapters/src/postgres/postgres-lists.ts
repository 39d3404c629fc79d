import type {
  EntryListQuery,
  EntryRecord,
  ListKey,
  ListQuery,
  ListResult,
  OrganizationRecord,
  TransactionFilter,
  TransactionRecord,
  WalletFilter,
  WalletRecord,
} from '@vaultcraft/core';
import { isUuid, ValidationError } from '@vaultcraft/core';
import { quoteSchema } from './migrations/quote-schema.js';
import { type PostgresConnection, type Statement, statement } from './postgres-connection.js';
import { pgInstant } from './postgres-instant.js';
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
import { expiredProbe } from './postgres-statements.js';

/** One row of a list statement: the page as a JSON array, and its companions. */
interface PageRow<D> {
  readonly expired: boolean;
  readonly total: string | number | null;
  readonly items: D[];
}

/** A list statement under construction: conditions with numbered parameters. */
class ListSql {
  readonly values: unknown[] = [];
  readonly conditions: string[] = [];

  param(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  where(condition: string): void {
    this.conditions.push(condition);
  }

  get filter(): string {
    return this.conditions.length === 0 ? 'true' : this.conditions.join(' AND ');
  }
}

const newestFirst = (alias: string) => `${alias}.created_at DESC, ${alias}.id DESC`;

/**
 * The store's lists, newest first by (created_at, id): page mode (OFFSET, with a total) and
 * cursor mode (keyset: a row comparison that PostgreSQL turns into an index range). Each list
 * is one statement returning one row: the page as JSON documents, the total (page mode), and
 * whether the organization has expired holds to sweep first. The statement text depends only
 * on which filters are set, so each shape is prepared once per connection.
 */
export class PostgresLists {
  private readonly s: string;
  private readonly statements = new Map<string, Statement>();

  constructor(
    private readonly connection: PostgresConnection,
    schema: string,
    private readonly sweep: (organizationId: string, now: Date) => Promise<void>,
  ) {
    this.s = quoteSchema(schema);
  }

  async organizations(
    query: ListQuery<Record<string, never>>,
  ): Promise<ListResult<OrganizationRecord>> {
    const sql = new ListSql();
    const page = await this.page<OrganizationDocument>(sql, query, {
      table: 'ledger_organizations',
      document: 'ledger_organization_json',
    });
    return mapItems(page, decodeOrganization);
  }

  async wallets(
    organizationId: string,
    query: ListQuery<WalletFilter>,
    now: Date,
  ): Promise<ListResult<WalletRecord>> {
    if (!isUuid(organizationId)) return emptyPage(query);
    const build = () => {
      const sql = new ListSql();
      sql.where(`a.organization_id = ${sql.param(organizationId)}`);
      const { ownerId, walletType, currency, status } = query.filter;
      if (ownerId !== undefined) sql.where(`a.owner_id = ${sql.param(ownerId)}`);
      if (walletType !== undefined) sql.where(`a.wallet_type = ${sql.param(walletType)}`);
      if (currency !== undefined) sql.where(`a.currency = ${sql.param(currency)}`);
      if (status !== undefined) sql.where(`a.status = ${sql.param(status)}`);
      return sql;
    };
    const page = await this.swept(organizationId, now, () =>
      this.page<WalletDocument>(build(), query, {
        table: 'ledger_wallets',
        document: 'ledger_wallet_json',
        now,
      }),
    );
    return mapItems(page, decodeWallet);
  }

  async transactions(
    organizationId: string,
    query: ListQuery<TransactionFilter>,
    now: Date,
  ): Promise<ListResult<TransactionRecord>> {
    const { walletId } = query.filter;
    if (!isUuid(organizationId) || (walletId !== undefined && !isUuid(walletId))) {
      return emptyPage(query);
    }
    const build = () => {
      const sql = new ListSql();
      sql.where(`a.organization_id = ${sql.param(organizationId)}`);
      const { transactionType, status, createdFrom, createdTo } = query.filter;
      if (transactionType !== undefined)
        sql.where(`a.transaction_type = ${sql.param(transactionType)}`);
      if (status !== undefined) sql.where(`a.status = ${sql.param(status)}`);
      if (createdFrom !== undefined)
        sql.where(`a.created_at >= ${sql.param(pgInstant(createdFrom))}`);
      if (createdTo !== undefined) sql.where(`a.created_at <= ${sql.param(pgInstant(createdTo))}`);
      return sql;
    };
    const shape = { table: 'ledger_transactions', document: 'ledger_transaction_document', now };
    const page = await this.swept(organizationId, now, () =>
      walletId === undefined
        ? this.page<TransactionDocument>(build(), query, shape)
        : this.walletPage<TransactionDocument>(build(), query, shape, walletId),
    );
    return mapItems(page, decodeTransaction);
  }

  async entries(
    organizationId: string,
    walletId: string,
    query: EntryListQuery,
  ): Promise<ListResult<EntryRecord>> {
    if (!isUuid(organizationId) || !isUuid(walletId)) {
      return { items: [], total: query.afterSequence === undefined ? 0 : null, hasMore: false };
    }
    const { s } = this;
    const { pageSize } = query;
    const page = (from: string) =>
      `(SELECT coalesce(json_agg(${s}.ledger_entry_json(p.r) ORDER BY p.sequence DESC), '[]')
  FROM (SELECT e AS r, e.sequence FROM ${s}.ledger_entries e
        WHERE e.organization_id = $1 AND e.wallet_id = $2 AND ${from}
        ORDER BY e.sequence DESC LIMIT $4) p)`;
    if (query.afterSequence === undefined) {
      // Sequences run 1..last_sequence, so the total is read from the wallet, not counted.
      const offset = ((query.page ?? 1) - 1) * pageSize;
      const [row] = await this.connection.rows<PageRow<EntryDocument>>(
        this.prepared(`SELECT w.last_sequence AS total,
  ${page('e.sequence <= w.last_sequence - $3')} AS items
FROM (SELECT 1) one LEFT JOIN ${s}.ledger_wallets w ON w.organization_id = $1 AND w.id = $2`),
        [organizationId, walletId, offset, pageSize],
      );
      const total = Number(row?.total ?? 0);
      const items = (row?.items ?? []).map(decodeEntry);
      return { items, total, hasMore: total - offset - pageSize > 0 };
    }
    const [row] = await this.connection.rows<PageRow<EntryDocument>>(
      this.prepared(`SELECT ${page('e.sequence < $3')} AS items`),
      [organizationId, walletId, query.afterSequence, pageSize + 1],
    );
    const items = (row?.items ?? []).map(decodeEntry);
    const hasMore = items.length > pageSize;
    return { items: hasMore ? items.slice(0, pageSize) : items, total: null, hasMore };
  }

  /** Runs a read; when it reports expired holds, sweeps them and reads again. */
  private async swept<D>(
    organizationId: string,
    now: Date,
    read: () => Promise<PageRow<D> & { readonly pageSize: number; readonly offset: number }>,
  ) {
    const first = await read();
    if (!first.expired) return first;
    await this.sweep(organizationId, now);
    return read();
  }

  /** One page of a table keyed by (created_at, id). */
  private async page<D>(
    sql: ListSql,
    query: ListQuery<unknown>,
    shape: { table: string; document: string; now?: Date },
  ) {
    const { s } = this;
    const { pageSize } = query;
    const offset = query.after === undefined ? ((query.page ?? 1) - 1) * pageSize : 0;
    const probe =
      shape.now === undefined ? 'false' : expiredProbe(s, sql.param(pgInstant(shape.now)));
    const counted = query.after === undefined;
    const total = counted
      ? `(SELECT count(*) FROM ${s}.${shape.table} a WHERE ${sql.filter})`
      : 'NULL';
    if (query.after !== undefined) sql.where(keyset(sql, query.after));
    const limit = sql.param(counted ? pageSize : pageSize + 1);
    const skip = sql.param(offset);
    const text = `SELECT ${probe} AS expired, ${total} AS total,
  (SELECT coalesce(json_agg(${s}.${shape.document}(p.r) ORDER BY ${newestFirst('p')}), '[]')
   FROM (SELECT a AS r, a.created_at, a.id FROM ${s}.${shape.table} a WHERE ${sql.filter}
         ORDER BY ${newestFirst('a')} LIMIT ${limit} OFFSET ${skip}) p) AS items`;
    const [row] = await this.connection.rows<PageRow<D>>(this.prepared(text), sql.values);
    return { ...row!, pageSize, offset };
  }

  /**
   * One page of a wallet's transactions: the union of two index ranges (as source, as
   * destination), each already newest first, merged; each range reads at most offset + limit
   * rows. A transaction never has one wallet on both sides.
   */
  private async walletPage<D>(
    sql: ListSql,
    query: ListQuery<unknown>,
    shape: { table: string; document: string; now: Date },
    walletId: string,
  ) {
    const { s } = this;
    const { pageSize } = query;
    const offset = query.after === undefined ? ((query.page ?? 1) - 1) * pageSize : 0;
    const probe = expiredProbe(s, sql.param(pgInstant(shape.now)));
    const wallet = sql.param(walletId);
    const counted = query.after === undefined;
    const side = (column: string, extra: string) =>
      `${sql.filter} AND a.${column} = ${wallet}${extra}`;
    const total = counted
      ? `(SELECT count(*) FROM ${s}.${shape.table} a WHERE ${side('from_wallet_id', '')})
       + (SELECT count(*) FROM ${s}.${shape.table} a WHERE ${side('to_wallet_id', '')})`
      : 'NULL';
    const after = query.after === undefined ? '' : ` AND ${keyset(sql, query.after)}`;
    const rows = counted ? pageSize : pageSize + 1;
    const limit = sql.param(rows);
    const skip = sql.param(offset);
    const reach = sql.param(offset + rows);
    const range = (column: string) =>
      `(SELECT a AS r, a.created_at, a.id FROM ${s}.${shape.table} a WHERE ${side(column, after)}
    ORDER BY ${newestFirst('a')} LIMIT ${reach})`;
    const text = `SELECT ${probe} AS expired, ${total} AS total,
  (SELECT coalesce(json_agg(${s}.${shape.document}(p.r) ORDER BY ${newestFirst('p')}), '[]')
   FROM (SELECT u.r, u.created_at, u.id FROM (${range('from_wallet_id')} UNION ALL ${range('to_wallet_id')}) u
         ORDER BY ${newestFirst('u')} LIMIT ${limit} OFFSET ${skip}) p) AS items`;
    const [row] = await this.connection.rows<PageRow<D>>(this.prepared(text), sql.values);
    return { ...row!, pageSize, offset };
  }

  private prepared(text: string): Statement {
    let found = this.statements.get(text);
    if (found === undefined) {
      found = statement(text);
      this.statements.set(text, found);
    }
    return found;
  }
}

/**
 * The keyset condition "strictly after this position, newest first". Positions come from our
 * own cursors, whose ids are UUIDs; anything else cannot be a position of this list.
 */
function keyset(sql: ListSql, after: ListKey): string {
  if (!isUuid(after.id)) {
    throw new ValidationError([{ path: 'cursor', message: 'is not a cursor of this list' }]);
  }
  return `(a.created_at, a.id) < (${sql.param(pgInstant(after.createdAt))}, ${sql.param(after.id)}::uuid)`;
}

function mapItems<D, R>(
  page: PageRow<D> & { readonly pageSize: number; readonly offset: number },
  decode: (document: D) => R,
): ListResult<R> {
  const items = page.items.map(decode);
  if (page.total === null) {
    const hasMore = items.length > page.pageSize;
    return { items: hasMore ? items.slice(0, page.pageSize) : items, total: null, hasMore };
  }
  const total = Number(page.total);
  return { items, total, hasMore: total > page.offset + page.pageSize };
}

function emptyPage<T>(query: ListQuery<unknown>): ListResult<T> {
  return { items: [], total: query.after === undefined ? 0 : null, hasMore: false };
}

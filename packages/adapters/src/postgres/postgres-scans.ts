import type { EntityManager } from '@mikro-orm/postgresql';
import type {
  EntryRecord,
  OrganizationRecord,
  TransactionRecord,
  WalletRecord,
} from '@vaultcraft/core';
import { isUuid, UnavailableError } from '@vaultcraft/core';
import { quoteSchema } from './migrations/quote-schema.js';
import { type PostgresConnection, statement } from './postgres-connection.js';
import { EntryEntity, OrganizationEntity, WalletEntity } from './postgres-entities.js';
import { toStoreError } from './postgres-errors.js';
import { decodeTransaction, type TransactionDocument } from './postgres-records.js';

/** Rows per page of a scan: memory stays constant per page, whatever the ledger's size. */
const scanPageSize = 500;

type Row = Record<string, unknown>;

/**
 * The verification scans (`verifyLedger`), oldest first, in keyset pages. Organizations,
 * wallets and entries are read through MikroORM's EntityManager (a fork per page, so that the
 * identity map never grows with the ledger); transactions as the same documents every other
 * read returns, entries included.
 */
export class PostgresScans {
  private readonly transactionsPage;

  constructor(
    private readonly connection: PostgresConnection,
    schema: string,
  ) {
    const s = quoteSchema(schema);
    this.transactionsPage =
      statement(`SELECT coalesce(json_agg(${s}.ledger_transaction_document(p.r)
  ORDER BY p.created_at, p.id), '[]') AS items
FROM (SELECT t AS r, t.created_at, t.id FROM ${s}.ledger_transactions t
      WHERE t.organization_id = $1 AND (t.created_at, t.id) > ($2, $3::uuid)
      ORDER BY t.created_at, t.id LIMIT $4) p`);
  }

  async *organizations(): AsyncIterable<OrganizationRecord> {
    let after: { createdAt: Date; id: string } | undefined;
    for (;;) {
      const rows = await this.find(OrganizationEntity, keysetAfter(after), {
        orderBy: { createdAt: 'asc', id: 'asc' },
      });
      for (const row of rows) {
        yield {
          id: row.id as string,
          name: row.name as string,
          metadata: row.metadata as OrganizationRecord['metadata'],
          createdAt: row.createdAt as Date,
        };
      }
      if (rows.length < scanPageSize) return;
      const last = rows.at(-1)!;
      after = { createdAt: last.createdAt as Date, id: last.id as string };
    }
  }

  async *wallets(organizationId: string): AsyncIterable<WalletRecord> {
    if (!isUuid(organizationId)) return;
    let after: { createdAt: Date; id: string } | undefined;
    for (;;) {
      const rows = await this.find(
        WalletEntity,
        { organizationId, ...keysetAfter(after) },
        { orderBy: { createdAt: 'asc', id: 'asc' } },
      );
      for (const row of rows) yield walletRecord(row);
      if (rows.length < scanPageSize) return;
      const last = rows.at(-1)!;
      after = { createdAt: last.createdAt as Date, id: last.id as string };
    }
  }

  async *entries(organizationId: string, walletId: string): AsyncIterable<EntryRecord> {
    if (!isUuid(organizationId) || !isUuid(walletId)) return;
    let sequence = 0;
    for (;;) {
      const rows = await this.find(
        EntryEntity,
        { organizationId, walletId, sequence: { $gt: sequence } },
        { orderBy: { sequence: 'asc' } },
      );
      for (const row of rows) {
        yield {
          id: row.id as string,
          transactionId: row.transactionId as string,
          walletId: row.walletId as string,
          direction: row.direction as EntryRecord['direction'],
          amount: BigInt(row.amount as string),
          balanceAfter: BigInt(row.balanceAfter as string),
          sequence: Number(row.sequence),
          createdAt: row.createdAt as Date,
        };
      }
      if (rows.length < scanPageSize) return;
      sequence = Number(rows.at(-1)!.sequence);
    }
  }

  async *transactions(organizationId: string): AsyncIterable<TransactionRecord> {
    if (!isUuid(organizationId)) return;
    // The first page starts before any row: -infinity sorts before every instant.
    let after: { createdAt: Date | string; id: string } = {
      createdAt: '-infinity',
      id: '00000000-0000-0000-0000-000000000000',
    };
    for (;;) {
      const [row] = await this.connection.rows<{ items: TransactionDocument[] }>(
        this.transactionsPage,
        [organizationId, after.createdAt, after.id, scanPageSize],
      );
      const items = row?.items ?? [];
      for (const document of items) yield decodeTransaction(document);
      if (items.length < scanPageSize) return;
      const last = items.at(-1)!;
      after = { createdAt: new Date(last.createdAt), id: last.id };
    }
  }

  /** One page through a fresh EntityManager, as plain objects; errors mapped to ours. */
  private async find(
    entity: typeof OrganizationEntity | typeof WalletEntity | typeof EntryEntity,
    where: Row,
    options: { orderBy: Row },
  ): Promise<Row[]> {
    if (this.connection.isClosed) throw new UnavailableError('The PostgreSQL store is closed');
    const em = this.connection.orm.em.fork() as EntityManager;
    try {
      const found = await em.find(entity as typeof WalletEntity, where as never, {
        orderBy: options.orderBy as never,
        limit: scanPageSize,
      });
      return found as unknown as Row[];
    } catch (error) {
      throw toStoreError(error);
    } finally {
      em.clear();
    }
  }
}

/** The keyset condition "after (createdAt, id)" in MikroORM's query language. */
function keysetAfter(after: { createdAt: Date; id: string } | undefined): Row {
  if (after === undefined) return {};
  return {
    $or: [
      { createdAt: { $gt: after.createdAt } },
      { createdAt: after.createdAt, id: { $gt: after.id } },
    ],
  };
}

function walletRecord(row: Row): WalletRecord {
  return {
    id: row.id as string,
    organizationId: row.organizationId as string,
    ownerId: row.ownerId as string,
    name: row.name as string,
    walletType: row.walletType as WalletRecord['walletType'],
    currency: row.currency as string,
    status: row.status as WalletRecord['status'],
    balance: BigInt(row.balance as string),
    held: BigInt(row.held as string),
    metadata: row.metadata as WalletRecord['metadata'],
    createdAt: row.createdAt as Date,
    updatedAt: row.updatedAt as Date,
  };
}

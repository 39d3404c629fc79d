import type {
  IdempotencyRecord,
  OrganizationRecord,
  TransactionRecord,
  WalletRecord,
} from '@vaultcraft/core';
import { isUuid } from '@vaultcraft/core';
import type { PostgresConnection, Statement } from './postgres-connection.js';
import { pgInstant } from './postgres-instant.js';
import {
  decodeOrganization,
  decodeResult,
  decodeTransaction,
  decodeWallet,
  type OrganizationDocument,
  type ResultDocument,
  type TransactionDocument,
  type WalletDocument,
} from './postgres-records.js';
import type { PostgresStatements } from './postgres-statements.js';

/**
 * The store's single-row reads and the hold-expiry sweep. A read that takes `now` is one
 * statement that also reports whether the organization has holds that expired by then; only
 * then does it sweep them (one more statement) and read again, so that no caller ever sees an
 * expired hold as PENDING and the common case costs one round trip.
 */
export class PostgresReads {
  constructor(
    private readonly connection: PostgresConnection,
    private readonly sql: PostgresStatements,
  ) {}

  async getOrganization(organizationId: string): Promise<OrganizationRecord | null> {
    if (!isUuid(organizationId)) return null;
    const document = await this.connection.value<OrganizationDocument | undefined>(
      this.sql.getOrganization,
      [organizationId],
    );
    return document === undefined ? null : decodeOrganization(document);
  }

  async getWallet(
    organizationId: string,
    walletId: string,
    now: Date,
  ): Promise<WalletRecord | null> {
    if (!isUuid(organizationId) || !isUuid(walletId)) return null;
    const document = await this.readSwept<WalletDocument>(
      this.sql.getWallet,
      organizationId,
      walletId,
      now,
    );
    return document === null ? null : decodeWallet(document);
  }

  async getTransaction(
    organizationId: string,
    transactionId: string,
    now: Date,
  ): Promise<TransactionRecord | null> {
    if (!isUuid(organizationId) || !isUuid(transactionId)) return null;
    const document = await this.readSwept<TransactionDocument>(
      this.sql.getTransaction,
      organizationId,
      transactionId,
      now,
    );
    return document === null ? null : decodeTransaction(document);
  }

  async getBalanceAsOf(organizationId: string, walletId: string, asOf: Date): Promise<bigint> {
    if (!isUuid(organizationId) || !isUuid(walletId)) return 0n;
    const balance = await this.connection.value<string | undefined>(this.sql.balanceAsOf, [
      organizationId,
      walletId,
      pgInstant(asOf),
    ]);
    return balance === undefined ? 0n : BigInt(balance);
  }

  /** A key with its result; a key claimed by a write still in flight is not there yet. */
  async findIdempotencyKey(organizationId: string, key: string): Promise<IdempotencyRecord | null> {
    if (!isUuid(organizationId)) return null;
    const [row] = await this.connection.rows<{
      fingerprint: string;
      result: ResultDocument;
      created_at: string;
    }>(this.sql.findIdempotencyKey, [organizationId, key]);
    if (row === undefined) return null;
    return {
      organizationId,
      key,
      fingerprint: row.fingerprint,
      result: decodeResult(row.result),
      createdAt: new Date(Number(row.created_at)),
    };
  }

  /** Voids expired holds organization by organization (one short transaction each). */
  async expireHolds(now: Date): Promise<number> {
    const organizations = await this.connection.rows<{ id: string }>(
      this.sql.expiringOrganizations,
      [now],
    );
    let swept = 0;
    for (const { id } of organizations) swept += await this.sweep(id, now);
    return swept;
  }

  /** Voids the organization's holds that expired by `now`; returns how many. */
  sweep(organizationId: string, now: Date): Promise<number> {
    return this.connection.value<number>(this.sql.sweepHolds, [organizationId, pgInstant(now)]);
  }

  private async readSwept<D>(
    prepared: Statement,
    organizationId: string,
    id: string,
    now: Date,
  ): Promise<D | null> {
    const values = [organizationId, id, pgInstant(now)];
    let [row] = await this.connection.rows<{ expired: boolean; doc: D | null }>(prepared, values);
    if (row?.expired === true) {
      await this.sweep(organizationId, now);
      [row] = await this.connection.rows<{ expired: boolean; doc: D | null }>(prepared, values);
    }
    return row?.doc ?? null;
  }
}

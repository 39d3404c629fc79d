import type {
  EntryRecord,
  IdempotentResult,
  TransactionRecord,
  WalletRecord,
} from '@vaultcraft/core';
import { InternalError, type Metadata } from '@vaultcraft/core';
import { minorToText, nullableTextToMinor, textToMinor } from './minor-units.js';

/**
 * JSON codecs for what a store keeps as a document: metadata and the remembered result of an
 * idempotency key. Bigints become integer strings and dates epoch milliseconds, so that a
 * replay returns exactly the first result, whatever the column type (TEXT, JSONB).
 */

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Metadata as JSON text. */
export function metadataToJson(metadata: Metadata): string {
  return JSON.stringify(metadata);
}

/** Metadata from JSON text (or an already parsed object, as some drivers return). */
export function metadataFromJson(value: unknown): Metadata {
  const parsed = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InternalError('A metadata column does not hold a JSON object');
  }
  return parsed as Metadata;
}

/** An idempotent result as JSON text. */
export function idempotentResultToJson(result: IdempotentResult): string {
  switch (result.kind) {
    case 'wallet':
      return JSON.stringify({ kind: 'wallet', wallet: encodeWallet(result.wallet) });
    case 'transaction':
      return JSON.stringify({
        kind: 'transaction',
        transaction: encodeTransaction(result.transaction),
      });
    case 'transactions':
      return JSON.stringify({
        kind: 'transactions',
        transactions: result.transactions.map(encodeTransaction),
      });
  }
}

/** An idempotent result from JSON text written by {@link idempotentResultToJson}. */
export function idempotentResultFromJson(value: unknown): IdempotentResult {
  const parsed = (typeof value === 'string' ? JSON.parse(value) : value) as JsonObject;
  switch (parsed.kind) {
    case 'wallet':
      return { kind: 'wallet', wallet: decodeWallet(parsed.wallet as JsonObject) };
    case 'transaction':
      return {
        kind: 'transaction',
        transaction: decodeTransaction(parsed.transaction as JsonObject),
      };
    case 'transactions':
      return {
        kind: 'transactions',
        transactions: (parsed.transactions as JsonObject[]).map(decodeTransaction),
      };
    default:
      throw new InternalError(
        `An idempotency key holds a result of unknown kind ${String(parsed.kind)}`,
      );
  }
}

function time(value: Date | null): number | null {
  return value === null ? null : value.getTime();
}

function date(value: Json | undefined): Date {
  if (typeof value !== 'number') throw new InternalError('A stored result holds a bad time');
  return new Date(value);
}

function nullableDate(value: Json | undefined): Date | null {
  return value === null ? null : date(value);
}

function encodeWallet(wallet: WalletRecord): JsonObject {
  return {
    ...wallet,
    balance: minorToText(wallet.balance),
    held: minorToText(wallet.held),
    metadata: { ...wallet.metadata },
    createdAt: wallet.createdAt.getTime(),
    updatedAt: wallet.updatedAt.getTime(),
  };
}

function decodeWallet(json: JsonObject): WalletRecord {
  return {
    ...(json as unknown as WalletRecord),
    balance: textToMinor(json.balance, 'result.wallet.balance'),
    held: textToMinor(json.held, 'result.wallet.held'),
    createdAt: date(json.createdAt),
    updatedAt: date(json.updatedAt),
  };
}

function encodeEntry(entry: EntryRecord): JsonObject {
  return {
    ...entry,
    amount: minorToText(entry.amount),
    balanceAfter: minorToText(entry.balanceAfter),
    createdAt: entry.createdAt.getTime(),
  };
}

function decodeEntry(json: JsonObject): EntryRecord {
  return {
    ...(json as unknown as EntryRecord),
    amount: textToMinor(json.amount, 'result.entry.amount'),
    balanceAfter: textToMinor(json.balanceAfter, 'result.entry.balanceAfter'),
    createdAt: date(json.createdAt),
  };
}

function encodeTransaction(transaction: TransactionRecord): JsonObject {
  return {
    ...transaction,
    amount: minorToText(transaction.amount),
    heldAmount: transaction.heldAmount === null ? null : minorToText(transaction.heldAmount),
    reversedAmount: minorToText(transaction.reversedAmount),
    metadata: { ...transaction.metadata },
    expiresAt: time(transaction.expiresAt),
    createdAt: transaction.createdAt.getTime(),
    completedAt: time(transaction.completedAt),
    entries: transaction.entries.map(encodeEntry),
  };
}

function decodeTransaction(json: JsonObject): TransactionRecord {
  return {
    ...(json as unknown as TransactionRecord),
    amount: textToMinor(json.amount, 'result.transaction.amount'),
    heldAmount: nullableTextToMinor(json.heldAmount, 'result.transaction.heldAmount'),
    reversedAmount: textToMinor(json.reversedAmount, 'result.transaction.reversedAmount'),
    expiresAt: nullableDate(json.expiresAt),
    createdAt: date(json.createdAt),
    completedAt: nullableDate(json.completedAt),
    entries: (json.entries as JsonObject[]).map(decodeEntry),
  };
}

import {
  type IdempotencyClaim,
  type IdempotencyRecord,
  type IdempotentResult,
  idempotencyKeyReused,
  invariant,
} from '@vaultcraft/core';
import { idempotentResultFromJson, idempotentResultToJson } from '../shared/record-json.js';
import type { SqliteStatements } from './sqlite-statements.js';

interface IdempotencyRow {
  readonly fingerprint: string;
  readonly result: string;
  readonly created_at: number;
}

/**
 * Inside a write: the remembered result of a key already used with the same request, `null`
 * for a new key, and `IDEMPOTENCY_KEY_REUSED` for another request. The write lock makes the
 * check and the later {@link remember} atomic; the primary key (organization_id, key) backs it.
 */
export function replay(
  statements: SqliteStatements,
  organizationId: string,
  claim: IdempotencyClaim | undefined,
): IdempotentResult | null {
  if (claim === undefined) return null;
  const row = statements.idempotencyKey.get(organizationId, claim.key) as
    | IdempotencyRow
    | undefined;
  if (row === undefined) return null;
  if (row.fingerprint !== claim.fingerprint) throw idempotencyKeyReused(claim.key);
  return idempotentResultFromJson(row.result);
}

/** Inside a write: stores the key with the write's result. */
export function remember(
  statements: SqliteStatements,
  organizationId: string,
  claim: IdempotencyClaim | undefined,
  result: IdempotentResult,
  now: Date,
): void {
  if (claim === undefined) return;
  statements.insertIdempotencyKey.run(
    organizationId,
    claim.key,
    claim.fingerprint,
    idempotentResultToJson(result),
    now.getTime(),
  );
}

/** A stored key with its result, or `null`. */
export function readIdempotencyKey(
  statements: SqliteStatements,
  organizationId: string,
  key: string,
): IdempotencyRecord | null {
  const row = statements.idempotencyKey.get(organizationId, key) as IdempotencyRow | undefined;
  if (row === undefined) return null;
  return {
    organizationId,
    key,
    fingerprint: row.fingerprint,
    result: idempotentResultFromJson(row.result),
    createdAt: new Date(row.created_at),
  };
}

/** A remembered result of the kind the operation stores (the fingerprint guarantees it). */
export function expectKind<K extends IdempotentResult['kind']>(
  result: IdempotentResult,
  kind: K,
): Extract<IdempotentResult, { kind: K }> {
  invariant(result.kind === kind, `idempotent result of kind ${result.kind}, expected ${kind}`);
  return result as Extract<IdempotentResult, { kind: K }>;
}

import type { IdempotencyClaim, Written } from '../store/ledger-store.js';
import type { IdempotentResult } from '../store/records.js';
import { idempotencyKeyReused } from '../store/store-rejection.js';
import { parseInput } from '../validation/parse-input.js';
import { type WriteOptions, writeOptionsSchema } from '../validation/schemas.js';
import type { EngineContext } from './engine-context.js';
import { fingerprintOf } from './fingerprint.js';

/**
 * Runs a write under an optional idempotency key. A key already used with the same request
 * replays the remembered result without touching anything else; with another request it is a
 * conflict. The store enforces the same rule atomically, so racing writes with one key also
 * create one result.
 */
export function idempotentWrite<R>(
  context: EngineContext,
  organizationId: string,
  request: { readonly operation: string; readonly input: unknown },
  options: WriteOptions | undefined,
  perform: (claim: IdempotencyClaim | undefined) => Promise<Written<R>>,
  remembered: (result: IdempotentResult) => R,
): Promise<Written<R>> {
  // Without a key, hand back perform's own promise: wrapping it in another async function
  // would cost extra microtask turns on every write.
  if (options === undefined) {
    return perform(undefined);
  }
  let parsed: WriteOptions;
  try {
    parsed = parseInput(writeOptionsSchema, options, 'options');
  } catch (error) {
    return Promise.reject(error);
  }
  if (parsed.idempotencyKey === undefined) {
    return perform(undefined);
  }
  return withKey(
    context,
    organizationId,
    request,
    parsed.idempotencyKey,
    parsed.fingerprint,
    perform,
    remembered,
  );
}

async function withKey<R>(
  context: EngineContext,
  organizationId: string,
  request: { readonly operation: string; readonly input: unknown },
  idempotencyKey: string,
  fingerprint: string | undefined,
  perform: (claim: IdempotencyClaim | undefined) => Promise<Written<R>>,
  remembered: (result: IdempotentResult) => R,
): Promise<Written<R>> {
  const claim: IdempotencyClaim = {
    key: idempotencyKey,
    // A caller's own fingerprint is still bound to the operation, so one key can never replay
    // a result of another kind (a wallet for a transfer).
    fingerprint:
      fingerprint === undefined
        ? fingerprintOf(request.operation, request.input)
        : `${request.operation}:${fingerprint}`,
  };
  const existing = await context.store.findIdempotencyKey(organizationId, claim.key);
  if (existing !== null) {
    if (existing.fingerprint !== claim.fingerprint) {
      throw idempotencyKeyReused(claim.key);
    }
    return { value: remembered(existing.result), replayed: true };
  }
  return perform(claim);
}

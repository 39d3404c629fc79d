/**
 * Migration 0001: how rows become the JSON documents the store returns, and the errors its
 * functions raise. Frozen: a later change is a new migration (`CREATE OR REPLACE`).
 *
 * Every write function and every read builds its result with these, so that a write's result,
 * an idempotent replay of it and a later read are the same document, decoded by one function
 * (`postgres-records.ts`). Amounts travel as integer strings (JSON numbers would lose digits in
 * JavaScript) and times as epoch milliseconds.
 */
export function m0001Documents(s: string): string[] {
  return [
    `CREATE FUNCTION ${s}.ledger_ms(t timestamptz) RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT (extract(epoch FROM t) * 1000)::bigint $$`,

    `CREATE FUNCTION ${s}.ledger_organization_json(o ${s}.ledger_organizations) RETURNS json
LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT json_build_object('id', o.id, 'name', o.name, 'metadata', o.metadata,
  'createdAt', ${s}.ledger_ms(o.created_at)) $$`,

    `CREATE FUNCTION ${s}.ledger_wallet_json(w ${s}.ledger_wallets) RETURNS json
LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT json_build_object('id', w.id, 'organizationId', w.organization_id,
  'ownerId', w.owner_id, 'name', w.name, 'walletType', w.wallet_type, 'currency', w.currency,
  'status', w.status, 'balance', w.balance::text, 'held', w.held::text, 'metadata', w.metadata,
  'createdAt', ${s}.ledger_ms(w.created_at), 'updatedAt', ${s}.ledger_ms(w.updated_at)) $$`,

    `CREATE FUNCTION ${s}.ledger_entry_json(e ${s}.ledger_entries) RETURNS json
LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT json_build_object('id', e.id, 'transactionId', e.transaction_id,
  'walletId', e.wallet_id, 'direction', e.direction, 'amount', e.amount::text,
  'balanceAfter', e.balance_after::text, 'sequence', e.sequence,
  'createdAt', ${s}.ledger_ms(e.created_at)) $$`,

    // entries: a JSON array of ledger_entry_json documents, DEBIT first.
    `CREATE FUNCTION ${s}.ledger_transaction_json(t ${s}.ledger_transactions, entries json) RETURNS json
LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT json_build_object('id', t.id, 'organizationId', t.organization_id,
  'transactionType', t.transaction_type, 'status', t.status, 'amount', t.amount::text,
  'heldAmount', t.held_amount::text, 'reversedAmount', t.reversed_amount::text,
  'currency', t.currency, 'fromWalletId', t.from_wallet_id, 'toWalletId', t.to_wallet_id,
  'description', t.description, 'metadata', t.metadata, 'reversesId', t.reverses_id,
  'expiresAt', ${s}.ledger_ms(t.expires_at), 'createdAt', ${s}.ledger_ms(t.created_at),
  'completedAt', ${s}.ledger_ms(t.completed_at), 'entries', entries) $$`,

    // A stored transaction with its entries (DEBIT first, the enum's order). Only a COMPLETED
    // transaction has entries.
    `CREATE FUNCTION ${s}.ledger_transaction_document(t ${s}.ledger_transactions) RETURNS json
LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT ${s}.ledger_transaction_json(t, CASE WHEN t.status <> 'COMPLETED' THEN '[]'::json ELSE
  (SELECT coalesce(json_agg(${s}.ledger_entry_json(e) ORDER BY e.direction), '[]'::json)
   FROM ${s}.ledger_entries e
   WHERE e.organization_id = t.organization_id AND e.transaction_id = t.id) END) $$`,

    // A rejection: SQLSTATE VC001, the code as message, the raw facts as JSON detail. The store
    // turns it into a StoreRejection (postgres-errors.ts); raising rolls back everything the
    // statement wrote, so a rejected write leaves nothing behind.
    `CREATE FUNCTION ${s}.ledger_reject(code text, facts json) RETURNS void
LANGUAGE plpgsql
AS $$ BEGIN
  RAISE EXCEPTION USING ERRCODE = 'VC001', MESSAGE = code, DETAIL = facts::text;
END $$`,
  ];
}

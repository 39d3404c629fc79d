/**
 * Migration 0001: capture, void and reversal, each one statement (one round trip, one implicit
 * transaction) that raises a rejection before writing anything. Frozen: a later change is a
 * new migration.
 */
export function m0001HoldWrites(s: string): string[] {
  const missingOrganization = `json_build_object('organizationId', p_organization_id)`;
  return [
    `CREATE FUNCTION ${s}.ledger_capture_hold(p_organization_id uuid, p_now timestamptz, p_key text,
  p_fingerprint text, p_transaction_id uuid, p_amount numeric, p_debit_id uuid, p_credit_id uuid)
RETURNS json
LANGUAGE plpgsql
AS $$
DECLARE
  v_replay json;
  v_hold ${s}.ledger_transactions;
  v_held numeric;
  v_amount numeric;
  v_move record;
BEGIN
  v_replay := ${s}.ledger_begin_write(p_organization_id, p_now, p_key, p_fingerprint,
    ${missingOrganization}, true);
  IF v_replay IS NOT NULL THEN
    RETURN v_replay;
  END IF;
  SELECT * INTO v_hold FROM ${s}.ledger_transactions
    WHERE organization_id = p_organization_id AND id = p_transaction_id FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM ${s}.ledger_reject('NOT_FOUND', json_build_object('transactionId', p_transaction_id));
  END IF;
  IF v_hold.status <> 'PENDING' THEN
    PERFORM ${s}.ledger_reject('INVALID_STATE',
      json_build_object('transactionId', p_transaction_id, 'status', v_hold.status));
  END IF;
  v_held := coalesce(v_hold.held_amount, v_hold.amount);
  v_amount := coalesce(p_amount, v_held);
  IF v_amount > v_held THEN
    PERFORM ${s}.ledger_reject('AMOUNT_EXCEEDS_REMAINING',
      json_build_object('transactionId', p_transaction_id, 'remaining', v_held::text));
  END IF;
  SELECT * INTO v_move FROM ${s}.ledger_move(p_organization_id, p_now, v_hold.from_wallet_id,
    v_hold.to_wallet_id, v_amount, v_held, v_hold.id, p_debit_id, p_credit_id);
  UPDATE ${s}.ledger_transactions SET status = 'COMPLETED', amount = v_amount,
      completed_at = v_move.posted_at
    WHERE organization_id = p_organization_id AND id = p_transaction_id
    RETURNING * INTO v_hold;
  INSERT INTO ${s}.ledger_entries SELECT * FROM unnest(ARRAY[v_move.debit, v_move.credit]);
  RETURN ${s}.ledger_end_write(p_organization_id, p_key, json_build_object('kind', 'transaction',
    'transaction', ${s}.ledger_transaction_json(v_hold,
      json_build_array(${s}.ledger_entry_json(v_move.debit), ${s}.ledger_entry_json(v_move.credit)))));
END $$`,

    // Releasing a reservation moves no money, so a frozen wallet does not stop a void.
    `CREATE FUNCTION ${s}.ledger_void_hold(p_organization_id uuid, p_now timestamptz, p_key text,
  p_fingerprint text, p_transaction_id uuid) RETURNS json
LANGUAGE plpgsql
AS $$
DECLARE
  v_replay json;
  v_hold ${s}.ledger_transactions;
BEGIN
  v_replay := ${s}.ledger_begin_write(p_organization_id, p_now, p_key, p_fingerprint,
    ${missingOrganization}, true);
  IF v_replay IS NOT NULL THEN
    RETURN v_replay;
  END IF;
  SELECT * INTO v_hold FROM ${s}.ledger_transactions
    WHERE organization_id = p_organization_id AND id = p_transaction_id FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM ${s}.ledger_reject('NOT_FOUND', json_build_object('transactionId', p_transaction_id));
  END IF;
  IF v_hold.status <> 'PENDING' THEN
    PERFORM ${s}.ledger_reject('INVALID_STATE',
      json_build_object('transactionId', p_transaction_id, 'status', v_hold.status));
  END IF;
  UPDATE ${s}.ledger_wallets SET held = held - coalesce(v_hold.held_amount, v_hold.amount),
      updated_at = p_now
    WHERE organization_id = p_organization_id AND id = v_hold.from_wallet_id;
  UPDATE ${s}.ledger_transactions SET status = 'VOIDED'
    WHERE organization_id = p_organization_id AND id = p_transaction_id
    RETURNING * INTO v_hold;
  RETURN ${s}.ledger_end_write(p_organization_id, p_key, json_build_object('kind', 'transaction',
    'transaction', ${s}.ledger_transaction_json(v_hold, '[]'::json)));
END $$`,

    // The original is locked first, so concurrent reversals of one transaction queue on it and
    // each sees what the previous ones left to reverse.
    `CREATE FUNCTION ${s}.ledger_reverse_transaction(p_organization_id uuid, p_now timestamptz,
  p_key text, p_fingerprint text, p_original_id uuid, p_reversal_id uuid, p_amount numeric,
  p_description text, p_metadata json, p_debit_id uuid, p_credit_id uuid) RETURNS json
LANGUAGE plpgsql
AS $$
DECLARE
  v_replay json;
  v_original ${s}.ledger_transactions;
  v_reversal ${s}.ledger_transactions;
  v_remaining numeric;
  v_amount numeric;
  v_move record;
BEGIN
  v_replay := ${s}.ledger_begin_write(p_organization_id, p_now, p_key, p_fingerprint,
    ${missingOrganization}, true);
  IF v_replay IS NOT NULL THEN
    RETURN v_replay;
  END IF;
  SELECT * INTO v_original FROM ${s}.ledger_transactions
    WHERE organization_id = p_organization_id AND id = p_original_id FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM ${s}.ledger_reject('NOT_FOUND', json_build_object('transactionId', p_original_id));
  END IF;
  IF v_original.status <> 'COMPLETED' OR v_original.transaction_type = 'REVERSAL' THEN
    PERFORM ${s}.ledger_reject('INVALID_STATE', json_build_object('transactionId', p_original_id,
      'status', v_original.status, 'transactionType', v_original.transaction_type));
  END IF;
  v_remaining := v_original.amount - v_original.reversed_amount;
  v_amount := coalesce(p_amount, v_remaining);
  IF v_amount = 0 OR v_amount > v_remaining THEN
    PERFORM ${s}.ledger_reject('AMOUNT_EXCEEDS_REMAINING',
      json_build_object('transactionId', p_original_id, 'remaining', v_remaining::text));
  END IF;
  SELECT * INTO v_move FROM ${s}.ledger_move(p_organization_id, p_now, v_original.to_wallet_id,
    v_original.from_wallet_id, v_amount, 0, p_reversal_id, p_debit_id, p_credit_id);
  INSERT INTO ${s}.ledger_transactions (organization_id, id, transaction_type, status, amount,
      held_amount, reversed_amount, currency, from_wallet_id, to_wallet_id, description, metadata,
      reverses_id, expires_at, created_at, completed_at)
    VALUES (p_organization_id, p_reversal_id, 'REVERSAL', 'COMPLETED', v_amount, NULL, 0,
      v_original.currency, v_original.to_wallet_id, v_original.from_wallet_id, p_description,
      p_metadata, v_original.id, NULL, v_move.posted_at, v_move.posted_at)
    RETURNING * INTO v_reversal;
  INSERT INTO ${s}.ledger_entries SELECT * FROM unnest(ARRAY[v_move.debit, v_move.credit]);
  UPDATE ${s}.ledger_transactions SET reversed_amount = reversed_amount + v_amount
    WHERE organization_id = p_organization_id AND id = p_original_id;
  RETURN ${s}.ledger_end_write(p_organization_id, p_key, json_build_object('kind', 'transaction',
    'transaction', ${s}.ledger_transaction_json(v_reversal,
      json_build_array(${s}.ledger_entry_json(v_move.debit), ${s}.ledger_entry_json(v_move.credit)))));
END $$`,
  ];
}

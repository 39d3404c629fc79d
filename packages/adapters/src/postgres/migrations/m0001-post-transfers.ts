/**
 * Migration 0001: `ledger_post_transfer` (one plan: the hot path) and `ledger_post_transfers`
 * (a batch). One call is one statement, so one round
 * trip and one implicit transaction: it checks the organization, claims the idempotency key,
 * sweeps expired holds, locks every wallet of the batch by id, applies the plans in order
 * against staged balances (the contract's checks, in its order of precedence), then writes all
 * transactions, entries and wallet updates with three set-based statements and returns the
 * result document. Frozen: a later change is a new migration.
 */
export function m0001PostTransfers(s: string): string[] {
  return [
    // One transfer, with the plan as scalar arguments: what the engine's transfer, deposit and
    // withdrawal send. The same checks in the same order as the batch below (facts carry index 0,
    // which the engine drops for a single move), with fewer statements: the two wallets are
    // locked by id in one query, updated in one, and the documents built from variables.
    `CREATE FUNCTION ${s}.ledger_post_transfer(p_organization_id uuid, p_now timestamptz, p_key text,
  p_fingerprint text, p_id uuid, p_transaction_type ${s}.ledger_transaction_type,
  p_amount numeric, p_currency text,
  p_from uuid, p_to uuid, p_description text, p_metadata json, p_hold boolean,
  p_expires_at timestamptz, p_debit_id uuid, p_credit_id uuid, p_system_wallets json)
RETURNS json
LANGUAGE plpgsql
AS $$
DECLARE
  v_replay json;
  v_adopted record;
  v_wallet ${s}.ledger_wallets;
  v_from ${s}.ledger_wallets;
  v_to ${s}.ledger_wallets;
  v_posted timestamptz;
  v_row ${s}.ledger_transactions;
  v_debit ${s}.ledger_entries;
  v_credit ${s}.ledger_entries;
  v_result json;
BEGIN
  v_replay := ${s}.ledger_begin_write(p_organization_id, p_now, p_key, p_fingerprint,
    json_build_object('walletId', p_from), true);
  IF v_replay IS NOT NULL THEN
    RETURN v_replay;
  END IF;
  IF p_system_wallets IS NOT NULL THEN
    -- A candidate SYSTEM wallet that another call created first is read as the existing one.
    SELECT * INTO v_adopted FROM ${s}.ledger_adopt_system_wallets(p_organization_id, p_system_wallets);
    p_from := coalesce(v_adopted.wallet_ids[array_position(v_adopted.candidate_ids, p_from)], p_from);
    p_to := coalesce(v_adopted.wallet_ids[array_position(v_adopted.candidate_ids, p_to)], p_to);
  END IF;
  FOR v_wallet IN SELECT * FROM ${s}.ledger_wallets
      WHERE organization_id = p_organization_id AND id IN (p_from, p_to) ORDER BY id FOR UPDATE LOOP
    IF v_wallet.id = p_from THEN v_from := v_wallet; ELSE v_to := v_wallet; END IF;
  END LOOP;
  IF v_from.id IS NULL THEN
    PERFORM ${s}.ledger_reject('NOT_FOUND', json_build_object('index', 0, 'walletId', p_from));
  END IF;
  IF v_to.id IS NULL THEN
    PERFORM ${s}.ledger_reject('NOT_FOUND', json_build_object('index', 0, 'walletId', p_to));
  END IF;
  IF v_from.currency <> p_currency OR v_to.currency <> p_currency THEN
    PERFORM ${s}.ledger_reject('CURRENCY_MISMATCH', json_build_object('index', 0));
  END IF;
  IF v_from.status <> 'ACTIVE' THEN
    PERFORM ${s}.ledger_reject('WALLET_FROZEN', json_build_object('index', 0, 'walletId', p_from));
  END IF;
  IF v_to.status <> 'ACTIVE' THEN
    PERFORM ${s}.ledger_reject('WALLET_FROZEN', json_build_object('index', 0, 'walletId', p_to));
  END IF;
  IF v_from.wallet_type <> 'SYSTEM' AND v_from.balance - v_from.held < p_amount THEN
    PERFORM ${s}.ledger_reject('INSUFFICIENT_FUNDS', json_build_object('index', 0, 'walletId', p_from));
  END IF;
  IF p_hold THEN
    UPDATE ${s}.ledger_wallets SET held = held + p_amount, updated_at = p_now
      WHERE organization_id = p_organization_id AND id = p_from;
    v_row := ROW(p_organization_id, p_id, p_transaction_type, 'PENDING', p_amount, p_amount, 0,
      p_currency, p_from, p_to, p_description, p_metadata, NULL, p_expires_at, p_now, NULL);
    INSERT INTO ${s}.ledger_transactions SELECT (v_row).*;
    v_result := ${s}.ledger_transaction_json(v_row, '[]'::json);
  ELSE
    -- A wallet's entries never go back in time, whatever the clocks did.
    v_posted := greatest(p_now, v_from.last_entry_at, v_to.last_entry_at);
    UPDATE ${s}.ledger_wallets
      SET balance = balance + CASE WHEN id = p_from THEN -p_amount ELSE p_amount END,
          last_sequence = last_sequence + 1, last_entry_at = v_posted, updated_at = p_now
      WHERE organization_id = p_organization_id AND id IN (p_from, p_to);
    v_row := ROW(p_organization_id, p_id, p_transaction_type, 'COMPLETED', p_amount, NULL, 0,
      p_currency, p_from, p_to, p_description, p_metadata, NULL, NULL, v_posted, v_posted);
    INSERT INTO ${s}.ledger_transactions SELECT (v_row).*;
    v_debit := ROW(p_organization_id, p_from, v_from.last_sequence + 1, p_debit_id, p_id, 'DEBIT',
      p_amount, v_from.balance - p_amount, v_posted);
    v_credit := ROW(p_organization_id, p_to, v_to.last_sequence + 1, p_credit_id, p_id, 'CREDIT',
      p_amount, v_to.balance + p_amount, v_posted);
    INSERT INTO ${s}.ledger_entries SELECT (v_debit).* UNION ALL SELECT (v_credit).*;
    v_result := ${s}.ledger_transaction_json(v_row,
      json_build_array(${s}.ledger_entry_json(v_debit), ${s}.ledger_entry_json(v_credit)));
  END IF;
  v_result := json_build_object('kind', 'transactions', 'transactions', json_build_array(v_result));
  IF p_key IS NOT NULL THEN
    UPDATE ${s}.ledger_idempotency_keys SET result = v_result
      WHERE organization_id = p_organization_id AND key = p_key;
  END IF;
  RETURN json_build_object('replayed', false, 'result', v_result);
END $$`,

    `CREATE FUNCTION ${s}.ledger_post_transfers(p_organization_id uuid, p_now timestamptz, p_key text,
  p_fingerprint text, p_plans json, p_system_wallets json) RETURNS json
LANGUAGE plpgsql
AS $$
DECLARE
  v_replay json;
  v_adopted record;
  v_position integer;
  v_plan ${s}.ledger_transfer_plan;
  v_plans ${s}.ledger_transfer_plan[] := '{}';
  v_wallet_ids uuid[] := '{}';
  v_index integer := 0;
  -- The locked wallets, staged: parallel arrays in id order.
  w_id uuid[];
  w_currency text[];
  w_status text[];
  w_type text[];
  w_balance numeric[];
  w_held numeric[];
  w_sequence bigint[];
  w_last timestamptz[];
  v_from integer;
  v_to integer;
  v_posted timestamptz;
  v_row ${s}.ledger_transactions;
  v_debit ${s}.ledger_entries;
  v_credit ${s}.ledger_entries;
  v_rows ${s}.ledger_transactions[] := '{}';
  v_entries ${s}.ledger_entries[] := '{}';
  v_documents json[] := '{}';
BEGIN
  FOR v_plan IN SELECT * FROM json_populate_recordset(NULL::${s}.ledger_transfer_plan, p_plans) LOOP
    v_plans := array_append(v_plans, v_plan);
    v_wallet_ids := array_append(array_append(v_wallet_ids, v_plan.from_wallet_id), v_plan.to_wallet_id);
  END LOOP;
  v_replay := ${s}.ledger_begin_write(p_organization_id, p_now, p_key, p_fingerprint,
    json_build_object('walletId', v_plans[1].from_wallet_id), true);
  IF v_replay IS NOT NULL THEN
    RETURN v_replay;
  END IF;
  IF p_system_wallets IS NOT NULL THEN
    -- A candidate SYSTEM wallet that another call created first is read as the existing one.
    SELECT * INTO v_adopted FROM ${s}.ledger_adopt_system_wallets(p_organization_id, p_system_wallets);
    FOR v_position IN 1 .. cardinality(v_plans) LOOP
      v_plan := v_plans[v_position];
      v_plan.from_wallet_id := coalesce(v_adopted.wallet_ids[
        array_position(v_adopted.candidate_ids, v_plan.from_wallet_id)], v_plan.from_wallet_id);
      v_plan.to_wallet_id := coalesce(v_adopted.wallet_ids[
        array_position(v_adopted.candidate_ids, v_plan.to_wallet_id)], v_plan.to_wallet_id);
      v_plans[v_position] := v_plan;
    END LOOP;
    v_wallet_ids := v_wallet_ids || v_adopted.wallet_ids;
  END IF;

  SELECT array_agg(w.id ORDER BY w.id), array_agg(w.currency ORDER BY w.id),
         array_agg(w.status ORDER BY w.id), array_agg(w.wallet_type ORDER BY w.id),
         array_agg(w.balance ORDER BY w.id), array_agg(w.held ORDER BY w.id),
         array_agg(w.last_sequence ORDER BY w.id), array_agg(w.last_entry_at ORDER BY w.id)
    INTO w_id, w_currency, w_status, w_type, w_balance, w_held, w_sequence, w_last
    FROM (SELECT id, currency, status, wallet_type, balance, held, last_sequence, last_entry_at
          FROM ${s}.ledger_wallets
          WHERE organization_id = p_organization_id AND id = ANY (v_wallet_ids)
          ORDER BY id FOR UPDATE) w;

  FOREACH v_plan IN ARRAY v_plans LOOP
    v_from := array_position(w_id, v_plan.from_wallet_id);
    IF v_from IS NULL THEN
      PERFORM ${s}.ledger_reject('NOT_FOUND',
        json_build_object('index', v_index, 'walletId', v_plan.from_wallet_id));
    END IF;
    v_to := array_position(w_id, v_plan.to_wallet_id);
    IF v_to IS NULL THEN
      PERFORM ${s}.ledger_reject('NOT_FOUND',
        json_build_object('index', v_index, 'walletId', v_plan.to_wallet_id));
    END IF;
    IF w_currency[v_from] <> v_plan.currency OR w_currency[v_to] <> v_plan.currency THEN
      PERFORM ${s}.ledger_reject('CURRENCY_MISMATCH', json_build_object('index', v_index));
    END IF;
    IF w_status[v_from] <> 'ACTIVE' THEN
      PERFORM ${s}.ledger_reject('WALLET_FROZEN',
        json_build_object('index', v_index, 'walletId', v_plan.from_wallet_id));
    END IF;
    IF w_status[v_to] <> 'ACTIVE' THEN
      PERFORM ${s}.ledger_reject('WALLET_FROZEN',
        json_build_object('index', v_index, 'walletId', v_plan.to_wallet_id));
    END IF;
    IF w_type[v_from] <> 'SYSTEM' AND w_balance[v_from] - w_held[v_from] < v_plan.amount THEN
      PERFORM ${s}.ledger_reject('INSUFFICIENT_FUNDS',
        json_build_object('index', v_index, 'walletId', v_plan.from_wallet_id));
    END IF;
    IF v_plan.hold THEN
      w_held[v_from] := w_held[v_from] + v_plan.amount;
      v_row := ROW(p_organization_id, v_plan.id, v_plan.transaction_type, 'PENDING', v_plan.amount,
        v_plan.amount, 0, v_plan.currency, v_plan.from_wallet_id, v_plan.to_wallet_id,
        v_plan.description, v_plan.metadata, NULL, v_plan.expires_at, p_now, NULL);
      v_documents := array_append(v_documents, ${s}.ledger_transaction_json(v_row, '[]'::json));
    ELSE
      -- A wallet's entries never go back in time, whatever the clocks did.
      v_posted := greatest(p_now, w_last[v_from], w_last[v_to]);
      w_balance[v_from] := w_balance[v_from] - v_plan.amount;
      w_balance[v_to] := w_balance[v_to] + v_plan.amount;
      w_sequence[v_from] := w_sequence[v_from] + 1;
      w_sequence[v_to] := w_sequence[v_to] + 1;
      w_last[v_from] := v_posted;
      w_last[v_to] := v_posted;
      v_debit := ROW(p_organization_id, v_plan.from_wallet_id, w_sequence[v_from],
        v_plan.debit_entry_id, v_plan.id, 'DEBIT', v_plan.amount, w_balance[v_from], v_posted);
      v_credit := ROW(p_organization_id, v_plan.to_wallet_id, w_sequence[v_to],
        v_plan.credit_entry_id, v_plan.id, 'CREDIT', v_plan.amount, w_balance[v_to], v_posted);
      v_entries := array_append(array_append(v_entries, v_debit), v_credit);
      v_row := ROW(p_organization_id, v_plan.id, v_plan.transaction_type, 'COMPLETED', v_plan.amount,
        NULL, 0, v_plan.currency, v_plan.from_wallet_id, v_plan.to_wallet_id,
        v_plan.description, v_plan.metadata, NULL, NULL, v_posted, v_posted);
      v_documents := array_append(v_documents, ${s}.ledger_transaction_json(v_row,
        json_build_array(${s}.ledger_entry_json(v_debit), ${s}.ledger_entry_json(v_credit))));
    END IF;
    v_rows := array_append(v_rows, v_row);
    v_index := v_index + 1;
  END LOOP;

  INSERT INTO ${s}.ledger_transactions SELECT * FROM unnest(v_rows);
  IF cardinality(v_entries) > 0 THEN
    INSERT INTO ${s}.ledger_entries SELECT * FROM unnest(v_entries);
  END IF;
  -- updated_at moves only when a balance changed, as in the memory store (a batch may move
  -- money out of a wallet and back).
  UPDATE ${s}.ledger_wallets w SET balance = u.balance, held = u.held, last_sequence = u.sequence,
      last_entry_at = u.last_entry_at,
      updated_at = CASE WHEN w.balance <> u.balance OR w.held <> u.held THEN p_now ELSE w.updated_at END
    FROM unnest(w_id, w_balance, w_held, w_sequence, w_last)
      AS u(id, balance, held, sequence, last_entry_at)
    WHERE w.organization_id = p_organization_id AND w.id = u.id;
  RETURN ${s}.ledger_end_write(p_organization_id, p_key,
    json_build_object('kind', 'transactions', 'transactions', array_to_json(v_documents)));
END $$`,
  ];
}

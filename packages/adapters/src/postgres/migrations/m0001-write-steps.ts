/**
 * Migration 0001: the steps every write function starts with — the organization check, the
 * idempotency claim and the hold-expiry sweep — and the move of money between two wallets that
 * capture and reversal share. Frozen: a later change is a new migration.
 *
 * Locks are always taken in this order, which keeps concurrent writes from deadlocking in the
 * common cases (the rare remaining cycles are retried by the store):
 * 1. the idempotency key row (a racing write with the same key waits here for the first one);
 * 2. expired holds of the organization, by id, then their wallets, by id (the sweep);
 * 3. the transaction a capture, void or reversal acts on;
 * 4. the wallets the write touches, by id (SELECT ... ORDER BY id FOR UPDATE).
 */
export function m0001WriteSteps(s: string): string[] {
  return [
    // Voids the organization's holds whose expiry is at or before p_now and releases their
    // amounts; returns how many. The first statement is one probe of a tiny partial index, the
    // common case. Holds are locked by id, then re-checked by PostgreSQL after any wait (a hold
    // captured or swept meanwhile drops out), then their wallets are locked by id.
    `CREATE FUNCTION ${s}.ledger_sweep_holds(p_organization_id uuid, p_now timestamptz) RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
  v_ids uuid[];
  v_wallets uuid[];
  v_amounts numeric[];
BEGIN
  IF NOT EXISTS (SELECT 1 FROM ${s}.ledger_transactions
      WHERE organization_id = p_organization_id AND status = 'PENDING' AND expires_at <= p_now) THEN
    RETURN 0;
  END IF;
  SELECT array_agg(h.id), array_agg(h.from_wallet_id), array_agg(h.held_amount)
    INTO v_ids, v_wallets, v_amounts
    FROM (SELECT id, from_wallet_id, held_amount FROM ${s}.ledger_transactions
          WHERE organization_id = p_organization_id AND status = 'PENDING' AND expires_at <= p_now
          ORDER BY id FOR UPDATE) h;
  IF v_ids IS NULL THEN
    RETURN 0;
  END IF;
  PERFORM 1 FROM ${s}.ledger_wallets
    WHERE organization_id = p_organization_id AND id = ANY (v_wallets) ORDER BY id FOR UPDATE;
  UPDATE ${s}.ledger_transactions SET status = 'VOIDED'
    WHERE organization_id = p_organization_id AND id = ANY (v_ids);
  -- Expiry releases funds without touching updated_at, as the memory store does.
  UPDATE ${s}.ledger_wallets w SET held = w.held - r.total
    FROM (SELECT u.wallet_id, sum(u.amount) AS total
          FROM unnest(v_wallets, v_amounts) AS u(wallet_id, amount) GROUP BY u.wallet_id) r
    WHERE w.organization_id = p_organization_id AND w.id = r.wallet_id;
  RETURN cardinality(v_ids);
END $$`,

    // The start of a write: NOT_FOUND (with p_missing as facts) when the organization does not
    // exist; then the idempotency claim: an INSERT that, when a concurrent write holds the same
    // key uncommitted, waits for it and then either inserts (it rolled back) or finds its row
    // (it committed). Returns the replay document of a key used before with the same
    // fingerprint, raises VC002 for another fingerprint, and NULL for a fresh write, after
    // sweeping expired holds when p_sweep. The organization check and the expiry probe are one
    // statement: every write pays for it, so it is kept to one executor start.
    `CREATE FUNCTION ${s}.ledger_begin_write(p_organization_id uuid, p_now timestamptz, p_key text,
  p_fingerprint text, p_missing json, p_sweep boolean) RETURNS json
LANGUAGE plpgsql
AS $$
DECLARE
  v_exists boolean;
  v_expired boolean;
  v_fingerprint text;
  v_result json;
BEGIN
  SELECT EXISTS (SELECT 1 FROM ${s}.ledger_organizations WHERE id = p_organization_id),
         p_sweep AND EXISTS (SELECT 1 FROM ${s}.ledger_transactions
           WHERE organization_id = p_organization_id AND status = 'PENDING' AND expires_at <= p_now)
    INTO v_exists, v_expired;
  IF NOT v_exists THEN
    PERFORM ${s}.ledger_reject('NOT_FOUND', p_missing);
  END IF;
  IF p_key IS NOT NULL THEN
    INSERT INTO ${s}.ledger_idempotency_keys (organization_id, key, fingerprint, result, created_at)
      VALUES (p_organization_id, p_key, p_fingerprint, NULL, p_now)
      ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
      SELECT fingerprint, result INTO v_fingerprint, v_result FROM ${s}.ledger_idempotency_keys
        WHERE organization_id = p_organization_id AND key = p_key;
      IF v_fingerprint IS DISTINCT FROM p_fingerprint THEN
        RAISE EXCEPTION USING ERRCODE = 'VC002', MESSAGE = p_key;
      END IF;
      IF v_result IS NULL THEN
        RAISE EXCEPTION 'idempotency key % has no stored result', p_key;
      END IF;
      RETURN json_build_object('replayed', true, 'result', v_result);
    END IF;
  END IF;
  IF v_expired THEN
    PERFORM ${s}.ledger_sweep_holds(p_organization_id, p_now);
  END IF;
  RETURN NULL;
END $$`,

    // The end of a write: remembers the result under the claimed key (if any) and wraps it.
    `CREATE FUNCTION ${s}.ledger_end_write(p_organization_id uuid, p_key text, p_result json) RETURNS json
LANGUAGE plpgsql
AS $$
BEGIN
  IF p_key IS NOT NULL THEN
    UPDATE ${s}.ledger_idempotency_keys SET result = p_result
      WHERE organization_id = p_organization_id AND key = p_key;
  END IF;
  RETURN json_build_object('replayed', false, 'result', p_result);
END $$`,

    // Moves p_amount from one wallet to another for a capture or a reversal, after releasing
    // p_release from the source's held amount: locks both wallets by id, checks (in the
    // contract's order) that the source, then the destination, is ACTIVE and that a non-SYSTEM
    // source can pay, updates both, and returns the posting time and the two entries, which
    // the caller inserts once the transaction row they reference exists.
    `CREATE FUNCTION ${s}.ledger_move(p_organization_id uuid, p_now timestamptz, p_from uuid, p_to uuid,
  p_amount numeric, p_release numeric, p_transaction_id uuid, p_debit_id uuid, p_credit_id uuid,
  OUT posted_at timestamptz, OUT debit ${s}.ledger_entries, OUT credit ${s}.ledger_entries)
LANGUAGE plpgsql
AS $$
DECLARE
  v_wallet ${s}.ledger_wallets;
  v_from ${s}.ledger_wallets;
  v_to ${s}.ledger_wallets;
BEGIN
  FOR v_wallet IN SELECT * FROM ${s}.ledger_wallets
      WHERE organization_id = p_organization_id AND id IN (p_from, p_to) ORDER BY id FOR UPDATE LOOP
    IF v_wallet.id = p_from THEN v_from := v_wallet; ELSE v_to := v_wallet; END IF;
  END LOOP;
  IF v_from.id IS NULL OR v_to.id IS NULL THEN
    RAISE EXCEPTION 'wallet % or % of transaction % is missing', p_from, p_to, p_transaction_id;
  END IF;
  IF v_from.status <> 'ACTIVE' THEN
    PERFORM ${s}.ledger_reject('WALLET_FROZEN', json_build_object('walletId', p_from));
  END IF;
  IF v_to.status <> 'ACTIVE' THEN
    PERFORM ${s}.ledger_reject('WALLET_FROZEN', json_build_object('walletId', p_to));
  END IF;
  IF v_from.wallet_type <> 'SYSTEM' AND v_from.balance - (v_from.held - p_release) < p_amount THEN
    PERFORM ${s}.ledger_reject('INSUFFICIENT_FUNDS', json_build_object('walletId', p_from));
  END IF;
  -- A wallet's entries never go back in time, whatever the clocks did.
  posted_at := greatest(p_now, v_from.last_entry_at, v_to.last_entry_at);
  UPDATE ${s}.ledger_wallets SET balance = balance - p_amount, held = held - p_release,
      last_sequence = last_sequence + 1, last_entry_at = posted_at, updated_at = p_now
    WHERE organization_id = p_organization_id AND id = p_from;
  UPDATE ${s}.ledger_wallets SET balance = balance + p_amount,
      last_sequence = last_sequence + 1, last_entry_at = posted_at, updated_at = p_now
    WHERE organization_id = p_organization_id AND id = p_to;
  debit := ROW(p_organization_id, p_from, v_from.last_sequence + 1, p_debit_id, p_transaction_id,
    'DEBIT', p_amount, v_from.balance - p_amount, posted_at)::${s}.ledger_entries;
  credit := ROW(p_organization_id, p_to, v_to.last_sequence + 1, p_credit_id, p_transaction_id,
    'CREDIT', p_amount, v_to.balance + p_amount, posted_at)::${s}.ledger_entries;
END $$`,
  ];
}

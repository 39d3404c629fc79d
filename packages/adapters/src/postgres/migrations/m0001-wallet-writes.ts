/**
 * Migration 0001: the wallet writes — creation (one PRIMARY per owner and currency), the
 * organization's default SYSTEM wallets (exactly one per currency, created by the first
 * posting that needs one, also under races) and freezing. Each is one statement. Frozen: a later change is a new migration.
 */
export function m0001WalletWrites(s: string): string[] {
  const columns = `organization_id, id, owner_id, name, wallet_type, is_default_system, currency,
      status, balance, held, metadata, created_at, updated_at`;
  const parameters = `p_organization_id uuid, p_id uuid, p_owner_id text, p_name text,
  p_wallet_type ${s}.ledger_wallet_type, p_currency text, p_status ${s}.ledger_wallet_status,
  p_balance numeric, p_held numeric,
  p_metadata json, p_created_at timestamptz, p_updated_at timestamptz`;
  const values = `p_organization_id, p_id, p_owner_id, p_name, p_wallet_type, false, p_currency,
      p_status, p_balance, p_held, p_metadata, p_created_at, p_updated_at`;
  return [
    // A second PRIMARY of the owner loses on the unique index ledger_wallets_primary: the
    // INSERT waits for a racing one to commit, then does nothing, and the winner is reported.
    `CREATE FUNCTION ${s}.ledger_insert_wallet(${parameters}, p_key text, p_fingerprint text)
RETURNS json
LANGUAGE plpgsql
AS $$
DECLARE
  v_replay json;
  v_wallet ${s}.ledger_wallets;
  v_existing uuid;
BEGIN
  v_replay := ${s}.ledger_begin_write(p_organization_id, p_created_at, p_key, p_fingerprint,
    json_build_object('organizationId', p_organization_id), false);
  IF v_replay IS NOT NULL THEN
    RETURN v_replay;
  END IF;
  IF p_wallet_type = 'PRIMARY' THEN
    INSERT INTO ${s}.ledger_wallets (${columns}) VALUES (${values})
      ON CONFLICT (organization_id, owner_id, currency) WHERE wallet_type = 'PRIMARY' DO NOTHING
      RETURNING * INTO v_wallet;
    IF NOT FOUND THEN
      SELECT id INTO v_existing FROM ${s}.ledger_wallets
        WHERE organization_id = p_organization_id AND owner_id = p_owner_id
          AND currency = p_currency AND wallet_type = 'PRIMARY';
      PERFORM ${s}.ledger_reject('PRIMARY_WALLET_EXISTS', json_build_object('walletId', v_existing));
    END IF;
  ELSE
    INSERT INTO ${s}.ledger_wallets (${columns}) VALUES (${values})
      RETURNING * INTO v_wallet;
  END IF;
  RETURN ${s}.ledger_end_write(p_organization_id, p_key,
    json_build_object('kind', 'wallet', 'wallet', ${s}.ledger_wallet_json(v_wallet)));
END $$`,

    // The default SYSTEM wallets a posting brings as candidates (the first deposit or
    // withdrawal of a currency), created in the posting's own transaction: each candidate is
    // inserted unless the organization has a default SYSTEM wallet in its currency already (a
    // racing first use waits here for the other to commit, then finds its wallet). Returns the
    // candidates replaced by existing wallets, as two parallel arrays. A rejected posting rolls
    // the insert back with everything else.
    `CREATE FUNCTION ${s}.ledger_adopt_system_wallets(p_organization_id uuid, p_candidates json,
  OUT candidate_ids uuid[], OUT wallet_ids uuid[])
LANGUAGE plpgsql
AS $$
DECLARE
  v_candidate ${s}.ledger_wallets;
  v_existing uuid;
BEGIN
  candidate_ids := '{}';
  wallet_ids := '{}';
  FOR v_candidate IN SELECT * FROM json_populate_recordset(NULL::${s}.ledger_wallets, p_candidates) LOOP
    INSERT INTO ${s}.ledger_wallets (${columns}) VALUES (p_organization_id, v_candidate.id,
        v_candidate.owner_id, v_candidate.name, v_candidate.wallet_type, true, v_candidate.currency,
        v_candidate.status, v_candidate.balance, v_candidate.held, v_candidate.metadata,
        v_candidate.created_at, v_candidate.updated_at)
      ON CONFLICT (organization_id, currency) WHERE is_default_system DO NOTHING;
    IF NOT FOUND THEN
      SELECT id INTO v_existing FROM ${s}.ledger_wallets
        WHERE organization_id = p_organization_id AND currency = v_candidate.currency
          AND is_default_system;
      candidate_ids := array_append(candidate_ids, v_candidate.id);
      wallet_ids := array_append(wallet_ids, v_existing);
    END IF;
  END LOOP;
END $$`,

    `CREATE FUNCTION ${s}.ledger_set_wallet_status(p_organization_id uuid, p_wallet_id uuid,
  p_status ${s}.ledger_wallet_status, p_now timestamptz, p_key text, p_fingerprint text)
RETURNS json
LANGUAGE plpgsql
AS $$
DECLARE
  v_replay json;
  v_wallet ${s}.ledger_wallets;
BEGIN
  v_replay := ${s}.ledger_begin_write(p_organization_id, p_now, p_key, p_fingerprint,
    json_build_object('walletId', p_wallet_id), true);
  IF v_replay IS NOT NULL THEN
    RETURN v_replay;
  END IF;
  SELECT * INTO v_wallet FROM ${s}.ledger_wallets
    WHERE organization_id = p_organization_id AND id = p_wallet_id FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM ${s}.ledger_reject('NOT_FOUND', json_build_object('walletId', p_wallet_id));
  END IF;
  IF v_wallet.status <> p_status THEN
    UPDATE ${s}.ledger_wallets SET status = p_status, updated_at = p_now
      WHERE organization_id = p_organization_id AND id = p_wallet_id
      RETURNING * INTO v_wallet;
  END IF;
  RETURN ${s}.ledger_end_write(p_organization_id, p_key,
    json_build_object('kind', 'wallet', 'wallet', ${s}.ledger_wallet_json(v_wallet)));
END $$`,
  ];
}

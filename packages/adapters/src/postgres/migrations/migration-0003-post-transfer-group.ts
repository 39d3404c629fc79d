import { Migration } from '@mikro-orm/migrations';
import { quoteSchema } from './quote-schema.js';

/**
 * Group commit: `ledger_post_transfer_group(calls json)` runs many single moves (each the
 * arguments of `ledger_post_transfer`, as a JSON array) in one statement, so one transaction
 * and one WAL flush for all of them. Each runs in its own subtransaction (a PL/pgSQL block
 * with an EXCEPTION clause): one that raises (a rejection, a reused key) is rolled back alone,
 * with its key claim and its locks, and reported as `{code, message, detail}`; the others'
 * results come back as `{ok: document}`, in order.
 *
 * Locks are taken in the order single writes take theirs: first the expired holds of each
 * organization are swept (as of the group's earliest `now`, so no move sees a hold voided
 * before its own time), then every wallet the moves name is locked in id order; the moves then
 * find their wallets locked already and nothing left to sweep. A move that still loses a
 * deadlock or lock race (a key raced by a single write of another process, a SYSTEM wallet
 * read for the first time) ends the group's work: the moves after it are not run and come back
 * as lost races, which the store sends again one by one, instead of each waiting for the
 * deadlock detector in turn. Errors a block cannot catch (a cancelled statement, a lost
 * connection) fail the whole group: nothing of it commits.
 */
export class Migration0003PostTransferGroup extends Migration {
  override up(): void {
    const s = quoteSchema(this.config.get('schema') ?? 'public');
    this.addSql(`CREATE FUNCTION ${s}.ledger_post_transfer_group(p_calls json) RETURNS json
LANGUAGE plpgsql
AS $$
DECLARE
  v_call json;
  v_results json[] := '{}';
  v_detail text;
  v_organization_id uuid;
  v_now timestamptz;
  v_lost boolean := false;
BEGIN
  FOR v_organization_id, v_now IN
      SELECT (c->>0)::uuid, min((c->>1)::timestamptz) FROM json_array_elements(p_calls) c
      GROUP BY 1 ORDER BY 1 LOOP
    IF EXISTS (SELECT 1 FROM ${s}.ledger_transactions WHERE organization_id = v_organization_id
        AND status = 'PENDING' AND expires_at <= v_now) THEN
      PERFORM ${s}.ledger_sweep_holds(v_organization_id, v_now);
    END IF;
  END LOOP;
  PERFORM 1 FROM ${s}.ledger_wallets w
    WHERE (w.organization_id, w.id) IN (
      SELECT (c->>0)::uuid, (c->>8)::uuid FROM json_array_elements(p_calls) c
      UNION SELECT (c->>0)::uuid, (c->>9)::uuid FROM json_array_elements(p_calls) c)
    ORDER BY w.id FOR UPDATE;
  FOR v_call IN SELECT value FROM json_array_elements(p_calls) LOOP
    IF v_lost THEN
      v_results := v_results || json_build_object('code', '40P01',
        'message', 'not run: an earlier move of the group lost a lock race', 'detail', NULL);
      CONTINUE;
    END IF;
    BEGIN
      v_results := v_results || json_build_object('ok', ${s}.ledger_post_transfer(
        (v_call->>0)::uuid, (v_call->>1)::timestamptz, v_call->>2, v_call->>3,
        (v_call->>4)::uuid, (v_call->>5)::${s}.ledger_transaction_type, (v_call->>6)::numeric,
        v_call->>7, (v_call->>8)::uuid, (v_call->>9)::uuid, v_call->>10, v_call->11,
        (v_call->>12)::boolean, (v_call->>13)::timestamptz, (v_call->>14)::uuid,
        (v_call->>15)::uuid, nullif((v_call->16)::text, 'null')::json));
    EXCEPTION WHEN OTHERS THEN
      GET STACKED DIAGNOSTICS v_detail = PG_EXCEPTION_DETAIL;
      v_lost := SQLSTATE IN ('40P01', '40001', '55P03');
      v_results := v_results || json_build_object('code', SQLSTATE, 'message', SQLERRM,
        'detail', nullif(v_detail, ''));
    END;
  END LOOP;
  RETURN array_to_json(v_results);
END $$`);
  }

  override down(): void {
    const s = quoteSchema(this.config.get('schema') ?? 'public');
    this.addSql(`DROP FUNCTION ${s}.ledger_post_transfer_group(json)`);
  }
}

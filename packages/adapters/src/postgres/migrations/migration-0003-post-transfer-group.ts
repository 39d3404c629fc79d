import { Migration } from '@mikro-orm/migrations';
import { quoteSchema } from './quote-schema.js';

/**
 * Group commit: `ledger_post_transfer_group(calls json)` runs many single moves (each the
 * arguments of `ledger_post_transfer`, as a JSON array) in one statement, so one transaction
 * and one WAL flush for all of them. Each runs in its own subtransaction (a PL/pgSQL block
 * with an EXCEPTION clause): one that raises (a rejection, a reused key) is rolled back alone,
 * with its locks, and reported as `{code, message, detail}`; the others' results come back as
 * `{ok: document}`, in order. Every wallet the moves name is locked first, in id order (the
 * order every write of the store locks in), so that two groups, or a group and a single write,
 * wait for each other instead of deadlocking. Errors a block cannot catch (a cancelled
 * statement, a lost connection) fail the whole group: nothing of it commits.
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
BEGIN
  PERFORM 1 FROM ${s}.ledger_wallets w
    WHERE (w.organization_id, w.id) IN (
      SELECT (c->>0)::uuid, (c->>8)::uuid FROM json_array_elements(p_calls) c
      UNION SELECT (c->>0)::uuid, (c->>9)::uuid FROM json_array_elements(p_calls) c)
    ORDER BY w.id FOR UPDATE;
  FOR v_call IN SELECT value FROM json_array_elements(p_calls) LOOP
    BEGIN
      v_results := v_results || json_build_object('ok', ${s}.ledger_post_transfer(
        (v_call->>0)::uuid, (v_call->>1)::timestamptz, v_call->>2, v_call->>3,
        (v_call->>4)::uuid, (v_call->>5)::${s}.ledger_transaction_type, (v_call->>6)::numeric,
        v_call->>7, (v_call->>8)::uuid, (v_call->>9)::uuid, v_call->>10, v_call->11,
        (v_call->>12)::boolean, (v_call->>13)::timestamptz, (v_call->>14)::uuid,
        (v_call->>15)::uuid, nullif((v_call->16)::text, 'null')::json));
    EXCEPTION WHEN OTHERS THEN
      GET STACKED DIAGNOSTICS v_detail = PG_EXCEPTION_DETAIL;
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

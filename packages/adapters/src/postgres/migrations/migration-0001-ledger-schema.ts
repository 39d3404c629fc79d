import { Migration } from '@mikro-orm/migrations';
import { m0001Documents } from './m0001-documents.js';
import { m0001HoldWrites } from './m0001-hold-writes.js';
import { m0001PostTransfers } from './m0001-post-transfers.js';
import { m0001Tables } from './m0001-tables.js';
import { m0001WalletWrites } from './m0001-wallet-writes.js';
import { m0001WriteSteps } from './m0001-write-steps.js';
import { quoteSchema } from './quote-schema.js';

/**
 * The ledger: tables, indexes, and the PL/pgSQL functions every write goes through (one
 * statement, so one round trip, per write). Objects are created in the store's schema (the
 * MikroORM `schema` setting), named explicitly in every statement, so that the functions never
 * depend on a session's search_path.
 */
export class Migration0001LedgerSchema extends Migration {
  override up(): void {
    const s = quoteSchema(this.config.get('schema') ?? 'public');
    for (const sql of [
      ...m0001Tables(s),
      ...m0001Documents(s),
      ...m0001WriteSteps(s),
      ...m0001PostTransfers(s),
      ...m0001HoldWrites(s),
      ...m0001WalletWrites(s),
    ]) {
      this.addSql(sql);
    }
  }

  override down(): void {
    const s = quoteSchema(this.config.get('schema') ?? 'public');
    // Dropping the tables and the plan type drops every function that uses their row types.
    this.addSql(
      `DROP TABLE ${s}.ledger_idempotency_keys, ${s}.ledger_entries, ${s}.ledger_transactions, ${s}.ledger_wallets, ${s}.ledger_organizations CASCADE`,
    );
    this.addSql(`DROP TYPE ${s}.ledger_transfer_plan CASCADE`);
    this.addSql(`DROP FUNCTION ${s}.ledger_ms(timestamptz), ${s}.ledger_reject(text, json)`);
  }
}

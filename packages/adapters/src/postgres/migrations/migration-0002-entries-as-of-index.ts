import { Migration } from '@mikro-orm/migrations';
import { quoteSchema } from './quote-schema.js';

/**
 * An index for balances as of an instant. Without it, EXPLAIN of the as-of query shows an
 * Index Scan Backward over the primary key (wallet_id, sequence) from the wallet's newest entry,
 * filtering on created_at: a cost that grows with the entries posted after the instant (a year
 * of a busy wallet for a year-old balance). With it, the answer is one descent of this index,
 * and INCLUDE (balance_after) makes it an Index Only Scan.
 */
export class Migration0002EntriesAsOfIndex extends Migration {
  override up(): void {
    const s = quoteSchema(this.config.get('schema') ?? 'public');
    this.addSql(
      `CREATE INDEX ledger_entries_as_of ON ${s}.ledger_entries (organization_id, wallet_id, created_at, sequence) INCLUDE (balance_after)`,
    );
  }

  override down(): void {
    const s = quoteSchema(this.config.get('schema') ?? 'public');
    this.addSql(`DROP INDEX ${s}.ledger_entries_as_of`);
  }
}

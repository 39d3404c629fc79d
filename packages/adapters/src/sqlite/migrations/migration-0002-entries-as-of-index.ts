import { Migration } from '@mikro-orm/migrations';

/**
 * An index for balances as of an instant. Found with `EXPLAIN QUERY PLAN` of the as-of query
 * on the initial schema: `SEARCH ledger_entries USING PRIMARY KEY (organization_id=? AND
 * wallet_id=?) | USE TEMP B-TREE FOR ORDER BY`, i.e. every entry of the wallet read and sorted
 * to find one, a cost growing with the wallet's history. With it: `SEARCH ledger_entries USING
 * INDEX ledger_entries_as_of (organization_id=? AND wallet_id=? AND created_at<?)`, one seek.
 */
export class Migration0002EntriesAsOfIndex extends Migration {
  override up(): void {
    this.addSql(
      'CREATE INDEX ledger_entries_as_of ON ledger_entries (organization_id, wallet_id, created_at, sequence)',
    );
  }

  override down(): void {
    this.addSql('DROP INDEX ledger_entries_as_of');
  }
}

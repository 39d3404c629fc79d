import { quoteSchema } from './migrations/quote-schema.js';
import { type Statement, statement } from './postgres-connection.js';

/** The fixed statements of a store, with its schema spelled out in each. */
export interface PostgresStatements {
  readonly postTransfer: Statement;
  readonly postTransfers: Statement;
  readonly postTransferGroup: Statement;
  readonly captureHold: Statement;
  readonly voidHold: Statement;
  readonly reverseTransaction: Statement;
  readonly insertWallet: Statement;
  readonly setWalletStatus: Statement;
  readonly sweepHolds: Statement;
  readonly expiringOrganizations: Statement;
  readonly insertOrganization: Statement;
  readonly getOrganization: Statement;
  readonly getWallet: Statement;
  readonly getTransaction: Statement;
  readonly balanceAsOf: Statement;
  readonly findIdempotencyKey: Statement;
  readonly ping: Statement;
}

/**
 * SQL that answers whether the organization `$1` has a hold that expired at `$<now>`: one
 * probe of the partial index ledger_transactions_expiring. Reads that take `now` return it
 * beside their rows and sweep (then read again) only when it is true, so that a read costs
 * one round trip in the common case.
 */
export function expiredProbe(s: string, now: string): string {
  return `EXISTS (SELECT 1 FROM ${s}.ledger_transactions x
  WHERE x.organization_id = $1 AND x.status = 'PENDING' AND x.expires_at <= ${now})`;
}

/** Builds the statements for a schema. */
export function postgresStatements(schema: string): PostgresStatements {
  const s = quoteSchema(schema);
  const call = (name: string, parameters: number) =>
    statement(
      `SELECT ${s}.${name}(${Array.from({ length: parameters }, (_, i) => `$${i + 1}`).join(', ')}) AS doc`,
    );
  return {
    postTransfer: call('ledger_post_transfer', 17),
    postTransfers: call('ledger_post_transfers', 6),
    postTransferGroup: call('ledger_post_transfer_group', 1),
    captureHold: call('ledger_capture_hold', 8),
    voidHold: call('ledger_void_hold', 5),
    reverseTransaction: call('ledger_reverse_transaction', 11),
    insertWallet: call('ledger_insert_wallet', 14),
    setWalletStatus: call('ledger_set_wallet_status', 6),
    sweepHolds: statement(`SELECT ${s}.ledger_sweep_holds($1, $2) AS swept`),
    expiringOrganizations:
      statement(`SELECT DISTINCT organization_id AS id FROM ${s}.ledger_transactions
WHERE status = 'PENDING' AND expires_at <= $1`),
    insertOrganization: statement(
      `INSERT INTO ${s}.ledger_organizations (id, name, metadata, created_at) VALUES ($1, $2, $3, $4)`,
    ),
    getOrganization: statement(
      `SELECT ${s}.ledger_organization_json(o) AS doc FROM ${s}.ledger_organizations o WHERE o.id = $1`,
    ),
    getWallet: statement(`SELECT ${expiredProbe(s, '$3')} AS expired,
  (SELECT ${s}.ledger_wallet_json(w) FROM ${s}.ledger_wallets w
   WHERE w.organization_id = $1 AND w.id = $2) AS doc`),
    getTransaction: statement(`SELECT ${expiredProbe(s, '$3')} AS expired,
  (SELECT ${s}.ledger_transaction_document(t) FROM ${s}.ledger_transactions t
   WHERE t.organization_id = $1 AND t.id = $2) AS doc`),
    // The last entry at or before the instant: a wallet's entry times never decrease along its
    // sequence, so this is the balance then (ledger_entries_as_of answers it in one descent).
    balanceAsOf: statement(`SELECT balance_after::text AS balance FROM ${s}.ledger_entries
WHERE organization_id = $1 AND wallet_id = $2 AND created_at <= $3
ORDER BY created_at DESC, sequence DESC LIMIT 1`),
    findIdempotencyKey:
      statement(`SELECT fingerprint, result, ${s}.ledger_ms(created_at) AS created_at
FROM ${s}.ledger_idempotency_keys WHERE organization_id = $1 AND key = $2 AND result IS NOT NULL`),
    ping: statement('SELECT 1 AS ok'),
  };
}

// The PostgreSQL baseline: raw `pg` doing the same transfer as the store (BEGIN; lock both
// wallets FOR UPDATE in id order; check; update both; insert the transaction and its two
// entries; COMMIT), on tables of the same migrations in a schema of its own, with prepared
// statements. A batch is what a raw implementation would do with N transfers in one
// BEGIN..COMMIT: lock all their wallets in id order with one statement, check and apply the
// transfers in order in JavaScript, then write the wallets, transactions and entries with one
// set-based statement each (4 round trips, whatever N).
import { migratePostgres } from '@vaultcraft/adapters/postgres';
import pg from 'pg';
import type { LedgerSide } from './sql-workloads.js';
import { fundingMinor, walletCount } from './workload.js';

interface LockedWallet {
  readonly id: string;
  readonly balance: string;
  readonly held: string;
  readonly last_sequence: string;
  readonly last_entry_at: Date | null;
}

/** The baseline's statements, prepared once per connection like the store's. */
const sql = {
  lock: {
    name: 'lock',
    text: `SELECT id, balance, held, last_sequence, last_entry_at FROM baseline.ledger_wallets
      WHERE organization_id = $1 AND id = ANY ($2::uuid[]) ORDER BY id FOR UPDATE`,
  },
  update: {
    name: 'update',
    text: `UPDATE baseline.ledger_wallets SET balance = balance + $3, last_sequence = last_sequence + 1,
      last_entry_at = $4, updated_at = $5 WHERE organization_id = $1 AND id = $2`,
  },
  transaction: {
    name: 'transaction',
    text: `INSERT INTO baseline.ledger_transactions (organization_id, id, transaction_type, status, amount,
      currency, from_wallet_id, to_wallet_id, metadata, created_at, completed_at)
      VALUES ($1, $2, 'TRANSFER', 'COMPLETED', $3, 'USD', $4, $5, '{}', $6, $6)`,
  },
  entries: {
    name: 'entries',
    text: `INSERT INTO baseline.ledger_entries VALUES
      ($1, $5, $6, $7, $2, 'DEBIT', $3, $8, $4), ($1, $9, $10, $11, $2, 'CREDIT', $3, $12, $4)`,
  },
  updateAll: {
    name: 'update-all',
    text: `UPDATE baseline.ledger_wallets AS w SET balance = v.balance, last_sequence = v.last_sequence,
      last_entry_at = v.last_entry_at, updated_at = $5
      FROM unnest($2::uuid[], $3::numeric[], $4::bigint[], $6::timestamptz[])
        AS v (id, balance, last_sequence, last_entry_at)
      WHERE w.organization_id = $1 AND w.id = v.id`,
  },
  transactionsAll: {
    name: 'transactions-all',
    text: `INSERT INTO baseline.ledger_transactions (organization_id, id, transaction_type, status, amount,
      currency, from_wallet_id, to_wallet_id, metadata, created_at, completed_at)
      SELECT $1, id, 'TRANSFER', 'COMPLETED', amount, 'USD', from_id, to_id, '{}', at, at
      FROM unnest($2::uuid[], $3::numeric[], $4::uuid[], $5::uuid[], $6::timestamptz[])
        AS t (id, amount, from_id, to_id, at)`,
  },
  entriesAll: {
    name: 'entries-all',
    text: `INSERT INTO baseline.ledger_entries
      SELECT $1, wallet_id, sequence, id, transaction_id, direction::baseline.ledger_entry_direction,
        amount, balance_after, at
      FROM unnest($2::uuid[], $3::bigint[], $4::uuid[], $5::uuid[], $6::text[], $7::numeric[],
        $8::numeric[], $9::timestamptz[])
        AS e (wallet_id, sequence, id, transaction_id, direction, amount, balance_after, at)`,
  },
};

/** One transfer's statements on a connection already inside a transaction. */
async function post(
  client: pg.PoolClient,
  organizationId: string,
  from: string,
  to: string,
  amountMinor: bigint,
): Promise<void> {
  const locked = await client.query<LockedWallet>({
    ...sql.lock,
    values: [organizationId, [from, to]],
  });
  const source = locked.rows.find((row) => row.id === from)!;
  const target = locked.rows.find((row) => row.id === to)!;
  if (BigInt(source.balance) - BigInt(source.held) < amountMinor)
    throw new Error('insufficient funds');
  const now = new Date();
  const postedAt = new Date(
    Math.max(
      now.getTime(),
      source.last_entry_at?.getTime() ?? 0,
      target.last_entry_at?.getTime() ?? 0,
    ),
  );
  const amount = amountMinor.toString();
  await client.query({
    ...sql.update,
    values: [organizationId, from, `-${amount}`, postedAt, now],
  });
  await client.query({ ...sql.update, values: [organizationId, to, amount, postedAt, now] });
  const id = crypto.randomUUID();
  await client.query({
    ...sql.transaction,
    values: [organizationId, id, amount, from, to, postedAt],
  });
  const entry = (wallet: LockedWallet, balanceAfter: bigint) =>
    [
      wallet.id,
      BigInt(wallet.last_sequence) + 1n,
      crypto.randomUUID(),
      balanceAfter.toString(),
    ] as const;
  await client.query({
    ...sql.entries,
    values: [
      organizationId,
      id,
      amount,
      postedAt,
      ...entry(source, BigInt(source.balance) - amountMinor),
      ...entry(target, BigInt(target.balance) + amountMinor),
    ],
  });
}

/** A batch's transfers, in order, on a connection already inside a transaction. */
async function postBatch(
  client: pg.PoolClient,
  organizationId: string,
  transfers: readonly { from: string; to: string; amountMinor: bigint }[],
): Promise<void> {
  const ids = [...new Set(transfers.flatMap(({ from, to }) => [from, to]))];
  const locked = await client.query<LockedWallet>({ ...sql.lock, values: [organizationId, ids] });
  const wallets = new Map(
    locked.rows.map((row) => [
      row.id,
      {
        balance: BigInt(row.balance),
        held: BigInt(row.held),
        sequence: BigInt(row.last_sequence),
        lastEntryAt: row.last_entry_at?.getTime() ?? 0,
      },
    ]),
  );
  const now = new Date();
  // Column arrays for the set-based inserts, in the order of their statement's parameters.
  const transactions = {
    id: [] as string[],
    amount: [] as string[],
    from: [] as string[],
    to: [] as string[],
    at: [] as Date[],
  };
  const entries = {
    walletId: [] as string[],
    sequence: [] as string[],
    id: [] as string[],
    transactionId: [] as string[],
    direction: [] as string[],
    amount: [] as string[],
    balanceAfter: [] as string[],
    at: [] as Date[],
  };
  for (const { from, to, amountMinor } of transfers) {
    const [source, target] = [wallets.get(from)!, wallets.get(to)!];
    if (source.balance - source.held < amountMinor) throw new Error('insufficient funds');
    const at = new Date(Math.max(now.getTime(), source.lastEntryAt, target.lastEntryAt));
    const id = crypto.randomUUID();
    const amount = amountMinor.toString();
    transactions.id.push(id);
    transactions.amount.push(amount);
    transactions.from.push(from);
    transactions.to.push(to);
    transactions.at.push(at);
    for (const [walletId, wallet, direction, delta] of [
      [from, source, 'DEBIT', -amountMinor],
      [to, target, 'CREDIT', amountMinor],
    ] as const) {
      wallet.balance += delta;
      wallet.sequence += 1n;
      wallet.lastEntryAt = at.getTime();
      entries.walletId.push(walletId);
      entries.sequence.push(wallet.sequence.toString());
      entries.id.push(crypto.randomUUID());
      entries.transactionId.push(id);
      entries.direction.push(direction);
      entries.amount.push(amount);
      entries.balanceAfter.push(wallet.balance.toString());
      entries.at.push(at);
    }
  }
  const states = [...wallets.entries()];
  await client.query({
    ...sql.updateAll,
    values: [
      organizationId,
      states.map(([id]) => id),
      states.map(([, wallet]) => wallet.balance.toString()),
      states.map(([, wallet]) => wallet.sequence.toString()),
      now,
      states.map(([, wallet]) => new Date(wallet.lastEntryAt)),
    ],
  });
  await client.query({
    ...sql.transactionsAll,
    values: [organizationId, ...Object.values(transactions)],
  });
  await client.query({ ...sql.entriesAll, values: [organizationId, ...Object.values(entries)] });
}

/**
 * Migrates the `baseline` schema of `url`, sets up an organization with `walletCount` funded
 * wallets, and returns its transfers and batches on a pool of `poolSize` connections.
 */
export async function rawPostgresSide(
  url: string,
  poolSize: number,
): Promise<LedgerSide & { close(): Promise<void> }> {
  await migratePostgres({ url, schema: 'baseline' });
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const organizationId = crypto.randomUUID();
  const wallets = Array.from({ length: walletCount }, () => crypto.randomUUID());
  await pool.query(
    "INSERT INTO baseline.ledger_organizations VALUES ($1, 'Baseline', '{}', now())",
    [organizationId],
  );
  await pool.query(
    `INSERT INTO baseline.ledger_wallets (organization_id, id, owner_id, name, wallet_type, currency,
       status, balance, held, metadata, created_at, updated_at)
     SELECT $1, id, id::text, 'W', 'PRIMARY', 'USD', 'ACTIVE', $3, 0, '{}', now(), now()
     FROM unnest($2::uuid[]) AS id`,
    [organizationId, wallets, fundingMinor.toString()],
  );
  const inTransaction = async (write: (client: pg.PoolClient) => Promise<void>) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await write(client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  };
  const expected = (fundingMinor * BigInt(walletCount)).toString();
  return {
    transfer: (move) =>
      inTransaction((client) =>
        post(client, organizationId, wallets[move.from]!, wallets[move.to]!, move.amountMinor),
      ),
    batch: (moves) =>
      inTransaction((client) =>
        postBatch(
          client,
          organizationId,
          moves.map((move) => ({
            from: wallets[move.from]!,
            to: wallets[move.to]!,
            amountMinor: move.amountMinor,
          })),
        ),
      ),
    async checkTotals() {
      const { rows } = await pool.query<{ total: string }>(
        'SELECT sum(balance)::text AS total FROM baseline.ledger_wallets WHERE organization_id = $1',
        [organizationId],
      );
      if (rows[0]?.total !== expected)
        throw new Error(`raw pg: balances sum to ${rows[0]?.total}, not ${expected}`);
    },
    close: () => pool.end(),
  };
}

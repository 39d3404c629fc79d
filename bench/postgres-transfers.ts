// PostgreSQL benchmark: transfers through the engine on the PostgreSQL store beside a raw `pg`
// baseline of the same transfer (BEGIN; lock both wallets FOR UPDATE in id order; check; update
// both; insert the transaction and its two entries; COMMIT), on identical tables (the baseline's
// schema is made by the same migrations), with the same concurrency, in the same process, on a
// throwaway cluster with PostgreSQL's durability settings on (fsync, synchronous_commit).

import {
  migratePostgres,
  openPostgresStore,
  type PostgresStore,
} from '@vaultcraft/adapters/postgres';
import { createVault, type OrganizationScope } from '@vaultcraft/core';
import pg from 'pg';
import { startPostgresCluster } from '../packages/adapters/test/postgres-cluster.js';
import type { Measurement, Row } from './measure.js';
import { fundingMinor, type Move, moves, walletCount } from './workload.js';

const clients = 8;
/** Alternating slices per workload (see measurePair). */
const slices = 6;

/** Latencies (ms) and CPU time of some calls, to be combined across rounds. */
interface Sample {
  readonly latencies: number[];
  seconds: number;
  cpuMicros: number;
}

/**
 * Runs `operation` over `indexes` from `concurrency` callers at once (each taking the next index
 * when its previous call is done; 1 is sequential), adding each call's latency, the elapsed time
 * and the process's CPU time to `sample`.
 */
async function runCalls(
  sample: Sample,
  indexes: readonly number[],
  concurrency: number,
  operation: (index: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const caller = async () => {
    for (let position = next++; position < indexes.length; position = next++) {
      const callStarted = performance.now();
      await operation(indexes[position]!);
      sample.latencies.push(performance.now() - callStarted);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, caller));
  sample.seconds += (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  sample.cpuMicros += cpu.user + cpu.system;
}

function toMeasurement(labels: { store: string; workload: string }, sample: Sample): Measurement {
  const latencies = Float64Array.from(sample.latencies).sort();
  const count = latencies.length;
  return {
    ...labels,
    operations: count,
    seconds: sample.seconds,
    perSecond: count / sample.seconds,
    p50Micros: (latencies[Math.floor(count * 0.5)] ?? 0) * 1000,
    p99Micros: (latencies[Math.floor(count * 0.99)] ?? 0) * 1000,
    cpuMicrosPerOperation: sample.cpuMicros / count,
  };
}

/**
 * Measures both sides on the same moves, alternating slices (engine, baseline, engine, ...), so
 * that a change of load on the machine during the run weighs on both alike.
 */
async function measurePair(
  workload: { name: string; concurrency: number },
  moveCount: number,
  sides: {
    engine: (index: number) => Promise<unknown>;
    baseline: (index: number) => Promise<unknown>;
  },
): Promise<{ measurement: Measurement; baseline: Measurement }> {
  const engine: Sample = { latencies: [], seconds: 0, cpuMicros: 0 };
  const baseline: Sample = { latencies: [], seconds: 0, cpuMicros: 0 };
  const slice = Math.ceil(moveCount / slices);
  for (let start = 0; start < moveCount; start += slice) {
    const indexes = Array.from({ length: Math.min(slice, moveCount - start) }, (_, i) => start + i);
    await runCalls(engine, indexes, workload.concurrency, sides.engine);
    await runCalls(baseline, indexes, workload.concurrency, sides.baseline);
  }
  return {
    measurement: toMeasurement(
      { store: 'postgres', workload: `engine transfer, ${workload.name}` },
      engine,
    ),
    baseline: toMeasurement(
      { store: 'postgres', workload: `raw pg BEGIN..COMMIT, ${workload.name}` },
      baseline,
    ),
  };
}

function decimal(minor: bigint): string {
  return `${minor / 100n}.${String(minor % 100n).padStart(2, '0')}`;
}

/** The engine on the PostgreSQL store, with 1000 funded wallets. */
async function engineSide(url: string) {
  const store: PostgresStore = await openPostgresStore({
    url,
    schema: 'ledger',
    poolSize: clients,
  });
  const vault = createVault({ store });
  const organization = await vault.organizations.create({ name: 'Bench' });
  const scope: OrganizationScope = vault.organization(organization.id);
  const wallets: string[] = [];
  for (let index = 0; index < walletCount; index += 1) {
    const wallet = await scope.wallets.create({
      name: `W${index}`,
      walletType: 'PRIMARY',
      currency: 'USD',
      ownerId: `owner-${index}`,
    });
    await scope.transactions.deposit({ walletId: wallet.id, amount: decimal(fundingMinor) });
    wallets.push(wallet.id);
  }
  const transfer = (move: Move) =>
    scope.transactions.transfer({
      fromWalletId: wallets[move.from]!,
      toWalletId: wallets[move.to]!,
      amount: decimal(move.amountMinor),
    });
  return { store, vault, organizationId: organization.id, transfer };
}

interface LockedWallet {
  readonly id: string;
  readonly balance: string;
  readonly held: string;
  readonly last_sequence: string;
  readonly last_entry_at: Date | null;
}

/** The baseline's statements, prepared once per connection like the store's. */
const baselineSql = {
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
};

/** The raw `pg` baseline on tables of the same migrations, with 1000 funded wallets. */
async function baselineSide(url: string) {
  await migratePostgres({ url, schema: 'baseline' });
  const pool = new pg.Pool({ connectionString: url, max: clients });
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
  const transfer = async (move: Move) => {
    const [from, to] = [wallets[move.from]!, wallets[move.to]!];
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const locked = await client.query<LockedWallet>({
        ...baselineSql.lock,
        values: [organizationId, [from, to]],
      });
      const source = locked.rows.find((row) => row.id === from)!;
      const target = locked.rows.find((row) => row.id === to)!;
      if (BigInt(source.balance) - BigInt(source.held) < move.amountMinor)
        throw new Error('insufficient funds');
      const now = new Date();
      const postedAt = new Date(
        Math.max(
          now.getTime(),
          source.last_entry_at?.getTime() ?? 0,
          target.last_entry_at?.getTime() ?? 0,
        ),
      );
      const amount = move.amountMinor.toString();
      await client.query({
        ...baselineSql.update,
        values: [organizationId, from, `-${amount}`, postedAt, now],
      });
      await client.query({
        ...baselineSql.update,
        values: [organizationId, to, amount, postedAt, now],
      });
      const id = crypto.randomUUID();
      await client.query({
        ...baselineSql.transaction,
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
        ...baselineSql.entries,
        values: [
          organizationId,
          id,
          amount,
          postedAt,
          ...entry(source, BigInt(source.balance) - move.amountMinor),
          ...entry(target, BigInt(target.balance) + move.amountMinor),
        ],
      });
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  };
  return { pool, organizationId, transfer };
}

/** Fails the run when money appeared or vanished on either side. */
async function checkTotals(
  pool: pg.Pool,
  organizationIds: { ledger: string; baseline: string },
): Promise<void> {
  const expected = (fundingMinor * BigInt(walletCount)).toString();
  for (const [schema, organizationId] of Object.entries(organizationIds)) {
    const { rows } = await pool.query<{ customers: string; everything: string }>(
      `SELECT sum(balance) FILTER (WHERE wallet_type <> 'SYSTEM')::text AS customers, sum(balance)::text AS everything
       FROM ${schema}.ledger_wallets WHERE organization_id = $1`,
      [organizationId],
    );
    const { customers, everything } = rows[0]!;
    if (customers !== expected)
      throw new Error(`${schema}: customer balances sum to ${customers}, not ${expected}`);
    if (schema === 'ledger' && everything !== '0')
      throw new Error(`${schema}: balances sum to ${everything}, not 0`);
  }
}

/**
 * Runs the three PostgreSQL workloads — 1 caller sequential, 8 concurrent callers over random
 * wallets, 8 concurrent callers on one hot wallet — each through the engine and through the raw
 * `pg` baseline, and returns one row per workload. Money totals are checked after each, and the
 * ledger is verified at the end.
 */
export async function runPostgresBench(options: { quick: boolean }): Promise<Row[]> {
  const counts = options.quick
    ? { sequential: 200, concurrent: 800, warmup: 100 }
    : { sequential: 3000, concurrent: 12_000, warmup: 500 };
  const cluster = await startPostgresCluster({ durable: true, maxConnections: 100 });
  const admin = new pg.Pool({ connectionString: cluster.url, max: 2 });
  try {
    await admin.query('CREATE DATABASE vaultcraft_bench');
    const url = cluster.url.replace(/\/postgres$/, '/vaultcraft_bench');
    const engine = await engineSide(url);
    const baseline = await baselineSide(url);
    const checks = new pg.Pool({ connectionString: url, max: 1 });
    const ids = { ledger: engine.organizationId, baseline: baseline.organizationId };
    const rows: Row[] = [];
    const workloads = [
      { name: '1 caller', concurrency: 1, count: counts.sequential, hot: false },
      {
        name: `${clients} callers, random wallets`,
        concurrency: clients,
        count: counts.concurrent,
        hot: false,
      },
      {
        name: `${clients} callers, one hot wallet`,
        concurrency: clients,
        count: counts.concurrent,
        hot: true,
      },
    ];
    try {
      for (const [index, workload] of workloads.entries()) {
        const plan = moves(workload.count, 1000 + index, workload.hot);
        const warmup = moves(counts.warmup, 2000 + index, workload.hot);
        await measurePair(workload, warmup.length, {
          engine: (i) => engine.transfer(warmup[i]!),
          baseline: (i) => baseline.transfer(warmup[i]!),
        });
        const measured = await measurePair(workload, plan.length, {
          engine: (i) => engine.transfer(plan[i]!),
          baseline: (i) => baseline.transfer(plan[i]!),
        });
        await checkTotals(checks, ids);
        const ratio = measured.measurement.perSecond / measured.baseline.perSecond;
        rows.push({ ...measured, goal: '>= 1.00x raw pg', met: ratio >= 1 });
      }
      const report = await engine.vault.verify({ organizationId: engine.organizationId });
      if (!report.ok)
        throw new Error(
          `ledger invariants broken after the benchmark: ${report.violations[0]?.message}`,
        );
    } finally {
      await checks.end();
      await engine.store.close();
      await baseline.pool.end();
    }
    return rows;
  } finally {
    await admin.end();
    await cluster.stop();
  }
}

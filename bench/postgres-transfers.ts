// PostgreSQL benchmark: transfers through the engine on the PostgreSQL store beside a raw `pg`
// baseline of the same transfer (see postgres-raw.ts), on identical tables (the baseline's
// schema is made by the same migrations), with the same concurrency, in the same process, on a
// throwaway cluster with PostgreSQL's durability settings on (see postgres-database.ts).
import { openPostgresStore, type PostgresStoreOptions } from '@vaultcraft/adapters/postgres';
import pg from 'pg';
import {
  checkWalletSums,
  type EngineLedger,
  engineSide,
  setUpEngineLedger,
  verifyOrFail,
} from './engine-ledger.js';
import type { Row } from './measure.js';
import { createBenchDatabase } from './postgres-database.js';
import { rawPostgresSide } from './postgres-raw.js';
import { runSqlWorkloads, type SqlWorkload, sqlWorkloads } from './sql-workloads.js';

/** A way to open the store: a row group of its own in the table. */
export interface PostgresMode {
  /** The table's store column reads `postgres <label>`. */
  readonly label: string;
  /** Passed to `openPostgresStore` after the benchmark's url, schema and pool size. */
  readonly options: Omit<PostgresStoreOptions, 'url' | 'schema' | 'migrate'>;
}

/** The modes every PostgreSQL workload runs in, one line each (all durable: see goals.ts). */
export const postgresModes: readonly PostgresMode[] = [
  { label: 'group commit', options: {} },
  { label: '1 statement per write', options: { groupCommit: false } },
];

/** Connections of the store's and the baseline's pools: one per caller at most. */
const poolSize = Math.max(...sqlWorkloads.map((workload) => workload.concurrency));

function describeBaseline(workload: SqlWorkload): string {
  if (workload.batchSize > 1)
    return `raw pg, ${workload.batchSize.toLocaleString('en-US')} transfers in 1 BEGIN..COMMIT`;
  return `raw pg BEGIN..COMMIT, ${workload.name}`;
}

/** Money check of the engine's ledger, read with SQL on a connection of its own. */
function engineTotals(checks: pg.Pool, ledger: EngineLedger) {
  return async () => {
    const { rows } = await checks.query<{ balance: string; system: boolean }>(
      `SELECT balance::text, wallet_type = 'SYSTEM' AS system FROM ledger.ledger_wallets
       WHERE organization_id = $1`,
      [ledger.organizationId],
    );
    checkWalletSums(
      'postgres store',
      rows.map((row) => ({ balance: BigInt(row.balance), system: row.system })),
    );
  };
}

async function runModes(url: string, quick: boolean): Promise<Row[]> {
  const setup = await openPostgresStore({ url, schema: 'ledger', poolSize });
  const ledger = await setUpEngineLedger(setup);
  await setup.close();
  const baseline = await rawPostgresSide(url, poolSize);
  const checks = new pg.Pool({ connectionString: url, max: 1 });
  const rows: Row[] = [];
  try {
    for (const [index, mode] of postgresModes.entries()) {
      const label = `postgres ${mode.label}`;
      const store = await openPostgresStore({ url, schema: 'ledger', poolSize, ...mode.options });
      try {
        const engine = engineSide(store, ledger, engineTotals(checks, ledger));
        rows.push(
          ...(await runSqlWorkloads({
            store: 'postgres',
            label,
            durable: true,
            engine,
            baseline,
            describeBaseline,
            quick,
            seed: 1000 + 1000 * index,
          })),
        );
        await verifyOrFail(label, engine.vault, ledger.organizationId);
      } finally {
        await store.close();
      }
    }
  } finally {
    await checks.end();
    await baseline.close();
  }
  return rows;
}

/**
 * The PostgreSQL rows of `pnpm bench`: every SQL workload in every mode of
 * {@link postgresModes}, each through the engine and through the raw `pg` baseline. One
 * ledger per side (1,000 funded wallets) is set up first (not measured); the money is checked
 * after each workload and the engine's ledger verified after each mode.
 */
export async function runPostgresBench(options: { quick: boolean }): Promise<Row[]> {
  return runModes(await createBenchDatabase('vaultcraft_bench'), options.quick);
}

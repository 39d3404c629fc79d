// SQLite store benchmarks: the engine on `openSqliteStore` (WAL) beside raw better-sqlite3
// doing the same transfers on the same schema, in the same run, for every SQL workload and
// every mode of the store. See docs/sqlite-store.md.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore, type SqliteStoreOptions } from '@vaultcraft/adapters/sqlite';
import Database from 'better-sqlite3';
import {
  checkWalletSums,
  type EngineLedger,
  engineSide,
  setUpEngineLedger,
  verifyOrFail,
} from './engine-ledger.js';
import type { Row } from './measure.js';
import { runSqlWorkloads, type SqlWorkload } from './sql-workloads.js';
import { rawSqliteSide, setUpRawSqlite } from './sqlite-raw.js';

/** A way to open the store: a row group of its own in the table. */
export interface SqliteMode {
  /** The table's store column reads `sqlite <label>`. */
  readonly label: string;
  /** Passed to `openSqliteStore` with the benchmark's path. */
  readonly options: Omit<SqliteStoreOptions, 'path' | 'migrate'>;
}

/**
 * The modes every SQLite workload runs in, one line each. The raw baseline of a mode uses the
 * mode's `synchronous` (default `FULL`), and a mode counts as durable, for the goals, when that
 * is `FULL`.
 */
export const sqliteModes: readonly SqliteMode[] = [
  { label: 'FULL, group commit', options: { synchronous: 'FULL' } },
  { label: 'FULL, 1 commit per write', options: { synchronous: 'FULL', groupCommit: false } },
  { label: 'NORMAL, group commit', options: { synchronous: 'NORMAL' } },
];

function describeBaseline(workload: SqlWorkload): string {
  if (workload.batchSize > 1)
    return `raw better-sqlite3, ${workload.batchSize.toLocaleString('en-US')} transfers in 1 transaction`;
  const callers = workload.concurrency === 1 ? '' : ' (serialized)';
  return `raw better-sqlite3, ${workload.name}${callers}, 1 per transaction`;
}

/** Money check of the engine's ledger, read straight from the file by another connection. */
function engineTotals(path: string, ledger: EngineLedger) {
  return async () => {
    const reader = new Database(path, { readonly: true });
    try {
      const rows = reader
        .prepare(
          "SELECT balance, wallet_type = 'SYSTEM' AS system FROM ledger_wallets WHERE organization_id = ?",
        )
        .all(ledger.organizationId) as { balance: string; system: number }[];
      checkWalletSums(
        'sqlite store',
        rows.map((row) => ({ balance: BigInt(row.balance), system: row.system === 1 })),
      );
    } finally {
      reader.close();
    }
  };
}

async function runMode(
  mode: SqliteMode,
  seed: number,
  files: { engine: string; raw: string },
  ledgers: { engine: EngineLedger; raw: EngineLedger },
  quick: boolean,
): Promise<Row[]> {
  const synchronous = mode.options.synchronous ?? 'FULL';
  const store = await openSqliteStore({ path: files.engine, ...mode.options });
  const engine = engineSide(store, ledgers.engine, engineTotals(files.engine, ledgers.engine));
  const raw = rawSqliteSide(files.raw, ledgers.raw, synchronous);
  const label = `sqlite ${mode.label}`;
  try {
    const rows = await runSqlWorkloads({
      store: 'sqlite',
      label,
      durable: synchronous === 'FULL',
      engine,
      baseline: raw,
      describeBaseline,
      quick,
      seed,
    });
    await verifyOrFail(label, engine.vault, ledgers.engine.organizationId);
    return rows;
  } finally {
    raw.close();
    await store.close();
  }
}

/**
 * The SQLite rows of `pnpm bench`: every SQL workload in every mode of {@link sqliteModes},
 * beside raw better-sqlite3. One engine ledger and one baseline ledger (1,000 funded wallets
 * each) are set up with `synchronous=NORMAL` (setup is not measured) and reopened in each
 * mode. The money is checked after every workload and the engine's ledger verified after each
 * mode.
 */
export async function runSqliteBench(options: { quick: boolean }): Promise<Row[]> {
  const directory = mkdtempSync(join(tmpdir(), 'vaultcraft-bench-'));
  try {
    const files = { engine: join(directory, 'engine.sqlite'), raw: join(directory, 'raw.sqlite') };
    const setup = await openSqliteStore({ path: files.engine, synchronous: 'NORMAL' });
    const engineLedger = await setUpEngineLedger(setup);
    await setup.close();
    const ledgers = { engine: engineLedger, raw: await setUpRawSqlite(files.raw) };
    const rows: Row[] = [];
    for (const [index, mode] of sqliteModes.entries())
      rows.push(...(await runMode(mode, 7 + 1000 * index, files, ledgers, options.quick)));
    return rows;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

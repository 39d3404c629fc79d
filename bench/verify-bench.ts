// `--only=verify`: how fast `verifyLedger` checks a large ledger, and how much memory it takes
// doing so, on SQLite and on PostgreSQL, at two sizes of the same ledger (N and 2N entries over
// the same 1,000 wallets). Verification streams rows in bounded pages and keeps a few numbers
// per wallet, so its memory should be the same at both sizes while its time doubles.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuUsage, memoryUsage } from 'node:process';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { openPostgresStore } from '@vaultcraft/adapters/postgres';
import { openSqliteStore } from '@vaultcraft/adapters/sqlite';
import { createVault, formatMinor, type LedgerStore, verifyLedger } from '@vaultcraft/core';
import { type EngineLedger, setUpEngineLedger } from './engine-ledger.js';
import { markdownTable } from './markdown-table.js';
import { formatDecimal, formatInteger } from './measure.js';
import { createBenchDatabase } from './postgres-database.js';
import { moves } from './workload.js';

/** One verification of a ledger. */
export interface VerifyRow {
  readonly store: string;
  readonly entries: number;
  readonly transactions: number;
  readonly wallets: number;
  readonly seconds: number;
  readonly entriesPerSecond: number;
  readonly cpuMicrosPerEntry: number;
  /** Highest heap use while verifying, above the heap after a full GC before it. */
  readonly heapPeakGrowthBytes: number;
  /** Heap after a full GC after verifying, above the heap after a full GC before it. */
  readonly heapRetainedGrowthBytes: number;
  /** Highest resident set size while verifying, above the RSS before it. */
  readonly rssPeakGrowthBytes: number;
}

/** A full garbage collection: `gc()` of `--expose-gc`, enabled here when Node lacks the flag. */
const collectGarbage: () => void = (() => {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed !== undefined) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

const batchSize = 1000;

/** Adds batches of 1,000 random transfers (2,000 entries each) until the ledger has `entries`. */
async function grow(
  store: LedgerStore,
  ledger: EngineLedger,
  from: number,
  entries: number,
): Promise<number> {
  const scope = createVault({ store }).organization(ledger.organizationId);
  let count = from;
  for (let seed = 1 + count; count < entries; seed += 1) {
    const transfers = moves(batchSize, seed).map((move) => ({
      fromWalletId: ledger.walletIds[move.from]!,
      toWalletId: ledger.walletIds[move.to]!,
      amount: formatMinor(move.amountMinor, 2),
    }));
    await scope.transactions.batch({ transfers });
    count += 2 * batchSize;
  }
  return count;
}

/** Verifies the ledger, sampling memory at every progress report (each 1,000 rows read). */
async function measureVerify(store: LedgerStore, label: string, ledger: EngineLedger) {
  collectGarbage();
  const before = memoryUsage();
  let heapPeak = before.heapUsed;
  let rssPeak = before.rss;
  const sample = () => {
    const now = memoryUsage();
    heapPeak = Math.max(heapPeak, now.heapUsed);
    rssPeak = Math.max(rssPeak, now.rss);
  };
  const cpuBefore = cpuUsage();
  const started = performance.now();
  const report = await verifyLedger(store, {
    organizationId: ledger.organizationId,
    onProgress: sample,
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuUsage(cpuBefore);
  sample();
  if (!report.ok)
    throw new Error(`${label}: verify found a broken invariant: ${report.violations[0]?.message}`);
  collectGarbage();
  const { entries, transactions, wallets } = report.checked;
  return {
    store: label,
    entries,
    transactions,
    wallets,
    seconds,
    entriesPerSecond: entries / seconds,
    cpuMicrosPerEntry: (cpu.user + cpu.system) / entries,
    heapPeakGrowthBytes: heapPeak - before.heapUsed,
    heapRetainedGrowthBytes: memoryUsage().heapUsed - before.heapUsed,
    rssPeakGrowthBytes: rssPeak - before.rss,
  } satisfies VerifyRow;
}

/** Grows one store's ledger to each size in turn and verifies it there. */
async function benchStore(
  label: string,
  open: () => Promise<LedgerStore>,
  sizes: readonly number[],
): Promise<VerifyRow[]> {
  const store = await open();
  try {
    const ledger = await setUpEngineLedger(store);
    // The deposit and the funding batch: 2 + 2 x 999 entries. A first small verification
    // warms up the code (JIT) before the measured ones.
    let entries = await grow(store, ledger, 2000, 4000);
    await measureVerify(store, label, ledger);
    const rows: VerifyRow[] = [];
    for (const size of sizes) {
      entries = await grow(store, ledger, entries, size);
      rows.push(await measureVerify(store, label, ledger));
      console.error(`  ${label}: verified ${formatInteger(entries)} entries`);
    }
    return rows;
  } finally {
    await store.close();
  }
}

/**
 * The verify rows of `pnpm bench`: ledgers of N and 2N entries (10,000 and 20,000 with
 * `--quick`, 100,000 and 200,000 otherwise) on SQLite (WAL, `synchronous=NORMAL` while
 * building it: the build is not measured) and PostgreSQL, each verified once at each size.
 */
export async function runVerifyBench(options: { quick: boolean }): Promise<VerifyRow[]> {
  const sizes = options.quick ? [10_000, 20_000] : [100_000, 200_000];
  const directory = mkdtempSync(join(tmpdir(), 'vaultcraft-verify-bench-'));
  const rows: VerifyRow[] = [];
  try {
    const path = join(directory, 'ledger.sqlite');
    const sqlite = () => openSqliteStore({ path, synchronous: 'NORMAL' });
    rows.push(...(await benchStore('sqlite', sqlite, sizes)));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  const url = await createBenchDatabase('vaultcraft_verify_bench');
  rows.push(...(await benchStore('postgres', () => openPostgresStore({ url }), sizes)));
  return rows;
}

const megabytes = (bytes: number) => formatDecimal(bytes / 1024 / 1024);

/** The verify rows as a Markdown table. */
export function printVerifyTable(rows: readonly VerifyRow[]): string {
  const right = 'right' as const;
  return markdownTable(
    [
      { title: 'store' },
      { title: 'entries', align: right },
      { title: 'transactions', align: right },
      { title: 'wallets', align: right },
      { title: 'seconds', align: right },
      { title: 'entries/s', align: right },
      { title: 'CPU µs/entry', align: right },
      { title: 'heap peak growth MiB', align: right },
      { title: 'heap retained growth MiB', align: right },
      { title: 'RSS peak growth MiB', align: right },
    ],
    rows.map((row) => [
      row.store,
      formatInteger(row.entries),
      formatInteger(row.transactions),
      formatInteger(row.wallets),
      formatDecimal(row.seconds),
      formatInteger(row.entriesPerSecond),
      formatDecimal(row.cpuMicrosPerEntry),
      megabytes(row.heapPeakGrowthBytes),
      megabytes(row.heapRetainedGrowthBytes),
      megabytes(row.rssPeakGrowthBytes),
    ]),
  );
}

/**
 * One line per store: how its time and its peak heap growth changed from the smaller ledger
 * to the larger (time should grow with the entries, memory should not).
 */
export function verifyScaling(rows: readonly VerifyRow[]): string[] {
  const stores = [...new Set(rows.map((row) => row.store))];
  return stores.flatMap((store) => {
    const [small, large] = rows.filter((row) => row.store === store);
    if (small === undefined || large === undefined) return [];
    const times = (a: number, b: number) => `${formatDecimal(b / a)}x`;
    return [
      `- ${store}: ${times(small.entries, large.entries)} the entries took ${times(small.seconds, large.seconds)} the time; heap peak growth ${megabytes(small.heapPeakGrowthBytes)} → ${megabytes(large.heapPeakGrowthBytes)} MiB (${times(small.heapPeakGrowthBytes, large.heapPeakGrowthBytes)}), retained ${megabytes(small.heapRetainedGrowthBytes)} → ${megabytes(large.heapRetainedGrowthBytes)} MiB`,
    ];
  });
}

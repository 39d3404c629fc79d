// The workloads every SQL store runs, each beside its raw-driver baseline doing the same
// transfers with the same concurrency: one caller; 8 and 32 concurrent callers over 1,000
// wallets; 8 callers on one hot wallet; atomic batches of 100 and of 1,000 transfers. The money
// is checked on both sides after every workload.
import { judgeSqlRow } from './goals.js';
import type { Row } from './measure.js';
import { measurePair, transfersFor } from './measure-pair.js';
import { type Move, moves } from './workload.js';

/** Which workload a row is, for its goal. */
export type SqlWorkloadKey =
  | 'sequential'
  | 'random-8'
  | 'random-32'
  | 'hot-8'
  | 'batch-100'
  | 'batch-1000';

/** A workload of the SQL stores. */
export interface SqlWorkload {
  readonly key: SqlWorkloadKey;
  /** For the table: `8 callers, random wallets`. */
  readonly name: string;
  /** Calls in flight at once. */
  readonly concurrency: number;
  /** Every transfer is from wallet 0 (see `moves`). */
  readonly hot: boolean;
  /** Transfers per call: 1 is `transactions.transfer`, more is one `transactions.batch`. */
  readonly batchSize: number;
}

/** The SQL stores' workloads, in the order they run. */
export const sqlWorkloads: readonly SqlWorkload[] = [
  { key: 'sequential', name: '1 caller', concurrency: 1, hot: false, batchSize: 1 },
  { key: 'random-8', name: '8 callers, random wallets', concurrency: 8, hot: false, batchSize: 1 },
  {
    key: 'random-32',
    name: '32 callers, random wallets',
    concurrency: 32,
    hot: false,
    batchSize: 1,
  },
  { key: 'hot-8', name: '8 callers, one hot wallet', concurrency: 8, hot: true, batchSize: 1 },
  {
    key: 'batch-100',
    name: 'batches of 100, 1 caller',
    concurrency: 1,
    hot: false,
    batchSize: 100,
  },
  {
    key: 'batch-1000',
    name: 'batches of 1,000, 1 caller',
    concurrency: 1,
    hot: false,
    batchSize: 1000,
  },
];

/** One side of a pair: the engine on a store, or the raw driver on the same schema. */
export interface LedgerSide {
  /** One transfer, in a transaction of its own. */
  transfer(move: Move): Promise<unknown>;
  /** The moves in one transaction, all or nothing. */
  batch(moves: readonly Move[]): Promise<unknown>;
  /** Fails when money appeared or vanished (a fast wrong ledger is a failed run). */
  checkTotals(): Promise<void>;
}

/** Options of {@link runSqlWorkloads}. */
export interface SqlRunOptions {
  readonly store: 'sqlite' | 'postgres';
  /** The table's store column: `sqlite WAL synchronous=FULL`. */
  readonly label: string;
  /** Whether an acknowledged transfer survives a power loss in this mode (for the goals). */
  readonly durable: boolean;
  readonly engine: LedgerSide;
  readonly baseline: LedgerSide;
  /** The baseline's workload column for a workload. */
  readonly describeBaseline: (workload: SqlWorkload) => string;
  readonly quick: boolean;
  /** Seeds the moves, so that each mode moves other amounts between other wallets. */
  readonly seed: number;
}

// Each workload's measured pair is sized from its warm-up to take about `seconds` in all.
const sizing = {
  quick: { seconds: 0.5, warmupCalls: 50, minimumCalls: 100, maximumTransfers: 4000 },
  full: { seconds: 8, warmupCalls: 300, minimumCalls: 1000, maximumTransfers: 60_000 },
};

/** The calls of one side: call `index` moves `plan[index]`, one transfer or a batch. */
function calls(side: LedgerSide, plan: readonly (readonly Move[])[], batchSize: number) {
  return batchSize === 1
    ? (index: number) => side.transfer(plan[index]![0]!)
    : (index: number) => side.batch(plan[index]!);
}

/** `count` calls' moves of `workload`, cut into batches. */
function planOf(workload: SqlWorkload, count: number, seed: number): Move[][] {
  const all = moves(count * workload.batchSize, seed, workload.hot);
  return Array.from({ length: count }, (_, index) =>
    all.slice(index * workload.batchSize, (index + 1) * workload.batchSize),
  );
}

async function runWorkload(options: SqlRunOptions, workload: SqlWorkload, seed: number) {
  const size = options.quick ? sizing.quick : sizing.full;
  const labels = {
    store: options.label,
    workload: `engine ${workload.batchSize === 1 ? 'transfer' : 'batch'}, ${workload.name}`,
    baselineWorkload: options.describeBaseline(workload),
    concurrency: workload.concurrency,
    transfersPerCall: workload.batchSize,
  };
  const pair = (plan: readonly (readonly Move[])[]) =>
    measurePair({
      ...labels,
      calls: plan.length,
      engine: calls(options.engine, plan, workload.batchSize),
      baseline: calls(options.baseline, plan, workload.batchSize),
    });
  // Batches warm up with a few calls; single transfers with enough for every caller.
  const warmupCalls =
    workload.batchSize === 1
      ? Math.max(size.warmupCalls, 4 * workload.concurrency)
      : Math.ceil(size.warmupCalls / 50);
  const warmup = await pair(planOf(workload, warmupCalls, seed + 1));
  const transfers = transfersFor(
    { engine: warmup.measurement.perSecond, baseline: warmup.baseline.perSecond },
    {
      seconds: size.seconds,
      min: workload.batchSize === 1 ? Math.max(size.minimumCalls, 8 * workload.concurrency) : 0,
      max: size.maximumTransfers,
    },
  );
  const count = Math.max(2, Math.ceil(transfers / workload.batchSize));
  const measured = await pair(planOf(workload, count, seed));
  await options.engine.checkTotals();
  await options.baseline.checkTotals();
  return measured;
}

/**
 * Runs every SQL workload on one store mode beside its baseline and returns one row each,
 * judged against issue 6's goals. The money is checked on both sides after each workload;
 * verifying the engine's ledger is left to the caller (once per mode).
 */
export async function runSqlWorkloads(options: SqlRunOptions): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [index, workload] of sqlWorkloads.entries()) {
    const started = performance.now();
    const measured = await runWorkload(options, workload, options.seed + 10 * index);
    const judgement = judgeSqlRow({
      store: options.store,
      durable: options.durable,
      workload: workload.key,
      ...measured,
    });
    rows.push({ ...measured, ...judgement });
    const { measurement: m, baseline: b } = measured;
    console.error(
      `  ${options.label}, ${workload.name}: ${Math.round(m.perSecond)}/s, raw ${Math.round(b.perSecond)}/s, ${m.operations} transfers (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
  return rows;
}

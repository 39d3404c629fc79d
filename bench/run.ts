// `pnpm bench [--quick]`: runs every workload beside its baseline in the same process and
// prints one table. --quick uses small counts so that CI keeps the benchmark from rotting;
// a run whose money totals do not add up fails (a fast wrong ledger is a failed run).
// `--only=http,sqlite` runs some groups only (memory, sqlite, postgres, http).
import { runHttpBench } from './http-transfers.js';
import { printTable, type Row } from './measure.js';
import { benchMapBaseline, benchMemoryEngine } from './memory-transfers.js';
import { runPostgresBench } from './postgres-transfers.js';
import { runSqliteBench } from './sqlite-transfers.js';

const quick = process.argv.includes('--quick');
const only = process.argv
  .find((argument) => argument.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const runs = (group: string) => only === undefined || only.includes(group);

async function runMemoryBench(): Promise<Row[]> {
  const transfers = quick ? 20_000 : 300_000;
  // Warm up both paths so the JIT compiles them before the measured runs.
  await benchMemoryEngine(Math.min(transfers, 20_000));
  await benchMapBaseline(Math.min(transfers, 20_000));
  const engine = await benchMemoryEngine(transfers);
  const baseline = await benchMapBaseline(transfers);
  return [
    { measurement: engine, baseline, goal: '>= 250,000 ops/s', met: engine.perSecond >= 250_000 },
  ];
}

const rows: Row[] = [
  ...(runs('memory') ? await runMemoryBench() : []),
  ...(runs('sqlite') ? await runSqliteBench({ quick }) : []),
  ...(runs('postgres') ? await runPostgresBench({ quick }) : []),
  ...(runs('http') ? await runHttpBench({ quick }) : []),
];

console.log(`VaultCraft benchmarks (${quick ? 'quick' : 'full'} run), Node ${process.version}\n`);
console.log(printTable(rows));

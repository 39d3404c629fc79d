// `pnpm bench [--quick] [--only=memory,sqlite,postgres,http,verify] [--out=<directory>]`: runs
// every workload beside its baseline in the same process and prints one table, a line per goal
// of issue 6 (met or MISSED) and the verification table. A run whose money does not add up
// fails (a fast wrong ledger is a failed run); a missed goal does not.
//
// A full run writes bench/RESULTS.md and bench/results.svg (or into --out). --quick uses small
// counts so that CI keeps the benchmark from rotting, and writes its RESULTS.md into a
// temporary directory (or --out), so that the writing is exercised too without overwriting
// the figures of a full run.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { goalSummary } from './goals.js';
import { runHttpBench } from './http-transfers.js';
import { describeMachine } from './machine.js';
import { printTable, type Row } from './measure.js';
import { benchMapBaseline, benchMemoryEngine } from './memory-transfers.js';
import { stopBenchCluster } from './postgres-database.js';
import { runPostgresBench } from './postgres-transfers.js';
import { writeResults } from './results-file.js';
import { runSqliteBench } from './sqlite-transfers.js';
import { printVerifyTable, runVerifyBench, type VerifyRow, verifyScaling } from './verify-bench.js';

const groups = ['memory', 'sqlite', 'postgres', 'http', 'verify'] as const;

function option(name: string): string | undefined {
  return process.argv.find((argument) => argument.startsWith(`--${name}=`))?.slice(name.length + 3);
}

const quick = process.argv.includes('--quick');
const only = option('only')?.split(',');
const unknown = only?.filter((group) => !(groups as readonly string[]).includes(group)) ?? [];
if (unknown.length > 0)
  throw new Error(`--only: unknown group ${unknown.join(', ')} (groups: ${groups.join(', ')})`);
const selected = groups.filter((group) => only === undefined || only.includes(group));

async function runMemoryBench(): Promise<Row[]> {
  const transfers = quick ? 20_000 : 300_000;
  // Warm up both paths so the JIT compiles them before the measured runs.
  await benchMemoryEngine(Math.min(transfers, 20_000));
  await benchMapBaseline(Math.min(transfers, 20_000));
  const engine = await benchMemoryEngine(transfers);
  const baseline = await benchMapBaseline(transfers);
  const met = engine.perSecond >= 250_000;
  const goal = { goal: '>= 250,000/s', met, goalId: 'memory', goalPerSecond: 250_000 } as const;
  return [{ measurement: engine, baseline, ...goal }];
}

const transferGroups: Record<string, () => Promise<Row[]>> = {
  memory: runMemoryBench,
  sqlite: () => runSqliteBench({ quick }),
  postgres: () => runPostgresBench({ quick }),
  http: () => runHttpBench({ quick }),
};

const machine = describeMachine();
const rows: Row[] = [];
let verifyRows: VerifyRow[] = [];
try {
  for (const group of selected) {
    const started = performance.now();
    console.error(`${group}...`);
    if (group === 'verify') verifyRows = await runVerifyBench({ quick });
    else rows.push(...(await transferGroups[group]!()));
    console.error(`${group}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
} finally {
  await stopBenchCluster();
}

const goals = goalSummary(rows);
console.log(`VaultCraft benchmarks (${quick ? 'quick' : 'full'} run), Node ${process.version}\n`);
if (rows.length > 0) console.log(`${printTable(rows)}\n`);
console.log(`Goals (issue 6):\n${goals.join('\n')}\n`);
if (verifyRows.length > 0)
  console.log(
    `Verification:\n\n${printVerifyTable(verifyRows)}\n\n${verifyScaling(verifyRows).join('\n')}\n`,
  );
const out =
  option('out') ??
  (quick
    ? mkdtempSync(join(tmpdir(), 'vaultcraft-bench-results-'))
    : dirname(fileURLToPath(import.meta.url)));
const written = writeResults({ machine, quick, groups: selected, rows, verifyRows, goals }, out);
console.log(`Results written to ${written}`);

// RESULTS.md and results.svg: what a run measured, on what, and how busy the machine was.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { type Machine, machineLines } from './machine.js';
import { printTable, type Row } from './measure.js';
import { renderChart } from './results-chart.js';
import { printVerifyTable, type VerifyRow, verifyScaling } from './verify-bench.js';

/** What {@link writeResults} writes. */
export interface Results {
  readonly machine: Machine;
  readonly quick: boolean;
  /** The groups that ran (`--only=`), in order. */
  readonly groups: readonly string[];
  readonly rows: readonly Row[];
  readonly verifyRows: readonly VerifyRow[];
  readonly goals: readonly string[];
}

/** The Markdown of RESULTS.md; `chart` is the SVG's file name beside it, if any. */
export function resultsMarkdown(results: Results, chart: string | undefined): string {
  const minutes = (Date.now() - results.machine.startedAt.getTime()) / 60_000;
  const lines = [
    '# Benchmark results',
    '',
    `Written by \`pnpm bench${results.quick ? ' --quick' : ''}\` (${results.quick ? 'quick' : 'full'} run of ${results.groups.join(', ')}; ${minutes.toFixed(1)} minutes). See [docs/benchmarks.md](../docs/benchmarks.md) for what each workload does, its baseline and how the figures are taken. Do not edit: the next run overwrites it.`,
    '',
    '## Machine',
    '',
    ...machineLines(results.machine, loadavg()),
    '',
    '## Goals (issue 6)',
    '',
    ...results.goals,
    '',
  ];
  if (results.rows.length > 0)
    lines.push(
      '## Transfers',
      '',
      "Rates are transfers per second (a batch of 100 counts 100; HTTP baselines count `/health` answers), latencies are per call (one transfer, one batch or one request), CPU time is the bench process's per transfer (for HTTP, the server process's per answer).",
      '',
      printTable(results.rows),
      '',
    );
  if (chart !== undefined)
    lines.push(`![transfers per second by store and workload](${chart})`, '');
  if (results.verifyRows.length > 0)
    lines.push(
      '## Verification',
      '',
      '`verifyLedger` on ledgers of 1,000 wallets at two sizes. Memory is sampled at every progress report (each 1,000 rows read), after a full garbage collection before it; "retained" is after another full collection once it is done.',
      '',
      printVerifyTable(results.verifyRows),
      '',
      ...verifyScaling(results.verifyRows),
      '',
    );
  return lines.join('\n');
}

/**
 * Writes `RESULTS.md` and, when there are transfer rows, `results.svg` into `directory`
 * (created if missing), and returns the path of RESULTS.md.
 */
export function writeResults(results: Results, directory: string): string {
  mkdirSync(directory, { recursive: true });
  const chart = results.rows.length > 0 ? 'results.svg' : undefined;
  if (chart !== undefined) {
    const title = `VaultCraft benchmarks, ${results.machine.startedAt.toISOString().slice(0, 10)}, ${results.machine.cpuCount} CPUs, Node ${results.machine.node}`;
    writeFileSync(join(directory, chart), renderChart(results.rows, title));
  }
  const path = join(directory, 'RESULTS.md');
  writeFileSync(path, resultsMarkdown(results, chart));
  return path;
}

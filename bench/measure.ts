import { cpuUsage } from 'node:process';
import type { GoalId } from './goals.js';
import { markdownTable } from './markdown-table.js';

/** One measured workload. */
export interface Measurement {
  readonly store: string;
  readonly workload: string;
  readonly operations: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50Micros: number;
  readonly p99Micros: number;
  readonly cpuMicrosPerOperation: number;
}

/**
 * Runs `operation` `count` times, one after another, timing each call, and reports the rate,
 * latency percentiles and CPU time per operation.
 */
export async function measureSequential(
  labels: { store: string; workload: string },
  count: number,
  operation: (index: number) => unknown,
): Promise<Measurement> {
  const latencies = new Float64Array(count);
  const cpuBefore = cpuUsage();
  const started = performance.now();
  for (let index = 0; index < count; index += 1) {
    const callStarted = performance.now();
    const result = operation(index);
    if (result instanceof Promise) await result;
    latencies[index] = performance.now() - callStarted;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuUsage(cpuBefore);
  latencies.sort();
  return {
    ...labels,
    operations: count,
    seconds,
    perSecond: count / seconds,
    p50Micros: (latencies[Math.floor(count * 0.5)] ?? 0) * 1000,
    p99Micros: (latencies[Math.floor(count * 0.99)] ?? 0) * 1000,
    cpuMicrosPerOperation: (cpu.user + cpu.system) / count,
  };
}

/** A figure beside its baseline. */
export interface Row {
  readonly measurement: Measurement;
  readonly baseline: Measurement;
  /** The goal as a minimum ratio or rate, for the table's last column. */
  readonly goal: string;
  readonly met: boolean;
  /** The goal of the issue this row is judged against, for the summary (see goals.ts). */
  readonly goalId?: GoalId;
  /** The goal's minimum rate, when it has one (the chart marks it). */
  readonly goalPerSecond?: number;
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', {
  maximumFractionDigits: 2,
  minimumFractionDigits: 2,
});

/** `12,345`: a whole number with thousands separators. */
export const formatInteger = (value: number): string => integer.format(value);
/** `1,234.50`: two decimals with thousands separators. */
export const formatDecimal = (value: number): string => decimal.format(value);

/**
 * Prints rows as a Markdown table: rates are transfers (or, for `/health`, answers) per second,
 * latencies are per call (a batch is one call), CPU time is per transfer.
 */
export function printTable(rows: readonly Row[]): string {
  return markdownTable(
    [
      { title: 'store' },
      { title: 'workload' },
      { title: 'transfers/s', align: 'right' },
      { title: 'p50 µs', align: 'right' },
      { title: 'p99 µs', align: 'right' },
      { title: 'CPU µs/transfer', align: 'right' },
      { title: 'baseline' },
      { title: 'baseline /s', align: 'right' },
      { title: 'ratio', align: 'right' },
      { title: 'goal' },
    ],
    rows.map(({ measurement: m, baseline: b, goal, met }) => [
      m.store,
      m.workload,
      integer.format(m.perSecond),
      decimal.format(m.p50Micros),
      decimal.format(m.p99Micros),
      decimal.format(m.cpuMicrosPerOperation),
      b.workload,
      integer.format(b.perSecond),
      `${decimal.format(m.perSecond / b.perSecond)}x`,
      `${goal} ${met ? 'met' : 'MISSED'}`,
    ]),
  );
}

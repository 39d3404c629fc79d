import { cpuUsage } from 'node:process';

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
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', {
  maximumFractionDigits: 2,
  minimumFractionDigits: 2,
});

/** Prints rows as a Markdown table. */
export function printTable(rows: readonly Row[]): string {
  const lines = [
    '| store | workload | ops/s | p50 µs | p99 µs | CPU µs/op | baseline | baseline ops/s | ratio | goal |',
    '| --- | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- |',
  ];
  for (const { measurement: m, baseline: b, goal, met } of rows) {
    lines.push(
      `| ${m.store} | ${m.workload} | ${integer.format(m.perSecond)} | ${decimal.format(m.p50Micros)} | ${decimal.format(m.p99Micros)} | ${decimal.format(m.cpuMicrosPerOperation)} | ${b.workload} | ${integer.format(b.perSecond)} | ${decimal.format(m.perSecond / b.perSecond)}x | ${goal} ${met ? 'met' : 'MISSED'} |`,
    );
  }
  return lines.join('\n');
}

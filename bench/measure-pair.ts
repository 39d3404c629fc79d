// Concurrent calls measured beside a baseline: both sides run the same calls, in alternating
// slices (engine, baseline, engine, ...), so that a change of load on this shared machine
// during a workload weighs on both alike.
import { cpuUsage } from 'node:process';
import type { Measurement } from './measure.js';

/** Latencies (ms) of some calls and the time they took, to be combined across slices. */
interface Sample {
  readonly latencies: number[];
  transfers: number;
  seconds: number;
  cpuMicros: number;
}

/** Slices per side in {@link measurePair}. */
const slicesMax = 6;

/**
 * Runs `call` for every index of `indexes` from `concurrency` callers at once (each taking the
 * next index when its previous call is done; 1 is sequential), adding each call's latency, the
 * elapsed time and the process's CPU time to `sample`.
 */
async function runCalls(
  sample: Sample,
  indexes: readonly number[],
  options: { concurrency: number; transfersPerCall: number },
  call: (index: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const cpuBefore = cpuUsage();
  const started = performance.now();
  const caller = async () => {
    for (let position = next++; position < indexes.length; position = next++) {
      const callStarted = performance.now();
      await call(indexes[position]!);
      sample.latencies.push(performance.now() - callStarted);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, caller));
  sample.seconds += (performance.now() - started) / 1000;
  const cpu = cpuUsage(cpuBefore);
  sample.cpuMicros += cpu.user + cpu.system;
  sample.transfers += indexes.length * options.transfersPerCall;
}

/** A sample as a row's figures: transfers per second, latency per call, CPU per transfer. */
function toMeasurement(labels: { store: string; workload: string }, sample: Sample): Measurement {
  const latencies = Float64Array.from(sample.latencies).sort();
  const calls = latencies.length;
  return {
    ...labels,
    operations: sample.transfers,
    seconds: sample.seconds,
    perSecond: sample.transfers / sample.seconds,
    p50Micros: (latencies[Math.floor(calls * 0.5)] ?? 0) * 1000,
    p99Micros: (latencies[Math.floor(calls * 0.99)] ?? 0) * 1000,
    cpuMicrosPerOperation: sample.cpuMicros / sample.transfers,
  };
}

/** What {@link measurePair} runs. */
export interface PairOptions {
  readonly store: string;
  readonly workload: string;
  readonly baselineWorkload: string;
  /** Calls in flight at once, on each side. */
  readonly concurrency: number;
  /** Transfers per call (a batch of 100 is 100): rates and CPU are per transfer. */
  readonly transfersPerCall: number;
  /** Calls on each side: call `index` for every index below it. */
  readonly calls: number;
  readonly engine: (index: number) => Promise<unknown>;
  readonly baseline: (index: number) => Promise<unknown>;
}

/**
 * Measures both sides on the same calls, in up to six alternating slices, and returns the
 * engine's figures beside the baseline's.
 */
export async function measurePair(
  options: PairOptions,
): Promise<{ measurement: Measurement; baseline: Measurement }> {
  const engine: Sample = { latencies: [], transfers: 0, seconds: 0, cpuMicros: 0 };
  const baseline: Sample = { latencies: [], transfers: 0, seconds: 0, cpuMicros: 0 };
  const slice = Math.ceil(options.calls / Math.min(slicesMax, options.calls));
  for (let start = 0; start < options.calls; start += slice) {
    const indexes = Array.from(
      { length: Math.min(slice, options.calls - start) },
      (_, offset) => start + offset,
    );
    await runCalls(engine, indexes, options, options.engine);
    await runCalls(baseline, indexes, options, options.baseline);
  }
  return {
    measurement: toMeasurement({ store: options.store, workload: options.workload }, engine),
    baseline: toMeasurement({ store: options.store, workload: options.baselineWorkload }, baseline),
  };
}

/**
 * How many transfers a measured pair should move so that both sides together take about
 * `seconds`, judged from the rates of its warm-up, within `[min, max]`: a fast side gets
 * enough calls to reach a steady state and a slow one does not drag the run out.
 */
export function transfersFor(
  rates: { engine: number; baseline: number },
  bounds: { seconds: number; min: number; max: number },
): number {
  const perTransferSeconds = 1 / rates.engine + 1 / rates.baseline;
  const count = Math.round(bounds.seconds / perTransferSeconds);
  return Math.max(bounds.min, Math.min(bounds.max, count));
}

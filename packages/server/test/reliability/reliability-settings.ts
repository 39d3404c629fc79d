// Settings shared by the reliability suites: normal or heavy (VAULTCRAFT_RELIABILITY=heavy), a
// replayable seed (VAULTCRAFT_RELIABILITY_SEED), a seeded generator, and the figures each suite
// prints at the end so that docs can quote the last run.
import { appendFileSync } from 'node:fs';

/** Whether the heavy settings were asked for (`VAULTCRAFT_RELIABILITY=heavy`). */
export const heavy = process.env.VAULTCRAFT_RELIABILITY === 'heavy';

/** `normal`, or `heavyValue` under `VAULTCRAFT_RELIABILITY=heavy`. */
export function setting<T>(values: { normal: T; heavy: T }): T {
  return heavy ? values.heavy : values.normal;
}

/**
 * The seed of this run: `VAULTCRAFT_RELIABILITY_SEED` when set (to replay a failure), otherwise
 * a fresh one. Every suite prints it with its figures and in its failure messages.
 */
export const seed = (() => {
  const given = Number(process.env.VAULTCRAFT_RELIABILITY_SEED);
  return Number.isSafeInteger(given) && given > 0 ? given : 1 + Math.floor(Math.random() * 2 ** 31);
})();

/** A uniform random number in [0, 1). */
export type Random = () => number;

/** A deterministic pseudo-random generator (mulberry32) derived from the run's seed and `salt`. */
export function seededRandom(salt: number): Random {
  let state = (seed ^ Math.imul(salt + 1, 0x9e3779b1)) | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole number in [min, max] drawn from `random`. */
export function between(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/**
 * Prints one suite's figures as a single line (`[reliability] <suite> {...}`), and appends them
 * as a JSON line to `VAULTCRAFT_RELIABILITY_REPORT` when that names a file.
 */
export function printFigures(suite: string, figures: Record<string, unknown>): void {
  const line = { suite, seed, heavy, ...figures };
  console.log(`[reliability] ${suite} ${JSON.stringify(line)}`);
  const report = process.env.VAULTCRAFT_RELIABILITY_REPORT;
  if (report) appendFileSync(report, `${JSON.stringify(line)}\n`);
}

// The goals rows are judged against. Issue 6's goals are named (GoalId) so that the run ends
// with one line per goal, met or MISSED; rows no goal of the issue covers keep the earlier
// ratio goals (SQLite >= 0.8x its raw baseline, PostgreSQL >= 1.0x).
import { formatDecimal, formatInteger, type Measurement, type Row } from './measure.js';
import type { SqlWorkloadKey } from './sql-workloads.js';

/** A goal of issue 6. */
export type GoalId = 'memory' | 'sqlite-32' | 'postgres-32' | 'postgres-hot' | 'http-sqlite-64';

/** Issue 6's goals, as the summary prints them. */
export const issueGoals: Readonly<Record<GoalId, string>> = {
  memory: 'memory: >= 250,000 transfers/s',
  'sqlite-32': 'SQLite, 32 concurrent callers: >= 25,000 durable transfers/s',
  'postgres-32':
    'PostgreSQL, 32 clients: >= 10,000 durable transfers/s and >= 4x raw pg (one transaction per transfer)',
  'postgres-hot': 'PostgreSQL, 8 clients on one hot wallet: >= 1.5x raw pg',
  'http-sqlite-64': 'HTTP on SQLite, 64 connections: >= 5,000 transfers/s with p99 < 50 ms',
};

/** A row's goal column. */
export interface Judgement {
  readonly goal: string;
  readonly met: boolean;
  readonly goalId?: GoalId;
  /** The goal's minimum rate, when it has one (the chart marks it). */
  readonly goalPerSecond?: number;
}

const ratioGoals = { sqlite: 0.8, postgres: 1 } as const;

/**
 * Judges a SQL store's row. Issue 6's goals apply to durable modes only (SQLite with
 * `synchronous=FULL`; the PostgreSQL cluster always keeps fsync and synchronous_commit on):
 * a rate bought by giving up durability meets no goal of the issue.
 */
export function judgeSqlRow(options: {
  readonly store: 'sqlite' | 'postgres';
  readonly durable: boolean;
  readonly workload: SqlWorkloadKey;
  readonly measurement: Measurement;
  readonly baseline: Measurement;
}): Judgement {
  const { store, durable, workload, measurement: m, baseline: b } = options;
  const ratio = m.perSecond / b.perSecond;
  if (durable && store === 'sqlite' && workload === 'random-32')
    return {
      goal: '>= 25,000/s',
      met: m.perSecond >= 25_000,
      goalId: 'sqlite-32',
      goalPerSecond: 25_000,
    };
  if (durable && store === 'postgres' && workload === 'random-32')
    return {
      goal: '>= 10,000/s and >= 4x raw',
      met: m.perSecond >= 10_000 && ratio >= 4,
      goalId: 'postgres-32',
      goalPerSecond: 10_000,
    };
  if (durable && store === 'postgres' && workload === 'hot-8')
    return { goal: '>= 1.5x raw', met: ratio >= 1.5, goalId: 'postgres-hot' };
  const minimum = ratioGoals[store];
  return { goal: `>= ${minimum.toFixed(1)}x raw`, met: ratio >= minimum };
}

function describe(row: Row): string {
  const { measurement: m, baseline: b } = row;
  return `${m.store}, ${m.workload}: ${formatInteger(m.perSecond)}/s, ${formatDecimal(m.perSecond / b.perSecond)}x, p99 ${formatDecimal(m.p99Micros / 1000)} ms`;
}

/**
 * One line per goal of the issue: met when a row judged against it met it (naming that row),
 * else MISSED with its fastest row, or "not run" when its group did not run.
 */
export function goalSummary(rows: readonly Row[]): string[] {
  return Object.entries(issueGoals).map(([id, text]) => {
    const judged = rows.filter((row) => row.goalId === id);
    if (judged.length === 0) return `- ${text}: not run`;
    const met = judged.find((row) => row.met);
    if (met !== undefined) return `- ${text}: **met** (${describe(met)})`;
    const fastest = judged.reduce((a, b) =>
      a.measurement.perSecond >= b.measurement.perSecond ? a : b,
    );
    return `- ${text}: **MISSED** (best: ${describe(fastest)})`;
  });
}

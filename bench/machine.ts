// What the figures were measured on, for RESULTS.md: a rate means little without the machine,
// the versions and how busy the machine was while the run went on.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { findPostgresBinaries } from '../packages/adapters/test/postgres-cluster.js';

/** The machine and software of a run. */
export interface Machine {
  readonly cpu: string;
  readonly cpuCount: number;
  readonly memoryBytes: number;
  readonly node: string;
  readonly os: string;
  readonly postgres: string;
  readonly sqlite: string;
  /** The commit measured, with `+ uncommitted changes` when the tree differs from it. */
  readonly commit: string;
  /** 1, 5 and 15-minute load averages when the run started. */
  readonly loadAtStart: readonly number[];
  readonly startedAt: Date;
}

/** The output of a command, or `fallback` when it cannot run. */
function output(command: string, args: readonly string[], fallback: string): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .trim()
      .split('\n')[0]!;
  } catch {
    return fallback;
  }
}

function operatingSystem(): string {
  const file = '/etc/os-release';
  const pretty = existsSync(file)
    ? /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync(file, 'utf8'))?.[1]
    : undefined;
  return `${pretty ?? type()} (${type()} ${release()})`;
}

function commit(): string {
  const head = output('git', ['rev-parse', '--short', 'HEAD'], 'unknown');
  const dirty = output('git', ['status', '--porcelain', '--untracked-files=no'], '') !== '';
  return dirty ? `${head} + uncommitted changes` : head;
}

/** Describes this machine now (call it when the run starts). */
export function describeMachine(): Machine {
  const processors = cpus();
  const bin = findPostgresBinaries();
  const memory = new Database(':memory:');
  const sqlite = memory.prepare('SELECT sqlite_version()').pluck().get() as string;
  memory.close();
  return {
    cpu: processors[0]?.model.trim() ?? 'unknown',
    cpuCount: processors.length,
    memoryBytes: totalmem(),
    node: process.version,
    os: operatingSystem(),
    postgres:
      bin === null ? 'not installed' : output(join(bin, 'postgres'), ['--version'], 'unknown'),
    sqlite: `${sqlite} (better-sqlite3)`,
    commit: commit(),
    loadAtStart: loadavg(),
    startedAt: new Date(),
  };
}

/** The machine as Markdown list items, with the load average at the end of the run. */
export function machineLines(machine: Machine, loadAtEnd: readonly number[]): string[] {
  const load = (values: readonly number[]) => values.map((value) => value.toFixed(2)).join(', ');
  return [
    `- Date: ${machine.startedAt.toISOString()}`,
    `- CPU: ${machine.cpu}, ${machine.cpuCount} logical CPUs`,
    `- Memory: ${(machine.memoryBytes / 1024 ** 3).toFixed(1)} GiB`,
    `- OS: ${machine.os}`,
    `- Node: ${machine.node}`,
    `- PostgreSQL: ${machine.postgres}`,
    `- SQLite: ${machine.sqlite}`,
    `- Commit: ${machine.commit}`,
    `- Load average (1, 5, 15 min): ${load(machine.loadAtStart)} at the start, ${load(loadAtEnd)} at the end`,
  ];
}

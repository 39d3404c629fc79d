// Runs the `vaultcraft` CLI from source in real child processes (`node --import tsx src/cli.ts`),
// with an environment built from scratch, and keeps track of every child so that a test's
// afterEach can kill what is still running.
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cliPath = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
// `--import tsx` resolves from the child's working directory, a temporary directory without
// node_modules: hand it the loader's absolute URL instead.
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** A JWT secret for process tests (at least 32 characters). */
export const processJwtSecret = 'process-test-secret-0123456789-abcdefghijklmnop';

/** How a finished child ended, and everything it printed. */
export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link runCli} and {@link startServe}. */
export interface CliOptions {
  /** The only variables the child sees, besides PATH (never the developer's DATABASE_URL). */
  readonly env?: Record<string, string>;
  readonly cwd: string;
  readonly timeoutMs?: number;
}

/** A child started with {@link spawnCli}: its output so far and how it ends. */
export interface CliChild {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once the child has exited and its output is read to the end. */
  readonly exited: Promise<CliResult>;
}

const running = new Set<ChildProcess>();

/** Starts `vaultcraft <args>` in a new process. */
export function spawnCli(args: readonly string[], options: CliOptions): CliChild {
  const child = spawn(process.execPath, ['--import', tsxLoader, cliPath, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    // 'close' (not 'exit'): both pipes are drained by then.
    child.on('close', (code, signal) => {
      running.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Runs `vaultcraft <args>` to completion (killed after `timeoutMs`, 30 s by default). */
export async function runCli(args: readonly string[], options: CliOptions): Promise<CliResult> {
  const started = spawnCli(args, options);
  const timer = setTimeout(() => started.child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
  try {
    return await started.exited;
  } finally {
    clearTimeout(timer);
  }
}

/** A `vaultcraft serve` process that has printed the URL it listens on. */
export interface ServeProcess extends CliChild {
  readonly url: string;
}

const listeningLine = /VaultCraft server \S+ listening on (http:\/\/\S+)/;
const bannerEnd = /\n {2}configuration: .*\n/;

/**
 * Starts `vaultcraft serve` and resolves once it has printed its banner (`listening on <url>`
 * down to the configuration); rejects with its
 * output when it exits first or is not listening within `timeoutMs` (30 s by default).
 */
export function startServe(options: CliOptions): Promise<ServeProcess> {
  const started = spawnCli(['serve'], {
    ...options,
    env: { PORT: '0', HOST: '127.0.0.1', ...options.env },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      started.child.kill('SIGKILL');
      reject(new Error(`serve did not listen in time:\n${started.stdout()}\n${started.stderr()}`));
    }, options.timeoutMs ?? 30_000);
    const onData = () => {
      const match = listeningLine.exec(started.stdout());
      // The banner is three writes; the configuration line ends it.
      if (match === null || !bannerEnd.test(started.stdout())) return;
      clearTimeout(timer);
      started.child.stdout?.off('data', onData);
      resolve({ ...started, url: match[1]! });
    };
    started.child.stdout?.on('data', onData);
    void started.exited.then((result) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${result.code}:\n${result.stdout}\n${result.stderr}`));
    });
  });
}

/**
 * Resolves once the child's stdout holds `count` lines matching `pattern` (log lines, a
 * banner), counting what was printed already; rejects when the child exits first.
 */
export function waitForOutput(started: CliChild, pattern: RegExp, count = 1): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const lines = started
        .stdout()
        .split('\n')
        .filter((line) => pattern.test(line));
      if (lines.length < count) return false;
      started.child.stdout?.off('data', check);
      resolve(lines);
      return true;
    };
    if (check()) return;
    started.child.stdout?.on('data', check);
    void started.exited.then(() => {
      if (!check()) reject(new Error(`exited before printing ${pattern}:\n${started.stdout()}`));
    });
  });
}

/** Kills every child still running (for afterEach) and waits until they are gone. */
export async function killAllChildren(): Promise<void> {
  const children = [...running];
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) {
            resolve();
            return;
          }
          child.once('close', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
  running.clear();
}

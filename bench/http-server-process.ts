// The real server as a child process (`node packages/server/dist/cli.js serve`), so that on a
// 2-core machine the server has a core of its own and autocannon, in the bench process, the
// other: a server inside the bench process would share its event loop with the load generator.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { loadConfig } from '@vaultcraft/server';

/** A server process, listening. */
export interface ServerProcess {
  /** The base URL it printed, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly pid: number;
  /** User + system CPU time the process has used so far, in µs (Linux `/proc`; 0 elsewhere). */
  cpuMicros(): number;
  /** SIGTERM, then waits for a clean exit (which also writes a `--cpu-prof` profile). */
  stop(): Promise<void>;
}

/** Options of {@link startServerProcess} and {@link runServerCommand}. */
export interface ServerProcessOptions {
  /** `DATABASE_URL`: a SQLite file path or a `postgres://` URL. */
  readonly databaseUrl: string;
  /** The working directory of the process (a temporary directory of the benchmark). */
  readonly cwd: string;
  /** Extra `node` flags, e.g. `['--cpu-prof', '--cpu-prof-dir', dir]`. */
  readonly nodeArguments?: readonly string[];
}

const startTimeoutMs = 30_000;
const stopTimeoutMs = 15_000;

/** Where the built CLI is; `pnpm build` makes it. */
function cliPath(): string {
  const manifest = createRequire(import.meta.url).resolve('@vaultcraft/server/package.json');
  const path = join(dirname(manifest), 'dist', 'cli.js');
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`pnpm build\` first`);
  return path;
}

// One secret per run: tokens of one run mean nothing to the next.
const jwtSecret = randomBytes(36).toString('base64');

/**
 * The whole environment of the server: production rules, logs at `warn` (a log line per request
 * would measure pino), no rate limit on signup and login (the setup signs up once per store, but
 * a developer re-running the bench should never hit a limit). Nothing is inherited from the
 * bench's own environment but `PATH` and `HOME`, so a stray `VAULTCRAFT_*` or `NODE_OPTIONS`
 * cannot change what is measured.
 */
function serverEnvironment(databaseUrl: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    VAULTCRAFT_JWT_SECRET: jwtSecret,
    LOG_LEVEL: 'warn',
    VAULTCRAFT_SIGNUP_RATE_LIMIT: '0',
    VAULTCRAFT_LOGIN_RATE_LIMIT: '0',
  };
}

const clockTicksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

function processCpuMicros(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), 1-based from field 3: utime is
    // field 14 and stime field 15 of proc(5).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks / clockTicksPerSecond) * 1_000_000;
  } catch {
    return 0;
  }
}

/**
 * Starts `vaultcraft serve` and resolves once it prints the URL it listens on. The environment
 * is checked with the server's own `loadConfig` first, so a bad setting fails here with the
 * server's message rather than as a dead child.
 *
 * @throws when the process exits or stays silent for 30 s before listening (with its stderr).
 */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const env = serverEnvironment(options.databaseUrl);
  await loadConfig(env, { cwd: options.cwd });
  const child = spawn(process.execPath, [...(options.nodeArguments ?? []), cliPath(), 'serve'], {
    cwd: options.cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  // Always drained: a full pipe would block the server's writes, and so the server.
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not listen within ${startTimeoutMs} ms:\n${stderr}`));
    }, startTimeoutMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      const match = /VaultCraft server \S+ listening on (http:\/\/\S+)/.exec(stdout);
      if (match !== null) {
        clearTimeout(timer);
        resolve(match[1]!);
        stdout = '';
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code} before listening:\n${stderr}`));
    });
  });
  const pid = child.pid!;
  return {
    url,
    pid,
    cpuMicros: () => processCpuMicros(pid),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) {
        if (child.exitCode === 0) return;
        throw new Error(`the server had died (${child.exitCode ?? child.signalCode}):\n${stderr}`);
      }
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
      const code = await exited;
      clearTimeout(timer);
      if (code !== 0) throw new Error(`the server exited with ${code} when stopped:\n${stderr}`);
    },
  };
}

/**
 * Runs another command of the CLI (`verify`) on the same database with the same environment,
 * and returns its stdout.
 *
 * @throws when it exits non-zero (with its output).
 */
export function runServerCommand(options: ServerProcessOptions & { command: 'verify' }): string {
  try {
    return execFileSync(process.execPath, [cliPath(), options.command], {
      cwd: options.cwd,
      env: serverEnvironment(options.databaseUrl),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; status?: number };
    throw new Error(
      `vaultcraft ${options.command} exited with ${failed.status}:\n${failed.stdout}${failed.stderr}`,
    );
  }
}

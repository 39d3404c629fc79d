// Child processes for the packaging test: run a command to completion with a deadline, or start
// the installed `vaultcraft serve` and wait for the address it prints.
import { spawn } from 'node:child_process';

/** Every child still running, so that an interrupted test can stop them before cleaning up. */
const running = new Set();

// Each child leads a process group of its own (on POSIX), so that killing it also stops what it
// started: npm's node-gyp and compiler processes must not outlive the directory they build in.
const ownGroup = process.platform !== 'win32';

function spawnTracked(command, args, options) {
  const child = spawn(command, args, { ...options, detached: ownGroup });
  running.add(child);
  child.on('close', () => running.delete(child));
  return child;
}

/** Kills a child and, on POSIX, every process of its group. */
function killTree(child) {
  try {
    if (ownGroup && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    else child.kill('SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Kills every child process this module started that is still running, with its group. */
export function killRunningChildren() {
  for (const child of running) killTree(child);
}

/**
 * Runs a command and resolves with its exit code and output; never rejects for a non-zero
 * exit (the caller decides what a failure is).
 *
 * @throws Error when the command cannot be started or outlives `timeoutMs` (it is killed).
 */
export function runCommand(command, args, { cwd, env = process.env, timeoutMs = 300_000 } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawnTracked(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      killTree(child);
      reject(new Error(`${command} ${args.join(' ')} took longer than ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? signal, stdout, stderr });
    });
  });
}

/** Throws with the command's output unless it exited 0; answers its stdout. */
export async function runChecked(command, args, options) {
  const result = await runCommand(command, args, options);
  if (result.code !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited with ${result.code}\n${result.stdout}${result.stderr}`,
    );
  }
  return result.stdout;
}

/**
 * Starts `<bin> serve` and resolves once it printed `listening on <url>`.
 *
 * @returns the URL, the process, and `stop()`: SIGTERM, then the exit code and the output
 * @throws Error when the server exits or stays silent for `timeoutMs` before listening
 */
export function startServer(bin, { cwd, env, timeoutMs = 60_000 }) {
  const child = spawnTracked(bin, ['serve'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const exited = new Promise((resolveExit) => {
    child.on('close', (code, signal) => resolveExit(code ?? signal));
  });
  const stop = async (stopTimeoutMs = 30_000) => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => killTree(child), stopTimeoutMs);
    const code = await exited;
    clearTimeout(timer);
    return { code, stdout, stderr };
  };
  const listening = new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`no "listening on" line within ${timeoutMs / 1000} s\n${stdout}${stderr}`));
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk;
      const url = /listening on (https?:\/\/\S+)/.exec(stdout)?.[1];
      if (url) {
        clearTimeout(timer);
        resolveUrl(url);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code} before listening\n${stdout}${stderr}`));
    });
  });
  return { child, stop, listening };
}

// Tools of the fault suite that act on the machine around the server: a superuser session on
// PostgreSQL, the server's file size limit (util-linux prlimit), a tmpfs to fill, and another
// process holding SQLite's write lock.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { expect } from 'vitest';

/** Runs a program; rejects when it fails. */
export const run = promisify(execFile);

/** Runs `work` with a superuser connection to the cluster of `url`. */
export async function withAdmin(
  url: string,
  work: (admin: pg.Client) => Promise<void>,
): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}

/** Whether util-linux `prlimit` is installed. */
export const hasPrlimit = await run('prlimit', ['--version']).then(
  () => true,
  () => false,
);

/** Whether this process may mount a tmpfs (root with CAP_SYS_ADMIN): tried once, undone. */
export async function canMountTmpfs(): Promise<boolean> {
  if (process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(join(tmpdir(), 'vaultcraft-mount-probe-'));
  try {
    await run('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe]);
    await run('umount', [probe]);
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

/** Writes zeros to `path` until the file system is full. */
export async function fillDisk(path: string): Promise<void> {
  const file = await open(path, 'w');
  const chunk = Buffer.alloc(1 << 20);
  try {
    for (;;) await file.write(chunk);
  } catch (error) {
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
  } finally {
    await file.close();
  }
}

/**
 * Another process holding SQLite's write lock (`BEGIN IMMEDIATE`) on `path` until released,
 * as a backup tool or a stuck script would.
 */
export function holdWriteLock(path: string): { locked: Promise<void>; release(): Promise<void> } {
  const driver = createRequire(new URL('../../../adapters/package.json', import.meta.url)).resolve(
    'better-sqlite3',
  );
  const script = `const Database = require(${JSON.stringify(driver)});
const db = new Database(${JSON.stringify(path)});
db.exec('BEGIN IMMEDIATE');
console.log('locked');
process.stdin.once('data', () => { db.exec('COMMIT'); db.close(); process.exit(0); });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return {
    locked: new Promise((resolve) => child.stdout.once('data', () => resolve())),
    release: async () => {
      child.stdin.write('release\n');
      await exited;
    },
  };
}

// A PostgreSQL cluster of the fault suite's own, durable (fsync and synchronous commit on, so
// that a crash of the database server loses nothing acknowledged), which the suite may stop
// (`pg_ctl stop -m fast|immediate`) and start again on the same data directory and port.
// Run as the `postgres` OS user when we are root, as the adapters' test cluster is.
import { execFile } from 'node:child_process';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findPostgresBinaries } from '../../../adapters/test/postgres-cluster.js';

const run = promisify(execFile);

/** How `pg_ctl stop` shuts the cluster down. */
export type StopMode = 'fast' | 'immediate';

/** A running (or stopped) cluster. */
export interface StoppablePostgres {
  /** A superuser URL of its `postgres` database. */
  readonly url: string;
  /**
   * Stops it: `fast` disconnects every session (57P01 admin_shutdown) and shuts down cleanly;
   * `immediate` kills every process at once, as a crash would, and the next start replays
   * the WAL.
   */
  stop(mode: StopMode): Promise<void>;
  /** Starts it again on the same data directory and port; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops it (immediate) if running, and removes its directory. Idempotent. */
  dispose(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** Creates and starts a durable cluster on a free loopback port. */
export async function startStoppablePostgres(): Promise<StoppablePostgres> {
  const bin = findPostgresBinaries();
  if (bin === null) throw new Error('PostgreSQL server binaries were not found ($PG_BIN)');
  const directory = await mkdtemp(join(tmpdir(), 'vaultcraft-fault-pg-'));
  const data = join(directory, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout: uid } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(directory, Number(uid.trim()), Number(gid.trim()));
  }
  const as = (command: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', join(bin, command), ...args])
      : run(join(bin, command), args);
  await as('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  // fsync, synchronous_commit and full_page_writes keep their durable defaults.
  const settings = `-c listen_addresses=127.0.0.1 -p ${port} -k ${directory} -c max_connections=100`;
  let running = false;
  const start = async () => {
    await as(
      'pg_ctl',
      ['-D', data, '-l', join(directory, 'server.log'), '-w', '-t', '60'].concat([
        '-o',
        settings,
        'start',
      ]),
    );
    running = true;
  };
  const stop = async (mode: StopMode) => {
    await as('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
    running = false;
  };
  await start();
  let disposed = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop,
    start,
    async dispose() {
      if (disposed) return;
      disposed = true;
      try {
        if (running) await stop('immediate');
      } finally {
        await rm(directory, { recursive: true, force: true });
      }
    },
  };
}

// Starts and stops a throwaway PostgreSQL cluster for tests and benchmarks: a temporary data
// directory, trust authentication, a free loopback port, run as the `postgres` OS user when
// we are root (PostgreSQL refuses to run as root). About a second to start.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A running cluster. */
export interface PostgresCluster {
  /** A URL of the `postgres` database as the `postgres` superuser. */
  readonly url: string;
  readonly port: number;
  /** Stops the cluster and removes its directory. */
  stop(): Promise<void>;
}

/** Options of {@link startPostgresCluster}. */
export interface PostgresClusterOptions {
  /**
   * Keep PostgreSQL's durability settings (fsync, synchronous_commit). Tests turn them off for
   * speed, since they never crash the database server; benchmarks keep them on.
   */
  readonly durable?: boolean;
  readonly maxConnections?: number;
}

/** Finds the PostgreSQL server binaries: `$PG_BIN`, or the newest `/usr/lib/postgresql/N/bin`. */
export function findPostgresBinaries(): string | null {
  const fromEnvironment = process.env.PG_BIN;
  if (fromEnvironment && existsSync(join(fromEnvironment, 'initdb'))) return fromEnvironment;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? null : join(root, versions[0], 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** Starts a cluster; throws with instructions when PostgreSQL is not installed. */
export async function startPostgresCluster(
  options: PostgresClusterOptions = {},
): Promise<PostgresCluster> {
  const bin = findPostgresBinaries();
  if (bin === null) {
    throw new Error(
      'PostgreSQL server binaries were not found (looked in $PG_BIN and /usr/lib/postgresql/*/bin). ' +
        'Install them (Debian/Ubuntu: `apt-get install -y postgresql`) or point VAULTCRAFT_TEST_DATABASE_URL ' +
        'at a PostgreSQL server you can create databases on. PostgreSQL tests never skip.',
    );
  }
  const directory = await mkdtemp(join(tmpdir(), 'vaultcraft-pg-'));
  const data = join(directory, 'data');
  const asRoot = process.getuid?.() === 0;
  let uid: number | undefined;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    uid = Number(stdout.trim());
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(directory, uid, Number(gid.trim()));
  }
  const as = (command: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', join(bin, command), ...args])
      : run(join(bin, command), args);
  await as('initdb', [
    '-D',
    data,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--no-sync',
    '--no-instructions',
  ]);
  const port = await freePort();
  const settings = [
    '-c listen_addresses=127.0.0.1',
    `-p ${port}`,
    `-k ${directory}`,
    `-c max_connections=${options.maxConnections ?? 300}`,
    ...(options.durable
      ? []
      : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
  ].join(' ');
  await as('pg_ctl', [
    '-D',
    data,
    '-l',
    join(directory, 'server.log'),
    '-w',
    '-t',
    '60',
    '-o',
    settings,
    'start',
  ]);
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        await rm(directory, { recursive: true, force: true });
      }
    },
  };
}

// Proves that `vaultcraft serve` survives its database going away under load and recovers without a restart. PostgreSQL: a durable cluster of the suite's own stopped mid-traffic (`pg_ctl stop -m immediate`, then `-m fast`) and started again on the same data directory and port, then made read-only (as a standby after a failover: every write refused with SQLSTATE 25006), and a network partition (a proxy that holds every byte without closing anything). SQLite: writes failing with an I/O error (the server's file size limit lowered to 1 byte), a full disk (a small tmpfs; root only), and the write lock held by another process (heavy only). In each case every request sent during the fault answers 503 UNAVAILABLE with Retry-After and the API's error body (or, on SQLite, a refusal that writes nothing), never a 500 and never a hang; PostgreSQL's /health answers 503 unhealthy; after the repair /health is 200 and requests succeed again, every acknowledged transaction is there, nothing is half-written, retries under the same Idempotency-Keys write each request at most once, and `vaultcraft verify` exits 0.
import { mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../../../adapters/test/postgres-test-database.js';
import {
  killAllChildren,
  processJwtSecret,
  type ServeProcess,
  startServe,
} from '../process/cli-process.js';
import { expectUnavailableEverywhere, type OutageFigures, runOutage } from './database-outage.js';
import {
  canMountTmpfs,
  fillDisk,
  hasPrlimit,
  holdWriteLock,
  run,
  withAdmin,
} from './fault-tools.js';
import { killServers, openLedger, verifyLedger } from './ledger-setup.js';
import { startPausableProxy } from './pausable-proxy.js';
import { expectErrorAnswer, send } from './reliability-http.js';
import { heavy, printFigures, seed, seededRandom, setting } from './reliability-settings.js';
import { type StopMode, startStoppablePostgres } from './stoppable-postgres.js';

const pgStops: StopMode[] = setting({
  normal: ['immediate', 'fast'],
  heavy: ['immediate', 'fast', 'immediate', 'fast', 'immediate', 'fast'],
});

const figures: Record<string, OutageFigures> = {};

afterAll(async () => {
  await killAllChildren();
  printFigures('database-faults', figures);
});

function tally(scenario: string, counts: OutageFigures): void {
  const into = figures[scenario] ?? {};
  figures[scenario] = into;
  for (const [name, count] of Object.entries(counts)) into[name] = (into[name] ?? 0) + count;
}

/**
 * Runs `work` in a fresh directory with a `serve` that starts `vaultcraft serve` on a database
 * there; when it ends, kills the servers it started (not those of the tests running beside it)
 * and removes the directory.
 */
async function inDirectory(
  prefix: string,
  work: (directory: string, serve: (databaseUrl: string) => Promise<ServeProcess>) => Promise<void>,
): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), prefix));
  const started: ServeProcess[] = [];
  const serve = async (databaseUrl: string) => {
    const server = await startServe({
      cwd: directory,
      env: {
        DATABASE_URL: databaseUrl,
        VAULTCRAFT_JWT_SECRET: processJwtSecret,
        LOG_LEVEL: 'warn',
      },
    });
    started.push(server);
    return server;
  };
  try {
    await work(directory, serve);
  } finally {
    await killServers(started);
    rmSync(directory, { recursive: true, force: true });
  }
}

// The scenarios run side by side: much of each is spent waiting (restarts, timeouts).
describe.concurrent('PostgreSQL going away', () => {
  it(`answers 503 while the cluster is stopped or read-only, and recovers (${pgStops.length} stops, seed ${seed})`, async () => {
    const cluster = await startStoppablePostgres();
    try {
      await inDirectory('vaultcraft-fault-pg-', async (directory, serve) => {
        const server = await serve(cluster.url);
        const ledger = await openLedger(server.url, {
          wallets: 8,
          deposit: '200.00',
          prefix: 'pg',
        });
        for (const [index, mode] of pgStops.entries()) {
          const name = `postgres stop -m ${mode}`;
          const outage = await runOutage({
            server,
            ledger,
            markerPrefix: `pg-${index}`,
            random: seededRandom(100 + index),
            alsoDuring: [],
            fault: {
              name,
              inject: () => cluster.stop(mode),
              whileBroken: () => expectUnavailableEverywhere(server, ledger),
              repair: () => cluster.start(),
            },
          });
          tally(name, outage);
        }
        // What a server that became a standby after a failover answers: it reads, and refuses
        // every write (SQLSTATE 25006). /health stays 200: the database does answer.
        const name = 'postgres read-only';
        const readOnly = (setting: string) =>
          withAdmin(cluster.url, async (admin) => {
            await admin.query(setting);
            await admin.query('SELECT pg_reload_conf()');
          });
        const outage = await runOutage({
          server,
          ledger,
          markerPrefix: 'pg-read-only',
          random: seededRandom(120),
          alsoDuring: ['refused'],
          fault: {
            name,
            inject: () => readOnly('ALTER SYSTEM SET default_transaction_read_only = on'),
            repair: () => readOnly('ALTER SYSTEM RESET default_transaction_read_only'),
          },
        });
        tally(name, outage);
        await verifyLedger({ cwd: directory, databaseUrl: cluster.url });
      });
    } finally {
      await cluster.dispose();
    }
  }, 180_000);

  it(`answers 503 within the statement bound during a network partition, and recovers (seed ${seed})`, async () => {
    const database = await createTestDatabase(inject('postgresUrl'));
    const proxy = await startPausableProxy(database.url);
    try {
      await inDirectory('vaultcraft-fault-partition-', async (directory, serve) => {
        const server = await serve(proxy.url);
        const ledger = await openLedger(server.url, {
          wallets: 8,
          deposit: '200.00',
          prefix: 'net',
        });
        const name = 'postgres network partition';
        const outage = await runOutage({
          server,
          ledger,
          markerPrefix: 'net',
          random: seededRandom(150),
          alsoDuring: [],
          // A statement gets 10 s, a new connection 5 s: each request answers 503 within about
          // 15 s; more than that is a hang.
          duringMin: 1,
          timeoutMs: 25_000,
          fault: {
            name,
            inject: () => proxy.partition(),
            whileBroken: () => expectUnavailableEverywhere(server, ledger),
            repair: () => proxy.heal(),
          },
        });
        tally(name, outage);
        await verifyLedger({ cwd: directory, databaseUrl: database.url });
      });
    } finally {
      await proxy.close();
      await database.drop();
    }
  }, 120_000);
});

const mayMount = await canMountTmpfs();

describe.concurrent('SQLite that cannot be written', () => {
  it.skipIf(!hasPrlimit)(
    `answers 503 while writes fail with an I/O error, and recovers (needs util-linux prlimit; seed ${seed})`,
    () =>
      inDirectory('vaultcraft-fault-io-', async (directory, serve) => {
        const databaseUrl = join(directory, 'ledger.sqlite');
        const server = await serve(databaseUrl);
        const ledger = await openLedger(server.url, {
          wallets: 8,
          deposit: '200.00',
          prefix: 'io',
        });
        // Past a 1-byte file size limit, every write to a file fails with EFBIG (Node ignores
        // SIGXFSZ), which SQLite reports as SQLITE_IOERR_WRITE, as for a failing disk; reads,
        // and refusals, which write nothing, keep working.
        const limit = (soft: string) =>
          run('prlimit', ['--pid', String(server.child.pid), `--fsize=${soft}:unlimited`]);
        const name = 'sqlite write I/O error';
        const outage = await runOutage({
          server,
          ledger,
          markerPrefix: 'io',
          random: seededRandom(200),
          alsoDuring: ['refused'],
          fault: { name, inject: () => limit('1').then(), repair: () => limit('unlimited').then() },
        });
        tally(name, outage);
        await verifyLedger({ cwd: directory, databaseUrl });
      }),
    120_000,
  );

  // A real full disk needs a file system of its own: a tmpfs, which only root may mount.
  it.skipIf(!mayMount)(
    `answers 503 while the disk is full, and recovers once space is freed (needs root to mount a tmpfs; seed ${seed})`,
    () =>
      inDirectory('vaultcraft-fault-disk-', async (directory, serve) => {
        await run('mount', ['-t', 'tmpfs', '-o', 'size=32m', 'tmpfs', directory]);
        let server: ServeProcess | undefined;
        try {
          const databaseUrl = join(directory, 'ledger.sqlite');
          const filler = join(directory, 'filler');
          server = await serve(databaseUrl);
          const ledger = await openLedger(server.url, {
            wallets: 8,
            deposit: '200.00',
            prefix: 'disk',
          });
          const name = 'sqlite disk full';
          const outage = await runOutage({
            server,
            ledger,
            markerPrefix: 'disk',
            random: seededRandom(300),
            alsoDuring: ['refused', 'success'],
            fault: { name, inject: () => fillDisk(filler), repair: () => rm(filler) },
          });
          tally(name, outage);
          await verifyLedger({ cwd: directory, databaseUrl });
        } finally {
          // The mount is busy while the server keeps its database open.
          await killServers(server === undefined ? [] : [server]);
          await run('umount', [directory]);
        }
      }),
    120_000,
  );

  // Heavy only: SQLite's busy handler makes each write wait 3 × 5 s for the lock, blocking the
  // server's event loop meanwhile (see docs/reliability.md).
  it.skipIf(!heavy)(
    `answers 503 while another process holds the write lock, and recovers (heavy only; seed ${seed})`,
    () =>
      inDirectory('vaultcraft-fault-lock-', async (directory, serve) => {
        const databaseUrl = join(directory, 'ledger.sqlite');
        const server = await serve(databaseUrl);
        const { token, wallets } = await openLedger(server.url, {
          wallets: 2,
          deposit: '10.00',
          prefix: 'lock',
        });
        const holder = holdWriteLock(databaseUrl);
        await holder.locked;
        const body = { from_wallet_id: wallets[0], to_wallet_id: wallets[1], amount: '1.00' };
        const blocked = send(server.url, 'POST', '/api/v1/transactions/transfer', {
          token,
          body,
          timeoutMs: 30_000,
        });
        // Measured, not asserted: how long the busy wait holds up a /health sent while the
        // write waits for the lock (a moment after it, so that the write is under way).
        await new Promise((resolve) => setTimeout(resolve, 200));
        const started = Date.now();
        const health = await send(server.url, 'GET', '/health', { timeoutMs: 30_000 });
        const healthMs = Date.now() - started;
        expectErrorAnswer(await blocked, 503, 'UNAVAILABLE');
        await holder.release();
        const after = await send(server.url, 'POST', '/api/v1/transactions/transfer', {
          token,
          body,
        });
        expect(after.kind === 'answered' && after.status).toBe(201);
        expect(health.kind === 'answered' && health.status).toBe(200);
        tally('sqlite write lock held', {
          faultsInjected: 1,
          requests: 3,
          unavailable503: 1,
          healthMs,
        });
        await verifyLedger({ cwd: directory, databaseUrl });
      }),
    120_000,
  );
});

// HTTP benchmark: transfers through the real server (`vaultcraft serve` as a child process)
// over loopback with autocannon, on SQLite and on PostgreSQL, beside `GET /health` of the same
// server at the same concurrency: the health check is the cost of HTTP, Fastify, the security
// headers and a database ping, so the ratio says what a transfer adds on top of serving a
// request at all. After every transfer workload the money is checked through the API.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatMinor } from '@vaultcraft/core';
import type { Judgement } from './goals.js';
import { checkMoney, countTransfers, type HttpLedger, setUpLedger } from './http-api.js';
import { type LoadRequest, type LoadResult, runLoad } from './http-load.js';
import { runServerCommand, type ServerProcess, startServerProcess } from './http-server-process.js';
import type { Row } from './measure.js';
import { createBenchDatabase } from './postgres-database.js';
import { fundingMinor, sequence } from './workload.js';

/** The goal, for SQLite at 64 connections. */
const goal = { perSecond: 5000, p99Micros: 50_000, connections: 64 };
const connectionCounts = [16, 64] as const;

interface Plan {
  readonly walletCount: number;
  /** Seconds each measured workload should take, judged from its warm-up's rate. */
  readonly seconds: number;
  /** Warm-up requests per connection (JIT, caches, the database's pages). */
  readonly warmupPerConnection: number;
  /** At most this many measured requests per connection (bounds a quick run's time). */
  readonly shareMax: number;
}

const plans = {
  full: { walletCount: 1000, seconds: 10, warmupPerConnection: 30, shareMax: 100_000 },
  // Quick runs prove that the workloads still run and the checks still hold; at 64
  // connections on SQLite their share is too small to reach a steady state.
  quick: { walletCount: 100, seconds: 1, warmupPerConnection: 3, shareMax: 15 },
} satisfies Record<string, Plan>;

const health: LoadRequest = { method: 'GET', path: '/health' };

/** Transfers of 0.01..1.00 between random distinct funded wallets. */
function transfers(walletIds: readonly string[], seed: number): LoadRequest {
  const next = sequence(seed);
  return {
    method: 'POST',
    path: '/api/v1/transactions/transfer',
    body: () => {
      const from = Math.floor(next() * walletIds.length);
      const to = (from + 1 + Math.floor(next() * (walletIds.length - 1))) % walletIds.length;
      return JSON.stringify({
        from_wallet_id: walletIds[from],
        to_wallet_id: walletIds[to],
        amount: formatMinor(BigInt(1 + Math.floor(next() * 100)), 2),
      });
    },
  };
}

/**
 * A warm-up run, then a measured run sized from the warm-up so that its steady state (every
 * connection busy) lasts about `plan.seconds`: each connection's share covers the requests the
 * first connection serves while the others ramp up (at most one per connection when requests
 * hold the event loop), then its part of `rate x seconds`.
 */
async function warmedUp(
  options: {
    server: ServerProcess;
    store: string;
    workload: string;
    request: LoadRequest;
    connections: number;
    token?: string;
  },
  plan: Plan,
  beforeMeasuring: () => Promise<void> = async () => {},
): Promise<LoadResult> {
  const { store, workload, ...load } = options;
  const warmup = await runLoad({
    ...load,
    labels: { store, workload: `${workload} (warm-up)` },
    amount: options.connections * plan.warmupPerConnection,
  });
  await beforeMeasuring();
  const ramp = warmup.steady ? warmup.rampRequestsPerConnection : options.connections;
  const steadyShare = (warmup.measurement.perSecond * plan.seconds) / options.connections;
  const share = Math.min(plan.shareMax, Math.max(10, Math.ceil(ramp * 1.25 + steadyShare)));
  const measured = await runLoad({
    ...load,
    labels: { store, workload },
    amount: share * options.connections,
  });
  if (measured.steady) return measured;
  const label = `${workload} (no steady state)`;
  return { ...measured, measurement: { ...measured.measurement, workload: label } };
}

function goalOf(options: { store: string; connections: number; transfer: LoadResult }): Judgement {
  const { measurement: m, non2xx } = options.transfer;
  if (options.store === 'http+sqlite' && options.connections === goal.connections) {
    return {
      goal: `>= ${goal.perSecond.toLocaleString('en-US')}/s, p99 < ${goal.p99Micros / 1000} ms, 0 non-2xx`,
      met: m.perSecond >= goal.perSecond && m.p99Micros < goal.p99Micros && non2xx === 0,
      goalId: 'http-sqlite-64',
      goalPerSecond: goal.perSecond,
    };
  }
  return { goal: '0 non-2xx', met: non2xx === 0 };
}

/**
 * At each connection count: `/health`, then transfers; after the transfers, the count of 201s
 * must equal the new TRANSFER transactions, and the money must add up.
 */
async function measureServer(
  options: { server: ServerProcess; store: string; ledger: HttpLedger },
  plan: Plan,
): Promise<Row[]> {
  const { server, store, ledger } = options;
  const rows: Row[] = [];
  for (const [index, connections] of connectionCounts.entries()) {
    const baseline = await warmedUp(
      {
        server,
        store,
        workload: `GET /health, ${connections} conns`,
        request: health,
        connections,
      },
      plan,
    );
    let before = 0;
    const transfer = await warmedUp(
      {
        server,
        store,
        workload: `POST transfer, ${connections} conns`,
        request: transfers(ledger.walletIds, 100 + index),
        connections,
        token: ledger.apiKey,
      },
      plan,
      async () => {
        before = await countTransfers({ url: server.url, ledger });
      },
    );
    const created = (await countTransfers({ url: server.url, ledger })) - before;
    const answered = transfer.statuses['201'] ?? 0;
    if (created !== answered)
      throw new Error(`${store}: ${answered} transfers answered 201 but ${created} were written`);
    await checkMoney({ url: server.url, ledger });
    rows.push({
      measurement: {
        ...transfer.measurement,
        workload: `${transfer.measurement.workload}, non-2xx ${transfer.non2xx}`,
      },
      baseline: baseline.measurement,
      ...goalOf({ store, connections, transfer }),
    });
  }
  return rows;
}

/** Starts a server on `databaseUrl`, sets it up, measures it, stops it and verifies the ledger. */
async function benchStore(
  options: { store: string; databaseUrl: string; cwd: string },
  plan: Plan,
): Promise<Row[]> {
  const server = await startServerProcess(options);
  let rows: Row[];
  try {
    const ledger = await setUpLedger({
      url: server.url,
      walletCount: plan.walletCount,
      fundingMinor,
    });
    rows = await measureServer({ server, store: options.store, ledger }, plan);
  } finally {
    await server.stop();
  }
  runServerCommand({ ...options, command: 'verify' });
  return rows;
}

/**
 * The HTTP rows of `pnpm bench`: for `http+sqlite` (a fresh file, the server's defaults: WAL,
 * `synchronous=FULL`) and `http+postgres` (a fresh database on a durable throwaway cluster),
 * `POST /api/v1/transactions/transfer` at 16 and 64 connections beside `GET /health` at the
 * same concurrency. Fails the run on any 5xx, socket error, lost or extra transfer, money that
 * does not add up, or a ledger that `vaultcraft verify` rejects.
 */
export async function runHttpBench(options: { quick: boolean }): Promise<Row[]> {
  const plan = options.quick ? plans.quick : plans.full;
  const directory = mkdtempSync(join(tmpdir(), 'vaultcraft-http-bench-'));
  try {
    const rows = await benchStore(
      { store: 'http+sqlite', databaseUrl: join(directory, 'ledger.sqlite'), cwd: directory },
      plan,
    );
    const databaseUrl = await createBenchDatabase('vaultcraft_http_bench');
    rows.push(...(await benchStore({ store: 'http+postgres', databaseUrl, cwd: directory }, plan)));
    return rows;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

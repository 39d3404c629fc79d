// `pnpm build && tsx bench/http-profile.ts [--postgres] [--connections=64] [--requests=4000]
// [--wallets=1000] [--save=<file.cpuprofile>]`: profiles the server under the HTTP transfer workload and prints where its CPU time goes.
// The ledger is set up by a first server process; a second one, started with `--cpu-prof`, only
// serves the measured transfers, so setup is not in the profile (module loading and opening
// the database are, for a few hundred ms).
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatMinor } from '@vaultcraft/core';
import pg from 'pg';
import { startPostgresCluster } from '../packages/adapters/test/postgres-cluster.js';
import { setUpLedger } from './http-api.js';
import { runLoad } from './http-load.js';
import { type CpuProfile, printProfileSummary, summarizeProfile } from './http-profile-summary.js';
import { startServerProcess } from './http-server-process.js';
import { printTable } from './measure.js';
import { fundingMinor, sequence } from './workload.js';

function option(name: string, fallback: number): number {
  const value = process.argv.find((argument) => argument.startsWith(`--${name}=`));
  return value === undefined ? fallback : Number(value.slice(name.length + 3));
}

const connections = option('connections', 64);
const requests = option('requests', 4000);
const walletCount = option('wallets', 1000);
const postgres = process.argv.includes('--postgres');
const save = process.argv.find((argument) => argument.startsWith('--save='))?.slice(7);

const directory = mkdtempSync(join(tmpdir(), 'vaultcraft-http-profile-'));
const cluster = postgres ? await startPostgresCluster({ durable: true }) : undefined;
try {
  let databaseUrl = join(directory, 'ledger.sqlite');
  if (cluster !== undefined) {
    const admin = new pg.Pool({ connectionString: cluster.url, max: 1 });
    await admin.query('CREATE DATABASE vaultcraft_http_profile');
    await admin.end();
    databaseUrl = cluster.url.replace(/\/postgres$/, '/vaultcraft_http_profile');
  }
  const setup = await startServerProcess({ databaseUrl, cwd: directory });
  const ledger = await setUpLedger({ url: setup.url, walletCount, fundingMinor }).finally(() =>
    setup.stop(),
  );
  const profiles = join(directory, 'profiles');
  const server = await startServerProcess({
    databaseUrl,
    cwd: directory,
    nodeArguments: ['--cpu-prof', '--cpu-prof-dir', profiles],
  });
  const next = sequence(42);
  const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);
  const fromMicros = monotonicMicros();
  let toMicros = fromMicros;
  const { walletIds } = ledger;
  const load = await runLoad({
    server,
    labels: { store: postgres ? 'http+postgres' : 'http+sqlite', workload: 'profiled transfers' },
    connections,
    amount: requests,
    token: ledger.apiKey,
    request: {
      method: 'POST',
      path: '/api/v1/transactions/transfer',
      body: () => {
        const from = Math.floor(next() * walletIds.length);
        const to = (from + 1 + Math.floor(next() * (walletIds.length - 1))) % walletIds.length;
        const amount = formatMinor(BigInt(1 + Math.floor(next() * 100)), 2);
        return JSON.stringify({
          from_wallet_id: walletIds[from],
          to_wallet_id: walletIds[to],
          amount,
        });
      },
    },
  }).finally(() => {
    toMicros = monotonicMicros();
    return server.stop();
  });
  const file = readdirSync(profiles).find((name) => name.endsWith('.cpuprofile'));
  if (file === undefined) throw new Error('the server wrote no .cpuprofile');
  if (save !== undefined) copyFileSync(join(profiles, file), save);
  const profile = JSON.parse(readFileSync(join(profiles, file), 'utf8')) as CpuProfile;
  console.log(
    printTable([
      { measurement: load.measurement, baseline: load.measurement, goal: 'profiled', met: true },
    ]),
  );
  console.log(`\nstatuses: ${JSON.stringify(load.statuses)}\n`);
  console.log(printProfileSummary(summarizeProfile(profile, { window: { fromMicros, toMicros } })));
} finally {
  await cluster?.stop();
  rmSync(directory, { recursive: true, force: true });
}

// Proves that several OS processes can share one SQLite file safely: three child processes run
// concurrent transfers on the same wallets (funded so that many attempts overdraw); afterwards
// every wallet's balance is its funding plus exactly the moves the children saw succeed, none
// is negative, the money total is conserved, vault.verify() finds nothing, and each child exits
// by itself after close().
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createVault } from '@vaultcraft/core';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/sqlite.js';
import { type TempDatabase, tempDatabase } from './temp-database.js';

const worker = fileURLToPath(new URL('./fixtures/transfer-worker.ts', import.meta.url));
const childTimeoutMs = 60_000;

interface WorkerResult {
  readonly moved: { from: string; to: string; cents: number }[];
  readonly insufficient: number;
}

/** Runs the worker in a new Node process; resolves with its output once it has exited by itself. */
function runWorker(job: object): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', worker, JSON.stringify(job)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`worker did not exit within ${childTimeoutMs} ms: ${stderr}`));
    }, childTimeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`worker exited with ${code}: ${stderr}`));
      else resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as WorkerResult);
    });
  });
}

let database: TempDatabase;
afterEach(() => database?.remove());

describe('sqlite across processes', () => {
  it('keeps balances exact and never overdraws when three processes transfer on one file', {
    timeout: 120_000,
  }, async () => {
    database = tempDatabase();
    const store = await openSqliteStore({ path: database.path });
    const vault = createVault({ store });
    const org = await vault.organizations.create({ name: 'Shared' });
    const acme = vault.organization(org.id);
    const funding = [1000, 500, 250, 100, 50, 0];
    const wallets: string[] = [];
    for (const [index, cents] of funding.entries()) {
      const wallet = await acme.wallets.create({
        name: `W${index}`,
        walletType: 'PRIMARY',
        currency: 'USD',
        ownerId: `owner-${index}`,
      });
      if (cents > 0)
        await acme.transactions.deposit({ walletId: wallet.id, amount: (cents / 100).toFixed(2) });
      wallets.push(wallet.id);
    }
    await store.close();

    const job = { path: database.path, organizationId: org.id, walletIds: wallets, transfers: 200 };
    const results = await Promise.all([1, 2, 3].map((seed) => runWorker({ ...job, seed })));

    const expected = new Map(wallets.map((id, index) => [id, BigInt(funding[index]!)]));
    let succeeded = 0;
    for (const result of results) {
      expect(result.moved.length + result.insufficient).toBe(200);
      for (const move of result.moved) {
        expected.set(move.from, expected.get(move.from)! - BigInt(move.cents));
        expected.set(move.to, expected.get(move.to)! + BigInt(move.cents));
        succeeded += 1;
      }
    }
    expect(succeeded).toBeGreaterThan(50);
    expect(results.reduce((sum, result) => sum + result.insufficient, 0)).toBeGreaterThan(0);

    const reopened = await openSqliteStore({ path: database.path });
    const after = createVault({ store: reopened });
    const scope = after.organization(org.id);
    let total = 0n;
    for (const id of wallets) {
      const wallet = await scope.wallets.retrieve(id);
      const cents = BigInt(wallet.balance.replace('.', ''));
      expect(cents, id).toBe(expected.get(id));
      expect(cents >= 0n).toBe(true);
      total += cents;
    }
    expect(total).toBe(1900n);
    const transfers = await scope.transactions.list({ transactionType: 'TRANSFER', pageSize: 1 });
    expect(transfers.total).toBe(succeeded);
    const report = await after.verify();
    expect(report.violations).toEqual([]);
    expect(report.ok).toBe(true);
    await reopened.close();
  });

  it('lets two processes open a new file at once, applying the migrations exactly once', {
    timeout: 60_000,
  }, async () => {
    database = tempDatabase();
    // Two children open the same new file and transfer nothing: both must exit cleanly.
    const job = {
      path: database.path,
      organizationId: crypto.randomUUID(),
      walletIds: [],
      transfers: 0,
    };
    await Promise.all([runWorker({ ...job, seed: 1 }), runWorker({ ...job, seed: 2 })]);
    const store = await openSqliteStore({ path: database.path, migrate: false });
    expect(await store.pendingMigrations()).toEqual([]);
    await store.close();
  });
});

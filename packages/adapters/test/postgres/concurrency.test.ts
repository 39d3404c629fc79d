// Proves that concurrent writes against a real PostgreSQL server neither lose an update, nor
// overdraw, nor reach the caller as deadlocks: 400 concurrent transfers over random wallets and
// 200 on one hot wallet through one store (pool of 8), then the same from three OS processes
// sharing one database, with idempotency keys racing across processes (exactly one transaction
// per key) and first deposits in a new currency racing (exactly one SYSTEM wallet). Balances are
// checked against the moves that succeeded, the money total against the funding, and
// vault.verify() after each test.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createVault, isVaultError, type OrganizationScope } from '@vaultcraft/core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openTestStore } from '../postgres-test-database.js';
import type { WorkerJob, WorkerMove, WorkerOutcome } from './fixtures/ledger-worker.js';

const worker = fileURLToPath(new URL('./fixtures/ledger-worker.ts', import.meta.url));
const childTimeoutMs = 90_000;

/** xorshift32: the same moves on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
}

const cents = (value: bigint) => `${value / 100n}.${String(value % 100n).padStart(2, '0')}`;
const minor = (amount: string) => BigInt(amount.replace('.', ''));

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function fixture(poolSize = 8) {
  const opened = await openTestStore(inject('postgresUrl'), { poolSize });
  const vault = createVault({ store: opened.store });
  cleanups.push(async () => {
    const report = await vault.verify();
    await opened.dispose();
    expect(report.violations).toEqual([]);
  });
  const organization = await vault.organizations.create({ name: 'Concurrency' });
  return {
    ...opened,
    vault,
    acme: vault.organization(organization.id),
    organizationId: organization.id,
  };
}

async function fundedWallets(
  acme: OrganizationScope,
  funding: readonly bigint[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, amount] of funding.entries()) {
    const wallet = await acme.wallets.create({
      name: `W${index}`,
      walletType: 'PRIMARY',
      currency: 'USD',
      ownerId: `owner-${index}`,
    });
    if (amount > 0n)
      await acme.transactions.deposit({ walletId: wallet.id, amount: cents(amount) });
    ids.push(wallet.id);
  }
  return ids;
}

/** Checks every wallet against its funding plus the moves that succeeded, and the total. */
async function expectBalances(
  acme: OrganizationScope,
  wallets: readonly string[],
  funding: readonly bigint[],
  succeeded: readonly { from: string; to: string; amount: bigint }[],
): Promise<void> {
  const expected = new Map(wallets.map((id, index) => [id, funding[index]!]));
  for (const move of succeeded) {
    expected.set(move.from, expected.get(move.from)! - move.amount);
    expected.set(move.to, expected.get(move.to)! + move.amount);
  }
  let total = 0n;
  for (const id of wallets) {
    const wallet = await acme.wallets.retrieve(id);
    expect(minor(wallet.balance), `balance of ${id}`).toBe(expected.get(id));
    expect(minor(wallet.balance)).toBeGreaterThanOrEqual(0n);
    total += minor(wallet.balance);
  }
  expect(total, 'money is conserved').toBe(funding.reduce((sum, amount) => sum + amount, 0n));
}

describe('postgres concurrency, one process', () => {
  it('runs 400 concurrent transfers over random wallets without a lost update or an overdraft', {
    timeout: 120_000,
  }, async () => {
    const { acme } = await fixture();
    const next = random(7);
    const funding = Array.from({ length: 40 }, () => BigInt(500 + Math.floor(next() * 5000)));
    const wallets = await fundedWallets(acme, funding);
    const moves = Array.from({ length: 400 }, () => {
      const from = Math.floor(next() * wallets.length);
      const to = (from + 1 + Math.floor(next() * (wallets.length - 1))) % wallets.length;
      return {
        from: wallets[from]!,
        to: wallets[to]!,
        amount: BigInt(1 + Math.floor(next() * 3000)),
      };
    });
    const results = await Promise.allSettled(
      moves.map((move) =>
        acme.transactions.transfer({
          fromWalletId: move.from,
          toWalletId: move.to,
          amount: cents(move.amount),
        }),
      ),
    );
    const succeeded = [];
    for (const [index, result] of results.entries()) {
      if (result.status === 'fulfilled') succeeded.push(moves[index]!);
      else expect(isVaultError(result.reason) && result.reason.code).toBe('INSUFFICIENT_FUNDS');
    }
    expect(succeeded.length).toBeGreaterThan(100);
    expect(succeeded.length).toBeLessThan(400);
    await expectBalances(acme, wallets, funding, succeeded);
  });

  it('lets a hot wallet pay exactly what it holds under 200 concurrent transfers', {
    timeout: 120_000,
  }, async () => {
    const { acme } = await fixture();
    const funding = [10_000n, 0n, 0n, 0n, 0n];
    const wallets = await fundedWallets(acme, funding);
    const moves = Array.from({ length: 200 }, (_, index) => ({
      from: wallets[0]!,
      to: wallets[1 + (index % 4)]!,
      amount: 100n,
    }));
    const results = await Promise.allSettled(
      moves.map((move) =>
        acme.transactions.transfer({
          fromWalletId: move.from,
          toWalletId: move.to,
          amount: cents(move.amount),
        }),
      ),
    );
    const succeeded = moves.filter((_, index) => results[index]!.status === 'fulfilled');
    for (const result of results) {
      if (result.status === 'rejected') {
        expect(isVaultError(result.reason) && result.reason.code).toBe('INSUFFICIENT_FUNDS');
      }
    }
    expect(succeeded).toHaveLength(100);
    await expectBalances(acme, wallets, funding, succeeded);
    expect((await acme.wallets.entries(wallets[0]!, { pageSize: 1 })).total).toBe(101);
  });
});

/** Runs the worker in a new Node process; all workers start on "go", and must exit by themselves. */
function startWorker(job: WorkerJob) {
  const child = spawn(process.execPath, ['--import', 'tsx', worker, JSON.stringify(job)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let readyResolve: () => void;
  const ready = new Promise<void>((resolve) => (readyResolve = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.startsWith('ready\n')) readyResolve();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<WorkerOutcome[]>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`worker did not exit by itself within ${childTimeoutMs} ms: ${stderr}`));
    }, childTimeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`worker exited with ${code}: ${stderr}`));
      else resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as WorkerOutcome[]);
    });
  });
  return { ready, go: () => child.stdin.end('go\n'), done };
}

/** The same moves starting at another place, so that the processes race on different orders. */
function rotate<T>(items: readonly T[], by: number): T[] {
  const start = by % items.length;
  return [...items.slice(start), ...items.slice(0, start)];
}

async function runWorkers(jobs: readonly WorkerJob[]): Promise<WorkerOutcome[][]> {
  const workers = jobs.map(startWorker);
  await Promise.race([
    Promise.all(workers.map((w) => w.ready)),
    Promise.all(workers.map((w) => w.done)),
  ]);
  for (const w of workers) w.go();
  return Promise.all(workers.map((w) => w.done));
}

describe('postgres concurrency, three processes on one database', () => {
  it('keeps balances exact, lets one request per key through, and makes one SYSTEM wallet', {
    timeout: 180_000,
  }, async () => {
    const { acme, database, organizationId } = await fixture(4);
    const next = random(11);
    const funding = Array.from({ length: 12 }, () => BigInt(1000 + Math.floor(next() * 4000)));
    funding.push(5_000n, 10_000n); // the hot wallet, and the source of the keyed transfers
    const wallets = await fundedWallets(acme, funding);
    const [hot, keySource] = wallets.slice(-2) as [string, string];
    const euros: string[] = [];
    for (let index = 0; index < 6; index += 1) {
      euros.push(
        (
          await acme.wallets.create({
            name: `E${index}`,
            walletType: 'PRIMARY',
            currency: 'EUR',
            ownerId: `euro-${index}`,
          })
        ).id,
      );
    }
    const keyed = Array.from({ length: 10 }, (_, index) => ({
      kind: 'transfer' as const,
      // From a wallet no other move drains, so that every keyed call can succeed.
      from: keySource,
      to: wallets[index]!,
      amount: '1.00',
      key: `shared-key-${index}`,
    }));
    const jobs = [0, 1, 2].map((process): WorkerJob => {
      const moves: WorkerMove[] = [...keyed];
      for (let index = 0; index < 60; index += 1) {
        const from = Math.floor(next() * 12);
        const to = (from + 1 + Math.floor(next() * 11)) % 12;
        moves.push({
          kind: 'transfer',
          from: wallets[from]!,
          to: wallets[to]!,
          amount: cents(BigInt(1 + Math.floor(next() * 2000))),
        });
        moves.push({ kind: 'transfer', from: hot, to: wallets[index % 12]!, amount: '1.00' });
      }
      for (const euro of euros) moves.push({ kind: 'deposit', to: euro, amount: '2.50' });
      return { url: database.url, organizationId, poolSize: 8, moves: rotate(moves, process * 17) };
    });
    const outcomes = await runWorkers(jobs);

    const succeeded: { from: string; to: string; amount: bigint }[] = [];
    const perKey = new Map<string, WorkerOutcome[]>();
    for (const [process, results] of outcomes.entries()) {
      for (const [index, outcome] of results.entries()) {
        const move = jobs[process]!.moves[index]!;
        if (!outcome.ok) {
          expect(outcome.code, JSON.stringify(move)).toBe('INSUFFICIENT_FUNDS');
          expect(move.key).toBeUndefined();
          continue;
        }
        if (move.key !== undefined) {
          perKey.set(move.key, [...(perKey.get(move.key) ?? []), outcome]);
          if (outcome.replayed) continue;
        }
        if (move.kind === 'transfer')
          succeeded.push({ from: move.from!, to: move.to, amount: minor(move.amount) });
      }
    }
    // Idempotency across processes: every call of a key answered, one wrote, all got its id.
    expect(perKey.size).toBe(10);
    for (const [key, results] of perKey) {
      expect(results, key).toHaveLength(3);
      expect(
        results.filter((r) => !r.replayed),
        key,
      ).toHaveLength(1);
      expect(new Set(results.map((r) => r.id)).size, key).toBe(1);
    }
    await expectBalances(acme, wallets, funding, succeeded);
    // The hot wallet paid at most what it held, and exactly what the processes saw succeed.
    const hotPaid = succeeded.filter((m) => m.from === hot).length;
    expect(minor((await acme.wallets.retrieve(hot)).balance)).toBe(5_000n - 100n * BigInt(hotPaid));
    // First deposits in EUR raced from three processes: one SYSTEM EUR wallet paid them all.
    const systems = await acme.wallets.list({ walletType: 'SYSTEM', currency: 'EUR' });
    expect(systems.total).toBe(1);
    expect(systems.items[0]!.balance).toBe('-45.00');
    for (const euro of euros) expect((await acme.wallets.retrieve(euro)).balance).toBe('7.50');
  });
});

// Proves `verifyLedger` on the SQLite store: each corruption of corruption-cases.ts, written with
// SQL into a ledger built through the engine, is reported with exactly the expected invariants
// and ids; the store's snapshot hides writes made while it is open (file and in-memory); a
// write landing mid-verification is reported as violations when read live but not through the
// snapshot; verification repeated while concurrent writers run (in this process, and from
// another process on the same file) finds nothing; and the scans' statements read indexes.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createVault, type LedgerReport, verifyLedger } from '@vaultcraft/core';
import type BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { connectSqlite } from '../../src/sqlite/sqlite-connection.js';
import { resolveSqliteOptions } from '../../src/sqlite/sqlite-options.js';
import { SqliteStoreImpl } from '../../src/sqlite/sqlite-store.js';
import { openSqliteStore } from '../../src/sqlite.js';
import { tempDatabase } from '../sqlite/temp-database.js';
import { corruptionCases, type Dialect } from './corruption-cases.js';
import { buildVerifyLedger } from './verify-fixture.js';
import {
  expectMidScanWriteUnseen,
  expectSnapshotIsolation,
  expectViolations,
  verifyUnderLoad,
} from './verify-helpers.js';

const requireFromDriver = createRequire(
  createRequire(import.meta.url).resolve('@mikro-orm/better-sqlite'),
);
const Database = requireFromDriver('better-sqlite3') as typeof BetterSqlite3;
const worker = fileURLToPath(new URL('../sqlite/fixtures/transfer-worker.ts', import.meta.url));

const sqlite: Dialect = { kind: 'sqlite', time: (ms) => String(ms) };

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function openFile() {
  const database = tempDatabase();
  const store = await openSqliteStore({ path: database.path });
  cleanups.push(() => database.remove());
  cleanups.push(() => store.close());
  return { database, store, vault: createVault({ store }) };
}

describe('verify on SQLite: corruptions', () => {
  it.each(corruptionCases)('reports $name', async (corruption) => {
    const { database, store, vault } = await openFile();
    const ledger = await buildVerifyLedger(vault, store);
    expect((await verifyLedger(store)).violations).toEqual([]);
    await store.close();

    const db = new Database(database.path);
    try {
      db.transaction(() => {
        for (const sql of corruption.sql(ledger, sqlite)) db.prepare(sql).run();
      })();
    } finally {
      db.close();
    }

    const reopened = await openSqliteStore({ path: database.path, migrate: false });
    try {
      expectViolations(await verifyLedger(reopened), ledger, corruption.expected(ledger));
    } finally {
      await reopened.close();
    }
  });
});

describe('verify on SQLite: one snapshot', () => {
  it('hides from a snapshot of a file what is written while it is open', async () => {
    const { store, vault } = await openFile();
    await expectSnapshotIsolation(vault, store);
  });

  it('hides from a snapshot of an in-memory database what is written while it is open', async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    cleanups.push(() => store.close());
    await expectSnapshotIsolation(createVault({ store }), store);
  });

  it('does not see a write made between the wallet and the entry scans', async () => {
    const { store, vault } = await openFile();
    await expectMidScanWriteUnseen(vault, store);
  });

  it('finds nothing while 6 writers transfer, hold, capture, void and reverse', async () => {
    const { store, vault } = await openFile();
    const outcome = await verifyUnderLoad({
      vault,
      store,
      writers: 6,
      writesPerWriter: 100,
      seed: 11,
    });
    expect(outcome.reports.flatMap((report) => report.violations)).toEqual([]);
    expect(outcome.overlapped).toBeGreaterThan(0);
    expect(await verifyLedger(store)).toMatchObject({ ok: true, violations: [] });
  });

  it('finds nothing while another process transfers on the same file', async () => {
    const { database, store, vault } = await openFile();
    const organization = await vault.organizations.create({ name: 'Shared' });
    const acme = vault.organization(organization.id);
    const walletIds: string[] = [];
    for (let index = 0; index < 8; index += 1) {
      const wallet = await acme.wallets.create({
        name: `w${index}`,
        walletType: 'PRIMARY',
        currency: 'USD',
        ownerId: `owner-${index}`,
      });
      await acme.transactions.deposit({ walletId: wallet.id, amount: '100.00' });
      walletIds.push(wallet.id);
    }
    const job = { path: database.path, organizationId: organization.id, walletIds, seed: 5 };
    const child = runWorker({ ...job, transfers: 600 });
    const reports: LedgerReport[] = [];
    let exited = false;
    void child.then(() => (exited = true)).catch(() => (exited = true));
    while (!exited) reports.push(await verifyLedger(store));
    const { moved } = await child;
    expect(moved.length).toBeGreaterThan(0);
    // Some verification ran while the child was writing: it saw part of the transfers.
    const seen = reports.map((report) => report.checked.transactions);
    expect(seen.some((count) => count > 8 && count < 8 + moved.length)).toBe(true);
    expect(reports.flatMap((report) => report.violations)).toEqual([]);
    const final = await verifyLedger(store);
    expect(final).toMatchObject({ ok: true });
    // 8 wallets + their SYSTEM wallet; 8 deposits + every transfer the child made.
    expect(final.checked).toMatchObject({ wallets: 9, transactions: 8 + moved.length });
  });
});

describe('verify on SQLite: scan statements', () => {
  it('reads every scan from an index, never scanning a ledger table', async () => {
    const connection = await connectSqlite(resolveSqliteOptions({ path: ':memory:' }, 'test'));
    const prepared = new Set<string>();
    const prepare = connection.db.prepare.bind(connection.db);
    connection.db.prepare = ((sql: string) => {
      prepared.add(sql.replace(/\s+/g, ' ').trim());
      return prepare(sql);
    }) as typeof connection.db.prepare;
    const store = new SqliteStoreImpl(connection, true);
    cleanups.push(() => store.close());
    const ledger = await buildVerifyLedger(createVault({ store }), store);
    // The store's own scans run on this connection (a snapshot reads a copy).
    for await (const organization of store.scanOrganizations()) {
      for await (const wallet of store.scanWallets(organization.id)) {
        for await (const _ of store.scanEntries(organization.id, wallet.id));
      }
      for await (const _ of store.scanTransactions(organization.id));
      for await (const _ of store.scanIdempotencyKeys(organization.id));
    }
    expect(ledger.organizationId).toBeTruthy();
    // The scans' statements: pages in time order, a statement in sequence order, keys grouped.
    const selects = [...prepared].filter((sql) =>
      /ORDER BY created_at, id LIMIT 500|ORDER BY sequence LIMIT 500|GROUP BY key/.test(sql),
    );
    expect(selects.length).toBeGreaterThanOrEqual(5);
    for (const sql of selects) {
      const parameters = (sql.match(/\?/g) ?? []).map(() => 1);
      const plan = (
        connection.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as {
          detail: string;
        }[]
      ).map((row) => row.detail);
      const steps = plan.join(' | ');
      // Organizations are scanned whole, in their time index; tenant tables never are.
      expect(steps, sql).not.toMatch(
        /SCAN ledger_(wallets|transactions|entries|idempotency_keys)\b/,
      );
      expect(steps, sql).not.toMatch(/TEMP B-TREE/);
    }
  });
});

/** Runs the multi-process suite's transfer worker; resolves with what it moved. */
function runWorker(
  job: object,
): Promise<{ moved: { from: string; to: string; cents: number }[]; insufficient: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', worker, JSON.stringify(job)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(JSON.parse(stdout.trim().split('\n').at(-1)!));
      else reject(new Error(`worker exited with ${code}: ${stderr}`));
    });
  });
}

// Proves `verifyLedger` on the PostgreSQL store: each corruption of corruption-cases.ts, written
// with SQL into a ledger built through the engine, is reported with exactly the expected
// invariants and ids; the store's snapshot (one REPEATABLE READ READ ONLY transaction) hides
// writes committed while it is open; a write landing mid-verification is reported as
// violations when read live but not through the snapshot; verification repeated while 8
// concurrent writers run on the pool finds nothing, also with a pool of one connection (the
// snapshot must not starve the writers); and the scans' statements are served by indexes in
// their keyset order.
import { createVault, verifyLedger } from '@vaultcraft/core';
import pg from 'pg';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { PostgresConnection, type Statement } from '../../src/postgres/postgres-connection.js';
import { openTestStore } from '../postgres-test-database.js';
import { corruptionCases, type Dialect } from './corruption-cases.js';
import { buildVerifyLedger } from './verify-fixture.js';
import {
  expectMidScanWriteUnseen,
  expectSnapshotIsolation,
  expectViolations,
  verifyUnderLoad,
} from './verify-helpers.js';

const postgres: Dialect = { kind: 'postgres', time: (ms) => `to_timestamp(${ms} / 1000.0)` };

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function open(poolSize = 10) {
  const opened = await openTestStore(inject('postgresUrl'), { poolSize });
  cleanups.push(() => opened.dispose());
  return { ...opened, vault: createVault({ store: opened.store }) };
}

async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('verify on PostgreSQL: corruptions', () => {
  it.each(corruptionCases)('reports $name', async (corruption) => {
    const { database, store, vault } = await open();
    const ledger = await buildVerifyLedger(vault, store);
    expect((await verifyLedger(store)).violations).toEqual([]);
    await withAdmin(database.url, async (admin) => {
      await admin.query('BEGIN');
      for (const sql of corruption.sql(ledger, postgres)) await admin.query(sql);
      await admin.query('COMMIT');
    });
    expectViolations(await verifyLedger(store), ledger, corruption.expected(ledger));
  });
});

describe('verify on PostgreSQL: one snapshot', () => {
  it('hides from a snapshot what is committed while it is open', async () => {
    const { store, vault } = await open();
    await expectSnapshotIsolation(vault, store);
  });

  it('does not see a write made between the wallet and the entry scans', async () => {
    const { store, vault } = await open();
    await expectMidScanWriteUnseen(vault, store);
  });

  it('finds nothing while 8 writers transfer, hold, capture, void and reverse', async () => {
    const { store, vault } = await open(8);
    const outcome = await verifyUnderLoad({
      vault,
      store,
      writers: 8,
      writesPerWriter: 60,
      seed: 23,
    });
    expect(outcome.reports.flatMap((report) => report.violations)).toEqual([]);
    expect(outcome.overlapped).toBeGreaterThan(0);
    expect(await verifyLedger(store)).toMatchObject({ ok: true, violations: [] });
  });

  it('finds nothing, and starves no writer, on a pool of one connection', async () => {
    const { store, vault } = await open(1);
    const outcome = await verifyUnderLoad({
      vault,
      store,
      writers: 3,
      writesPerWriter: 20,
      seed: 29,
    });
    expect(outcome.reports.flatMap((report) => report.violations)).toEqual([]);
    expect(outcome.writes).toBeGreaterThan(0);
  });
});

describe('verify on PostgreSQL: scan statements', () => {
  it('reads each scan from an index in its keyset order, without sorting', async () => {
    const { database, store, vault } = await open();
    const ledger = await buildVerifyLedger(vault, store);
    const captured: { text: string; values: unknown[] }[] = [];
    const spy = vi.spyOn(PostgresConnection.prototype, 'rows').mockImplementation(async function (
      this: PostgresConnection,
      prepared: Statement,
      values: readonly unknown[],
    ) {
      captured.push({ text: prepared.text, values: [...values] });
      return this.once(prepared, values);
    });
    try {
      // The store's own scans go through the pool (a snapshot holds its own connection).
      for await (const wallet of store.scanWallets(ledger.organizationId)) {
        for await (const _ of store.scanEntries(ledger.organizationId, wallet.id));
      }
      for await (const _ of store.scanOrganizations());
      for await (const _ of store.scanTransactions(ledger.organizationId));
      for await (const _ of store.scanIdempotencyKeys(ledger.organizationId));
    } finally {
      spy.mockRestore();
    }
    const distinct = new Map(captured.map((statement) => [statement.text, statement]));
    expect(distinct.size).toBe(5);
    await withAdmin(database.url, async (admin) => {
      // A tiny table is cheaper to read whole and sort: with those paths priced out, the plan
      // shows whether an index serves the scan in its order (a Sort left means none does).
      for (const path of ['seqscan', 'bitmapscan', 'sort']) {
        await admin.query(`SET enable_${path} = off`);
      }
      for (const { text, values } of distinct.values()) {
        const { rows } = await admin.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN (COSTS OFF) ${text}`,
          values,
        );
        const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
        expect(plan, text).toMatch(/Index (Only )?Scan/);
        expect(plan, text).not.toMatch(/Seq Scan on ledger_|Sort\b/);
      }
    });
  });
});

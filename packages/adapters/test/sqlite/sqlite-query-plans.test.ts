// Proves that the SQLite store's queries are answered from indexes: it records every statement
// the store prepares while serving the main lists (wallets, transactions, a wallet's
// transactions and statement, with filters, pages and cursors) and the as-of balance, runs
// `EXPLAIN QUERY PLAN` on each, and asserts that none scans a tenant table (nor searches one by
// the tenant alone, except a list walking its time index), and that the as-of
// balance and keyset pages need no sort.
import { createVault } from '@vaultcraft/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSqlite, type SqliteConnection } from '../../src/sqlite/sqlite-connection.js';
import { resolveSqliteOptions } from '../../src/sqlite/sqlite-options.js';
import { SqliteStoreImpl } from '../../src/sqlite/sqlite-store.js';

let connection: SqliteConnection;
let store: SqliteStoreImpl;
const prepared = new Set<string>();
let restorePrepare = (): void => {};

/** The plan of a statement, one line per step, with `?` bound to placeholder values. */
function plan(sql: string): string[] {
  const parameters = (sql.match(/\?/g) ?? []).map(() => 1);
  const rows = connection.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as {
    detail: string;
  }[];
  return rows.map((row) => row.detail);
}

function oneLine(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim();
}

beforeAll(async () => {
  connection = await connectSqlite(resolveSqliteOptions({ path: ':memory:' }, 'test'));
  // Recorded on the driver's prototype, not on this connection: verify() reads through a
  // second, read-only connection (its snapshot), whose statements must be checked too.
  const prototype = Object.getPrototypeOf(connection.db) as typeof connection.db;
  const prepare = prototype.prepare;
  restorePrepare = () => {
    prototype.prepare = prepare;
  };
  prototype.prepare = function (this: typeof connection.db, sql: string) {
    prepared.add(oneLine(sql));
    return prepare.call(this, sql);
  } as typeof prototype.prepare;
  store = new SqliteStoreImpl(connection, true);
  const vault = createVault({ store });
  const org = await vault.organizations.create({ name: 'Plans' });
  const acme = vault.organization(org.id);
  const a = await acme.wallets.create({
    name: 'A',
    walletType: 'PRIMARY',
    currency: 'USD',
    ownerId: 'a',
  });
  const b = await acme.wallets.create({
    name: 'B',
    walletType: 'BONUS',
    currency: 'USD',
    ownerId: 'b',
  });
  for (let i = 0; i < 3; i += 1) {
    await acme.transactions.deposit({ walletId: a.id, amount: '5.00' });
    await acme.transactions.transfer({ fromWalletId: a.id, toWalletId: b.id, amount: '1.00' });
  }
  await vault.organizations.create({ name: 'Another' });
  type Fetch = (cursor?: string) => Promise<{ nextCursor: string | null }>;
  const page = (cursor?: string) => ({ pageSize: 1, ...(cursor !== undefined && { cursor }) });
  const lists: Fetch[] = [
    (cursor) => vault.organizations.list(page(cursor)),
    (cursor) => acme.wallets.list(page(cursor)),
    (cursor) => acme.wallets.list({ ...page(cursor), ownerId: 'a' }),
    (cursor) =>
      acme.wallets.list({
        ...page(cursor),
        walletType: 'BONUS',
        currency: 'USD',
        status: 'ACTIVE',
      }),
    (cursor) => acme.transactions.list(page(cursor)),
    (cursor) =>
      acme.transactions.list({ ...page(cursor), status: 'COMPLETED', transactionType: 'TRANSFER' }),
    (cursor) => acme.transactions.list({ ...page(cursor), walletId: a.id }),
    (cursor) =>
      acme.transactions.list({
        ...page(cursor),
        walletId: a.id,
        createdFrom: new Date(0),
        createdTo: new Date(),
      }),
    (cursor) => acme.wallets.entries(a.id, page(cursor)),
  ];
  // Each list in page mode, then its second page by cursor (the keyset variant of the query).
  for (const list of lists) {
    const first = await list();
    if (first.nextCursor !== null) await list(first.nextCursor);
  }
  await acme.wallets.balance(a.id, { asOf: new Date() });
  // The streams of verify() and the sweep of every tenant's expired holds.
  expect((await vault.verify()).ok).toBe(true);
  await vault.expireHolds();
});

afterAll(async () => {
  restorePrepare();
  await store.close();
});

describe('sqlite query plans', () => {
  it('never scans a tenant table, and the lists never sort', () => {
    const report: string[] = [];
    const selects = [...prepared].filter((sql) => sql.startsWith('SELECT'));
    expect(selects.length).toBeGreaterThan(20);
    for (const sql of selects) {
      const steps = plan(sql);
      report.push(`${sql}\n  -> ${steps.join('\n  -> ')}`);
      for (const step of steps) {
        // Expired holds across all tenants (expireHolds): a scan of the partial index of open
        // holds with an expiry, never of the table.
        if (step === 'SCAN ledger_transactions USING COVERING INDEX ledger_transactions_expiring')
          continue;
        expect(step, sql).not.toMatch(
          /^SCAN ledger_(wallets|transactions|entries|idempotency_keys)\b/,
        );
        // A search bound by the tenant alone reads all of the tenant's rows: only a list in
        // time order may do that (it stops after one page), through its `_created` index.
        const tenantWide =
          /^SEARCH ledger_\w+ USING (?:COVERING )?(?:INDEX (\w+)|PRIMARY KEY) \(organization_id=\?\)$/.exec(
            step,
          );
        if (tenantWide !== null) expect(tenantWide[1] ?? 'PRIMARY KEY', sql).toMatch(/_created$/);
      }
      const keyset = /ORDER BY created_at DESC, id DESC/.test(sql) && !/UNION ALL/.test(sql);
      if (keyset) expect(steps.join(' | '), sql).not.toMatch(/TEMP B-TREE/);
    }
    // VAULTCRAFT_PRINT_PLANS=1 prints them (as quoted in docs/sqlite-store.md).
    if (process.env.VAULTCRAFT_PRINT_PLANS) console.log(report.join('\n\n'));
  });

  it('answers the as-of balance with one seek of ledger_entries_as_of', () => {
    const asOf = [...prepared].find((sql) => sql.startsWith('SELECT balance_after'))!;
    expect(plan(asOf)).toEqual([
      'SEARCH ledger_entries USING INDEX ledger_entries_as_of (organization_id=? AND wallet_id=? AND created_at<?)',
    ]);
  });

  it('pages a wallet transactions by merging two index ranges, each cut to one page', () => {
    const union = [...prepared].find(
      (sql) => /UNION ALL/.test(sql) && /\(created_at, id\) </.test(sql),
    )!;
    const steps = plan(union);
    expect(steps).toContain('MERGE (UNION ALL)');
    expect(
      steps.some((step) =>
        step.startsWith(
          'SEARCH ledger_transactions USING INDEX ledger_transactions_from (organization_id=? AND from_wallet_id=? AND (created_at,id)<(?,?))',
        ),
      ),
    ).toBe(true);
    expect(
      steps.some((step) =>
        step.startsWith(
          'SEARCH ledger_transactions USING INDEX ledger_transactions_to (organization_id=? AND to_wallet_id=? AND (created_at,id)<(?,?))',
        ),
      ),
    ).toBe(true);
  });
});

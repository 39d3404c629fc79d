// Proves that the main reads are answered from indexes, not by scanning tables: seeds several
// organizations with thousands of transactions through the engine, runs VACUUM ANALYZE, captures
// the exact statements (text and parameters) the store sends for each list and for the as-of
// balance, and checks PostgreSQL's EXPLAIN of each for index scans and no Seq Scan on the
// transactions or entries tables. The plans are printed for docs/postgres-store.md.
import { createVault, type OrganizationScope } from '@vaultcraft/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { PostgresConnection, type Statement } from '../../src/postgres/postgres-connection.js';
import { openTestStore } from '../postgres-test-database.js';

const organizationsCount = 4;
const batchesPerOrganization = 4;
const walletsPerOrganization = 200;

let dispose: () => Promise<void>;
let admin: pg.Client;
let acme: OrganizationScope;
let wallet: string;
let captured: { text: string; values: unknown[] }[] = [];

beforeAll(async () => {
  const opened = await openTestStore(inject('postgresUrl'));
  dispose = opened.dispose;
  const vault = createVault({ store: opened.store });
  const scopes: OrganizationScope[] = [];
  for (let o = 0; o < organizationsCount; o += 1) {
    const organization = await vault.organizations.create({ name: `Org ${o}` });
    const scope = vault.organization(organization.id);
    const wallets: string[] = [];
    for (let w = 0; w < walletsPerOrganization; w += 1) {
      const created = await scope.wallets.create({
        name: `W${w}`,
        walletType: 'PRIMARY',
        currency: 'USD',
        ownerId: `owner-${w}`,
      });
      wallets.push(created.id);
    }
    for (const id of wallets) await scope.transactions.deposit({ walletId: id, amount: '1000.00' });
    for (let b = 0; b < batchesPerOrganization; b += 1) {
      await scope.transactions.batch({
        transfers: Array.from({ length: 1000 }, (_, i) => ({
          fromWalletId: wallets[(i * 7 + b) % walletsPerOrganization]!,
          toWalletId: wallets[(i * 13 + b + 1) % walletsPerOrganization]!,
          amount: '0.01',
        })).filter((t) => t.fromWalletId !== t.toWalletId),
      });
    }
    scopes.push(scope);
    if (o === 0) wallet = wallets[3]!;
  }
  acme = scopes[0]!;
  admin = new pg.Client({ connectionString: opened.database.url });
  await admin.connect();
  await admin.query('VACUUM ANALYZE');
}, 300_000);

afterAll(async () => {
  await admin?.end();
  await dispose?.();
});

/** Runs `read` and returns the statements the store sent for it. */
async function statementsOf(
  read: () => Promise<unknown>,
): Promise<{ text: string; values: unknown[] }[]> {
  captured = [];
  const spy = vi.spyOn(PostgresConnection.prototype, 'rows').mockImplementation(async function (
    this: PostgresConnection,
    prepared: Statement,
    values: readonly unknown[],
  ) {
    captured.push({ text: prepared.text, values: [...values] });
    return this.once(prepared, values);
  });
  try {
    await read();
  } finally {
    spy.mockRestore();
  }
  return captured;
}

async function explain(read: () => Promise<unknown>): Promise<string> {
  const plans: string[] = [];
  for (const { text, values } of await statementsOf(read)) {
    const result = await admin.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (COSTS OFF) ${text}`,
      values,
    );
    plans.push(result.rows.map((row) => row['QUERY PLAN']).join('\n'));
  }
  return plans.join('\n---\n');
}

function expectIndexed(plan: string): void {
  expect(plan).not.toMatch(/Seq Scan on ledger_(transactions|entries|wallets)/);
  expect(plan).toMatch(/Index (Only )?Scan/);
}

describe('query plans', () => {
  const cases: [string, () => Promise<unknown>][] = [
    ['transactions, page mode', () => acme.transactions.list({ pageSize: 20, page: 2 })],
    [
      'transactions, cursor mode',
      async () => {
        const first = await acme.transactions.list({ pageSize: 20 });
        return acme.transactions.list({ pageSize: 20, cursor: first.nextCursor! });
      },
    ],
    [
      'transactions of a wallet, page mode',
      () => acme.transactions.list({ walletId: wallet, pageSize: 20 }),
    ],
    [
      'transactions of a wallet, cursor mode',
      async () => {
        const first = await acme.transactions.list({ walletId: wallet, pageSize: 5 });
        return acme.transactions.list({ walletId: wallet, pageSize: 5, cursor: first.nextCursor! });
      },
    ],
    ['wallets, page mode', () => acme.wallets.list({ pageSize: 20 })],
    ['wallets of an owner', () => acme.wallets.list({ ownerId: 'owner-3' })],
    ['statement, page mode', () => acme.wallets.entries(wallet, { pageSize: 20, page: 2 })],
    [
      'statement, cursor mode',
      async () => {
        const first = await acme.wallets.entries(wallet, { pageSize: 5 });
        return acme.wallets.entries(wallet, { pageSize: 5, cursor: first.nextCursor! });
      },
    ],
    [
      'balance as of an instant',
      () => acme.wallets.balance(wallet, { asOf: new Date(Date.now() - 1000) }),
    ],
  ];
  for (const [name, read] of cases) {
    it(`answers ${name} from indexes`, async () => {
      const plan = await explain(read);
      console.log(`\n### ${name}\n${plan}\n`);
      expectIndexed(plan);
    });
  }
});

// Proves `vaultcraft verify` (verifyCommand, called in-process with captured output) on SQLite
// and PostgreSQL ledgers built through the library: OK on a sound ledger with the counts on
// stdout and nothing on stderr; progress lines when a progress sink (a terminal) is there; each
// violation of a database corrupted with SQL on its own line with the invariant's name and ids,
// then a summary, exit 1; `--organization` checking one organization (both spellings); exit 2
// for an unknown organization or bad arguments.
import { createRequire } from 'node:module';
import { migratePostgres, openPostgresStore } from '@vaultcraft/adapters/postgres';
import { openSqliteStore } from '@vaultcraft/adapters/sqlite';
import { createVault, type LedgerStore } from '@vaultcraft/core';
import type BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { CliIo } from '../../src/cli/run-cli.js';
import { verifyCommand } from '../../src/cli/verify-command.js';
import { loadDatabaseSettings } from '../../src/config/load-config.js';
import {
  createPostgresTestDatabase,
  createSqliteTestDatabase,
  type TestDatabase,
} from '../identity/identity-test-databases.js';

const requireFromDriver = createRequire(
  createRequire(import.meta.url).resolve('@mikro-orm/better-sqlite'),
);
const Database = requireFromDriver('better-sqlite3') as typeof BetterSqlite3;

let databases: TestDatabase[] = [];
afterEach(async () => {
  for (const database of databases) await database.remove();
  databases = [];
});

/** Runs the command on `location` (a SQLite path or PostgreSQL URL), capturing its output. */
async function verify(location: string, args: string[] = [], progress?: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    env: { DATABASE_URL: location },
    cwd: process.cwd(),
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  };
  const config = loadDatabaseSettings(io.env, { cwd: io.cwd });
  const code = await verifyCommand(config, io, {
    args,
    progress: progress === undefined ? null : (line) => progress.push(line ?? '(done)'),
  });
  return { code, out, err };
}

/** Two organizations; acme: alice deposits 100.00 and sends bob 30.00 under a key. */
async function buildLedger(store: LedgerStore) {
  const vault = createVault({ store });
  try {
    const ids = { acme: '', globex: '', alice: '', bob: '', transfer: '' };
    for (const name of ['acme', 'globex'] as const) {
      const organization = await vault.organizations.create({ name });
      ids[name] = organization.id;
      const scope = vault.organization(organization.id);
      const create = (ownerId: string) =>
        scope.wallets.create({ name: ownerId, walletType: 'PRIMARY', currency: 'USD', ownerId });
      const alice = (await create('alice')).id;
      const bob = (await create('bob')).id;
      await scope.transactions.deposit({ walletId: alice, amount: '100.00' });
      const transfer = await scope.transactions.transfer(
        { fromWalletId: alice, toWalletId: bob, amount: '30.00' },
        { idempotencyKey: 'order-1' },
      );
      if (name === 'acme') Object.assign(ids, { alice, bob, transfer: transfer.id });
    }
    return ids;
  } finally {
    await vault.close();
  }
}

async function sqliteLedger() {
  const database = createSqliteTestDatabase();
  databases.push(database);
  const ids = await buildLedger(await openSqliteStore({ path: database.location }));
  const corrupt = (sql: string) => {
    const db = new Database(database.location);
    try {
      expect(db.prepare(sql).run().changes).toBe(1);
    } finally {
      db.close();
    }
  };
  return { location: database.location, ids, corrupt };
}

describe('vaultcraft verify (in-process)', () => {
  it('says OK with the counts, and shows progress only where asked', async () => {
    const { location } = await sqliteLedger();
    const quiet = await verify(location);
    expect(quiet).toMatchObject({ code: 0, err: [] });
    expect(quiet.out).toHaveLength(1);
    expect(quiet.out[0]).toMatch(
      /^vaultcraft verify: OK, checked 2 organizations, 6 wallets, 4 transactions, 8 entries, 2 idempotency keys in \d+\.\d s$/,
    );
    const progress: string[] = [];
    expect((await verify(location, [], progress)).code).toBe(0);
    expect(progress[0]).toMatch(/^vaultcraft verify: 1 organizations, 3 wallets, .* so far\.\.\.$/);
    expect(progress.at(-1)).toBe('(done)');
  });

  it('lists each violation with its invariant and ids, then a summary, and exits 1', async () => {
    const { location, ids, corrupt } = await sqliteLedger();
    corrupt(`UPDATE ledger_wallets SET balance = '7001' WHERE id = '${ids.alice}'`);
    const result = await verify(location);
    expect(result.code).toBe(1);
    expect(result.out).toEqual([]);
    expect(result.err).toEqual([
      expect.stringMatching(
        new RegExp(`^VIOLATION ZERO_SUM: USD balances .* \\(organization ${ids.acme}\\)$`),
      ),
      expect.stringMatching(
        new RegExp(
          `^VIOLATION BALANCE_MATCHES_ENTRIES: Wallet ${ids.alice} has balance 7001, .* \\(organization ${ids.acme}, wallet ${ids.alice}\\)$`,
        ),
      ),
      expect.stringMatching(
        /^vaultcraft verify: 2 violation\(s\) \(ZERO_SUM 1, BALANCE_MATCHES_ENTRIES 1\) in 2 organizations, /,
      ),
    ]);
  });

  it('checks one organization with --organization, in either spelling', async () => {
    const { location, ids, corrupt } = await sqliteLedger();
    corrupt(`UPDATE ledger_transactions SET reversed_amount = '5000' WHERE id = '${ids.transfer}'`);
    const other = await verify(location, ['--organization', ids.globex]);
    expect(other.code).toBe(0);
    expect(other.out[0]).toMatch(/OK, checked 1 organizations, 3 wallets, 2 transactions/);
    const tampered = await verify(location, [`--organization=${ids.acme}`]);
    expect(tampered.code).toBe(1);
    expect(tampered.err[0]).toMatch(
      new RegExp(`^VIOLATION REVERSAL_WITHIN_ORIGINAL: .*transaction ${ids.transfer}\\)$`),
    );
  });

  it('exits 2 for an unknown organization and for bad arguments', async () => {
    const { location } = await sqliteLedger();
    const unknown = await verify(location, [
      '--organization',
      '01900000-0000-7000-8000-000000000000',
    ]);
    expect(unknown).toMatchObject({ code: 2, out: [] });
    expect(unknown.err[0]).toMatch(/there is no organization 01900000-/);
    for (const args of [
      ['--organization'],
      ['--organization='],
      ['--fast'],
      ['--organization', 'x', 'y'],
    ]) {
      const bad = await verify(location, args);
      expect(bad.code, args.join(' ')).toBe(2);
      expect(bad.err[0]).toMatch(/Usage: vaultcraft verify \[--organization <id>\]/);
    }
  });

  it('reports a corrupted PostgreSQL ledger the same way', async () => {
    const database = await createPostgresTestDatabase(inject('postgresUrl'));
    databases.push(database);
    await migratePostgres({ url: database.location });
    const ids = await buildLedger(await openPostgresStore({ url: database.location }));
    expect((await verify(database.location)).code).toBe(0);
    const client = new pg.Client({ connectionString: database.location });
    await client.connect();
    try {
      await client.query(
        `DELETE FROM ledger_entries WHERE wallet_id = $1 AND transaction_id = $2`,
        [ids.bob, ids.transfer],
      );
    } finally {
      await client.end();
    }
    const result = await verify(database.location);
    expect(result.code).toBe(1);
    const lines = result.err.join('\n');
    expect(lines).toContain(`VIOLATION BALANCED_TRANSACTION: Transaction ${ids.transfer}`);
    expect(lines).toMatch(new RegExp(`VIOLATION BALANCE_MATCHES_ENTRIES: .*wallet ${ids.bob}\\)`));
  });
});

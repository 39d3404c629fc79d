// Proves the `vaultcraft` command as an operator meets it, by spawning `node src/cli.ts` with an explicit environment and reading its exit code, stdout and stderr: openapi/--help/--version, usage and configuration errors (exit 2, the variable named, no stack), migrate on SQLite and PostgreSQL, and verify on a clean, a tampered and an unmigrated database.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type AddressInfo, createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '@vaultcraft/adapters/sqlite';
import { createVault } from '@vaultcraft/core';
import type BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, inject, it, type TestContext } from 'vitest';
import {
  createEmptyDatabase,
  type TestDatabase,
} from '../../../adapters/test/postgres-test-database.js';
import { type CliResult, killAllChildren, processJwtSecret, runCli } from './cli-process.js';

const packageVersion = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

// The server reaches better-sqlite3 only through MikroORM's driver; load it from there to
// edit a database file behind the ledger's back.
const requireFromDriver = createRequire(
  createRequire(import.meta.url).resolve('@mikro-orm/better-sqlite'),
);
const Database = requireFromDriver('better-sqlite3') as typeof BetterSqlite3;

const stackTrace = /\n\s+at .+\(?.*:\d+:\d+\)?/;

// Each test works in its own directories under `root` and drops its own database.
const root = mkdtempSync(join(tmpdir(), 'vaultcraft-cli-process-'));
afterEach(killAllChildren);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A fresh directory for one test (removed with `root`). */
function caseDirectory(): string {
  return mkdtempSync(join(root, 'case-'));
}

/** Runs the CLI in `cwd` (a fresh directory by default) with exactly `env` (and PATH). */
function cli(args: string[], env: Record<string, string> = {}, cwd = caseDirectory()) {
  return runCli(args, { cwd, env });
}

/** An empty PostgreSQL database, dropped when the test finishes. */
async function emptyPostgres(context: TestContext): Promise<TestDatabase> {
  const database = await createEmptyDatabase(inject('postgresUrl'));
  context.onTestFinished(() => database.drop());
  return database;
}

function expectCleanFailure(result: CliResult, options: { code: number; names: string }): void {
  expect(result.code, result.stderr).toBe(options.code);
  expect(result.stderr).toContain(options.names);
  expect(result.stderr).not.toMatch(stackTrace);
  expect(result.stdout).not.toContain('listening on');
}

describe('vaultcraft without a database', () => {
  it('prints the OpenAPI 3.1 document as JSON', async () => {
    const result = await cli(['openapi']);
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document.openapi).toMatch(/^3\.1\./);
    expect(document.info.version).toBe(packageVersion);
    expect(Object.keys(document.paths)).toContain('/api/v1/transactions/transfer');
  });

  it('prints usage for --help (also after a command) and the version for --version', async () => {
    const [help, serveHelp, version] = await Promise.all([
      cli(['--help']),
      cli(['serve', '--help']),
      cli(['--version']),
    ]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: vaultcraft <command>');
    expect(serveHelp).toMatchObject({ code: 0, stdout: help.stdout });
    for (const command of ['serve', 'migrate', 'verify', 'openapi']) {
      expect(help.stdout).toContain(command);
    }
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(packageVersion);
  });

  it('answers an unknown command with usage on stderr and exit code 2', async () => {
    const result = await cli(['frobnicate']);
    expectCleanFailure(result, { code: 2, names: 'unknown command "frobnicate"' });
    expect(result.stderr).toContain('Usage: vaultcraft <command>');
    expect(result.stdout).toBe('');
  });

  it('refuses a bad configuration with exit code 2, naming the variable', async () => {
    const cases: { env: Record<string, string>; names: string }[] = [
      { env: { PORT: 'abc' }, names: 'PORT' },
      { env: { DATABASE_URL: 'mysql://x' }, names: 'DATABASE_URL' },
      { env: { NODE_ENV: 'production' }, names: 'VAULTCRAFT_JWT_SECRET' },
      { env: { VAULTCRAFT_PROT: '1' }, names: 'VAULTCRAFT_PROT' },
    ];
    const results = await Promise.all(cases.map(({ env }) => cli(['serve'], env)));
    for (const [index, { names }] of cases.entries()) {
      expectCleanFailure(results[index]!, { code: 2, names });
      expect(results[index]!.stderr).toContain(`configuration error: ${names}`);
    }
  });

  it('names PORT, without a stack trace, when the port is taken', async ({ onTestFinished }) => {
    const blocker = createTcpServer();
    onTestFinished(() => void blocker.close());
    const port = await new Promise<number>((resolve) => {
      blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as AddressInfo).port));
    });
    const result = await cli(['serve'], {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: join(caseDirectory(), 'vaultcraft.db'),
      VAULTCRAFT_JWT_SECRET: processJwtSecret,
    });
    expectCleanFailure(result, { code: 2, names: 'PORT' });
    expect(result.stderr).toContain('already in use');
  });
});

describe('vaultcraft migrate', () => {
  it('migrates a fresh SQLite file, then finds it up to date', async () => {
    const env = {
      DATABASE_URL: join(caseDirectory(), 'db', 'ledger.db'),
      VAULTCRAFT_JWT_SECRET: processJwtSecret,
    };
    const first = await cli(['migrate'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/applied \d+ migration\(s\): 0001-initial-schema/);
    const second = await cli(['migrate'], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('the database is up to date');
  });

  it('migrates a fresh PostgreSQL database, then finds it up to date', async (context) => {
    const database = await emptyPostgres(context);
    const env = { DATABASE_URL: database.url, VAULTCRAFT_JWT_SECRET: processJwtSecret };
    const first = await cli(['migrate'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/applied \d+ migration\(s\)/);
    const second = await cli(['migrate'], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('the database is up to date');
  });
});

/**
 * Creates the ledger's schema at `path` and moves money on it through the library (verify
 * reads only the ledger); returns the wallets' ids.
 */
async function moveSomeMoney(path: string): Promise<{ alice: string; bob: string }> {
  const store = await openSqliteStore({ path });
  const vault = createVault({ store });
  try {
    const organization = await vault.organizations.create({ name: 'Verify' });
    const acme = vault.organization(organization.id);
    const create = (name: string) =>
      acme.wallets.create({ name, walletType: 'PRIMARY', currency: 'USD', ownerId: name });
    const alice = (await create('alice')).id;
    const bob = (await create('bob')).id;
    await acme.transactions.deposit({ walletId: alice, amount: '100.00' });
    await acme.transactions.transfer({ fromWalletId: alice, toWalletId: bob, amount: '30.25' });
    await acme.transactions.withdraw({ walletId: bob, amount: '0.25' });
    return { alice, bob };
  } finally {
    await vault.close();
  }
}

describe('vaultcraft verify', () => {
  it('says OK on a consistent database, and lists the tampered wallet with exit code 1', async () => {
    const path = join(caseDirectory(), 'ledger.db');
    const env = { DATABASE_URL: path, VAULTCRAFT_JWT_SECRET: processJwtSecret };
    const { bob } = await moveSomeMoney(path);

    const clean = await cli(['verify'], env);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toMatch(
      /OK, checked 1 organizations, 3 wallets, 3 transactions, 6 entries/,
    );
    expect(clean.stderr).toBe('');

    const db = new Database(path);
    try {
      // Bob holds 30.00 (3000 minor units); the extra cent was never posted by any entry.
      const changed = db
        .prepare("UPDATE ledger_wallets SET balance = '3001' WHERE id = ?")
        .run(bob);
      expect(changed.changes).toBe(1);
    } finally {
      db.close();
    }
    const tampered = await cli(['verify'], env);
    expect(tampered.code, tampered.stdout).toBe(1);
    expect(tampered.stderr).toMatch(new RegExp(`VIOLATION \\S+: .*wallet ${bob}`));
    expect(tampered.stderr).toMatch(/\d+ violation\(s\)/);
    expect(tampered.stderr).not.toMatch(stackTrace);
    expect(tampered.stdout).not.toContain('OK');
  });

  it('passes --organization to verify and refuses other arguments with exit code 2', async () => {
    const path = join(caseDirectory(), 'ledger.db');
    const env = { DATABASE_URL: path, VAULTCRAFT_JWT_SECRET: processJwtSecret };
    await moveSomeMoney(path);
    const store = await openSqliteStore({ path });
    const organizationId = (await createVault({ store }).organizations.list()).items[0]!.id;
    await store.close();

    const one = await cli(['verify', '--organization', organizationId], env);
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toMatch(/OK, checked 1 organizations, 3 wallets/);

    const unknown = await cli(['verify', `--organization=${randomUUID()}`], env);
    expectCleanFailure(unknown, { code: 2, names: 'organization' });
    const bogus = await cli(['verify', '--everything'], env);
    expectCleanFailure(bogus, { code: 2, names: '--everything' });
    expect(bogus.stderr).toContain('vaultcraft verify [--organization <id>]');
    // Other commands still take no argument.
    const migrate = await cli(['migrate', '--organization', organizationId], env);
    expectCleanFailure(migrate, { code: 2, names: '--organization' });
    expect(migrate.stderr).toContain('unexpected argument --organization');
  });

  it('says to run migrate on a SQLite file without a schema, and never creates a missing one', async () => {
    const directory = caseDirectory();
    const empty = join(directory, 'empty.db');
    writeFileSync(empty, '');
    const unmigrated = await cli(['verify'], {
      DATABASE_URL: empty,
      VAULTCRAFT_JWT_SECRET: processJwtSecret,
    });
    expectCleanFailure(unmigrated, { code: 2, names: 'DATABASE_URL' });
    expect(unmigrated.stderr).toContain('has no VaultCraft schema');
    expect(unmigrated.stderr).toContain('vaultcraft migrate');

    const missing = join(directory, 'typo.db');
    const absent = await cli(['verify'], {
      DATABASE_URL: missing,
      VAULTCRAFT_JWT_SECRET: processJwtSecret,
    });
    expectCleanFailure(absent, { code: 2, names: 'DATABASE_URL' });
    expect(absent.stderr).toContain(`no SQLite database at ${missing}`);
    expect(() => readFileSync(missing)).toThrow(/ENOENT/);
  });

  it('says to run migrate on a PostgreSQL database without a schema', async (context) => {
    const database = await emptyPostgres(context);
    const result = await cli(['verify'], {
      DATABASE_URL: database.url,
      VAULTCRAFT_JWT_SECRET: processJwtSecret,
    });
    expectCleanFailure(result, { code: 2, names: 'DATABASE_URL' });
    expect(result.stderr).toContain('vaultcraft migrate');
  });
});

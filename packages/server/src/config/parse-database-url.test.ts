// Proves which DATABASE_URL values loadConfig accepts (SQLite paths in four spellings, PostgreSQL
// URLs) and what it refuses (other schemes, empty paths), and how the data directory follows
// the database, by loading configs in a fresh temp cwd.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isVaultError } from '@vaultcraft/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';

const secret = 's'.repeat(32);
let cwd: string;

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'vaultcraft-database-url-'));
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

function load(env: Record<string, string>) {
  return loadConfig({ VAULTCRAFT_JWT_SECRET: secret, ...env }, { cwd });
}

describe('DATABASE_URL', () => {
  it.each([
    ['a plain relative path', 'ledger.db', () => join(cwd, 'ledger.db')],
    ['a plain absolute path', '/var/lib/vc/ledger.db', () => '/var/lib/vc/ledger.db'],
    ['sqlite:<relative path>', 'sqlite:./db/ledger.db', () => join(cwd, 'db', 'ledger.db')],
    ['sqlite://<relative path>', 'sqlite://db/ledger.db', () => join(cwd, 'db', 'ledger.db')],
    ['sqlite://<absolute path>', 'sqlite:///srv/ledger.db', () => '/srv/ledger.db'],
    ['file:<relative path>', 'file:ledger.db', () => join(cwd, 'ledger.db')],
    ['file:///<absolute path>', 'file:///srv/ledger.db', () => '/srv/ledger.db'],
    ['an in-memory database', 'sqlite::memory:', () => ':memory:'],
    ['an upper-case scheme', 'SQLITE:ledger.db', () => join(cwd, 'ledger.db')],
  ])('accepts %s', async (_, value, path) => {
    const config = await load({ DATABASE_URL: value });
    expect(config.database).toEqual({ kind: 'sqlite', path: path() });
  });

  it.each([
    'postgres://vault:pw@db.example:5432/ledger',
    'postgresql://vault@db.example/ledger?sslmode=require',
    'postgres:///ledger?host=/var/run/postgresql',
  ])('accepts the PostgreSQL URL %s as given', async (url) => {
    const config = await load({ DATABASE_URL: url });
    expect(config.database).toEqual({ kind: 'postgres', url });
  });

  it.each([
    ['mysql://root:pw@localhost/ledger', /scheme "mysql:" is not supported; expected a SQLite/],
    ['http://example.com/db', /scheme "http:" is not supported/],
    ['sqlite:', /names no SQLite file/],
    ['sqlite://', /names no SQLite file/],
    ['postgres://', /names no PostgreSQL host/],
    ['postgres://user:pw@[bad/x', /not a valid PostgreSQL URL/],
    ['ledger\0.db', /NUL/],
  ])('refuses %s', async (value, message) => {
    const error: unknown = await load({ DATABASE_URL: value }).catch((caught: unknown) => caught);
    expect(isVaultError(error) && error.code).toBe('CONFIGURATION_ERROR');
    expect((error as { setting: string }).setting).toBe('DATABASE_URL');
    expect((error as Error).message).toMatch(message);
  });

  it('never quotes a refused URL, which may hold a password', async () => {
    const error: unknown = await load({ DATABASE_URL: 'mysql://root:hunter2@localhost/x' }).catch(
      (caught: unknown) => caught,
    );
    expect((error as Error).message).not.toContain('hunter2');
  });
});

describe('VAULTCRAFT_DATA_DIR', () => {
  it("defaults to the SQLite file's directory", async () => {
    const config = await load({ DATABASE_URL: 'sqlite:state/ledger.db' });
    expect(config.dataDir).toBe(join(cwd, 'state'));
  });

  it('defaults to ./data for PostgreSQL and for an in-memory database', async () => {
    const postgres = await load({ DATABASE_URL: 'postgres://db.example/ledger' });
    const memory = await load({ DATABASE_URL: ':memory:' });
    expect(postgres.dataDir).toBe(join(cwd, 'data'));
    expect(memory.dataDir).toBe(join(cwd, 'data'));
  });

  it('is resolved against the working directory when given', async () => {
    const config = await load({ VAULTCRAFT_DATA_DIR: 'var/vc', DATABASE_URL: 'x/ledger.db' });
    expect(config.dataDir).toBe(join(cwd, 'var', 'vc'));
  });
});

// Proves that opening fails with a CONFIGURATION_ERROR naming the setting, saying what to fix,
// keeping the driver error as cause and never echoing the password: bad options, a URL of
// another database, a closed port, a server that never answers, a missing database, a missing
// role, a wrong password (a role with SCRAM authentication added to the throwaway server's
// pg_hba.conf), and `migrate: false` on a schema that lacks migrations.
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { ConfigurationError, isVaultError, type VaultError } from '@vaultcraft/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { toOpenError } from '../../src/postgres/postgres-errors.js';
import { migratePostgres, openPostgresStore } from '../../src/postgres.js';
import { createEmptyDatabase, databaseUrl } from '../postgres-test-database.js';

async function openError(options: unknown): Promise<VaultError> {
  try {
    const store = await openPostgresStore(options as never);
    await store.close();
  } catch (error) {
    if (!isVaultError(error)) throw error;
    return error;
  }
  return expect.fail('opening succeeded');
}

async function expectSetting(
  options: unknown,
  setting: string,
  message: RegExp,
): Promise<VaultError> {
  const error = await openError(options);
  expect(error).toBeInstanceOf(ConfigurationError);
  expect(error.code).toBe('CONFIGURATION_ERROR');
  expect(error.details.setting).toBe(setting);
  expect(error.message).toMatch(message);
  expect(error.message).not.toContain('s3cret');
  return error;
}

/** `url` with another user (optional) and password. */
function withPassword(url: string, user: string | undefined, password: string): string {
  const target = new URL(url);
  if (user !== undefined) target.username = user;
  target.password = password;
  return target.toString();
}

/** A local port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let silent: Server;
let silentPort: number;
const silentSockets = new Set<Socket>();
beforeAll(async () => {
  // Accepts TCP connections and never says a word: a host behind a firewall that drops packets.
  silent = createServer((socket) => {
    silentSockets.add(socket);
    socket.on('close', () => silentSockets.delete(socket));
    socket.resume();
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentPort = (silent.address() as { port: number }).port;
});
afterAll(async () => {
  for (const socket of silentSockets) socket.destroy();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
});

describe('opening errors', () => {
  const url = () => inject('postgresUrl');

  it('names an unknown option and a bad value', async () => {
    await expectSetting({ url: url(), poolsize: 3 }, 'poolsize', /not an option/);
    await expectSetting({ url: url(), poolSize: 0 }, 'poolSize', /./);
    await expectSetting({ url: url(), schema: 'Bad-Name' }, 'schema', /lower-case/);
    await expectSetting({ url: url(), schema: 'pg_mine' }, 'schema', /pg_/);
    await expectSetting({ url: url(), migrate: 'yes' }, 'migrate', /true or false/);
    await expectSetting({}, 'url', /./);
    await expectSetting(undefined, 'options', /options object/);
  });

  it('refuses a URL of another database with what to use instead', async () => {
    await expectSetting(
      { url: 'mysql://root:s3cret@localhost:3306/vault' },
      'url',
      /postgres:\/\/.*mysql/,
    );
    await expectSetting({ url: 'file:./vault.db' }, 'url', /sqlite/i);
    await expectSetting({ url: 'localhost:5432/vault' }, 'url', /postgres:\/\//);
    await expectSetting({ url: 'postgres://user:s3cret@[bad/vault' }, 'url', /not a valid URL/);
  });

  it('reports a closed port as nothing accepting connections there', async () => {
    const port = await closedPort();
    const error = await expectSetting(
      { url: `postgres://vault:s3cret@127.0.0.1:${port}/vault` },
      'url',
      new RegExp(`nothing accepts connections.*127\\.0\\.0\\.1:${port}/vault`),
    );
    expect((error.cause as { code?: string }).code).toBe('ECONNREFUSED');
  });

  it('gives up on a server that never answers after connectTimeoutMs', async () => {
    const started = Date.now();
    await expectSetting(
      { url: `postgres://vault:s3cret@127.0.0.1:${silentPort}/vault`, connectTimeoutMs: 300 },
      'url',
      /did not answer within 300 ms.*connectTimeoutMs/,
    );
    expect(Date.now() - started).toBeLessThan(30_000);
    // The client gave up and closed its socket (the server saw it end).
    await expect.poll(() => silentSockets.size, { timeout: 10_000 }).toBe(0);
  });

  it('reports a database that does not exist', async () => {
    const error = await expectSetting(
      { url: databaseUrl(url(), 'vaultcraft_no_such_database') },
      'url',
      /database does not exist.*create it/,
    );
    expect(error.details.driver_code).toBe('3D000');
  });

  it('reports a role that does not exist', async () => {
    const target = new URL(url());
    target.username = 'vaultcraft_no_such_role';
    target.password = 's3cret';
    const error = await expectSetting(
      { url: target.toString() },
      'url',
      /refused the login.*user name/,
    );
    expect(error.details.driver_code).toBe('28000');
  });

  it('reports a wrong password', async () => {
    // migrate: false, so that a server that lets us in is left untouched.
    const wrongPassword = { url: withPassword(url(), undefined, 's3cret'), migrate: false };
    const direct = await openError(wrongPassword).catch(() => undefined);
    if (direct?.details.driver_code === '28P01') {
      // The server checks passwords already (VAULTCRAFT_TEST_DATABASE_URL of a real server).
      expect(direct.message).toMatch(/password authentication failed/);
      return;
    }
    // The throwaway server trusts local logins: give one new role SCRAM authentication.
    const admin = new pg.Client({ connectionString: url() });
    await admin.connect();
    const role = `vaultcraft_pw_${process.pid}`;
    const { rows } = await admin.query<{ hba_file: string }>('SHOW hba_file');
    const hba = rows[0]!.hba_file;
    const original = await readFile(hba, 'utf8');
    try {
      await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'right-password'`);
      await writeFile(hba, `host all ${role} 127.0.0.1/32 scram-sha-256\n${original}`);
      await admin.query('SELECT pg_reload_conf()');
      const error = await expectSetting(
        { url: withPassword(url(), role, 's3cret') },
        'url',
        /password authentication failed.*check the user name and password/,
      );
      expect(error.details.driver_code).toBe('28P01');
    } finally {
      await writeFile(hba, original);
      await admin.query('SELECT pg_reload_conf()');
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
    }
  });

  it('maps the SQLSTATE of every login failure it knows', () => {
    const where = 'vault@db:5432/vault';
    for (const [code, text] of [
      ['28P01', /password/],
      ['28000', /pg_hba/],
      ['3D000', /database/],
      ['42501', /privilege/],
      ['ENOTFOUND', /does not resolve/],
      ['EHOSTUNREACH', /not reachable/],
    ] as const) {
      const error = toOpenError(Object.assign(new Error('driver says no'), { code }), where, 5000);
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as ConfigurationError).message).toMatch(text);
      expect((error as ConfigurationError).cause).toBeInstanceOf(Error);
    }
  });

  it('refuses to open a schema that lacks migrations with migrate: false', async () => {
    const database = await createEmptyDatabase(url());
    try {
      await expectSetting(
        { url: database.url, migrate: false },
        'migrate',
        /lacks 3 migration.*migratePostgres/,
      );
      expect(await migratePostgres({ url: database.url })).toHaveLength(3);
      const store = await openPostgresStore({ url: database.url, migrate: false });
      expect(await store.pendingMigrations()).toEqual([]);
      await store.close();
    } finally {
      await database.drop();
    }
  });
});

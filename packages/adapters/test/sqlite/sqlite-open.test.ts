// Proves how the SQLite store opens and closes: options are validated (an unknown or wrong one
// is a CONFIGURATION_ERROR naming it), a bad path says what to fix and keeps the driver error as
// cause, parent directories are created, the pragmas (WAL, synchronous, busy_timeout,
// foreign_keys) are set as documented, close() is idempotent and later calls are UNAVAILABLE,
// and importing the entry point opens nothing and lets a process exit.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isVaultError } from '@vaultcraft/core';
import { afterEach, describe, expect, it } from 'vitest';
import { connectSqlite } from '../../src/sqlite/sqlite-connection.js';
import { resolveSqliteOptions } from '../../src/sqlite/sqlite-options.js';
import { openSqliteStore, type SqliteStoreOptions } from '../../src/sqlite.js';
import { type TempDatabase, tempDatabase } from './temp-database.js';

let database: TempDatabase;
afterEach(() => database?.remove());

async function configurationError(
  options: unknown,
): Promise<{ setting: string; message: string; cause: unknown }> {
  try {
    const store = await openSqliteStore(options as SqliteStoreOptions);
    await store.close();
  } catch (error) {
    expect(isVaultError(error) && error.code).toBe('CONFIGURATION_ERROR');
    return error as { setting: string; message: string; cause: unknown };
  }
  throw new Error('expected a CONFIGURATION_ERROR');
}

describe('opening a sqlite store', () => {
  it('names the setting of each bad option', async () => {
    database = tempDatabase();
    const path = database.path;
    const cases: [unknown, string][] = [
      [{ path, synchronus: 'FULL' }, 'synchronus'],
      [{}, 'path'],
      [{ path: '' }, 'path'],
      [{ path: 42 }, 'path'],
      [{ path: 'postgres://localhost/ledger' }, 'path'],
      [{ path, synchronous: 'OFF' }, 'synchronous'],
      [{ path, busyTimeoutMs: -1 }, 'busyTimeoutMs'],
      [{ path, busyTimeoutMs: 1.5 }, 'busyTimeoutMs'],
      [{ path, migrate: 'yes' }, 'migrate'],
      [{ path, groupCommit: 'yes' }, 'groupCommit'],
      [{ path, groupCommit: { windowMs: 11 } }, 'groupCommit.windowMs'],
      [{ path, groupCommit: { maxOperations: 0 } }, 'groupCommit.maxOperations'],
      [{ path, groupCommit: { maxOperations: 2.5 } }, 'groupCommit'],
      [{ path, groupCommit: { window: 1 } }, 'groupCommit.window'],
      [null, 'options'],
    ];
    for (const [options, setting] of cases) {
      expect((await configurationError(options)).setting, JSON.stringify(options)).toBe(setting);
    }
    expect(existsSync(path), 'no file is created for rejected options').toBe(false);
  });

  it('says what to fix for a path that cannot be a database, keeping the cause', async () => {
    database = tempDatabase();
    const aFile = join(database.directory, 'a-file');
    writeFileSync(aFile, 'not a directory');
    const notSqlite = join(database.directory, 'notes.txt');
    writeFileSync(notSqlite, 'x'.repeat(4096));
    const aDirectory = join(database.directory, 'a-directory');
    mkdirSync(aDirectory);
    const paths = [join(aFile, 'ledger.sqlite'), notSqlite, aDirectory];
    // Node's recursive mkdir never returns under /proc; the store must fail at once there.
    if (process.platform === 'linux') paths.push('/proc/vaultcraft-missing/ledger.sqlite');
    for (const path of paths) {
      const error = await configurationError({ path });
      expect(error.setting, path).toBe('path');
      expect(error.message).toContain(path);
      expect(error.cause, path).toBeDefined();
    }
  });

  it('creates parent directories, and sets WAL, synchronous, busy_timeout and foreign keys', async () => {
    database = tempDatabase();
    const path = join(database.directory, 'nested', 'deeper', 'ledger.sqlite');
    const store = await openSqliteStore({ path });
    expect(store.capabilities).toEqual({ name: 'sqlite', durable: true, multiProcess: true });
    await store.close();
    expect(existsSync(path)).toBe(true);
    for (const [synchronous, level] of [
      ['FULL', 2],
      ['NORMAL', 1],
    ] as const) {
      const options = resolveSqliteOptions({ path, synchronous, busyTimeoutMs: 1234 }, 'test');
      const { orm, db } = await connectSqlite(options);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(level);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(1234);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      await orm.close(true);
    }
    expect(resolveSqliteOptions({ path }, 'test')).toEqual({
      path,
      synchronous: 'FULL',
      busyTimeoutMs: 5000,
      migrate: true,
      groupCommit: { windowMs: 0, maxOperations: 256 },
    });
    expect(resolveSqliteOptions({ path, groupCommit: false }, 'test').groupCommit).toBeNull();
    expect(
      resolveSqliteOptions({ path, groupCommit: { maxOperations: 16 } }, 'test').groupCommit,
    ).toEqual({ windowMs: 0, maxOperations: 16 });
  });

  it('keeps an in-memory store non-durable and single-process', async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    expect(store.capabilities).toEqual({ name: 'sqlite', durable: false, multiProcess: false });
    await store.ping();
    await store.close();
  });

  it('closes idempotently, then answers UNAVAILABLE', async () => {
    database = tempDatabase();
    const store = await openSqliteStore({ path: database.path });
    await store.close();
    await store.close();
    await expect(store.ping()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(store.getOrganization(crypto.randomUUID())).rejects.toMatchObject({
      code: 'UNAVAILABLE',
    });
    await expect(store.expireHolds(new Date())).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(
      readdirSync(database.directory).filter(
        (name) => name.endsWith('-wal') || name.endsWith('-shm'),
      ),
    ).toEqual([]);
  });

  it('opens nothing on import: a process importing the entry point exits at once', () => {
    const entry = fileURLToPath(new URL('../../src/sqlite.ts', import.meta.url));
    const result = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `await import(${JSON.stringify(entry)}); console.log('imported');`,
      ],
      {
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    // Killed by the timeout would mean something kept the event loop alive.
    expect(result.signal, result.stderr).toBeNull();
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe('imported');
  });
});

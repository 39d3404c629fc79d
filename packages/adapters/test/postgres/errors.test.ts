// Proves the mapping of driver errors to VaultCraft errors (postgres-errors.ts) and the retry
// policy: rejections raised by the store's functions keep their raw facts, a deadlock or a
// serialization failure is retried inside the store (and reported as UNAVAILABLE only after the
// bounded attempts), a lost connection is UNAVAILABLE, a violated constraint is INTERNAL; and
// against the real server, a store whose connections were terminated reports UNAVAILABLE once
// and then works again.

import { connect, createServer, type Server, type Socket } from 'node:net';
import { ConflictError, InternalError, isStoreRejection, UnavailableError } from '@vaultcraft/core';
import pg from 'pg';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { PostgresConnection, statement } from '../../src/postgres/postgres-connection.js';
import { toStoreError } from '../../src/postgres/postgres-errors.js';
import { openPostgresStore } from '../../src/postgres.js';
import { openTestStore } from '../postgres-test-database.js';

function driverError(code: string, message = 'driver says no', detail?: string): Error {
  return Object.assign(new Error(message), { code, ...(detail !== undefined && { detail }) });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('postgres error mapping', () => {
  it('turns a VC001 rejection into a StoreRejection with its raw facts', () => {
    const error = toStoreError(
      driverError(
        'VC001',
        'AMOUNT_EXCEEDS_REMAINING',
        '{"transactionId":"t-1","remaining":"123456789012345678901234","index":null}',
      ),
    );
    expect(isStoreRejection(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'AMOUNT_EXCEEDS_REMAINING',
      facts: { transactionId: 't-1', remaining: 123456789012345678901234n },
    });
    expect((error as { facts: object }).facts).not.toHaveProperty('index');
  });

  it('turns VC002 into IDEMPOTENCY_KEY_REUSED naming the key', () => {
    const error = toStoreError(driverError('VC002', 'order-7'));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      details: { idempotency_key: 'order-7' },
    });
  });

  it('reports lost servers and connections as UNAVAILABLE, other failures as INTERNAL', () => {
    for (const code of ['57P01', '08006', '53300', 'ECONNREFUSED', 'ECONNRESET', '40P01']) {
      const error = toStoreError(driverError(code));
      expect(error, code).toBeInstanceOf(UnavailableError);
      expect((error as UnavailableError).cause).toBeInstanceOf(Error);
    }
    expect(toStoreError(new Error('Connection terminated unexpectedly'))).toBeInstanceOf(
      UnavailableError,
    );
    for (const code of ['23514', '22003', '42P01']) {
      const error = toStoreError(driverError(code));
      expect(error, code).toBeInstanceOf(InternalError);
      expect((error as InternalError).details.driver_code).toBe(code);
    }
  });

  it('retries deadlocks and serialization failures, a bounded number of times', async () => {
    const once = vi.spyOn(PostgresConnection.prototype, 'once');
    once
      .mockRejectedValueOnce(driverError('40P01', 'deadlock detected'))
      .mockRejectedValueOnce(driverError('40001', 'could not serialize access'))
      .mockResolvedValueOnce([{ ok: 1 }]);
    const connection = Object.create(PostgresConnection.prototype) as PostgresConnection;
    expect(await connection.rows(statement('SELECT 1 AS ok'), [])).toEqual([{ ok: 1 }]);
    expect(once).toHaveBeenCalledTimes(3);

    once.mockReset();
    once.mockRejectedValue(driverError('40P01', 'deadlock detected'));
    await expect(connection.rows(statement('SELECT 1 AS ok'), [])).rejects.toBeInstanceOf(
      UnavailableError,
    );
    expect(once).toHaveBeenCalledTimes(8);
  });

  it('replaces connections the server dropped while idle, without an error', async () => {
    const { store, database, dispose } = await openTestStore(inject('postgresUrl'), {
      poolSize: 2,
    });
    const admin = new pg.Client({ connectionString: inject('postgresUrl') });
    await admin.connect();
    try {
      await Promise.all([store.ping(), store.ping()]);
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1',
        [database.name],
      );
      await expect.poll(() => store.ping().then(() => true), { timeout: 10_000 }).toBe(true);
      await store.ping();
    } finally {
      await admin.end();
      await dispose();
    }
  });

  it('reports UNAVAILABLE while the server is unreachable, and recovers when it is back', async () => {
    const { database, dispose } = await openTestStore(inject('postgresUrl'));
    const target = new URL(database.url);
    const proxy = await startProxy(Number(target.port));
    const url = new URL(database.url);
    url.port = String(proxy.port);
    const store = await openPostgresStore({ url: url.toString(), migrate: false, poolSize: 2 });
    try {
      await store.ping();
      await proxy.stop();
      const error = await store.ping().then(
        () => expect.fail('ping succeeded without a server'),
        (failure: unknown) => failure,
      );
      expect(error).toBeInstanceOf(UnavailableError);
      expect((error as UnavailableError).message).toMatch(/not reachable.*retry later/);
      await proxy.start();
      await expect
        .poll(
          () =>
            store.ping().then(
              () => true,
              () => false,
            ),
          { timeout: 10_000 },
        )
        .toBe(true);
    } finally {
      await store.close();
      await proxy.stop();
      await dispose();
    }
  });
});

/** A TCP proxy to the test server that can be cut and restored on the same port. */
async function startProxy(targetPort: number) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const start = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(targetPort, '127.0.0.1');
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => {});
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as { port: number }).port;
        resolve();
      });
    });
  const stop = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  };
  await start();
  return { port, start, stop };
}

import { createHash } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import type { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { UnavailableError } from '@vaultcraft/core';
import type { Client, QueryResultRow } from 'pg';
import { isRetryableConflict, toStoreError } from './postgres-errors.js';

/** A SQL text prepared once per connection under a stable name. */
export interface Statement {
  readonly name: string;
  readonly text: string;
}

/** A statement named after a digest of its text, so that equal texts share one preparation. */
export function statement(text: string): Statement {
  return { name: `vc_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`, text };
}

/** Attempts of a statement that PostgreSQL aborted on a deadlock or serialization failure. */
const conflictAttemptsMax = 8;

/**
 * How long a statement of {@link PostgresConnection.once} may go unanswered before its
 * connection is given up and the call fails with `UNAVAILABLE`. A statement here is one short
 * store function or one page of a scan (milliseconds, also when it waits for a hot wallet's
 * row lock); without a bound, a server that stops answering without closing the connection (a
 * network partition, a hung host) would hold the request, and the connection, for the minutes
 * TCP keepalive takes to notice, and /health with them.
 */
const statementTimeoutMs = 10_000;

/**
 * The `statement_timeout` of the store's connections: shorter than {@link statementTimeoutMs},
 * so that a statement slow on the server (a group of moves waiting for locks) is cancelled
 * there, writing nothing, before the store stops waiting and answers `UNAVAILABLE`.
 */
export const serverStatementTimeoutMs = 9_000;

interface KnexPool {
  acquireConnection(): Promise<Client>;
  releaseConnection(connection: Client): Promise<void>;
}

/**
 * Runs statements on raw `pg` connections borrowed from the ORM's knex pool: one statement per
 * borrow, so every write (a call of one of the store's functions) is its own implicit
 * transaction and one round trip. Named statements are parsed and planned once per connection.
 * Measured against `em.getConnection().execute()` (which interpolates parameters into the SQL
 * text client-side and goes through knex's query builder): see docs/postgres-store.md.
 */
export class PostgresConnection {
  private readonly pool: KnexPool;
  private closed = false;

  constructor(readonly orm: MikroORM<PostgreSqlDriver>) {
    this.pool = orm.em.getConnection().getKnex().client as unknown as KnexPool;
  }

  /**
   * Runs a statement and returns its rows. A deadlock or serialization failure (nothing was
   * written) is retried with a short random backoff; what still fails is mapped to our errors.
   *
   * @throws `StoreRejection`, `IDEMPOTENCY_KEY_REUSED`, `UNAVAILABLE`, `INTERNAL`.
   */
  async rows<R extends QueryResultRow>(
    prepared: Statement,
    values: readonly unknown[],
  ): Promise<R[]> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.once<R>(prepared, values);
      } catch (error) {
        if (attempt < conflictAttemptsMax && isRetryableConflict(error)) {
          await sleep(Math.random() * 2 ** attempt);
          continue;
        }
        throw toStoreError(error);
      }
    }
  }

  /** The first column of the first row (the result document of a store function). */
  async value<V>(prepared: Statement, values: readonly unknown[]): Promise<V> {
    const rows = await this.rows<Record<string, V>>(prepared, values);
    const row = rows[0];
    return (row === undefined ? undefined : Object.values(row)[0]) as V;
  }

  /** Runs a statement once, unmapped (for opening and migrating, which map errors themselves). */
  async once<R extends QueryResultRow>(
    prepared: Statement,
    values: readonly unknown[],
  ): Promise<R[]> {
    if (this.closed) throw new UnavailableError('The PostgreSQL store is closed');
    const client = await this.pool.acquireConnection();
    let timer: NodeJS.Timeout | undefined;
    const answered = client.query<R>({
      name: prepared.name,
      text: prepared.text,
      values: values as unknown[],
    });
    const unanswered = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abandon(client);
        reject(
          new UnavailableError(
            `PostgreSQL did not answer within ${statementTimeoutMs} ms; retry later`,
          ),
        );
      }, statementTimeoutMs);
    });
    try {
      return (await Promise.race([answered, unanswered])).rows;
    } finally {
      clearTimeout(timer);
      // Settled or abandoned: its rejection, if any, is reported through the race.
      answered.catch(() => undefined);
      await this.pool.releaseConnection(client);
    }
  }

  /** Runs `work` with one connection for several statements (a migration lock, a scan). */
  async withClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
    if (this.closed) throw new UnavailableError('The PostgreSQL store is closed');
    const client = await this.pool.acquireConnection();
    try {
      return await work(client);
    } finally {
      await this.pool.releaseConnection(client);
    }
  }

  /** Closes the pool; later calls fail with `UNAVAILABLE`. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.orm.close(true);
  }

  get isClosed(): boolean {
    return this.closed;
  }
}

/**
 * Gives up a connection whose statement went unanswered: marked so that the pool destroys it
 * instead of lending it again (knex's own mark for a connection that failed), and ended, which
 * closes its socket at once since a query is active. Whether the statement committed is
 * unknown, as after any lost connection: the caller retries under its idempotency key.
 */
function abandon(client: Client): void {
  (client as Client & { __knex__disposed?: string }).__knex__disposed =
    'a statement went unanswered';
  client.end().catch(() => undefined);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

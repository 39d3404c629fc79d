import type { MikroORM } from '@mikro-orm/core';
import type { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { UnavailableError } from '@vaultcraft/core';
import type { Client, QueryResultRow } from 'pg';
import { toPgQueryError } from './postgres-identity-errors.js';
import type { Statement } from './postgres-identity-sql.js';

/** Runs one statement inside a {@link PostgresIdentityConnection.transaction}. */
export type TransactionQuery = <R extends QueryResultRow>(
  prepared: Statement,
  values: readonly unknown[],
) => Promise<R[]>;

/**
 * How long one statement may go unanswered before its connection is given up and the call
 * fails with `UNAVAILABLE`. Identity statements take milliseconds; without a bound, a server
 * that stops answering without closing the connection (a network partition, a hung host) would
 * hold every authenticated request for the minutes TCP keepalive takes to notice.
 */
const statementTimeoutMs = 10_000;

interface KnexPool {
  acquireConnection(): Promise<Client>;
  releaseConnection(connection: Client): Promise<void>;
}

/**
 * Runs the identity store's statements on raw `pg` connections borrowed from MikroORM's knex
 * pool, with bound parameters and named statements (parsed and planned once per connection):
 * authentication runs one of them on every request.
 */
export class PostgresIdentityConnection {
  private readonly pool: KnexPool;
  private closed = false;

  constructor(readonly orm: MikroORM<PostgreSqlDriver>) {
    this.pool = orm.em.getConnection().getKnex().client as unknown as KnexPool;
  }

  /**
   * Runs one statement (its own implicit transaction) and returns its rows.
   *
   * @throws `UNAVAILABLE` (closed, or the database is gone), `INTERNAL`.
   */
  async rows<R extends QueryResultRow>(
    prepared: Statement,
    values: readonly unknown[],
  ): Promise<R[]> {
    try {
      return await this.rawRows<R>(prepared, values);
    } catch (error) {
      throw toPgQueryError(error);
    }
  }

  /** Like {@link rows}, with driver errors unmapped (opening maps them itself). */
  async rawRows<R extends QueryResultRow>(
    prepared: Statement,
    values: readonly unknown[],
  ): Promise<R[]> {
    return this.withClient((client) => run<R>(client, prepared, values));
  }

  /**
   * Runs `work` in one transaction on one connection: COMMIT when it resolves, ROLLBACK when it
   * throws. Errors stay unmapped, so that callers can recognize constraint violations.
   */
  async transaction<T>(work: (query: TransactionQuery) => Promise<T>): Promise<T> {
    return this.withClient(async (client) => {
      await bounded(client, client.query('BEGIN'));
      try {
        const result = await work((prepared, values) => run(client, prepared, values));
        await bounded(client, client.query('COMMIT'));
        return result;
      } catch (error) {
        // A lost connection cannot roll back; the server does when the session ends.
        await bounded(client, client.query('ROLLBACK')).catch(() => undefined);
        throw error;
      }
    });
  }

  /** Runs `work` with one connection for several statements (a migration lock). */
  async withClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
    if (this.closed) throw new UnavailableError('The identity store is closed');
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
}

async function run<R extends QueryResultRow>(
  client: Client,
  prepared: Statement,
  values: readonly unknown[],
): Promise<R[]> {
  const query = client.query<R>({
    name: prepared.name,
    text: prepared.text,
    values: values as unknown[],
  });
  return (await bounded(client, query)).rows;
}

/**
 * `query`, or `UNAVAILABLE` once it has gone unanswered for {@link statementTimeoutMs}: the
 * connection is then marked so that the pool destroys it instead of lending it again (knex's
 * own mark for a failed connection) and ended, which closes its socket at once.
 */
async function bounded<T>(client: Client, query: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const unanswered = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      (client as Client & { __knex__disposed?: string }).__knex__disposed =
        'a statement went unanswered';
      client.end().catch(() => undefined);
      reject(
        new UnavailableError(
          `The identity database did not answer within ${statementTimeoutMs} ms; retry later`,
        ),
      );
    }, statementTimeoutMs);
  });
  try {
    return await Promise.race([query, unanswered]);
  } finally {
    clearTimeout(timer);
    // Settled or abandoned: its rejection, if any, is reported through the race.
    query.catch(() => undefined);
  }
}

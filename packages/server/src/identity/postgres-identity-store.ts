import { ConfigurationError } from '@vaultcraft/core';
import type { IdentityStore } from './identity-store.js';
import { PostgresIdentityConnection } from './postgres-identity-connection.js';
import { toPgOpenError } from './postgres-identity-errors.js';
import {
  applyPostgresIdentityMigrations,
  pendingPostgresIdentityMigrations,
} from './postgres-identity-migrations.js';
import { createPostgresIdentityOrm } from './postgres-identity-orm.js';
import { PostgresIdentityQueries } from './postgres-identity-queries.js';

/** Options of {@link openPostgresIdentityStore}. */
export interface PostgresIdentityStoreOptions {
  /** A `postgres://` or `postgresql://` URL (`DATABASE_URL`), the ledger's database as a rule. */
  readonly url: string;
  /** The schema of the tables (default `public`), created if missing. */
  readonly schema?: string;
  /** Connections in the pool (default 10, 1..1,000). */
  readonly poolSize?: number;
  /** Fail opening after this long when the server does not answer (default 5,000 ms). */
  readonly connectTimeoutMs?: number;
  /** Apply pending migrations when opening (default `true`). */
  readonly migrate?: boolean;
}

interface ResolvedOptions {
  readonly url: string;
  readonly schema: string;
  readonly poolSize: number;
  readonly connectTimeoutMs: number;
  readonly migrate: boolean;
}

/**
 * Opens the identity store in a PostgreSQL database, the ledger's as a rule: its own tables,
 * its own migrations table (`vaultcraft_server_migrations`) and its own migration lock, and a
 * pool of its own.
 *
 * @throws `CONFIGURATION_ERROR` (`DATABASE_URL`) when the URL is malformed, the host does not
 *   resolve or answer, the login is refused, the database does not exist, or `migrate` is
 *   `false` and migrations are pending; `UNAVAILABLE` when the server is starting or full.
 * @example
 * ```ts
 * const identity = await openPostgresIdentityStore({ url: 'postgres://vault@localhost/vault' });
 * await identity.ping();
 * await identity.close();
 * ```
 */
export async function openPostgresIdentityStore(
  options: PostgresIdentityStoreOptions,
): Promise<IdentityStore> {
  const resolved = resolveOptions(options);
  if (resolved.migrate) await runMigrations(resolved);
  let connection: PostgresIdentityConnection | undefined;
  try {
    connection = new PostgresIdentityConnection(await createPostgresIdentityOrm(resolved));
    // Also proves the pool can connect, so that a bad URL fails here rather than on a request.
    const pending = await pendingPostgresIdentityMigrations(connection, resolved.schema);
    if (pending.length > 0) {
      throw new ConfigurationError(
        'DATABASE_URL',
        `the database lacks the server's migrations ${pending.join(', ')}; apply them first (migrate: true) (${describeUrl(resolved.url)})`,
      );
    }
    return new PostgresIdentityQueries(connection, resolved.schema);
  } catch (error) {
    await connection?.close().catch(() => undefined);
    throw toPgOpenError(error, describeUrl(resolved.url), resolved.connectTimeoutMs);
  }
}

/**
 * Applies the identity store's pending migrations and returns their names (none when up to
 * date). Several processes may run it at once: an advisory lock lets one migrate at a time.
 *
 * @throws like {@link openPostgresIdentityStore}; `INTERNAL` when a migration fails (nothing of
 *   the run is applied then).
 * @example
 * ```ts
 * await migratePostgresIdentity({ url: 'postgres://vault@localhost/vault' });
 * ```
 */
export async function migratePostgresIdentity(options: {
  readonly url: string;
  readonly schema?: string;
  readonly connectTimeoutMs?: number;
}): Promise<string[]> {
  return runMigrations(resolveOptions(options));
}

/** Runs the migrations on a short-lived pool of two (one connection holds the lock). */
async function runMigrations(resolved: ResolvedOptions): Promise<string[]> {
  let connection: PostgresIdentityConnection | undefined;
  try {
    connection = new PostgresIdentityConnection(
      await createPostgresIdentityOrm({ ...resolved, poolSize: 2 }),
    );
    return await applyPostgresIdentityMigrations(connection, resolved.schema);
  } catch (error) {
    throw toPgOpenError(error, describeUrl(resolved.url), resolved.connectTimeoutMs);
  } finally {
    await connection?.close().catch(() => undefined);
  }
}

const schemaPattern = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The options with defaults applied. A bad URL is a `DATABASE_URL` error that never echoes the
 * URL (it may hold a password); the others name the option.
 */
function resolveOptions(options: PostgresIdentityStoreOptions): ResolvedOptions {
  const url = options.url;
  const scheme = typeof url === 'string' ? /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1] : undefined;
  if (scheme === undefined || !['postgres', 'postgresql'].includes(scheme.toLowerCase())) {
    throw new ConfigurationError('DATABASE_URL', 'must be a postgres:// or postgresql:// URL');
  }
  try {
    new URL(url);
  } catch (error) {
    throw new ConfigurationError(
      'DATABASE_URL',
      'is not a valid URL (check for unescaped characters in the password: percent-encode them)',
      { cause: error },
    );
  }
  const schema = options.schema ?? 'public';
  if (!schemaPattern.test(schema) || schema.startsWith('pg_')) {
    throw new ConfigurationError(
      'schema',
      'must be 1..63 lower-case letters, digits or _, starting with a letter or _, not pg_',
    );
  }
  const poolSize = options.poolSize ?? 10;
  if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 1000) {
    throw new ConfigurationError('poolSize', 'must be an integer from 1 to 1000');
  }
  const connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
  if (!Number.isInteger(connectTimeoutMs) || connectTimeoutMs < 1) {
    throw new ConfigurationError('connectTimeoutMs', 'must be a positive integer');
  }
  return { url, schema, poolSize, connectTimeoutMs, migrate: options.migrate ?? true };
}

/** Where a URL points, for messages: `user@host:port/database`, never the password. */
function describeUrl(url: string): string {
  const parsed = new URL(url);
  const user = parsed.username === '' ? '' : `${decodeURIComponent(parsed.username)}@`;
  const port = parsed.port === '' ? '5432' : parsed.port;
  return `${user}${parsed.hostname}:${port}${decodeURIComponent(parsed.pathname)}`;
}

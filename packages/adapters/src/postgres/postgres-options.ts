import { ConfigurationError } from '@vaultcraft/core';
import { z } from 'zod';
import {
  type GroupCommitOptions,
  type GroupCommitSettings,
  groupCommitSchema,
} from '../shared/group-commit-options.js';
import { parseStoreOptions } from '../shared/parse-store-options.js';

/** Options of `openPostgresStore` and `migratePostgres`. */
export interface PostgresStoreOptions {
  /** A `postgres://` or `postgresql://` URL: `postgres://user:password@host:5432/database`. */
  readonly url: string;
  /**
   * The schema holding the ledger's tables and functions (default `public`), created if
   * missing. Lets tests, and tenants of a shared server, keep separate ledgers in one database.
   * Lower-case letters, digits and `_`, starting with a letter or `_`, at most 63 characters.
   */
  readonly schema?: string;
  /** Connections in the pool (default 10, at most 1,000). */
  readonly poolSize?: number;
  /** Fail opening after this long when the server does not answer (default 5,000 ms). */
  readonly connectTimeoutMs?: number;
  /** Apply pending migrations when opening (default `true`). */
  readonly migrate?: boolean;
  /**
   * Group commit (default `true`): concurrent single moves (transfers, deposits, withdrawals)
   * of this process are sent together as one statement, one transaction and one WAL flush,
   * each in its own subtransaction (one that fails fails alone). `false` sends each on its
   * own. See {@link GroupCommitOptions}.
   */
  readonly groupCommit?: boolean | GroupCommitOptions;
}

/** The options with their defaults applied. */
export interface ResolvedPostgresOptions {
  readonly url: string;
  readonly schema: string;
  readonly poolSize: number;
  readonly connectTimeoutMs: number;
  readonly migrate: boolean;
  readonly groupCommit: GroupCommitSettings | null;
}

const schema = z.strictObject({
  url: z.string({ error: 'must be a postgres:// URL string' }).min(1, 'must not be empty'),
  schema: z
    .string({ error: 'must be a string' })
    .regex(
      /^[a-z_][a-z0-9_]{0,62}$/,
      'must be 1..63 lower-case letters, digits or _, starting with a letter or _',
    )
    .refine((name) => !name.startsWith('pg_'), 'must not start with pg_ (reserved by PostgreSQL)')
    .default('public'),
  poolSize: z
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(1)
    .max(1000)
    .default(10),
  connectTimeoutMs: z
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(1)
    .max(600_000)
    .default(5000),
  migrate: z.boolean({ error: 'must be true or false' }).default(true),
  groupCommit: groupCommitSchema,
});

/**
 * Validates the options: an unknown option, a bad value or a URL of another database is a
 * `CONFIGURATION_ERROR` naming the setting. Never echoes a password.
 *
 * @throws `CONFIGURATION_ERROR` (`details.setting`).
 */
export function resolvePostgresOptions(options: unknown, caller: string): ResolvedPostgresOptions {
  const parsed = parseStoreOptions(schema, options, caller);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(parsed.url)?.[1]?.toLowerCase();
  if (scheme !== 'postgres' && scheme !== 'postgresql') {
    throw new ConfigurationError(
      'url',
      `must be a postgres:// or postgresql:// URL (got ${scheme === undefined ? 'no scheme' : `${scheme}://...`}); for SQLite use @vaultcraft/adapters/sqlite`,
    );
  }
  try {
    new URL(parsed.url);
  } catch (error) {
    throw new ConfigurationError(
      'url',
      'is not a valid URL (check for unescaped characters in the password: percent-encode them)',
      {
        cause: error,
      },
    );
  }
  return parsed;
}

/** Where a URL points, for messages: `user@host:port/database`, never the password. */
export function describeUrl(url: string): string {
  const parsed = new URL(url);
  const user = parsed.username === '' ? '' : `${decodeURIComponent(parsed.username)}@`;
  const port = parsed.port === '' ? '5432' : parsed.port;
  return `${user}${parsed.hostname}:${port}${decodeURIComponent(parsed.pathname)}`;
}

import { z } from 'zod';
import { type GroupCommitOptions, groupCommitSchema } from '../shared/group-commit-options.js';
import { parseStoreOptions } from '../shared/parse-store-options.js';

/**
 * Options of `openSqliteStore` and `migrateSqlite`.
 *
 * @example
 * ```ts
 * const options: SqliteStoreOptions = { path: './data/ledger.sqlite', busyTimeoutMs: 10_000 };
 * ```
 */
export interface SqliteStoreOptions {
  /**
   * The database file; its parent directories are created. `':memory:'` keeps the ledger in
   * memory (tests): it is neither durable nor shared between processes.
   */
  readonly path: string;
  /**
   * `'FULL'` (default): an acknowledged write survives a power loss. `'NORMAL'` (opt-in):
   * faster commits, and a power loss may lose the last acknowledged transactions (never
   * corrupts the file). A crash of the process loses nothing in either mode.
   */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /** How long a write waits for another process's write lock, in ms (default 5,000). */
  readonly busyTimeoutMs?: number;
  /** Apply pending migrations when opening (default `true`). */
  readonly migrate?: boolean;
  /**
   * Group commit (default `true`): concurrent writes of this process share one transaction and
   * one fsync, each in its own savepoint (one that fails fails alone). `false` commits each
   * write on its own. See {@link GroupCommitOptions}.
   */
  readonly groupCommit?: boolean | GroupCommitOptions;
}

const optionsSchema = z.strictObject({
  path: z
    .string({ error: 'must be a file path (or ":memory:")' })
    .min(1, 'must be a file path (or ":memory:")')
    .refine((path) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(path), {
      message:
        'is a URL; the SQLite store takes a file path such as "./data/ledger.sqlite" (use the PostgreSQL store for postgres:// URLs)',
    })
    .refine((path) => !path.includes('\u0000'), { message: 'must not contain NUL characters' }),
  synchronous: z
    .enum(['FULL', 'NORMAL'], { error: 'must be "FULL" (durable, the default) or "NORMAL"' })
    .default('FULL'),
  busyTimeoutMs: z
    .number({ error: 'must be a whole number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(0, 'must be at least 0')
    .max(600_000, 'must be at most 600,000 (10 minutes)')
    .default(5_000),
  migrate: z.boolean({ error: 'must be true or false' }).default(true),
  groupCommit: groupCommitSchema,
});

/** The options with every default filled in. */
export type ResolvedSqliteOptions = z.output<typeof optionsSchema>;

/**
 * Validates the options.
 *
 * @throws `CONFIGURATION_ERROR` naming the setting (also for an unknown option).
 */
export function resolveSqliteOptions(options: unknown, caller: string): ResolvedSqliteOptions {
  return parseStoreOptions(optionsSchema, options, caller);
}

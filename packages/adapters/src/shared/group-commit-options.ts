import { z } from 'zod';

/**
 * Group commit: concurrent writes that arrive together are executed in one database
 * transaction and committed (one fsync) together, each in its own savepoint, so that one which
 * fails fails alone and writes nothing while the others commit. Nothing is acknowledged before
 * the group's commit has returned.
 *
 * `true` (the default) uses the defaults below; `false` commits every write on its own.
 *
 * @example
 * ```ts
 * const store = await openSqliteStore({ path, groupCommit: { windowMs: 1, maxOperations: 512 } });
 * ```
 */
export interface GroupCommitOptions {
  /**
   * How long the first write of a group waits for others, in ms (0..10). `0` (default): until
   * the event loop has handled what already arrived (the writes issued in the same turn, and
   * requests whose bytes are already read), which adds no measurable latency to a lone write.
   */
  readonly windowMs?: number;
  /** The most writes one group takes (1..10,000; default 256); a full group commits at once. */
  readonly maxOperations?: number;
}

/** The resolved settings: `null` when every write commits on its own. */
export interface GroupCommitSettings {
  readonly windowMs: number;
  readonly maxOperations: number;
}

const defaults: GroupCommitSettings = { windowMs: 0, maxOperations: 256 };

/** The zod schema of the `groupCommit` option of both SQL stores. */
export const groupCommitSchema = z
  .union(
    [
      z.boolean(),
      z.strictObject({
        windowMs: z
          .number({ error: 'must be a number of milliseconds' })
          .min(0, 'must be at least 0')
          .max(10, 'must be at most 10 (a longer window only adds latency)')
          .optional(),
        maxOperations: z
          .number({ error: 'must be a whole number' })
          .int('must be a whole number')
          .min(1, 'must be at least 1')
          .max(10_000, 'must be at most 10,000')
          .optional(),
      }),
    ],
    { error: 'must be true, false or { windowMs, maxOperations }' },
  )
  .default(true)
  .transform((value): GroupCommitSettings | null => {
    if (value === false) return null;
    if (value === true) return defaults;
    return {
      windowMs: value.windowMs ?? defaults.windowMs,
      maxOperations: value.maxOperations ?? defaults.maxOperations,
    };
  });

import { ConfigurationError } from '@vaultcraft/core';
import type { z } from 'zod';

/**
 * Validates a store's options with a strict zod schema and reports the first problem as a
 * `CONFIGURATION_ERROR` naming the setting: an unknown option (a typo such as `synchronus`)
 * is an error rather than silently ignored.
 *
 * @param schema - a `z.strictObject` describing the options
 * @param options - what the caller passed
 * @param prefix - how the options are called in messages (`openSqliteStore`)
 * @throws `CONFIGURATION_ERROR` (`details.setting`) for a missing, wrong or unknown option.
 */
export function parseStoreOptions<S extends z.ZodType>(
  schema: S,
  options: unknown,
  prefix: string,
): z.output<S> {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ConfigurationError('options', `${prefix} expects an options object`);
  }
  const result = schema.safeParse(options);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const [key] = issue.keys;
    // A nested option (groupCommit.window) is named with its parent.
    const setting = [...issue.path, key ?? 'options'].join('.');
    throw new ConfigurationError(setting, `is not an option of ${prefix} (check its spelling)`);
  }
  const setting = issue.path.length > 0 ? issue.path.join('.') : 'options';
  throw new ConfigurationError(setting, issue.message);
}

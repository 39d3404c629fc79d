import type { z } from 'zod';
import { type FieldIssue, ValidationError } from '../errors/vault-error.js';

/**
 * Parses `input` with `schema`, or throws a {@link ValidationError} listing every bad field.
 *
 * @param pathPrefix - prepended to every issue's path (e.g. `transfers.3`)
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  pathPrefix = '',
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) {
    return result.data;
  }
  throw new ValidationError(toFieldIssues(result.error.issues, pathPrefix));
}

/**
 * Converts zod issues into field issues, one per bad field (one per unknown key): what a
 * server needs to answer `VALIDATION_ERROR` for input it checks with its own schemas.
 *
 * @example
 * ```ts
 * const result = schema.safeParse(body);
 * if (!result.success) throw new ValidationError(toFieldIssues(result.error.issues));
 * ```
 */
export function toFieldIssues(issues: readonly z.core.$ZodIssue[], pathPrefix = ''): FieldIssue[] {
  const fields: FieldIssue[] = [];
  for (const issue of issues) {
    const base = joinPath(pathPrefix, issue.path);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        fields.push({ path: joinPath(base, [key]), message: 'unknown field' });
      }
      continue;
    }
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // Report the branch that got furthest instead of zod's generic "invalid input".
      const deepest = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0] ?? [];
      if (depth(deepest) > 0) {
        fields.push(...toFieldIssues(deepest, base));
        continue;
      }
    }
    fields.push({ path: base, message: issue.message });
  }
  return fields;
}

function depth(issues: readonly z.core.$ZodIssue[]): number {
  return Math.max(0, ...issues.map((issue) => issue.path.length));
}

function joinPath(prefix: string, path: readonly PropertyKey[]): string {
  const parts = path.map((part) => String(part));
  if (prefix) {
    parts.unshift(prefix);
  }
  return parts.join('.');
}

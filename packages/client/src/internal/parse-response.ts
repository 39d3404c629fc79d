import type { z } from 'zod';
import { type ResponseIssue, VaultCraftResponseValidationError } from '../errors/client-errors.js';

type Issue = z.ZodError['issues'][number];

/**
 * A field the contract does not know is the one difference a newer server may introduce
 * without breaking older clients, so it is tolerated; in a union, it is tolerated when some
 * branch fails for that reason only.
 */
function isUnknownField(issue: Issue): boolean {
  if (issue.code === 'unrecognized_keys') return true;
  if (issue.code === 'invalid_union') {
    return issue.errors.some((branch) => branch.every(isUnknownField));
  }
  return false;
}

/**
 * Validates a success response with the contract's schema. The contract's output objects are
 * strict (so the server cannot drift unnoticed); the client accepts what they accept plus
 * unknown fields, deeply, and returns the body as received (with those fields). Every field it
 * knows is still checked. The contract's response schemas transform nothing, so the body as
 * received is what parsing would return.
 *
 * @throws VaultCraftResponseValidationError (`RESPONSE_VALIDATION_ERROR`) for anything else.
 */
export function parseResponse<T>(
  schema: z.ZodType,
  json: unknown,
  context: { status: number; headers: Headers; requestId: string | null },
): T {
  const result = schema.safeParse(json);
  if (result.success) return result.data as T;
  const issues = result.error.issues;
  if (issues.every(isUnknownField)) return json as T;
  const problems: ResponseIssue[] = issues
    .filter((issue) => !isUnknownField(issue))
    .map((issue) => ({ code: issue.code, path: issue.path, message: issue.message }));
  const first = problems[0];
  return failResponse({
    ...context,
    issues: problems,
    message: `The server's response does not match the contract${first ? ` at ${describePath(first.path)}: ${first.message}` : ''}`,
  });
}

/** @throws VaultCraftResponseValidationError always. */
export function failResponse(input: {
  status: number;
  headers: Headers;
  requestId: string | null;
  issues: readonly ResponseIssue[];
  message: string;
}): never {
  throw new VaultCraftResponseValidationError(input);
}

function describePath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}

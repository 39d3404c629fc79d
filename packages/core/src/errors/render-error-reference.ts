import { errorCodes, errorRegistry } from './registry.js';

/**
 * Renders the error reference (docs/errors.md) from the registry: one heading per code with
 * its meaning, HTTP status, retryability and what to do.
 */
export function renderErrorReference(): string {
  const lines = [
    '# Error reference',
    '',
    '<!-- Generated from packages/core/src/errors/registry.ts by `pnpm docs:errors`. Do not edit. -->',
    '',
    'Every error VaultCraft raises carries a stable `code`. Codes are API: they are only ever',
    'added, never renamed or removed. In the library, errors are `VaultError` instances (check',
    'with `isVaultError(error)` and `error.code`); over HTTP, the body is',
    '`{"error": {"code", "message", "details", "request_id"}}` with the status below.',
    '',
    '| code | HTTP status | retryable |',
    '| --- | --- | --- |',
    ...errorCodes.map((code) => {
      const spec = errorRegistry[code];
      return `| [\`${code}\`](#${code.toLowerCase()}) | ${spec.status} | ${spec.retryable ? 'yes' : 'no'} |`;
    }),
    '',
  ];
  for (const code of errorCodes) {
    const spec = errorRegistry[code];
    lines.push(
      `## ${code}`,
      '',
      `- **HTTP status:** ${spec.status}`,
      `- **Retryable:** ${spec.retryable ? 'yes, with the same idempotency key' : 'no: the same request fails the same way'}`,
      `- **Error class family:** ${spec.category}`,
      '',
      spec.summary,
      '',
      `**What to do:** ${spec.action}`,
      '',
    );
  }
  return lines.join('\n');
}

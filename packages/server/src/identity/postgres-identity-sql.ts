import { createHash } from 'node:crypto';

/**
 * A name as a quoted SQL identifier. Schema names are validated when opening; quoting anyway
 * keeps reserved words usable and the SQL safe should that validation change.
 *
 * @example
 * ```ts
 * quoteIdentifier('tenant_1'); // '"tenant_1"'
 * ```
 */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A SQL text prepared once per connection under a stable name. */
export interface Statement {
  readonly name: string;
  readonly text: string;
}

/**
 * A statement named after a digest of its text, so that equal texts share one preparation per
 * connection (and the texts of different schemas never share one).
 */
export function statement(text: string): Statement {
  return { name: `vci_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`, text };
}

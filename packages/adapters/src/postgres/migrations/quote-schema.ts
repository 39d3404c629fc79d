/**
 * A schema name as a quoted SQL identifier. Options validation already restricts names to
 * `[a-z_][a-z0-9_]*`; quoting anyway keeps reserved words (`user`, `order`) usable and makes the
 * SQL safe even if that validation changes.
 *
 * @example
 * ```ts
 * quoteSchema('tenant_1'); // '"tenant_1"'
 * ```
 */
export function quoteSchema(schema: string): string {
  return `"${schema.replaceAll('"', '""')}"`;
}

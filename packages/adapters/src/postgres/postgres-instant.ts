/**
 * The earliest instant a PostgreSQL `timestamptz` holds (4714-11-24 00:00 BC, UTC). A
 * JavaScript `Date` reaches further back (271821 BC); the latest `timestamptz` (294276 AD) is
 * beyond the latest `Date` (275760 AD), so only this end needs care.
 */
const earliestMilliseconds = Date.UTC(-4713, 10, 24);

/**
 * An instant as a query bound: dates before PostgreSQL's range become `-infinity`, which
 * sorts before every stored time, so that a cursor, a time filter or an as-of instant from the
 * far past answers "nothing that early" instead of failing with "timestamp out of range".
 *
 * @example
 * ```ts
 * pgInstant(new Date(-8.64e15)); // '-infinity'
 * ```
 */
export function pgInstant(instant: Date): Date | '-infinity' {
  return instant.getTime() < earliestMilliseconds ? '-infinity' : instant;
}

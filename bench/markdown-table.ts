// Markdown tables laid out the way the repository's formatter (Biome) lays them out, cells
// padded to their column's width, so that a committed RESULTS.md passes `pnpm format:check`
// as written, and the tables read well in a terminal too.

/** A column: its title, and `right` for numbers. */
export interface Column {
  readonly title: string;
  readonly align?: 'right';
}

/** The width of a cell as a monospace terminal shows it (one per code point here). */
const width = (text: string) => [...text].length;

/** `rows` (one string per column) under `columns` as a Markdown table. */
export function markdownTable(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
): string {
  const widths = columns.map((column, index) =>
    Math.max(3, width(column.title), ...rows.map((row) => width(row[index] ?? ''))),
  );
  const pad = (text: string, index: number) => {
    const fill = ' '.repeat(widths[index]! - width(text));
    return columns[index]!.align === 'right' ? fill + text : text + fill;
  };
  const line = (cells: readonly string[]) =>
    `| ${columns.map((_, index) => pad(cells[index] ?? '', index)).join(' | ')} |`;
  const rule = columns.map((column, index) =>
    column.align === 'right' ? `${'-'.repeat(widths[index]! - 1)}:` : '-'.repeat(widths[index]!),
  );
  return [
    line(columns.map((column) => column.title)),
    `| ${rule.join(' | ')} |`,
    ...rows.map(line),
  ].join('\n');
}

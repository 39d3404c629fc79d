// The chart of RESULTS.md, written by hand as SVG (no dependency): for every row of the table,
// a bar of the measured rate and, under it, a grey bar of its baseline, on a logarithmic axis
// (rates span from hundreds to millions per second).
import type { Row } from './measure.js';

const layout = {
  width: 1000,
  labelWidth: 390,
  valueWidth: 90,
  top: 76,
  bar: 11,
  pairGap: 2,
  rowGap: 12,
  bottom: 36,
};

/** Bar colours by store kind (the part of the store column before its first space). */
const colours: Record<string, string> = {
  memory: '#7b4fa0',
  sqlite: '#2a7ab9',
  postgres: '#2f8f5b',
  'http+sqlite': '#d07a1f',
  'http+postgres': '#b8452f',
};
const baselineColour = '#a8a8a8';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const rate = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function decadeLabel(power: number): string {
  const value = 10 ** power;
  if (value >= 1e6) return `${value / 1e6}M`;
  if (value >= 1e3) return `${value / 1e3}k`;
  return String(value);
}

/** One row's labels, its two bars with their rates, and its goal's mark. */
function rowParts(row: Row, top: number, x: (value: number) => number): string[] {
  const kind = row.measurement.store.split(' ')[0]!;
  const bars = [
    { value: row.measurement.perSecond, colour: colours[kind] ?? '#555555', y: top },
    { value: row.baseline.perSecond, colour: baselineColour, y: top + layout.bar + layout.pairGap },
  ];
  const labelX = layout.labelWidth - 6;
  // Two lines beside the two bars: the store, then the workload (the baseline in a tooltip).
  const parts = [
    `<g><title>${escapeXml(`${row.measurement.store}, ${row.measurement.workload}; baseline: ${row.baseline.workload}`)}</title>`,
    `<text x="${labelX}" y="${top + layout.bar - 2}" text-anchor="end" font-weight="bold">${escapeXml(shorten(row.measurement.store, 56))}</text>`,
    `<text x="${labelX}" y="${top + 2 * layout.bar + layout.pairGap - 2}" text-anchor="end">${escapeXml(shorten(row.measurement.workload, 60))}</text>`,
    '</g>',
  ];
  for (const bar of bars) {
    const end = x(bar.value);
    parts.push(
      `<rect x="${layout.labelWidth}" y="${bar.y}" width="${(end - layout.labelWidth).toFixed(1)}" height="${layout.bar}" fill="${bar.colour}"/>`,
      `<text x="${(end + 4).toFixed(1)}" y="${bar.y + layout.bar - 2}" font-size="10" fill="#222">${rate.format(bar.value)}</text>`,
    );
  }
  if (row.goalPerSecond !== undefined) {
    const at = x(row.goalPerSecond).toFixed(1);
    parts.push(
      `<line x1="${at}" y1="${top - 3}" x2="${at}" y2="${top + 2 * layout.bar + layout.pairGap + 3}" stroke="#000000" stroke-width="2" stroke-dasharray="3,2"><title>goal: ${escapeXml(row.goal)}</title></line>`,
    );
  }
  return parts;
}

/**
 * Renders the rows as an SVG document: one group of two horizontal bars per row (the store's
 * rate in its store's colour, its baseline's in grey), labelled with the store, the workload
 * and the rates, on a log10 axis of decades.
 */
export function renderChart(rows: readonly Row[], title: string): string {
  const rates = rows.flatMap((row) => [
    row.measurement.perSecond,
    row.baseline.perSecond,
    ...(row.goalPerSecond === undefined ? [] : [row.goalPerSecond]),
  ]);
  // At least a third of a decade below the slowest rate, so that no bar is a sliver.
  const low = Math.floor(Math.log10(Math.max(1, Math.min(...rates))) - 0.3);
  const high = Math.max(low + 1, Math.ceil(Math.log10(Math.max(...rates))));
  const plotWidth = layout.width - layout.labelWidth - layout.valueWidth;
  const x = (value: number) =>
    layout.labelWidth + ((Math.log10(Math.max(value, 10 ** low)) - low) / (high - low)) * plotWidth;
  const rowHeight = 2 * layout.bar + layout.pairGap + layout.rowGap;
  const height = layout.top + rows.length * rowHeight + layout.bottom;
  const plotBottom = height - layout.bottom;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${height}" viewBox="0 0 ${layout.width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="11" role="img">`,
    `<title>${escapeXml(title)}: transfers per second per store and workload, beside their baselines</title>`,
    `<rect width="${layout.width}" height="${height}" fill="#ffffff"/>`,
    `<text x="10" y="20" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
    `<text x="10" y="38" fill="#444">Transfers per second (log scale). Under each bar, in grey, its baseline measured in the same run (HTTP: /health answers). Dashed: the goal.</text>`,
  ];
  const kinds = [...new Set(rows.map((row) => row.measurement.store.split(' ')[0]!))];
  for (const [index, kind] of [...kinds, 'baseline'].entries()) {
    const left = 10 + index * 120;
    const colour = kind === 'baseline' ? baselineColour : (colours[kind] ?? '#555555');
    parts.push(
      `<rect x="${left}" y="46" width="10" height="10" fill="${colour}"/>`,
      `<text x="${left + 14}" y="55">${escapeXml(kind)}</text>`,
    );
  }
  for (let power = low; power <= high; power += 1) {
    const at = x(10 ** power).toFixed(1);
    parts.push(
      `<line x1="${at}" y1="${layout.top - 8}" x2="${at}" y2="${plotBottom}" stroke="#e0e0e0"/>`,
      `<text x="${at}" y="${plotBottom + 16}" text-anchor="middle" fill="#444">${decadeLabel(power)}/s</text>`,
    );
  }
  for (const [index, row] of rows.entries())
    parts.push(...rowParts(row, layout.top + index * rowHeight, x));
  parts.push(
    `<line x1="${layout.labelWidth}" y1="${layout.top - 8}" x2="${layout.labelWidth}" y2="${plotBottom}" stroke="#888888"/>`,
    '</svg>',
  );
  return `${parts.join('\n')}\n`;
}

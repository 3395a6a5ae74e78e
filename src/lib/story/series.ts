// A dated series (the control-area CSV): parsing and the few questions the story asks of it. Pure, no turf, so the
// chart can use it in the browser and the build can quote figures from it.
import { csvParseRows } from 'd3-dsv';

/** One row: its date (YYYY-MM-DD), snapshot time, and a number per column. */
export interface SeriesRow {
  date: string;
  time: string;
  values: Record<string, number>;
}

/**
 * Parses a CSV whose first column is a snapshot time (YYYY-MM-DDTHH:MMZ) and whose other columns are numbers.
 * @throws Error naming the line and column of a bad cell
 */
export function parseSeries(text: string, file = 'series'): SeriesRow[] {
  const [header, ...lines] = csvParseRows(text.trim());
  const columns = (header ?? []).slice(1);
  return lines.map(([time = '', ...cells], index) => {
    if (!/^\d{4}-\d{2}-\d{2}/.test(time)) throw new Error(`${file}: line ${index + 2}: "${time}" is not a date`);
    const values: Record<string, number> = {};
    columns.forEach((column, columnIndex) => {
      const value = Number(cells[columnIndex]);
      if (!Number.isFinite(value))
        throw new Error(`${file}: line ${index + 2}, column ${column}: "${cells[columnIndex] ?? ''}" is not a number`);
      values[column] = value;
    });
    return { date: time.slice(0, 10), time, values };
  });
}

/** The row with the largest value of a column (the first, if several tie). */
export function rowWithMax(rows: readonly SeriesRow[], column: string): SeriesRow | undefined {
  let best: SeriesRow | undefined;
  for (const row of rows)
    if (!best || (row.values[column] ?? -Infinity) > (best.values[column] ?? -Infinity)) best = row;
  return best;
}

/** The last row on or before a date (the latest snapshot that day). */
export function rowOn(rows: readonly SeriesRow[], date: string): SeriesRow | undefined {
  let found: SeriesRow | undefined;
  for (const row of rows) {
    if (row.date <= date) found = row;
    else break;
  }
  return found;
}

/** The first row in which a column is above zero. */
export function firstRowAbove(rows: readonly SeriesRow[], column: string): SeriesRow | undefined {
  return rows.find((row) => (row.values[column] ?? 0) > 0);
}

/** Whole days from one YYYY-MM-DD date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

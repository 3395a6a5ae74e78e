// The raw DeepState area time series the story's derived files come from, committed as a test fixture
// (tests/fixtures/reference/, 26 kB) so the checks of derived data need nothing beside the repository.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { csvParse } from 'd3-dsv';

export const REFERENCE_SERIES_CSV = resolve('tests/fixtures/reference/deepstate_kursk_sumy_area_timeseries.csv');

/** One snapshot of the reference series: its UTC time and every numeric column by name. */
export interface ReferenceRow {
  time: string;
  values: Record<string, number>;
}

/** The reference series' rows, in file order. */
export function readReferenceSeries(): ReferenceRow[] {
  return csvParse(readFileSync(REFERENCE_SERIES_CSV, 'utf8')).map((row) => ({
    time: row.snapshot_utc ?? '',
    values: Object.fromEntries(
      Object.entries(row)
        .filter(([key]) => key !== 'snapshot_utc')
        .map(([key, cell]) => [key, Number(cell)]),
    ),
  }));
}

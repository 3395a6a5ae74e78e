// Reads and writes CSV tables for the build (d3-dsv): the reference tables in, the story's series out.
import { readFileSync } from 'node:fs';
import { csvFormat, csvParse, type DSVRowString } from 'd3-dsv';
import { writeText } from './io.ts';

/** Reads a CSV file with a header row; every cell is a string ('' when empty). */
export function readCsv(file: string): DSVRowString[] {
  return csvParse(readFileSync(file, 'utf8'));
}

/** Writes rows as CSV with the given columns in that order, ending in a newline; returns the bytes written. */
export function writeCsv<C extends string>(
  file: string,
  rows: readonly Record<C, string>[],
  columns: readonly C[],
): number {
  const text = `${csvFormat(rows, columns)}\n`;
  writeText(file, text);
  return Buffer.byteLength(text);
}

// The geodata build (npm run geodata): it stops with a message naming what it needs when the reference workshop is
// not beside the repository, before writing anything; and the generic helpers it is made of keep their promises
// (rounding without -0 or spikes, kink-free simplification, deterministic output). Needs nothing beside the repository.
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kinks, simplify } from '@turf/turf';
import type { Polygon, Position } from 'geojson';
import { main, MissingInputError } from '../../scripts/build-geodata.ts';
import { REFERENCE_FILES } from '../../scripts/geodata/kursk.ts';
import { readCsv, writeCsv } from '../../src/build/geodata/csv.ts';
import { writeFeatureCollection } from '../../src/build/geodata/io.ts';
import { stampFeature } from '../../src/build/geodata/provenance.ts';
import { round, roundLine } from '../../src/build/geodata/round.ts';
import { simplifyPolygonal } from '../../src/build/geodata/simplify.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX_CLI = createRequire(import.meta.url).resolve('tsx/cli');

const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((folder) => rmSync(folder, { recursive: true, force: true })));

function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'geodata-'));
  folders.push(folder);
  return folder;
}

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof MissingInputError) return error.message;
    throw error;
  }
  throw new Error('expected a MissingInputError');
}

describe('npm run geodata without the reference workshop', () => {
  it('exits 1 naming the folder it needs and saying what it is', () => {
    const reference = tempFolder();
    const run = spawnSync(process.execPath, [TSX_CLI, 'scripts/build-geodata.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, REFERENCE_DIR: reference },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(join(reference, 'geodata'));
    expect(run.stderr).toContain('data workshop beside the repository');
    expect(run.stderr).toMatch(/clone on its own does not have it and does not need it/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('names each missing file of a partial folder and writes nothing', () => {
    const reference = tempFolder();
    const story = tempFolder();
    mkdirSync(join(reference, 'geodata'));
    writeFileSync(join(reference, 'geodata', 'places_gazetteer.csv'), 'name\n');
    const message = messageOf(() => main(reference, story));
    for (const name of REFERENCE_FILES.filter((n) => n !== 'places_gazetteer.csv')) expect(message).toContain(name);
    expect(message).not.toContain('places_gazetteer.csv');
    expect(message).toContain('data workshop beside the repository');
    expect(existsSync(join(story, 'geo'))).toBe(false);
    expect(existsSync(join(story, 'series'))).toBe(false);
  });
});

describe('geodata helpers', () => {
  it('rounds without -0 and drops the repeats and spikes rounding makes', () => {
    expect(Object.is(round(-0.00001, 3), 0)).toBe(true);
    expect(
      roundLine(
        [
          [0, 0],
          [0.00001, 0],
          [1, 1],
          [1.00001, 1],
          [0.99999, 1.00001],
          [2, 2],
        ],
        3,
      ),
    ).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
  });

  it('puts back the vertices whose loss would make a simplified polygon cross itself', () => {
    // The outer ring bulges 0.0008° above y = 1 (under the 0.001° tolerance) around a hole that reaches y = 1.0004:
    // simplification alone flattens the bulge and the hole pokes through it.
    const outer: Position[] = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0.5, 1.0008],
      [0, 1],
      [0, 0],
    ];
    const hole: Position[] = [
      [0.45, 0.9],
      [0.5, 1.0004],
      [0.55, 0.9],
      [0.45, 0.9],
    ];
    const polygon: Polygon = { type: 'Polygon', coordinates: [outer, hole] };
    expect(kinks(simplify(polygon, { tolerance: 0.001, highQuality: true })).features.length).toBeGreaterThan(0);
    const simplified = simplifyPolygonal(polygon, 0.001, 5);
    expect(kinks(simplified.geometry).features).toHaveLength(0);
    expect(simplified.restored).toBe(1);
    expect(simplified.geometry).toEqual(polygon);
  });

  it('writes the same bytes for the same features, with provenance last', () => {
    const dir = tempFolder();
    const features = [
      stampFeature(
        { type: 'Point', coordinates: [35.27, 51.19] },
        { accuracy: 'exact', date: '2026', licence: 'CC BY 4.0', source: 'test', id: 'a', rank: 1, name: 'A' },
      ),
    ];
    const first = writeFeatureCollection(dir, 'a.geojson', features);
    const bytes = readFileSync(join(dir, 'a.geojson'), 'utf8');
    expect(writeFeatureCollection(dir, 'a.geojson', features)).toEqual(first);
    expect(readFileSync(join(dir, 'a.geojson'), 'utf8')).toBe(bytes);
    expect(Object.keys(JSON.parse(bytes).features[0].properties)).toEqual([
      'id',
      'name',
      'rank',
      'source',
      'licence',
      'date',
      'accuracy',
    ]);
    expect(() => writeFeatureCollection(dir, 'b.geojson', [...features, ...features])).toThrow(/duplicate id a/);
  });

  it('reads and writes CSV with d3-dsv, quoting only where needed', () => {
    const file = join(tempFolder(), 'series', 't.csv');
    writeCsv(file, [{ a: '1', b: 'x, y' }], ['a', 'b']);
    expect(readFileSync(file, 'utf8')).toBe('a,b\n1,"x, y"\n');
    expect(readCsv(file)[0]).toEqual({ a: '1', b: 'x, y' });
  });
});

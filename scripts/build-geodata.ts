// Rebuilds the Kursk story's derived geodata, data/kursk/geo/*.geojson and data/kursk/series/control-area.csv, from
// the reference folder beside the repository (../shared/reference, or $REFERENCE_DIR) and world-atlas, and prints
// what it wrote. Deterministic: running it twice writes identical bytes. Run: `npm run geodata`.
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCsv } from '../src/build/geodata/csv.ts';
import { missingFiles, writeFeatureCollection, type LayerStats } from '../src/build/geodata/io.ts';
import { worldAtlasFile } from '../src/build/geodata/topology.ts';
import { buildKurskGeodata, REFERENCE_FILES, WORLD_ATLAS_FILE } from './geodata/kursk.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Something the build needs is not there; the message says what and where to get it. */
export class MissingInputError extends Error {
  override name = 'MissingInputError';
}

/** The reference folder: $REFERENCE_DIR if set (relative to the repository), else ../shared/reference. */
export function defaultReferenceDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(ROOT, env.REFERENCE_DIR ?? '../shared/reference');
}

/**
 * Checks that every input exists before anything is written, so a missing file cannot leave half-rebuilt data.
 * @returns the world-atlas file to read
 * @throws MissingInputError naming the folder or files that are missing
 */
export function checkInputs(referenceDir: string): string {
  const workshop =
    'It is the data workshop beside the repository (../shared/reference; set REFERENCE_DIR to use another folder). ' +
    'A clone on its own does not have it and does not need it: the derived files in data/kursk/geo/ and data/kursk/series/ are committed.';
  const geodataDir = join(referenceDir, 'geodata');
  const [folderMissing] = missingFiles([geodataDir]);
  if (folderMissing !== undefined) {
    throw new MissingInputError(
      `build-geodata: needs the reference folder ${geodataDir}, which is not there.\n${workshop}`,
    );
  }
  const missing = missingFiles(REFERENCE_FILES.map((name) => join(geodataDir, name)));
  if (missing.length > 0) {
    const names = missing.map((file) => relative(geodataDir, file)).join(', ');
    throw new MissingInputError(
      `build-geodata: needs ${names} in the reference folder ${geodataDir}, which lacks ${missing.length === 1 ? 'it' : 'them'}.\n${workshop}`,
    );
  }
  try {
    return worldAtlasFile(WORLD_ATLAS_FILE);
  } catch {
    throw new MissingInputError(`build-geodata: world-atlas/${WORLD_ATLAS_FILE} is not installed; run npm ci.`);
  }
}

/** Sums the sizes of written layers into one table line. */
function total(stats: LayerStats[]): LayerStats {
  return stats.reduce(
    (t, s) => ({
      file: 'TOTAL',
      features: t.features + s.features,
      vertices: t.vertices + s.vertices,
      raw: t.raw + s.raw,
      gzip: t.gzip + s.gzip,
    }),
    { file: 'TOTAL', features: 0, vertices: 0, raw: 0, gzip: 0 },
  );
}

/**
 * Builds the story's geodata from `referenceDir` and writes it under `storyDir` (geo/ and series/).
 * @returns the lines of the report to print
 * @throws MissingInputError when the reference folder, one of its files or world-atlas is missing
 */
export function main(referenceDir: string, storyDir = join(ROOT, 'data/kursk')): string[] {
  const worldAtlas = checkInputs(referenceDir);
  const built = buildKurskGeodata(join(referenceDir, 'geodata'), worldAtlas);
  const stats = built.layers.map((layer) => writeFeatureCollection(join(storyDir, 'geo'), layer.file, layer.features));
  const seriesBytes = writeCsv(join(storyDir, 'series/control-area.csv'), built.series.rows, built.series.columns);
  const widths = [26, 9, 9, 10, 10];
  const line = (cells: (string | number)[]): string =>
    cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i] ?? 0) : String(c).padStart(widths[i] ?? 0))).join(' ');
  return [
    `series/control-area.csv: ${built.series.rows.length} rows, ${seriesBytes} bytes`,
    line(['file', 'features', 'vertices', 'bytes raw', 'bytes gzip']),
    ...[...stats, total(stats)].map((s) => line([s.file, s.features, s.vertices, s.raw, s.gzip])),
    '',
    ...built.notes,
  ];
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    console.log(main(defaultReferenceDir()).join('\n'));
  } catch (error) {
    if (!(error instanceof MissingInputError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

// Checks that a layer's GeoJSON is safe to hand to the map: a FeatureCollection of well-formed geometries with
// coordinates in range and provenance on every feature. Cheap enough to run again in the browser on fetched data;
// the build adds a self-intersection check (src/build/geo/kinks.ts).
import type { StoryProblem } from './errors.ts';
import { ACCURACIES, FieldReader } from './fields.ts';
import type { FeatureCollection } from 'geojson';

const GEOMETRY_DEPTH: Record<string, number> = {
  Point: 0,
  MultiPoint: 1,
  LineString: 1,
  MultiLineString: 2,
  Polygon: 2,
  MultiPolygon: 3,
};

/** Options: which properties each feature must carry. */
export interface GeoJsonRules {
  /** Every feature needs source, licence, date and accuracy. */
  provenance: boolean;
  /** Every feature needs a YYYY-MM-DD `date` (for dated layers). */
  dated: boolean;
}

/**
 * Validates parsed GeoJSON. Returns the typed collection when there is no problem, recording problems otherwise.
 * @param file the file name used in messages, e.g. "geo/land.geojson"
 */
export function validateGeoJson(
  raw: unknown,
  file: string,
  rules: GeoJsonRules,
  problems: StoryProblem[],
): FeatureCollection | undefined {
  const reader = new FieldReader(file, problems);
  const before = problems.length;
  const collection = reader.object(raw, '');
  if (!collection) return undefined;
  if (collection.type !== 'FeatureCollection')
    return reader.fail('type', `expected "FeatureCollection", got ${JSON.stringify(collection.type)}`);
  const features = reader.array(collection.features, 'features', { minLength: 1 });
  if (!features) return undefined;
  features.forEach((item, index) => {
    // One bad feature is enough to reject the file; stop early so a broken file does not flood the report.
    if (problems.length - before >= 20) return;
    const field = `features[${index}]`;
    const feature = reader.object(item, field);
    if (!feature) return;
    if (feature.type !== 'Feature')
      reader.fail(`${field}.type`, `expected "Feature", got ${JSON.stringify(feature.type)}`);
    const properties = reader.object(feature.properties, `${field}.properties`);
    const geometry = reader.object(feature.geometry, `${field}.geometry`);
    if (geometry) checkGeometry(reader, geometry, `${field}.geometry`);
    if (!properties) return;
    if (rules.provenance) {
      for (const key of ['source', 'licence', 'date'])
        reader.string(properties[key], `${field}.properties.${key}`, { max: 500 });
      reader.oneOf(properties.accuracy, `${field}.properties.accuracy`, ACCURACIES);
    }
    if (rules.dated)
      reader.string(properties.date, `${field}.properties.date`, {
        pattern: /^\d{4}-\d{2}-\d{2}/,
        hint: 'a date (YYYY-MM-DD)',
      });
  });
  return problems.length === before ? (raw as FeatureCollection) : undefined;
}

function checkGeometry(reader: FieldReader, geometry: Record<string, unknown>, field: string): void {
  const type = geometry.type;
  const depth = typeof type === 'string' ? GEOMETRY_DEPTH[type] : undefined;
  if (depth === undefined) {
    reader.fail(
      `${field}.type`,
      `expected a Point, LineString or Polygon geometry (or Multi…), got ${JSON.stringify(type)}`,
    );
    return;
  }
  checkCoordinates(reader, geometry.coordinates, `${field}.coordinates`, depth, type as string);
}

function checkCoordinates(reader: FieldReader, value: unknown, field: string, depth: number, type: string): boolean {
  if (depth === 0) return checkPosition(reader, value, field);
  const list = reader.array(value, field, { minLength: 1 });
  if (!list) return false;
  const ringDepth = type === 'Polygon' ? 1 : type === 'MultiPolygon' ? 1 : -1;
  const lineDepth = type === 'LineString' ? 1 : type === 'MultiLineString' ? 1 : -1;
  if (depth === lineDepth && list.length < 2) return Boolean(reader.fail(field, 'a line needs at least 2 positions'));
  for (let index = 0; index < list.length; index++) {
    if (!checkCoordinates(reader, list[index], `${field}[${index}]`, depth - 1, type)) return false;
  }
  if (depth === ringDepth) {
    const first = list[0] as number[];
    const last = list[list.length - 1] as number[];
    if (list.length < 4) return Boolean(reader.fail(field, 'a polygon ring needs at least 4 positions'));
    if (first[0] !== last[0] || first[1] !== last[1])
      return Boolean(reader.fail(field, 'a polygon ring must end where it starts'));
  }
  return true;
}

function checkPosition(reader: FieldReader, value: unknown, field: string): boolean {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3)
    return Boolean(reader.fail(field, 'expected a position [longitude, latitude]'));
  const [lng, lat] = value as unknown[];
  if (typeof lng !== 'number' || !Number.isFinite(lng) || lng < -180 || lng > 180)
    return Boolean(reader.fail(`${field}[0]`, `longitude ${String(lng)} is not between -180 and 180`));
  if (typeof lat !== 'number' || !Number.isFinite(lat) || lat < -90 || lat > 90)
    return Boolean(reader.fail(`${field}[1]`, `latitude ${String(lat)} is not between -90 and 90`));
  return true;
}

// Provenance stamping for derived map layers: every feature carries id, source, licence, as-of date and accuracy, as
// the story model (src/lib/story/types.ts) requires, in a fixed property order so the written bytes are stable.
import { coordAll } from '@turf/turf';
import type { Feature, Geometry } from 'geojson';
import { kinkCount } from './simplify.ts';
import { ACCURACIES } from '../../lib/story/fields.ts';

import type { Accuracy, Provenance } from '../../lib/story/types.ts';

export type { Accuracy, Provenance };

/** The properties of a stamped feature: id, an optional name, layer-specific values, then provenance. */
export type StampedProperties = { id: string; name?: string } & Provenance & Record<string, unknown>;

/** Builds a Feature with properties in a fixed order: id, name, the layer-specific ones, then the provenance. */
export function stampFeature<G extends Geometry>(geometry: G, props: StampedProperties): Feature<G, StampedProperties> {
  const { id, name, source, licence, date, accuracy, ...rest } = props;
  const properties: StampedProperties = {
    id,
    ...(name !== undefined ? { name } : {}),
    ...rest,
    source,
    licence,
    date,
    accuracy,
  };
  return { type: 'Feature', properties, geometry };
}

/**
 * Throws if a feature breaks the rules every derived layer follows: provenance present, coordinates in range, rings
 * closed, polygons without self-intersections.
 * @param file the layer file, for the message
 */
export function checkFeature(file: string, f: Feature<Geometry, StampedProperties>): void {
  const p = f.properties;
  for (const key of ['id', 'source', 'licence', 'date', 'accuracy'] as const) {
    if (typeof p[key] !== 'string' || p[key] === '') throw new Error(`${file} ${p.id}: missing ${key}`);
  }
  if (!ACCURACIES.includes(p.accuracy)) throw new Error(`${file} ${p.id}: accuracy`);
  for (const [lon = NaN, lat = NaN] of coordAll(f)) {
    if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) throw new Error(`${file} ${p.id}: coordinate out of range`);
  }
  const g = f.geometry;
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') return;
  const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  for (const ring of rings) {
    const [a, b] = [ring[0], ring[ring.length - 1]];
    if (ring.length < 4 || !a || !b || a[0] !== b[0] || a[1] !== b[1]) throw new Error(`${file} ${p.id}: open ring`);
  }
  if (kinkCount(g) !== 0) throw new Error(`${file} ${p.id}: self-intersection`);
}

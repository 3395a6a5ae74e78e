// Finds self-intersecting polygons, which MapLibre fills wrongly. Build-time only (it pulls in turf).
import { kinks } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

/** A polygon feature that crosses itself, with one crossing point. */
export interface SelfIntersection {
  featureIndex: number;
  at: [number, number];
}

/** Lists the polygon features of a collection that cross themselves. */
export function selfIntersections(collection: FeatureCollection): SelfIntersection[] {
  const found: SelfIntersection[] = [];
  collection.features.forEach((feature, featureIndex) => {
    const type = feature.geometry?.type;
    if (type !== 'Polygon' && type !== 'MultiPolygon') return;
    const crossings = kinks(feature as Feature<Polygon | MultiPolygon>).features;
    const first = crossings[0]?.geometry.coordinates;
    if (first) found.push({ featureIndex, at: [first[0] ?? 0, first[1] ?? 0] });
  });
  return found;
}

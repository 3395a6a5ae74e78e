// Polygon bookkeeping for the layer builders: parts and areas, dropping slivers and small islands, splitting one part
// off a multi-part shape, and a label point that lies inside. Build-time only.
import { area, booleanPointInPolygon, centerOfMass, pointOnFeature, polygon } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { polygonal, roundPosition } from './round.ts';

/** The polygons of a Polygon or MultiPolygon, each as its rings (outer first). */
export function partsOf(geom: Polygon | MultiPolygon): Position[][][] {
  return geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates;
}

/** Area of a ring, holes aside, in km² (turf.area, spherical). */
export function ringKm2(ring: Position[]): number {
  return area(polygon([ring])) / 1e6;
}

/** Area of a geometry or feature in km² (turf.area, spherical). */
export function areaKm2(shape: Polygon | MultiPolygon | Feature<Polygon | MultiPolygon>): number {
  return area(shape) / 1e6;
}

/** Drops polygons whose outer ring, and holes that, cover less than `minKm2` (gaps and specks left by unions and clips). */
export function dropSlivers(geom: Polygon | MultiPolygon, minKm2: number): Polygon | MultiPolygon {
  const big = (ring: Position[]): boolean => ringKm2(ring) >= minKm2;
  const kept = partsOf(geom)
    .filter(([outer]) => outer !== undefined && big(outer))
    .map(([outer = [], ...holes]) => [outer, ...holes.filter(big)]);
  return polygonal(kept);
}

/**
 * Keeps the polygons whose outer ring covers at least `minKm2`, as a MultiPolygon; a shape with no part that big
 * (a microstate) is kept whole.
 */
export function dropSmallParts(geom: Polygon | MultiPolygon, minKm2: number): MultiPolygon {
  const parts = partsOf(geom).filter((p) => p.length > 0);
  const big = parts.filter(([outer]) => outer !== undefined && ringKm2(outer) >= minKm2);
  return { type: 'MultiPolygon', coordinates: big.length > 0 ? big : parts };
}

/** Splits off the one polygon of a shape that contains `at`; throws unless exactly one does. */
export function splitOffPart(geom: Polygon | MultiPolygon, at: Position): { part: Polygon; rest: MultiPolygon } {
  const contains = (p: Position[][]): boolean => p.length > 0 && booleanPointInPolygon(at, polygon(p));
  const parts = partsOf(geom);
  const [part, ...others] = parts.filter(contains);
  if (!part || others.length > 0) throw new Error(`expected exactly one part containing [${at.join(', ')}]`);
  return {
    part: { type: 'Polygon', coordinates: part },
    rest: { type: 'MultiPolygon', coordinates: parts.filter((p) => !contains(p)) },
  };
}

/** A label position inside the shape: its centre of mass when that lies inside, else turf's point on the feature. */
export function labelPoint(shape: Feature<Polygon | MultiPolygon>, decimals: number): Position {
  const com = centerOfMass(shape);
  const label = booleanPointInPolygon(com, shape) ? com : pointOnFeature(shape);
  return roundPosition(label.geometry.coordinates, decimals);
}

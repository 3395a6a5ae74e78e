// How much of a line lies within a given distance of an area: the share of the supply road within drone range of
// the Russian-held side. Build-time only (turf).
import {
  along,
  area as areaOf,
  bbox,
  bboxClip,
  booleanPointInPolygon,
  buffer,
  difference,
  featureCollection,
  flatten,
  length,
  pointToPolygonDistance,
  union,
} from '@turf/turf';
import type { Feature, LineString, MultiLineString, MultiPolygon, Polygon } from 'geojson';

type Area = Feature<Polygon | MultiPolygon>;

/** Length of a line and how much of it lies within `rangeKm` of an area, sampled every `stepKm`. */
export interface RangeShare {
  lengthKm: number;
  withinKm: number;
  share: number;
}

/**
 * Measures the part of a line within range of an area. Samples the line every `stepKm` (default 100 m): a sample is
 * within range when it lies inside the area or no farther than `rangeKm` from its edge.
 */
export function lineShareWithinRange(
  line: Feature<LineString | MultiLineString>,
  area: Area,
  rangeKm: number,
  stepKm = 0.1,
): RangeShare {
  const parts: Feature<LineString>[] =
    line.geometry.type === 'LineString'
      ? [line as Feature<LineString>]
      : line.geometry.coordinates.map((coordinates) => ({
          type: 'Feature',
          properties: {},
          geometry: { type: 'LineString', coordinates },
        }));
  // Only the area near the line matters: clip it to the line's box widened by the range (and a margin) first.
  const [west, south, east, north] = bbox(line);
  const marginLat = (rangeKm + 5) / 111;
  const marginLng = marginLat / Math.cos((((south + north) / 2) * Math.PI) / 180);
  const near = withoutEmptyRings(
    bboxClip(area, [west - marginLng, south - marginLat, east + marginLng, north + marginLat]) as Area,
  );
  let total = 0;
  let within = 0;
  for (const part of parts) {
    const partKm = length(part, { units: 'kilometers' });
    const samples = Math.max(1, Math.round(partKm / stepKm));
    for (let index = 0; index < samples; index++) {
      // Each sample stands for the stretch of line around its midpoint.
      const point = along(part, ((index + 0.5) / samples) * partKm, { units: 'kilometers' });
      const inRange =
        booleanPointInPolygon(point, near) || pointToPolygonDistance(point, near, { units: 'kilometers' }) <= rangeKm;
      if (inRange) within += partKm / samples;
    }
    total += partKm;
  }
  return { lengthKm: total, withinKm: within, share: total === 0 ? 0 : within / total };
}

/** Holes are widened by this much before they are cut out: it closes slivers between sources drawn on different borders. */
export const SLIVER_TOLERANCE_KM = 0.5;
/** Pieces left smaller than this are dropped: holes inside a held area are not a front line. */
export const MIN_PIECE_KM2 = 5;

/**
 * An area minus other areas (Russia minus the Ukrainian-held and grey areas: the Russian-held side). The cut-out
 * areas are widened by SLIVER_TOLERANCE_KM and pieces under MIN_PIECE_KM2 are dropped, so that slivers along a border
 * drawn by two sources, and small holes inside a held area, do not count as the other side.
 */
export function areaMinus(area: Area, holes: readonly Area[]): Area {
  if (holes.length === 0) return area;
  const widened = holes
    .map((hole) => buffer(hole, SLIVER_TOLERANCE_KM, { units: 'kilometers' }))
    .filter((hole): hole is Area => Boolean(hole));
  const merged = widened.length === 1 ? widened[0] : union(featureCollection(widened));
  if (!merged) return area;
  const rest = difference(featureCollection([area, merged]));
  if (!rest) return area;
  const pieces = flatten(rest).features.filter((piece) => areaOf(piece) / 1e6 >= MIN_PIECE_KM2);
  return {
    type: 'Feature',
    properties: {},
    geometry: { type: 'MultiPolygon', coordinates: pieces.map((piece) => piece.geometry.coordinates) },
  };
}

/** bboxClip leaves empty rings where a polygon lies outside the box; distance functions cannot take them. */
function withoutEmptyRings(area: Area): Area {
  const polygons = area.geometry.type === 'Polygon' ? [area.geometry.coordinates] : area.geometry.coordinates;
  const kept = polygons.map((rings) => rings.filter((ring) => ring.length >= 4)).filter((rings) => rings.length > 0);
  return { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: kept } };
}

// Rounds coordinates to a fixed number of decimals, the last step before a layer is written, and drops what rounding
// breaks: repeated positions, back-and-forth spikes, rings that collapse to nothing. Build-time only.
// Hand-written because turf.truncate rounds too but keeps the repeated positions and spikes it creates.
import type { Geometry, LineString, MultiLineString, MultiPolygon, Point, Polygon, Position } from 'geojson';

/** Rounds a number to `decimals` decimals, never giving -0 (so JSON never contains "-0"). */
export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor + 0;
}

/** Rounds a position's longitude and latitude, dropping any further ordinates. */
export function roundPosition(position: Position, decimals: number): Position {
  return [round(position[0] ?? NaN, decimals), round(position[1] ?? NaN, decimals)];
}

/** True when two positions have the same longitude and latitude. */
export function samePosition(a: Position | undefined, b: Position | undefined): boolean {
  return a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1];
}

/**
 * Signed planar area of a closed ring in square degrees; only good for spotting rings that collapsed (turf.area is
 * spherical and wants a valid polygon, which a collapsed ring is not).
 */
export function ringArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x0 = 0, y0 = 0] = ring[i] ?? [];
    const [x1 = 0, y1 = 0] = ring[i + 1] ?? [];
    sum += x0 * y1 - x1 * y0;
  }
  return sum / 2;
}

/** Rounds a line's positions and drops the repeated positions and back-and-forth spikes (A-B-A) rounding creates. */
export function roundLine(coords: Position[], decimals: number): Position[] {
  const out: Position[] = [];
  for (const p of coords) {
    const q = roundPosition(p, decimals);
    if (samePosition(out[out.length - 1], q)) continue;
    if (samePosition(out[out.length - 2], q)) {
      out.pop();
      continue;
    }
    out.push(q);
  }
  return out;
}

/** Rounds a ring and keeps it closed; returns null when it collapsed to nothing. */
export function roundRing(ring: Position[], decimals: number): Position[] | null {
  const r = roundLine(ring, decimals);
  // A spike at the closing vertex survives roundLine, so unwind it here.
  while (r.length > 3 && samePosition(r[1], r[r.length - 2])) {
    r.shift();
    r.pop();
  }
  const first = r[0];
  if (first && !samePosition(first, r[r.length - 1])) r.push([...first]);
  if (r.length < 4 || Math.abs(ringArea(r)) < 1e-12) return null;
  return r;
}

/** Rounds a polygon's rings, dropping holes that collapse; returns null if the outer ring collapsed. */
export function roundPolygon(rings: Position[][], decimals: number): Position[][] | null {
  const [outerRing, ...holeRings] = rings;
  if (!outerRing || outerRing.length === 0) return null;
  const outer = roundRing(outerRing, decimals);
  if (!outer) return null;
  const holes = holeRings.filter((h) => h.length > 0).map((h) => roundRing(h, decimals));
  return [outer, ...holes.filter((h): h is Position[] => h !== null)];
}

/** Wraps polygon parts as a Polygon when there is one and a MultiPolygon otherwise. */
export function polygonal(parts: Position[][][]): Polygon | MultiPolygon {
  const [only] = parts;
  return parts.length === 1 && only
    ? { type: 'Polygon', coordinates: only }
    : { type: 'MultiPolygon', coordinates: parts };
}

/** Wraps lines as a LineString when there is one and a MultiLineString otherwise. */
export function linear(lines: Position[][]): LineString | MultiLineString {
  const [only] = lines;
  return lines.length === 1 && only
    ? { type: 'LineString', coordinates: only }
    : { type: 'MultiLineString', coordinates: lines };
}

/** Rounds a point geometry. */
export function roundPoint(point: Point, decimals: number): Point {
  return { type: 'Point', coordinates: roundPosition(point.coordinates, decimals) };
}

/**
 * Rounds any geometry but a GeometryCollection, dropping parts that collapse; a multi-part geometry left with one part
 * becomes a single one. Returns null if nothing is left.
 */
export function roundGeometry(geom: Geometry, decimals: number): Geometry | null {
  switch (geom.type) {
    case 'Point':
      return roundPoint(geom, decimals);
    case 'LineString':
    case 'MultiLineString': {
      const source = geom.type === 'LineString' ? [geom.coordinates] : geom.coordinates;
      const lines = source.map((l) => roundLine(l, decimals)).filter((l) => l.length >= 2);
      if (lines.length === 0) return null;
      return geom.type === 'LineString' ? { type: 'LineString', coordinates: lines[0] ?? [] } : linear(lines);
    }
    case 'Polygon':
    case 'MultiPolygon': {
      const source = geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates;
      const parts = source.map((p) => roundPolygon(p, decimals)).filter((p): p is Position[][] => p !== null);
      if (parts.length === 0) return null;
      return geom.type === 'Polygon' ? { type: 'Polygon', coordinates: parts[0] ?? [] } : polygonal(parts);
    }
    default:
      throw new Error(`cannot round a ${geom.type}`);
  }
}

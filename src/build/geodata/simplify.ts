// Simplifies lines and polygons with turf's Douglas–Peucker, then rounds them, keeping polygons free of
// self-intersections (MapLibre fills a ring that crosses itself wrongly). Build-time only.
import { buffer, kinks, lineString, pointToLineDistance, simplify } from '@turf/turf';
import type { Geometry, LineString, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import { polygonal, round, ringArea, roundGeometry, samePosition } from './round.ts';

/** A simplified polygonal geometry and what it took to keep it valid. */
export interface SimplifiedArea {
  geometry: Polygon | MultiPolygon;
  /** Original vertices put back where simplification made the outline cross itself. */
  restored: number;
  /** Set when restoring vertices could not help and the outline was grown by this many metres instead. */
  bufferedMetres?: number;
}

interface Ring {
  ring: Position[];
  outer: boolean;
}

/** Number of self-intersections of a linear or polygonal geometry (turf.kinks). */
export function kinkCount(geom: LineString | MultiLineString | Polygon | MultiPolygon): number {
  return kinks(geom).features.length;
}

/**
 * Which vertices of a closed ring turf.simplify keeps: each vertex carries its index as a third ordinate, which the
 * planar simplification ignores and passes through. A ring simplified to less than a triangle is kept whole.
 */
function keptVertices(ring: Position[], tolerance: number): Uint8Array {
  const keep = new Uint8Array(ring.length);
  const tagged = lineString(ring.map((p, i) => [p[0] ?? NaN, p[1] ?? NaN, i]));
  const kept = simplify(tagged, { tolerance, highQuality: true }).geometry.coordinates;
  for (const p of kept) keep[p[2] ?? 0] = 1;
  keep[0] = 1;
  keep[ring.length - 1] = 1;
  if (keep.reduce((n, k) => n + k, 0) < 4) keep.fill(1);
  return keep;
}

// Hand-written: turf's point-to-line distances are geodesic and build a feature per call, too slow for this inner loop.
function sqSegmentDistance(p: Position, a: Position, b: Position): number {
  const [px = 0, py = 0] = p;
  let [x = 0, y = 0] = a;
  let dx = (b[0] ?? 0) - x;
  let dy = (b[1] ?? 0) - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((px - x) * dx + (py - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) [x = 0, y = 0] = b;
    else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  dx = px - x;
  dy = py - y;
  return dx * dx + dy * dy;
}

/** Builds the rounded rings from the kept vertices, remembering which source vertex each position came from. */
function buildRings(rings: Ring[], keeps: Uint8Array[], decimals: number): { coords: Position[]; index: number[] }[] {
  return rings.map(({ ring }, i) => {
    const coords: Position[] = [];
    const index: number[] = [];
    ring.forEach((p, v) => {
      if (!keeps[i]?.[v]) return;
      const q = [round(p[0] ?? NaN, decimals), round(p[1] ?? NaN, decimals)];
      if (samePosition(coords[coords.length - 1], q)) return;
      coords.push(q);
      index.push(v);
    });
    return { coords, index };
  });
}

/** Puts rings back together as polygons, dropping those that collapsed (a hole follows its outer ring). */
function assemble(rings: Ring[], built: { coords: Position[] }[]): Polygon | MultiPolygon {
  const parts: (Position[][] | null)[] = [];
  built.forEach(({ coords }, i) => {
    const usable = coords.length >= 4 && Math.abs(ringArea(coords)) > 0;
    const last = parts[parts.length - 1];
    if (rings[i]?.outer) parts.push(usable ? [coords] : null);
    else if (usable && last) last.push(coords);
  });
  const kept = parts.filter((p): p is Position[][] => p !== null);
  if (kept.length === 0) throw new Error('polygon collapsed');
  return polygonal(kept);
}

/**
 * Simplifies (turf.simplify, `tolerance` in degrees) and rounds a polygonal geometry without self-intersections.
 * Simplification can make a ring cross itself, or a neighbouring ring, where the outline nearly touches itself;
 * wherever turf.kinks finds a crossing, the original vertices of the segments involved are put back until none is
 * left. If the source has rings that touch themselves at a vertex (pinch points), restoring cannot help and a
 * self-union would keep the touch, so the outline is buffered by a few metres instead, which turns each pinch into a
 * narrow neck (the area changes by well under 1 %), and the buffer's arc vertices are dropped again. The repair is
 * hand-written: turf offers no simplification that keeps rings from crossing.
 */
export function simplifyPolygonal(geom: Polygon | MultiPolygon, tolerance: number, decimals: number): SimplifiedArea {
  const polygons = geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates;
  const rings: Ring[] = polygons.flatMap((rs) =>
    rs.filter((r) => r.length >= 4).map((ring, k) => ({ ring, outer: k === 0 })),
  );
  const keeps = rings.map(({ ring }) => keptVertices(ring, tolerance));
  let restored = 0;
  for (;;) {
    const built = buildRings(rings, keeps, decimals);
    const geometry = assemble(rings, built);
    const crossings = kinks(geometry).features.map((k) => k.geometry.coordinates);
    if (crossings.length === 0) return { geometry, restored };
    let added = 0;
    for (const k of crossings) {
      built.forEach(({ coords, index }, i) => {
        const keep = keeps[i];
        if (!keep) return;
        for (let s = 0; s + 1 < coords.length; s++) {
          const [a, b] = [coords[s], coords[s + 1]];
          if (!a || !b || sqSegmentDistance(k, a, b) > 1e-14) continue;
          for (let v = (index[s] ?? 0) + 1; v < (index[s + 1] ?? 0); v++) {
            if (!keep[v]) {
              keep[v] = 1;
              added++;
            }
          }
        }
      });
    }
    restored += added;
    if (added === 0) return growPastPinches(geometry, restored, decimals);
  }
}

/** The last resort of simplifyPolygonal: buffers the outline by the smallest of a few widths that leaves no kink. */
function growPastPinches(geometry: Polygon | MultiPolygon, restored: number, decimals: number): SimplifiedArea {
  for (const metres of [2, 5, 10]) {
    const grown = buffer(geometry, metres, { units: 'meters', steps: 2 });
    if (!grown) continue;
    const g = roundGeometry(simplify(grown, { tolerance: 0.00002, highQuality: true }).geometry, decimals);
    if ((g?.type === 'Polygon' || g?.type === 'MultiPolygon') && kinkCount(g) === 0)
      return { geometry: g, restored, bufferedMetres: metres };
  }
  throw new Error('could not make a valid polygon');
}

/** Simplifies (turf.simplify, `tolerance` in degrees; 0 only rounds) and rounds a linear geometry. */
export function simplifyLinear(
  geom: LineString | MultiLineString,
  tolerance: number,
  decimals: number,
): LineString | MultiLineString {
  const simple: Geometry = tolerance > 0 ? simplify(geom, { tolerance, highQuality: true }) : geom;
  const g = roundGeometry(simple, decimals);
  if (g?.type !== 'LineString' && g?.type !== 'MultiLineString') throw new Error('line collapsed');
  return g;
}

/**
 * Largest distance in metres of a line's vertices from its simplified copy. Douglas–Peucker keeps a subset of the
 * vertices in order, so each source vertex is measured against the simplified segment that replaced it.
 * @param source the line before simplification
 * @param simple the simplified line, positions rounded or not, one for each kept source vertex
 * @param kept the kept source vertices, unrounded (what turf.simplify returned)
 */
export function maxDeviationMetres(source: Position[], simple: Position[], kept: Position[] = simple): number {
  let max = 0;
  let j = 0;
  for (const p of source) {
    if (j + 1 < kept.length - 1 && samePosition(p, kept[j + 1])) j++;
    const [a, b] = [simple[j], simple[j + 1]];
    if (!a || !b) throw new Error('simplified line has fewer than two vertices');
    max = Math.max(max, pointToLineDistance(p, lineString([a, b]), { units: 'meters' }));
  }
  return max;
}

// Country shapes from a TopoJSON topology (world-atlas): arcs decoded and simplified once, so that neighbouring
// countries keep identical borders, then each country is assembled, clipped to a box and rounded. Build-time only.
import { createRequire } from 'node:module';
import { bbox, bboxPolygon, featureCollection, intersect, lineString, simplify } from '@turf/turf';
import { feature, transform } from 'topojson-client';
import type { Feature, FeatureCollection, GeoJsonProperties, MultiPolygon, Polygon, Position } from 'geojson';
import type {
  GeometryObject,
  MultiPolygon as TopoMultiPolygon,
  Polygon as TopoPolygon,
  Topology,
} from 'topojson-specification';
import { readJson } from './io.ts';
import { dropSmallParts } from './polygons.ts';
import { roundGeometry, roundLine, samePosition } from './round.ts';
import { kinkCount } from './simplify.ts';
import { slug } from './slug.ts';

/** [west, south, east, north] in degrees. */
export type Box = [number, number, number, number];

/** A country as cut from the topology: its ID (the topology's, else a slug of its name) and name. */
export interface CountryProperties {
  id: string;
  name: string;
}

/** How to cut country shapes for a map. */
export interface CountryCut {
  /** Only countries overlapping this box are kept, clipped to it. */
  box: Box;
  /** Douglas–Peucker tolerance for the arcs, in degrees. */
  tolerance: number;
  decimals: number;
  /** Parts (islands) smaller than this are dropped, unless a country has no bigger one. */
  minPartKm2: number;
  /** Name of the GeometryCollection in the topology; world-atlas calls it "countries". */
  objectName?: string;
}

/** Country shapes in a box, and how many simplification passes it took to make them all kink-free. */
export interface CountriesInBox {
  collection: FeatureCollection<Polygon | MultiPolygon, CountryProperties>;
  passes: number;
}

type CountryObject = TopoPolygon<GeoJsonProperties> | TopoMultiPolygon<GeoJsonProperties>;

const MAX_PASSES = 12;

/** Path of a file in the world-atlas package, e.g. "countries-50m.json". */
export function worldAtlasFile(name: string): string {
  return createRequire(import.meta.url).resolve(`world-atlas/${name}`);
}

/** Reads a TopoJSON topology. */
export function readTopology(file: string): Topology {
  const topology = readJson<Topology>(file);
  if (topology.type !== 'Topology') throw new Error(`${file}: not a TopoJSON topology`);
  return topology;
}

/** The topology's arcs in absolute longitude/latitude (topojson-client undoes the delta encoding and quantisation). */
export function absoluteArcs(topology: Topology): Position[][] {
  return topology.arcs.map((arc) => {
    const toPosition = transform(topology.transform ?? null);
    return arc.map((p, i) => toPosition(p, i > 0));
  });
}

/** Simplifies (turf.simplify) and rounds one arc; a closed arc (an island) keeps at least a triangle. */
export function simplifyArc(arc: Position[], tolerance: number, decimals: number): Position[] {
  const first = arc[0];
  const last = arc[arc.length - 1];
  if (arc.length < 3 || !first || !last) return roundLine(arc, decimals);
  const simple = simplify(lineString(arc), { tolerance, highQuality: true }).geometry.coordinates;
  const line = roundLine(samePosition(first, last) && simple.length < 4 ? arc : simple, decimals);
  return line.length >= 2 ? line : roundLine([first, last], decimals);
}

/** The country objects (polygonal geometries) of a topology's collection. */
function countryObjects(topology: Topology, objectName: string): CountryObject[] {
  const collection = topology.objects[objectName];
  if (collection?.type !== 'GeometryCollection') throw new Error(`topology has no GeometryCollection "${objectName}"`);
  return collection.geometries.filter(
    (g: GeometryObject<GeoJsonProperties>): g is CountryObject => g.type === 'Polygon' || g.type === 'MultiPolygon',
  );
}

/** Indexes of the arcs an object is made of (a negative index is an arc walked backwards). */
function arcsOf(object: CountryObject): number[] {
  const rings = object.type === 'Polygon' ? object.arcs : object.arcs.flat();
  return rings.flat().map((i) => (i < 0 ? ~i : i));
}

/**
 * A country whose rings cross the antimeridian (Russia's Chukotka) with longitudes past 180° written as 180° more,
 * so each ring is continuous: a ring that jumps from 180 to −180 would read as one wrapped round the globe and clip
 * into stripes.
 */
function unwrapped(country: Feature<Polygon | MultiPolygon>): Feature<Polygon | MultiPolygon> {
  const crosses = (ring: Position[]): boolean =>
    ring.some(([lng = 0]) => lng > 170) && ring.some(([lng = 0]) => lng < -170);
  const unwrap = (ring: Position[]): Position[] =>
    crosses(ring) ? ring.map(([lng = 0, lat = 0]) => [lng < 0 ? lng + 360 : lng, lat]) : ring;
  const geometry = country.geometry;
  return {
    ...country,
    geometry:
      geometry.type === 'Polygon'
        ? { type: 'Polygon', coordinates: geometry.coordinates.map(unwrap) }
        : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((part) => part.map(unwrap)) },
  };
}

/** Assembles one country from simplified arcs, clipped to the box, small parts dropped and rounded; null if outside. */
function cutCountry(
  arcs: Position[][],
  object: CountryObject,
  cut: CountryCut,
): Feature<Polygon | MultiPolygon, CountryProperties> | null {
  const topology: Topology = { type: 'Topology', objects: {}, arcs };
  const country = unwrapped(object.type === 'Polygon' ? feature(topology, object) : feature(topology, object));
  const [west, south, east, north] = bbox(country);
  const [w, s, e, n] = cut.box;
  if (west > e || east < w || south > n || north < s) return null;
  // turf.bboxClip (Sutherland–Hodgman) leaves zero-width slivers along the box edge where a country leaves and
  // re-enters the box; a polygon intersection with the box does not.
  const clipped = intersect(featureCollection([country, bboxPolygon(cut.box)]));
  if (!clipped) return null;
  const geometry = roundGeometry(dropSmallParts(clipped.geometry, cut.minPartKm2), cut.decimals);
  if (geometry?.type !== 'Polygon' && geometry?.type !== 'MultiPolygon') return null;
  const name = String(object.properties?.name ?? '');
  const id = object.id !== undefined ? String(object.id) : slug(name);
  return { type: 'Feature', properties: { id, name }, geometry };
}

/**
 * Cuts the countries of a topology that overlap a box: simplified, clipped to the box, small islands dropped,
 * rounded, in the topology's order. Simplifying the shared arcs rather than each country keeps neighbouring borders
 * identical, so country fills meet without gaps or overlaps; the arcs of a country that comes out crossing itself
 * are simplified again with half the tolerance until none does. Arc by arc by hand, since topojson-simplify is not a
 * dependency and turf simplifies whole features, not shared arcs.
 */
export function countriesInBox(topology: Topology, cut: CountryCut): CountriesInBox {
  const objects = countryObjects(topology, cut.objectName ?? 'countries');
  const source = absoluteArcs(topology);
  const tolerances = source.map(() => cut.tolerance);
  for (let pass = 1; ; pass++) {
    const arcs = source.map((arc, i) => simplifyArc(arc, tolerances[i] ?? cut.tolerance, cut.decimals));
    const features: Feature<Polygon | MultiPolygon, CountryProperties>[] = [];
    const kinked: CountryObject[] = [];
    for (const object of objects) {
      const country = cutCountry(arcs, object, cut);
      if (!country) continue;
      if (kinkCount(country.geometry) !== 0) kinked.push(object);
      features.push(country);
    }
    if (kinked.length === 0) return { collection: { type: 'FeatureCollection', features }, passes: pass };
    if (pass > MAX_PASSES)
      throw new Error(`kinks remain in ${kinked.map((o) => String(o.properties?.name ?? o.id)).join(', ')}`);
    for (const i of kinked.flatMap(arcsOf)) tolerances[i] = (tolerances[i] ?? cut.tolerance) / 2;
  }
}

/** How to cut the land borders between countries for a map. */
export interface BorderCut {
  /** Only border pieces inside this box are kept. */
  box: Box;
  /** Douglas–Peucker tolerance and rounding, the same as the countries' so the lines lie on their edges. */
  tolerance: number;
  decimals: number;
  /** Which country a topology object counts as; objects with the same key share no border. */
  countryOf: (object: { id: string | undefined; name: string }) => string;
  /** Whether the border between two countries (their keys) is drawn. */
  keep: (a: string, b: string) => boolean;
  objectName?: string;
}

/**
 * The land borders between countries inside a box, as lines: the topology's arcs that two different countries share
 * (coastlines belong to one country only), simplified as countriesInBox simplifies them and clipped to the box.
 */
export function bordersInBox(topology: Topology, cut: BorderCut): Position[][] {
  const objects = countryObjects(topology, cut.objectName ?? 'countries');
  const users = new Map<number, Set<string>>();
  for (const object of objects) {
    const key = cut.countryOf({
      id: object.id === undefined ? undefined : String(object.id),
      name: String(object.properties?.name ?? ''),
    });
    for (const arc of arcsOf(object)) {
      const set = users.get(arc) ?? new Set<string>();
      set.add(key);
      users.set(arc, set);
    }
  }
  const source = absoluteArcs(topology);
  const lines: Position[][] = [];
  for (const [index, countries] of [...users].sort(([a], [b]) => a - b)) {
    const [a, b, ...more] = [...countries];
    if (a === undefined || b === undefined || more.length > 0 || !cut.keep(a, b)) continue;
    const arc = source[index];
    if (!arc) continue;
    for (const piece of clipLine(simplifyArc(arc, cut.tolerance, cut.decimals), cut.box)) lines.push(piece);
  }
  return lines;
}

/** The runs of a line that lie inside a box (vertices outside end a run; border arcs are dense enough for this). */
function clipLine(line: Position[], [west, south, east, north]: Box): Position[][] {
  const runs: Position[][] = [];
  let run: Position[] = [];
  for (const p of line) {
    const [x = Number.NaN, y = Number.NaN] = p;
    if (x >= west && x <= east && y >= south && y <= north) run.push(p);
    else {
      if (run.length >= 2) runs.push(run);
      run = [];
    }
  }
  if (run.length >= 2) runs.push(run);
  return runs;
}

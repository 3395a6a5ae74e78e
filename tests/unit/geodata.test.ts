// Checks the derived map layers in data/kursk/geo/ (written by `npm run geodata`):
// provenance on every feature, valid geometry, and the facts the story relies on (Crimea, Sudzha,
// held areas per date, the road's border crossing). Compares against the reference CSV (a committed fixture).
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import * as turf from '@turf/turf';
import { readReferenceSeries } from '../support/referenceSeries.ts';
import type {
  Feature,
  FeatureCollection,
  Geometry,
  LineString,
  MultiLineString,
  MultiPolygon,
  Point,
  Polygon,
  Position,
} from 'geojson';

const GEO_DIR = new URL('../../data/kursk/geo/', import.meta.url);

const ACCURACY = ['exact', 'approximate', 'schematic'];
/** Same shapes as ID_PATTERN / AS_OF_PATTERN in src/lib/story/fields.ts. */
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const AS_OF = /^\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?Z)?)?)?$/;

const SUDZHA: Position = [35.27056, 51.19139];
const SUMY: Position = [34.79906, 50.91741];
const YUNAKIVKA: Position = [35.0385, 51.12262];

type Props = Record<string, unknown> & { id: string };
type Collection = FeatureCollection<Geometry, Props>;
type Area = Feature<Polygon | MultiPolygon, Props>;

const EXPECTED_COUNTS: Record<string, number> = {
  'land-world.geojson': 74,
  'land.geojson': 68,
  'countries-detail.geojson': 2,
  'regions.geojson': 7,
  'region-lines.geojson': 7,
  'countries.geojson': 52,
  'border-detail.geojson': 1,
  'border-overview.geojson': 1,
  'rivers.geojson': 5,
  'towns.geojson': 21,
  'fortifications.geojson': 2,
  'occupied.geojson': 2,
  'control-kursk.geojson': 68,
  'road.geojson': 2,
};

/** Narrows away `undefined` (the tsconfig has noUncheckedIndexedAccess), failing loudly instead. */
function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`missing ${what}`);
  return value;
}

function load(name: string): Collection {
  return JSON.parse(fs.readFileSync(new URL(name, GEO_DIR), 'utf8')) as Collection;
}

function byId(fc: Collection, id: string): Feature<Geometry, Props> {
  const f = fc.features.find((x) => x.properties.id === id);
  if (!f) throw new Error(`no feature ${id}`);
  return f;
}

function isArea(f: Feature<Geometry, Props>): f is Area {
  return f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon';
}

function rings(g: Polygon | MultiPolygon): Position[][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

function km2(f: Area): number {
  return turf.area(f) / 1e6;
}

function readAreaCsv(): Map<string, number> {
  return new Map(
    readReferenceSeries().map((row) => [row.time, must(row.values.kursk_ua_controlled_km2, 'kursk_ua_controlled_km2')]),
  );
}

const borderLines = (): Feature<LineString, Props>[] => {
  const g = must(load('border-detail.geojson').features[0], 'border feature').geometry as MultiLineString | LineString;
  const lines = g.type === 'LineString' ? [g.coordinates] : g.coordinates;
  return lines.map((l) => turf.lineString(l, { id: 'border' }));
};

describe.each(Object.keys(EXPECTED_COUNTS))('%s', (name) => {
  const fc = load(name);

  it('is a FeatureCollection with the expected number of features', () => {
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(must(EXPECTED_COUNTS[name], name));
  });

  it('gives every feature a unique id and full provenance', () => {
    const ids = fc.features.map((f) => f.properties.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of fc.features) {
      const p = f.properties;
      expect(p.id, JSON.stringify(p)).toMatch(ID);
      for (const key of ['source', 'licence', 'date']) {
        expect(typeof p[key], `${p.id}.${key}`).toBe('string');
        expect((p[key] as string).trim(), `${p.id}.${key}`).not.toBe('');
      }
      expect(p.date as string, `${p.id}.date`).toMatch(AS_OF);
      expect(ACCURACY, `${p.id}.accuracy`).toContain(p.accuracy);
    }
  });

  it('has finite coordinates within lon/lat range', () => {
    for (const f of fc.features) {
      const coords = turf.coordAll(f);
      expect(coords.length, f.properties.id).toBeGreaterThan(0);
      for (const position of coords) {
        const [lon = NaN, lat = NaN] = position;
        expect(position.length, f.properties.id).toBe(2);
        expect(Number.isFinite(lon) && Number.isFinite(lat), f.properties.id).toBe(true);
        expect(Math.abs(lon), f.properties.id).toBeLessThanOrEqual(180);
        expect(Math.abs(lat), f.properties.id).toBeLessThanOrEqual(90);
      }
    }
  });

  it('has closed, kink-free polygons', () => {
    for (const f of fc.features.filter(isArea)) {
      for (const ring of rings(f.geometry)) {
        expect(ring.length, f.properties.id).toBeGreaterThanOrEqual(4);
        expect(ring[ring.length - 1], f.properties.id).toEqual(ring[0]);
      }
      expect(turf.kinks(f).features, f.properties.id).toHaveLength(0);
    }
  });
});

describe('land.geojson', () => {
  const land = load('land.geojson');
  const crimea = byId(land, 'crimea') as Area;
  const russia = land.features.find((f) => f.properties.country === 'RU') as Area;
  const ukraine = land.features.find((f) => f.properties.id === '804') as Area;

  it('draws Crimea as its own occupied Ukrainian feature', () => {
    expect(crimea.properties).toMatchObject({ country: 'UA', occupied: true });
    expect(land.features.filter((f) => f.properties.country === 'RU')).toHaveLength(1);
    expect(turf.booleanPointInPolygon([34.1, 45.0], crimea)).toBe(true);
    expect(turf.booleanPointInPolygon([34.1, 45.0], russia)).toBe(false);
    expect(turf.booleanPointInPolygon([34.1, 45.0], ukraine)).toBe(false);
    expect(km2(crimea)).toBeGreaterThan(25_500);
    expect(km2(crimea)).toBeLessThan(28_000);
  });

  it('keeps Russia (Taman peninsula, Moscow) and Ukraine (Kyiv) where they are', () => {
    expect(turf.booleanPointInPolygon([37.0, 45.25], russia)).toBe(true);
    expect(turf.booleanPointInPolygon([37.61781, 55.75204], russia)).toBe(true);
    expect(turf.booleanPointInPolygon([30.5238, 50.45466], ukraine)).toBe(true);
  });

  it('stays inside the overview box', () => {
    const [w, s, e, n] = turf.bbox(land);
    expect(w).toBeGreaterThanOrEqual(15);
    expect(s).toBeGreaterThanOrEqual(8);
    expect(e).toBeLessThanOrEqual(65);
    expect(n).toBeLessThanOrEqual(62);
  });
});

describe('countries-detail.geojson and border-detail.geojson', () => {
  const countries = load('countries-detail.geojson');
  const ru = countries.features.find((f) => f.properties.country === 'RU') as Area;
  const ua = countries.features.find((f) => f.properties.country === 'UA') as Area;

  it('puts Sudzha in Russia and Sumy and Yunakivka in Ukraine', () => {
    expect(turf.booleanPointInPolygon(SUDZHA, ru)).toBe(true);
    expect(turf.booleanPointInPolygon(SUDZHA, ua)).toBe(false);
    expect(turf.booleanPointInPolygon(SUMY, ua)).toBe(true);
    expect(turf.booleanPointInPolygon(YUNAKIVKA, ua)).toBe(true);
  });

  it('keeps the border length and the Sudzha–border distance of the source (888 km, 9 km)', () => {
    const lines = borderLines();
    const length = turf.length(must(lines[0], 'main border line'));
    expect(Math.abs(length - 888.2) / 888.2).toBeLessThan(0.02);
    const d = Math.min(...lines.map((l) => turf.pointToLineDistance(SUDZHA, l, { units: 'kilometers' })));
    expect(d).toBeGreaterThan(8.5);
    expect(d).toBeLessThan(9.5);
  });

  it('leaves out the Perekop line from the overview border', () => {
    const overview = must(load('border-overview.geojson').features[0], 'overview border');
    const [, s] = turf.bbox(overview);
    expect(s).toBeGreaterThan(46.3);
  });
});

describe('regions.geojson', () => {
  const regions = load('regions.geojson');

  it('has the seven oblasts with their countries', () => {
    const ids = Object.fromEntries(regions.features.map((f) => [f.properties.id, f.properties.country]));
    expect(ids).toEqual({
      kursk: 'RU',
      belgorod: 'RU',
      bryansk: 'RU',
      sumy: 'UA',
      chernihiv: 'UA',
      kharkiv: 'UA',
      poltava: 'UA',
    });
    expect(byId(regions, 'kursk').properties.name).toBe('Kursk region');
  });

  it('keeps the areas of the unclipped oblasts (Kursk 29,888 km², Sumy 23,754 km²)', () => {
    expect(Math.abs(km2(byId(regions, 'kursk') as Area) - 29_888) / 29_888).toBeLessThan(0.01);
    expect(Math.abs(km2(byId(regions, 'sumy') as Area) - 23_754) / 23_754).toBeLessThan(0.01);
  });

  it('puts Sudzha in Kursk region and Sumy in Sumy region', () => {
    expect(turf.booleanPointInPolygon(SUDZHA, byId(regions, 'kursk') as Area)).toBe(true);
    expect(turf.booleanPointInPolygon(SUMY, byId(regions, 'sumy') as Area)).toBe(true);
  });
});

describe('control-kursk.geojson', () => {
  const control = load('control-kursk.geojson');
  const areas = control.features as Area[];
  const held = areas.filter((f) => f.properties.class === 'held');

  it('classifies every polygon as held or grey, with a calendar date and snapshot time', () => {
    for (const f of areas) {
      expect(['held', 'grey']).toContain(f.properties.class);
      expect(f.properties.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(String(f.properties.snapshot_utc).slice(0, 10)).toBe(f.properties.date);
      expect(f.properties.accuracy).toBe('approximate');
    }
    expect(new Set(areas.map((f) => f.properties.date)).size).toBe(17);
  });

  it('shows Sudzha held on 2024-08-20 and not held on 2025-03-12', () => {
    const heldOn = (date: string) => held.filter((f) => f.properties.date === date);
    expect(heldOn('2024-08-20').length).toBeGreaterThan(0);
    expect(heldOn('2024-08-20').some((f) => turf.booleanPointInPolygon(SUDZHA, f))).toBe(true);
    expect(heldOn('2025-03-12').length).toBeGreaterThan(0);
    expect(heldOn('2025-03-12').some((f) => turf.booleanPointInPolygon(SUDZHA, f))).toBe(false);
  });

  it('matches the held area of each snapshot in the reference time series within 2 %', () => {
    const csv = readAreaCsv();
    const sums = new Map<string, number>();
    for (const f of held) {
      const snap = String(f.properties.snapshot_utc);
      sums.set(snap, (sums.get(snap) ?? 0) + km2(f));
    }
    expect(sums.size).toBe(17);
    for (const [snap, sum] of sums) {
      const expected = csv.get(snap);
      expect(expected, snap).toBeDefined();
      expect(Math.abs(sum - expected!) / expected!, `${snap}: ${sum.toFixed(1)} vs ${expected}`).toBeLessThan(0.02);
    }
  });

  it('stores area_km2 as the area of the stored geometry', () => {
    for (const f of areas)
      expect(Math.abs(km2(f) - Number(f.properties.area_km2)), f.properties.id).toBeLessThanOrEqual(0.06);
  });

  it('flags only the unchanging Tetkino-sector held polygon as stale', () => {
    const stale = areas.filter((f) => f.properties.stale === true);
    expect(stale.length).toBe(14);
    for (const f of stale) {
      expect(f.properties).toMatchObject({ class: 'held', sector: 'glushkovo_tetkino' });
      expect(Math.abs(km2(f) - 11.1)).toBeLessThan(0.3);
    }
    expect(
      areas
        .filter((f) => f.properties.stale !== true)
        .every((f) => f.properties.sector !== 'glushkovo_tetkino' || f.properties.class === 'grey'),
    ).toBe(true);
  });
});

describe('occupied.geojson', () => {
  const occupied = load('occupied.geojson');

  it('holds the evenings before the two downloads, with their areas (109,230 and 112,102 km²)', () => {
    const a = byId(occupied, 'occupied-2024-08-05') as Area;
    const b = byId(occupied, 'occupied-2025-03-11') as Area;
    expect(a.properties.date).toBe('2024-08-05');
    expect(b.properties.date).toBe('2025-03-11');
    expect(Math.abs(km2(a) - 109_230) / 109_230).toBeLessThan(0.01);
    expect(Math.abs(km2(b) - 112_102) / 112_102).toBeLessThan(0.01);
    // Avdiivka fell in Feb 2024, so it is occupied on both dates.
    expect(turf.booleanPointInPolygon([37.75008, 48.14019], a)).toBe(true);
    expect(turf.booleanPointInPolygon([37.75008, 48.14019], b)).toBe(true);
    expect(turf.booleanPointInPolygon([34.1, 45.0], b)).toBe(true);
  });
});

describe('road.geojson', () => {
  const road = load('road.geojson');
  const line = byId(road, 'sumy-sudzha-road') as Feature<LineString, Props>;
  const crossing = byId(road, 'crossing') as Feature<Point, Props>;

  it('runs from Sumy through Yunakivka to Sudzha', () => {
    const c = line.geometry.coordinates;
    expect(c[0]).toEqual(SUMY);
    expect(c[1]).toEqual(YUNAKIVKA);
    expect(c[c.length - 1]).toEqual(SUDZHA);
  });

  it('crosses the border exactly once, at the crossing point', () => {
    const hits = borderLines().flatMap((b) => turf.lineIntersect(line, b).features);
    // The crossing is a vertex of the road, so two segments may report (almost) the same point.
    const distinct = hits.filter((h, i) =>
      hits.slice(0, i).every((o) => turf.distance(o, h, { units: 'meters' }) > 50),
    );
    expect(distinct).toHaveLength(1);
    expect(turf.distance(must(distinct[0], 'intersection'), crossing, { units: 'meters' })).toBeLessThan(5);
    expect(crossing.properties.name).toBe('Sudzha–Yunakivka border crossing (approximate)');
  });
});

describe('rivers, towns and fortifications', () => {
  it('draws the Sudzha river schematically through Sudzha into the Psel on the Russian side', () => {
    const rivers = load('rivers.geojson');
    const sudzha = byId(rivers, 'sudzha') as Feature<LineString, Props>;
    const psel = byId(rivers, 'psel') as Feature<LineString, Props>;
    expect(sudzha.properties).toMatchObject({ name: 'Sudzha river (schematic)', accuracy: 'schematic' });
    expect(sudzha.properties.source).toMatch(/hand-drawn/i);
    expect(turf.pointToLineDistance(SUDZHA, sudzha, { units: 'meters' })).toBeLessThan(50);
    const mouth = must(sudzha.geometry.coordinates[sudzha.geometry.coordinates.length - 1], 'mouth');
    expect(turf.pointToLineDistance(mouth, psel, { units: 'meters' })).toBeLessThan(10);
    const ru = load('countries-detail.geojson').features.find((f) => f.properties.country === 'RU') as Area;
    expect(turf.booleanPointInPolygon(mouth, ru)).toBe(true);
    const toBorder = Math.min(...borderLines().map((b) => turf.pointToLineDistance(mouth, b, { units: 'kilometers' })));
    expect(toBorder).toBeGreaterThan(1);
    expect(toBorder).toBeLessThan(8);
    expect(rivers.features.map((f) => f.properties.name)).toEqual([
      'Psel',
      'Seym',
      'Vorskla',
      'Desna',
      'Sudzha river (schematic)',
    ]);
  });

  it('lists towns but not the story places or ambiguous rows', () => {
    const towns = load('towns.geojson');
    const names = towns.features.map((f) => f.properties.name);
    for (const excluded of ['Sudzha', 'Moscow', 'Jeddah', 'Avdiivka', 'Bakhmut', 'Mykolaivka', 'Oleshnia']) {
      expect(names).not.toContain(excluded);
    }
    expect(names).toEqual(expect.arrayContaining(['Kursk', 'Sumy', 'Kurchatov', 'Yunakivka', 'Malaya Loknya']));
    for (const f of towns.features) {
      expect(f.geometry.type).toBe('Point');
      expect([1, 2, 3]).toContain(f.properties.rank);
    }
    expect(byId(towns, 'kursk').properties.rank).toBe(1);
    expect(byId(towns, 'plekhovo').properties.accuracy).toBe('approximate');
  });

  it(
    'keeps the schematic fortification lines inside Sumy oblast, well away from the border',
    { timeout: 60_000 },
    () => {
      const forts = load('fortifications.geojson');
      const sumy = byId(load('regions.geojson'), 'sumy') as Area;
      const border = borderLines();
      for (const f of forts.features as Feature<LineString, Props>[]) {
        expect(f.properties).toMatchObject({
          name: 'Fortification lines (schematic)',
          label: 'schematic — exact positions not public',
          accuracy: 'schematic',
        });
        expect(f.properties.source).toMatch(/LIGA\.net/);
        expect(turf.kinks(f).features).toHaveLength(0);
        expect(turf.length(f)).toBeGreaterThan(100);
        for (const p of f.geometry.coordinates) {
          expect(turf.booleanPointInPolygon(p, sumy)).toBe(true);
          const d = Math.min(...border.map((b) => turf.pointToLineDistance(p, b, { units: 'kilometers' })));
          expect(d).toBeGreaterThan(5);
        }
      }
    },
  );
});

describe('region-lines.geojson', () => {
  const regions = load('regions.geojson');
  const lines = load('region-lines.geojson');
  const onEdge = (a: Position, b: Position): boolean =>
    (a[0] === b[0] && (a[0] === 32.5 || a[0] === 38.5)) || (a[1] === b[1] && (a[1] === 49.5 || a[1] === 52.6));

  it('outlines every region, and keeps no straight cut along the box the source clipped them to', () => {
    expect(lines.features.map((f) => f.properties.id)).toEqual(regions.features.map((f) => f.properties.id));
    let cuts = 0;
    for (const f of regions.features)
      for (const ring of rings((f as Area).geometry))
        ring.forEach((p, i) => (i > 0 && onEdge(must(ring[i - 1], 'vertex'), p) ? cuts++ : 0));
    // The source does have cuts (Poltava, Chernihiv, Kharkiv, Bryansk, Belgorod), so the check below can fail.
    expect(cuts).toBeGreaterThan(5);
    for (const f of lines.features) {
      const g = f.geometry as MultiLineString | LineString;
      for (const line of g.type === 'LineString' ? [g.coordinates] : g.coordinates)
        line.forEach(
          (p, i) => i > 0 && expect(onEdge(must(line[i - 1], 'vertex'), p), `${f.properties.id} ${p}`).toBe(false),
        );
    }
  });
});

describe('countries.geojson', () => {
  const land = load('land.geojson');
  const borders = byId(load('countries.geojson'), 'country-borders').geometry as MultiLineString;
  const vertexKey = (p: Position): string => `${p[0]},${p[1]}`;
  const verticesOf = (id: string): Set<string> =>
    new Set(
      rings((byId(land, id) as Area).geometry)
        .flat()
        .map(vertexKey),
    );

  it('lies on the edges of the land, and draws no Russia–Ukraine border (the border layers do)', () => {
    const all = new Set(
      land.features.flatMap((f) =>
        rings((f as Area).geometry)
          .flat()
          .map(vertexKey),
      ),
    );
    const russia = verticesOf('643');
    const ukraine = verticesOf('804');
    const belarus = verticesOf('112');
    let belarusUkraine = 0;
    for (const line of borders.coordinates) {
      for (const p of line) expect(all.has(vertexKey(p)), `${p} on the land`).toBe(true);
      // A line may end on a tripoint shared by Russia and Ukraine, but never runs between them.
      const inner = line.slice(1, -1);
      expect(inner.filter((p) => russia.has(vertexKey(p)) && ukraine.has(vertexKey(p)))).toEqual([]);
      belarusUkraine += inner.filter((p) => belarus.has(vertexKey(p)) && ukraine.has(vertexKey(p))).length;
    }
    expect(belarusUkraine).toBeGreaterThan(20);
  });

  it('names each country inside its own land, and Russia and Ukraine on their sides of the border', () => {
    const names = load('countries.geojson');
    for (const [id, country] of [
      ['russia-wide', '643'],
      ['ukraine-wide', '804'],
      ['saudi-arabia-wide', '682'],
    ] as const) {
      const point = byId(names, id).geometry as Point;
      expect(turf.booleanPointInPolygon(point.coordinates, byId(land, country) as Area), id).toBe(true);
    }
    const kursk = byId(load('regions.geojson'), 'kursk') as Area;
    const sumy = byId(load('regions.geojson'), 'sumy') as Area;
    const russiaClose = byId(names, 'russia-close').geometry as Point;
    const ukraineClose = byId(names, 'ukraine-close').geometry as Point;
    expect(turf.booleanPointInPolygon(russiaClose.coordinates, kursk)).toBe(true);
    expect(turf.booleanPointInPolygon(ukraineClose.coordinates, sumy)).toBe(true);
  });
});

describe('land-world.geojson', () => {
  it('draws Russia whole to the box edge (Chukotka past 180° does not wrap it round the globe) and keeps to its box', () => {
    const world = load('land-world.geojson');
    const [w, s, e, n] = turf.bbox(byId(world, '643'));
    expect([Math.round(w), Math.round(s), e, n]).toEqual([20, 41, 95, 75]);
    expect(turf.kinks(byId(world, '643') as Area).features).toHaveLength(0);
    for (const f of world.features) {
      const [fw, fs, fe, fn] = turf.bbox(f);
      expect(fw >= -20 && fs >= -8 && fe <= 95 && fn <= 75, f.properties.id).toBe(true);
    }
  });
});

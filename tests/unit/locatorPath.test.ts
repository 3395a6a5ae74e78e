// The locator inset's projection and land path: the same pixels as d3's fitted Mercator, with fewer points.
import { geoMercator } from 'd3-geo';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { insetView, landPath, locatorOutline, locatorView } from '../../src/lib/map/locatorPath.ts';
import { loadRealStory } from './storyFixtures.ts';
import type { Bounds } from '../../src/lib/story/types.ts';

const BOUNDS: Bounds = [20, 40, 50, 58];

describe('insetView', () => {
  it("puts every position where d3's fitted Mercator does", () => {
    const d3 = geoMercator().fitExtent(
      [
        [2, 2],
        [148, 118],
      ],
      {
        type: 'MultiPoint',
        coordinates: [
          [20, 40],
          [50, 58],
        ],
      },
    );
    const view = insetView(BOUNDS, 150, 120, 2);
    const project = view.project;
    for (const position of [
      [20, 40],
      [50, 58],
      [35.27, 51.19],
      [-10, 70],
      [65, 8],
    ]) {
      const [x, y] = project(position);
      const [dx, dy] = d3(position as [number, number]) ?? [NaN, NaN];
      expect(x).toBeCloseTo(dx, 9);
      expect(y).toBeCloseTo(dy, 9);
    }
  });
});

describe('insetView.shows', () => {
  it('is the area whose corners the inset shows at its own corners', () => {
    const view = insetView(BOUNDS, 150, 120, 2);
    const [west, south, east, north] = view.shows;
    const [left, bottom] = view.project([west, south]);
    const [right, top] = view.project([east, north]);
    expect([left, top, right, bottom].map((value) => Number(value.toFixed(6)))).toEqual([0, 0, 150, 120]);
  });
});

describe('landPath', () => {
  const square = (west: number, south: number, size: number) => [
    [west, south],
    [west + size, south],
    [west + size, south + size],
    [west, south + size],
    [west, south],
  ];
  const land: FeatureCollection = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [square(30, 50, 2)] } },
      {
        type: 'Feature',
        properties: {},
        geometry: { type: 'MultiPolygon', coordinates: [[square(40, 45, 1)], [square(22, 42, 0.5)]] },
      },
      { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [35, 51] } },
    ],
  };
  const view = insetView(BOUNDS, 150, 120, 2);
  const project = view.project;

  it('draws every ring of every polygon as a closed subpath, and nothing for other geometries', () => {
    const path = landPath(land, view);
    expect(path.match(/M/g)).toHaveLength(3);
    expect(path.match(/Z/g)).toHaveLength(3);
    const [x, y] = project([30, 50]);
    expect(path.startsWith(`M${Math.round(x * 10) / 10},${Math.round(y * 10) / 10}L`)).toBe(true);
  });

  it('leaves out a ring wholly past one side of the inset, and keeps one that reaches into it', () => {
    const collection = (ring: number[][]): FeatureCollection => ({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } }],
    });
    // Far east of the inset; then a box reaching into it from there.
    expect(landPath(collection(square(60, 45, 3)), view)).toBe('');
    const reaching = [
      [49, 45],
      [63, 45],
      [63, 48],
      [49, 48],
      [49, 45],
    ];
    expect(landPath(collection(reaching), view).match(/[ML]/g)).toHaveLength(5);
  });

  it('leaves out a position that lands on the pixel of the one before it', () => {
    const dense = Array.from({ length: 101 }, (_, index) => [30 + index * 0.0001, 50]);
    const ring = [...dense, [31, 51], [30, 50]];
    const path = landPath(
      {
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } }],
      },
      view,
    );
    // 101 positions within a hundredth of a degree (a tenth of a pixel here) make one point, then two more.
    expect(path.match(/[ML]/g)).toHaveLength(3);
  });
});

describe('locatorOutline', () => {
  it("is the story's locator layer drawn into the inset, and nothing for a story without a locator", () => {
    const { story, geo } = loadRealStory();
    const locator = story.meta.locator;
    expect(locator).toBeDefined();
    const land = geo.get(story.layers.find((layer) => layer.id === locator?.layer)?.file ?? '');
    expect(land?.features.length).toBeGreaterThan(0);
    const outline = locatorOutline(story, geo);
    expect(outline).toBe(landPath(land as FeatureCollection, locatorView(locator?.bounds ?? BOUNDS)));
    expect(outline).toMatch(/^M[\d.-]+,[\d.-]+L/);
    const { locator: _left, ...withoutLocator } = story.meta;
    expect(locatorOutline({ ...story, meta: withoutLocator }, geo)).toBeUndefined();
    expect(locatorOutline(story, new Map())).toBeUndefined();
  });
});

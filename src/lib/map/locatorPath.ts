// The locator inset's drawing: its Mercator projection, fitted to the inset as the static map fits a camera, and the
// land as one SVG path. Point by point (the static map's planar transform), and only the rings that reach into the
// inset: d3's projection pipeline per point over every ring of the file made drawing it one long task on a slow phone.
// The land is the story's and the inset's size is fixed, so the build draws it (storyPlugin.ts, `virtual:story-locator`):
// the page draws only where the map is looking.
import type { FeatureCollection, Position } from 'geojson';
import type { Bounds, Story } from '../story/types.ts';
import { fitProjection, planarProjection } from './static/camera.ts';

/** The inset's size in its own pixels, and the margin around the locator's area. */
export const LOCATOR_INSET = { width: 150, height: 120, margin: 2 } as const;

/** The view of a story's locator inset (its `locator.bounds` fitted into LOCATOR_INSET). */
export function locatorView(bounds: Bounds): InsetView {
  return insetView(bounds, LOCATOR_INSET.width, LOCATOR_INSET.height, LOCATOR_INSET.margin);
}

/**
 * The land of a story's locator inset as one SVG path in the inset's pixels, from its locator layer's collection;
 * undefined when the story has no locator or the collection is missing.
 */
export function locatorOutline(story: Story, collections: ReadonlyMap<string, FeatureCollection>): string | undefined {
  const locator = story.meta.locator;
  const file = locatorFile(story);
  const land = file === undefined ? undefined : collections.get(file);
  return locator && land ? landPath(land, locatorView(locator.bounds)) : undefined;
}

/** The file of a story's locator layer, if it has a locator. */
export function locatorFile(story: Story): string | undefined {
  const locator = story.meta.locator;
  return locator && story.layers.find((layer) => layer.id === locator.layer)?.file;
}

/** An inset's projection of [longitude, latitude] to its pixels, and the area it shows ([west, south, east, north]). */
export interface InsetView {
  project(position: Position): [number, number];
  shows: Bounds;
}

/** The Mercator view that fits `bounds` into a width × height inset with a `margin`, as the static map fits a box. */
export function insetView(bounds: Bounds, width: number, height: number, margin: number): InsetView {
  const projection = fitProjection({ kind: 'bounds', bounds, padding: margin, maxZoom: Infinity }, width, height);
  const [west = 0, north = 0] = projection.invert?.([0, 0]) ?? [];
  const [east = 0, south = 0] = projection.invert?.([width, height]) ?? [];
  return { project: planarProjection(projection).toScreen, shows: [west, south, east, north] };
}

/** Whether a ring lies wholly west, east, south or north of an area. */
function whollyOutside(ring: Position[], [west, south, east, north]: Bounds): boolean {
  let minLng = Infinity;
  let minLat = Infinity;
  let maxLng = -Infinity;
  let maxLat = -Infinity;
  for (const [lng = 0, lat = 0] of ring) {
    if (lng < minLng) minLng = lng;
    if (lng > maxLng) maxLng = lng;
    if (lat < minLat) minLat = lat;
    if (lat > maxLat) maxLat = lat;
  }
  return maxLng < west || minLng > east || maxLat < south || minLat > north;
}

/**
 * The polygons of a collection as one SVG path for an inset, to 0.1 px. Left out: a ring wholly outside the area the
 * inset shows, and a position on the pixel of the one before it.
 */
export function landPath(land: FeatureCollection, view: InsetView): string {
  let path = '';
  for (const feature of land.features) {
    const geometry = feature.geometry;
    const rings =
      geometry?.type === 'Polygon'
        ? geometry.coordinates
        : geometry?.type === 'MultiPolygon'
          ? geometry.coordinates.flat()
          : [];
    for (const ring of rings) {
      if (whollyOutside(ring, view.shows)) continue;
      // In tenths of a pixel, compared as numbers: only the positions kept become text.
      let lastX = NaN;
      let lastY = NaN;
      for (const position of ring) {
        const [x, y] = view.project(position);
        const tenthsX = Math.round(x * 10);
        const tenthsY = Math.round(y * 10);
        if (tenthsX === lastX && tenthsY === lastY) continue;
        path += `${Number.isNaN(lastX) ? 'M' : 'L'}${tenthsX / 10},${tenthsY / 10}`;
        lastX = tenthsX;
        lastY = tenthsY;
      }
      if (!Number.isNaN(lastX)) path += 'Z';
    }
  }
  return path;
}

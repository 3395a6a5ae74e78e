// The locator inset's drawing: its Mercator projection, fitted to the inset as the static map fits a camera, and the
// land as one SVG path. Point by point (the static map's planar transform), and only the rings that reach into the
// inset: d3's projection pipeline per point over every ring of the file made drawing it one long task on a slow phone.
import type { FeatureCollection, Position } from 'geojson';
import type { Bounds } from '../story/types.ts';
import { fitProjection, planarProjection } from './static/camera.ts';

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

// The locator inset's drawing: its Mercator projection, fitted to the inset, and the land as one SVG path. Point by
// point with plain arithmetic, and only the rings that reach into the inset: d3's projection pipeline per point
// (rotation, clipping, composition) over every ring of the file made drawing it one long task on a slow phone.
import { geoMercator } from 'd3-geo';
import type { FeatureCollection, Position } from 'geojson';
import type { Bounds } from '../story/types.ts';
import { latitudeOf, mercatorY, RADIANS } from './mercator.ts';

/** An inset's projection of [longitude, latitude] to its pixels, and the area it shows ([west, south, east, north]). */
export interface InsetView {
  project(position: Position): [number, number];
  shows: Bounds;
}

/** The Mercator view that fits `bounds` into a width × height inset with a `margin`, as d3's fitExtent does. */
export function insetView(bounds: Bounds, width: number, height: number, margin: number): InsetView {
  const [west, south, east, north] = bounds;
  const fitted = geoMercator().fitExtent(
    [
      [margin, margin],
      [width - margin, height - margin],
    ],
    {
      type: 'MultiPoint',
      coordinates: [
        [west, south],
        [east, north],
      ],
    },
  );
  const scale = fitted.scale();
  const [x0, y0] = fitted.translate();
  // Longitude follows x alone and latitude y alone: the inset's corners give the area it shows.
  const longitudeAt = (x: number): number => (x - x0) / scale / RADIANS;
  const latitudeAt = (y: number): number => latitudeOf((y0 - y) / scale);
  return {
    project: (position) => [x0 + scale * (position[0] ?? 0) * RADIANS, y0 - scale * mercatorY(position[1] ?? 0)],
    shows: [longitudeAt(0), latitudeAt(height), longitudeAt(width), latitudeAt(0)],
  };
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

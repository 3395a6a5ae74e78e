// Web-mercator camera maths for the static map: fits a d3 Mercator projection to a MapState camera as MapLibre
// would (512-px tiles, fitBounds with padding and a zoom cap), and reads the resting centre and zoom back from it.
import { geoMercator, geoTransform, type GeoProjection, type GeoStreamWrapper } from 'd3-geo';
import type { Position } from 'geojson';
import type { Camera } from '../state.ts';
import { NO_INSETS, type Insets } from '../insets.ts';
import { latitudeOf, mercatorY, RADIANS, TILE_SIZE } from '../mercator.ts';

/** The d3 Mercator scale (pixels per radian) for a web-mercator zoom. */
export function scaleForZoom(zoom: number): number {
  return (TILE_SIZE * 2 ** zoom) / (2 * Math.PI);
}

/** The web-mercator zoom for a d3 Mercator scale. */
export function zoomForScale(scale: number): number {
  return Math.log2((scale * 2 * Math.PI) / TILE_SIZE);
}

/** The centre of the part of a `width` × `height` box that the insets leave clear. */
export function clearCentre(width: number, height: number, insets: Insets = NO_INSETS): [number, number] {
  return [
    insets.left + (width - insets.left - insets.right) / 2,
    insets.top + (height - insets.top - insets.bottom) / 2,
  ];
}

/**
 * A Mercator projection showing the camera in a box of `width` × `height` pixels, inside the part the insets leave
 * clear, as MapLibre does with the map's padding: a centre camera puts its centre there, a fitted box fits into it.
 * Bearing and pitch are ignored.
 */
export function fitProjection(
  camera: Camera,
  width: number,
  height: number,
  insets: Insets = NO_INSETS,
): GeoProjection {
  const middle = clearCentre(width, height, insets);
  if (camera.kind === 'center')
    return geoMercator().center(camera.center).scale(scaleForZoom(camera.zoom)).translate(middle);
  const [west, south, east, north] = camera.bounds;
  const clearWidth = width - insets.left - insets.right;
  const clearHeight = height - insets.top - insets.bottom;
  const padding = Math.max(0, Math.min(camera.padding, (clearWidth - 1) / 2, (clearHeight - 1) / 2));
  // Corners as points, not a polygon: a polygon's edges are great-circle arcs that bulge past the box.
  const projection = geoMercator().fitExtent(
    [
      [insets.left + padding, insets.top + padding],
      [width - insets.right - padding, height - insets.bottom - padding],
    ],
    {
      type: 'MultiPoint',
      coordinates: [
        [west, south],
        [east, north],
      ],
    },
  );
  const maxScale = scaleForZoom(camera.maxZoom);
  // Also catches a box of zero size (one place), whose fit is infinite: MapLibre centres it at the zoom cap.
  if (!(projection.scale() <= maxScale)) {
    const centre: [number, number] = [(west + east) / 2, latitudeOf((mercatorY(south) + mercatorY(north)) / 2)];
    return geoMercator().center(centre).scale(maxScale).translate(middle);
  }
  return projection;
}

/** Where a fitted projection rests: the centre of the clear part of the box (MapLibre's centre) and the zoom. */
export function restingCamera(
  projection: GeoProjection,
  width: number,
  height: number,
  insets: Insets = NO_INSETS,
): { center: { lng: number; lat: number }; zoom: number } {
  const [lng, lat] = projection.invert?.(clearCentre(width, height, insets)) ?? [Number.NaN, Number.NaN];
  return { center: { lng, lat }, zoom: zoomForScale(projection.scale()) };
}

/**
 * The projection as a planar point transform, for drawing. The data mixes ring windings (RFC 7946 and d3's own), and
 * d3's spherical pipeline reads a ring's winding as which side is inside, so a counter-clockwise country would fill
 * the globe; projecting point by point, as MapLibre does, ignores winding. Also returns the point function itself.
 */
export function planarProjection(projection: GeoProjection): {
  wrapper: GeoStreamWrapper;
  toScreen(position: Position): [number, number];
} {
  const scale = projection.scale();
  const [originX, originY] = projection([0, 0]) ?? [0, 0];
  const toScreen = (position: Position): [number, number] => [
    originX + scale * (position[0] ?? 0) * RADIANS,
    originY - scale * mercatorY(position[1] ?? 0),
  ];
  const wrapper = geoTransform({
    point(lng: number, lat: number) {
      this.stream.point(originX + scale * lng * RADIANS, originY - scale * mercatorY(lat));
    },
  });
  return { wrapper, toScreen };
}

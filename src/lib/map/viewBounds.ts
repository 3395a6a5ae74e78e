// The box a web-mercator camera shows: from its centre and zoom and the map's size in pixels. Pure, so the locator
// can draw the current view without asking the map.
import type { Bounds } from '../story/types.ts';
import { latitudeOf, mercatorY, worldWidth } from './mercator.ts';

/** [west, south, east, north] seen by a camera at `center`/`zoom` in a `width`×`height` map. */
export function viewBounds(center: { lng: number; lat: number }, zoom: number, width: number, height: number): Bounds {
  const world = worldWidth(zoom);
  const halfLng = (width / 2 / world) * 360;
  // Mercator y in radians: the world's width in pixels spans 2π.
  const halfY = (height / 2 / world) * 2 * Math.PI;
  const y = mercatorY(center.lat);
  return [center.lng - halfLng, latitudeOf(y - halfY), center.lng + halfLng, latitudeOf(y + halfY)];
}

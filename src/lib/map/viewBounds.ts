// The box a web-mercator camera shows: from its centre and zoom and the map's size in pixels (512-px world at zoom 0,
// as MapLibre draws it). Pure, so the locator can draw the current view without asking the map.
import type { Bounds } from '../story/types.ts';

const TILE = 512;

function mercatorY(lat: number): number {
  const sin = Math.sin((lat * Math.PI) / 180);
  return 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
}

function latitudeOf(y: number): number {
  return (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;
}

/** [west, south, east, north] seen by a camera at `center`/`zoom` in a `width`×`height` map. */
export function viewBounds(center: { lng: number; lat: number }, zoom: number, width: number, height: number): Bounds {
  const world = TILE * 2 ** zoom;
  const halfLng = ((width / 2) / world) * 360;
  const y = mercatorY(center.lat);
  const halfY = height / 2 / world;
  return [center.lng - halfLng, latitudeOf(Math.min(1, y + halfY)), center.lng + halfLng, latitudeOf(Math.max(0, y - halfY))];
}

/** Parses the page contract's data-camera value ("LNG,LAT,ZOOM"). */
export function parseCamera(value: string | undefined): { center: { lng: number; lat: number }; zoom: number } | undefined {
  const [lng, lat, zoom] = (value ?? '').split(',').map(Number);
  if (lng === undefined || lat === undefined || zoom === undefined || ![lng, lat, zoom].every(Number.isFinite)) return undefined;
  return { center: { lng, lat }, zoom };
}

// Web-mercator as MapLibre draws it: a 512-px world at zoom 0. The one home of this maths, for the static map's
// camera, the locator's view box and the map state.

/** MapLibre's tile size: zoom z shows the world 512·2^z pixels wide. */
export const TILE_SIZE = 512;
/** Web-mercator's latitude limit; beyond it y is infinite. */
export const MAX_LATITUDE = 85.051129;
export const RADIANS = Math.PI / 180;

/** Mercator y of a latitude, in radians of the unit sphere (0 at the equator, north positive). */
export function mercatorY(lat: number): number {
  return Math.log(Math.tan(Math.PI / 4 + (Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat)) * RADIANS) / 2));
}

/** The latitude of a Mercator y (inverse of mercatorY). */
export function latitudeOf(y: number): number {
  return (2 * Math.atan(Math.exp(y)) - Math.PI / 2) / RADIANS;
}

/** The world's width in pixels at a zoom. */
export function worldWidth(zoom: number): number {
  return TILE_SIZE * 2 ** zoom;
}

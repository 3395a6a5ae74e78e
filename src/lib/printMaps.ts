// Where the page finds each step's static map, drawn at build time for print and for readers without JavaScript.
// The prerender and the hydrating page must agree on it, so both take it from here.

/** The build's folder of static step maps, relative to index.html. */
export const PRINT_MAPS_DIR = 'assets/maps';

/** The URL of a step's static map, relative to the page. */
export function printMapSource(mapsDir: string = PRINT_MAPS_DIR): (stepId: string) => string {
  return (stepId) => `${mapsDir}/${encodeURIComponent(stepId)}.svg`;
}

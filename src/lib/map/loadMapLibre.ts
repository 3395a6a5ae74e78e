// The only module of the page that imports maplibre-gl (its worker is mapWorker.ts). It is loaded with a dynamic
// import after the text has painted, so the library never stands between the reader and the words.
import * as maplibregl from 'maplibre-gl';
import workerUrl from './mapWorker.ts?worker&url';
import maplibreCss from 'maplibre-gl/dist/maplibre-gl.css?inline';
import type { MapLibreLike } from './mapLike.ts';

// Without a worker URL the map never fires `load`. The worker is MapLibre's, less the files it would post back
// (mapWorker.ts). The URL is resolved against this chunk's own URL, so the build works from any path prefix.
maplibregl.setWorkerUrl(new URL(workerUrl, import.meta.url).href);

/** The MapLibre module, seen through the slice the controller uses. */
export const mapLibre = maplibregl as unknown as MapLibreLike;

/** MapLibre's stylesheet, injected into whatever root (document or shadow root) holds the map. */
export const mapLibreCss: string = maplibreCss;

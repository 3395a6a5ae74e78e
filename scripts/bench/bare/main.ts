// The benchmark's baseline (see scripts/bench.mjs): a bare maplibre-gl map with the story's basemap data and one
// flight, so the explainer's figures can be read as ratios to "just MapLibre". Progress is reported on the map
// container for the benchmark to wait on: data-map-status="ready" when `load` fired and the four files are on the
// map; the flight starts at the next `idle`; data-flight="done" when its `moveend` fired. The times
// (performance.now) are in window.__bare. With `?hold` the map waits at its first `idle` (data-map-idle) until the
// benchmark calls window.__bareFly(), so that the benchmark can measure the map at rest before the flight.
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { GeoJSON } from 'geojson';

// Without a worker URL MapLibre 6 never fires `load`.
maplibregl.setWorkerUrl(new URL(workerUrl, import.meta.url).href);

/** Times recorded by the page, read by the benchmark. */
interface BareTimes {
  /** `load` fired. */
  loadAt?: number;
  /** The four files are on the map (the explainer's "ready" means the same). */
  readyAt?: number;
  /** The map rendered them (`idle`); the flight starts here. */
  idleAt?: number;
  flyStart?: number;
  flyEnd?: number;
  error?: string;
}
const times: BareTimes = {};
(window as unknown as { __bare: BareTimes }).__bare = times;

/** The basemap files (copied next to this page by the benchmark) and how each is drawn. */
const FILES: Array<{ id: string; url: string; layer: maplibregl.LayerSpecification }> = [
  {
    id: 'land',
    url: './data/land.geojson',
    layer: { id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': '#ebe8e1' } },
  },
  {
    id: 'countries-detail',
    url: './data/countries-detail.geojson',
    layer: { id: 'countries-detail', type: 'fill', source: 'countries-detail', paint: { 'fill-color': '#f1efe9' } },
  },
  {
    id: 'regions',
    url: './data/regions.geojson',
    layer: {
      id: 'regions',
      type: 'line',
      source: 'regions',
      paint: { 'line-color': '#a8a298', 'line-width': 1, 'line-dasharray': [3, 2] },
    },
  },
  {
    id: 'border-detail',
    url: './data/border-detail.geojson',
    layer: {
      id: 'border-detail',
      type: 'line',
      source: 'border-detail',
      paint: { 'line-color': '#4a4640', 'line-width': 2 },
    },
  },
];

const container = document.getElementById('map');
if (!container) throw new Error('no #map element');

/** Fetches one GeoJSON file. */
async function fetchJson(url: string): Promise<GeoJSON> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as GeoJSON;
}

const data = Promise.all(FILES.map((file) => fetchJson(file.url)));

const map = new maplibregl.Map({
  container,
  style: {
    version: 8,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#dfe8ee' } }],
  },
  center: [35, 51],
  zoom: 5,
  attributionControl: false,
  fadeDuration: 0,
});

map.on('error', (event) => {
  times.error = event.error?.message ?? 'map error';
  container.setAttribute('data-map-status', 'error');
});

map.on('load', () => {
  times.loadAt = performance.now();
  data
    .then((collections) => {
      FILES.forEach((file, index) => {
        map.addSource(file.id, { type: 'geojson', data: collections[index] as GeoJSON });
        map.addLayer(file.layer);
      });
      times.readyAt = performance.now();
      container.setAttribute('data-map-status', 'ready');
      map.once('idle', () => {
        times.idleAt = performance.now();
        const fly = (): void => {
          map.once('moveend', () => {
            times.flyEnd = performance.now();
            container.setAttribute('data-flight', 'done');
          });
          times.flyStart = performance.now();
          map.flyTo({ center: [35.27, 51.19], zoom: 9, duration: 1400, essential: true });
        };
        container.setAttribute('data-map-idle', '');
        if (new URLSearchParams(location.search).has('hold'))
          (window as unknown as { __bareFly: () => void }).__bareFly = fly;
        else fly();
      });
    })
    .catch((error: Error) => {
      times.error = error.message;
      container.setAttribute('data-map-status', 'error');
    });
});

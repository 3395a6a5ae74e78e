// MapLibre's worker, whose answers leave out the GeoJSON files it fetched (fileEchoes.ts). Built by Vite as a worker
// of its own (vite.config.ts, `worker`); loadMapLibre.ts gives MapLibre its URL.
import 'maplibre-gl/dist/maplibre-gl-worker.mjs';
import { withoutFileEchoes, type WorkerScope } from './fileEchoes.ts';

withoutFileEchoes(self as unknown as WorkerScope);

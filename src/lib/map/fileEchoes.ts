// MapLibre 6's worker posts back to the page every GeoJSON file it fetched by URL, whole, once it has loaded it
// (geojson_worker_source.ts, `loadData`), so that the page's source can answer `getData()`. The explainer never asks:
// the page would only copy each file out of the message and keep it (on a ×4 phone, 23–40 ms of main-thread time and
// about 1.3 MB of heap for the opening files). `withoutFileEchoes` leaves that one field out of those answers, in the
// worker, before they are posted. The page's source then keeps its file's URL, as MapLibre does while a file loads.

/** The slice of MapLibre's worker messages (src/util/actor.ts) read here. */
export interface WorkerMessage {
  id?: string;
  /** A request's type (`LD`: load a GeoJSON source's data), or `<response>` for an answer. */
  type?: string;
  /** A `LD` request's parameters (`request` when the data is a URL), or an answer's result (`data`: the file). */
  data?: { request?: unknown; data?: unknown; [field: string]: unknown } | null;
}

/** A worker's global scope, as far as this file uses it. */
export interface WorkerScope {
  addEventListener(type: 'message', listener: (event: { data: WorkerMessage }) => void): void;
  postMessage(message: WorkerMessage, options?: unknown): void;
}

/** MapLibre's message type for loading a GeoJSON source's data. */
export const LOAD_DATA = 'LD';

/** From now on, answers to loads of a file by URL leave the file out; every other message goes as it was. */
export function withoutFileEchoes(scope: WorkerScope): void {
  const post = scope.postMessage.bind(scope);
  /** Loads of a file by URL not yet answered, by message ID. */
  const loadsByUrl = new Set<string>();
  scope.addEventListener('message', ({ data: message }) => {
    if (message.type === LOAD_DATA && message.id && message.data?.request) loadsByUrl.add(message.id);
  });
  scope.postMessage = (message, options) => {
    const echoes = message.type === '<response>' && message.id !== undefined && loadsByUrl.delete(message.id);
    post(echoes && message.data?.data ? { ...message, data: { ...message.data, data: undefined } } : message, options);
  };
}

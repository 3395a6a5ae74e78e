// A static SVG map with the WebGL controller's interface: the fallback when WebGL is missing (and later print and a
// locator inset). It draws each MapState at once, with no flights or fades, from the same data, style tokens, filters
// and place buttons as the MapLibre map, and reports the same events. Data loads as in controller.ts: base layers
// first, a story layer when a state first shows it, every file validated before it is drawn.
import type { FeatureCollection } from 'geojson';
import type { MapController, MapControllerOptions } from '../controller.ts';
import { zoomBandFor, type MapState } from '../state.ts';
import { insetsDiffer, NO_INSETS, type Insets } from '../insets.ts';
import { fitProjection } from './camera.ts';
import { createFrame, drawState, svgElement, type Frame } from './draw.ts';
import { createPlaceButtons } from './markers.ts';
/** What the static map needs: the controller's options without the MapLibre module and its attribution control. */
export type StaticMapOptions = Omit<MapControllerOptions, 'lib' | 'attribution'>;

/** Used while the container has no size yet (not laid out, or hidden), so the projection stays finite. */
const FALLBACK_SIZE = { width: 640, height: 480 };

/**
 * Creates a static SVG map in `container` and returns its controller. Adds an `<svg class="static-map">` and, over
 * it, a `<div class="static-map__places">` of place buttons; sets `data-zoom-band` on the container as the WebGL
 * map does. `rest` is reported once the state is drawn with all its data (again after `resize()`, which refits).
 */
export function createStaticMap(options: StaticMapOptions): MapController {
  const { container, story, events } = options;
  const document = container.ownerDocument;

  let size = measure();
  let insets: Insets = NO_INSETS;
  const svg = svgElement(document, 'svg', {
    class: 'static-map',
    width: '100%',
    height: '100%',
    viewBox: `0 0 ${size.width} ${size.height}`,
    role: 'img',
    'aria-label': 'Static map',
  });
  svg.style.display = 'block';
  svg.style.fontFamily = 'var(--sans, system-ui, sans-serif)';
  container.append(svg);
  const buttons = createPlaceButtons(container, story, (placeId) => events.activatePlace(placeId));

  const collections = new Map<string, FeatureCollection>();
  const loadedFiles = new Map<string, Promise<string | undefined>>();
  let loaded = false;
  let destroyed = false;
  let pending: MapState | undefined;
  let applied: MapState | undefined;
  /** The newest state's number, and whether it still waits for files before it can rest. */
  let token = 0;
  let waiting = false;

  function measure(): { width: number; height: number } {
    const width = container.clientWidth;
    const height = container.clientHeight;
    return width > 0 && height > 0 ? { width, height } : FALLBACK_SIZE;
  }

  const fail = (reason: string): void => {
    if (!destroyed) events.status('error', reason);
  };

  /** Loads one (validated) file, once. Resolves with the reason when it cannot be used; never rejects. */
  function loadFile(file: string): Promise<string | undefined> {
    let loading = loadedFiles.get(file);
    if (!loading) {
      loading = options.data.layer(file).then(
        (collection) => {
          collections.set(file, collection);
          return undefined;
        },
        (error: Error) => error.message,
      );
      loadedFiles.set(file, loading);
    }
    return loading;
  }

  /** Loads files and reports the first failure, if any, once they have all settled. */
  async function loadAll(files: readonly string[]): Promise<boolean> {
    const failure = (await Promise.all([...new Set(files)].map(loadFile))).find((reason) => reason !== undefined);
    if (failure !== undefined) fail(failure);
    return failure === undefined;
  }

  /** Redraws the whole map for a state: cheap enough (a few ms for the story's ~25k vertices) to need no diffing. */
  function draw(state: MapState): Frame {
    const { width, height } = size;
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    const frame = createFrame(fitProjection(state.camera, width, height, insets), width, height, insets);
    svg.replaceChildren(...drawState(document, story, state, frame, (file) => collections.get(file)));
    buttons.place(state, frame.toScreen, width, height);
    // HTML markers take no part in label collisions: at low zooms only the places that matter to the state are marked.
    container.dataset.zoomBand = zoomBandFor(frame.zoom);
    return frame;
  }

  function rest(state: MapState, frame: Frame): void {
    events.rest(state.stepId, { center: frame.center, zoom: frame.zoom });
  }

  function applyNow(state: MapState): void {
    applied = state;
    const stateToken = ++token;
    const missing = story.layers
      .filter((layer) => !layer.base && (state.layerOpacity[layer.id] ?? 0) > 0 && !collections.has(layer.file))
      .map((layer) => layer.file);
    const frame = draw(state);
    if (missing.length === 0) {
      waiting = false;
      rest(state, frame);
      return;
    }
    // The base map shows at once; the state rests when its story layers are in (or have failed, and said so).
    waiting = true;
    void loadAll(missing).then(() => {
      if (destroyed || stateToken !== token) return;
      waiting = false;
      rest(state, draw(state));
    });
  }

  /** Draws the applied state again for a new size or new insets. */
  function refit(): void {
    if (!loaded || !applied) return;
    const frame = draw(applied);
    if (!waiting) rest(applied, frame);
  }

  const baseFiles = [...new Set(story.layers.filter((layer) => layer.base).map((layer) => layer.file))];
  // Ready, or one error naming the file, once every base file has settled: never both.
  void loadAll(baseFiles).then((ok) => {
    if (destroyed || !ok) return;
    loaded = true;
    events.status('ready');
    if (pending) {
      const state = pending;
      pending = undefined;
      applyNow(state);
    }
  });

  return {
    apply(state) {
      if (destroyed) return;
      if (!loaded) {
        pending = state;
        return;
      }
      applyNow(state);
    },
    setReducedMotion() {
      // Nothing moves on a static map.
    },
    resize() {
      if (destroyed) return;
      size = measure();
      refit();
    },
    setInsets(next) {
      if (destroyed || !insetsDiffer(insets, next)) return;
      insets = next;
      refit();
    },
    destroy() {
      destroyed = true;
      svg.remove();
      buttons.remove();
      delete container.dataset.zoomBand;
    },
  };
}

// The one effectful "how": applies MapStates to a MapLibre map. Components never call MapLibre; they hand this
// controller states and listen to its events. It loads layer data lazily (base layers first, story layers when a
// state first shows them), validates every file before it reaches the map, and never queues flights: each state
// interrupts the last.
import type { Layer, LngLat, Story } from '../story/types.ts';
import {
  BLOCKER_SOURCE,
  blockerFeatures,
  emphasisedShapes,
  FADE_MS,
  layerFilter,
  sourceId,
  storyStyle,
} from './layerSpecs.ts';
import type { MapLibreLike, MapLike, MarkerLike } from './mapLike.ts';
import { zoomBandFor, type Camera, type MapState } from './state.ts';
import { boxWithin, insetsDiffer, NO_INSETS, overlap, type Insets, type Rect } from './insets.ts';
import { markerElement } from './markerElement.ts';
import { clearCentre, fitProjection, restingCamera } from './static/camera.ts';
import type { StoryData } from '../data/storyData.ts';
import { nextTask } from '../nextTask.ts';

/** A renderer's own status: the WebGL map or the static map. */
export type RendererStatus = 'loading' | 'ready' | 'error';

/** Where a camera came to rest. */
export interface RestingCamera {
  center: { lng: number; lat: number };
  zoom: number;
}

/** What the controller tells its owner. */
export interface MapEvents {
  /** The map is ready, or failed (with a reason for the notice). */
  status(status: RendererStatus, reason?: string): void;
  /** The camera of a state came to rest: the state is fully applied. */
  rest(stepId: string, camera: RestingCamera): void;
  /** A place marker was activated on the map. */
  activatePlace(placeId: string): void;
  /** The WebGL context was lost: the owner should switch to the static map. */
  contextLost?(): void;
}

export interface MapControllerOptions {
  lib: MapLibreLike;
  container: HTMLElement;
  story: Story;
  /** The story's data files, validated and fetched once (src/lib/data/storyData.ts). */
  data: StoryData;
  events: MapEvents;
  /** Jump instead of fly, no fades. */
  reducedMotion: boolean;
  /** Credits for the attribution control. */
  attribution: string;
  /** The state the map will first be given: its files load with the style, beside the base layers'. */
  firstState?: MapState | undefined;
  /** What panels cover of the map box, in its pixels: a label partly under one is hidden while the map rests. */
  covered?: (() => Rect[]) | undefined;
}

/** What owners call. */
export interface MapController {
  apply(state: MapState, options: { animate: boolean }): void;
  setReducedMotion(reduced: boolean): void;
  resize(): void;
  /**
   * The parts of the map box under panels: cameras fit into the rest. The current camera is fitted again at once,
   * without motion; with `keepView` (a new state is about to be applied, and its camera will move) the view stays
   * where it is, so a flight starts from what the reader sees.
   */
  setInsets(insets: Insets, options?: { keepView?: boolean }): void;
  /** Panels came or went over the map without its camera moving: what they cut is found again. */
  panelsChanged?(): void;
  destroy(): void;
}

/**
 * Filters and paint values come from layerSpecs.ts, whose output the unit tests check against MapLibre's style spec:
 * the map need not check them again (its filter check serialises the whole style, on every step).
 */
const BUILT_BY_US = { validate: false };

/** A feature as feature state names it. */
interface FeatureRef {
  source: string;
  id: string | number;
}

/** Keeps a feature state flag true on a set of features: each new set changes only the features that join or leave. */
function featureFlag(map: MapLike, flag: string): (features: Iterable<FeatureRef>) => void {
  let flagged = new Map<string, FeatureRef>();
  return (features) => {
    const next = new Map([...features].map((feature) => [`${feature.source}\u0000${String(feature.id)}`, feature]));
    for (const [key, feature] of flagged) if (!next.has(key)) map.setFeatureState(feature, { [flag]: false });
    for (const [key, feature] of next) if (!flagged.has(key)) map.setFeatureState(feature, { [flag]: true });
    flagged = next;
  };
}

/** How far into a panel a label's box must reach for the panel to cut it (CSS pixels). */
const EDGE_PX = 3;

/** Flights shorter than this after the previous state become jumps: a fast scroll lands without replaying every flight. */
const MIN_FLIGHT_GAP_MS = 350;
const FLIGHT_MS = 1400;

/** Where the map opens: a centre and zoom (and bearing), as MapLibre's creation options take them. */
interface OpeningView {
  center: LngLat;
  zoom: number;
  bearing?: number;
}

/**
 * Where a camera rests in a width × height box, before the panels' insets (which a later setInsets brings). A fitted
 * box is fitted here, as MapLibre's fitBounds would (fitProjection): fitting it inside MapLibre's constructor took
 * about a tenth of that long task. Undefined for a fitted box in a box not laid out.
 */
function openingView(camera: Camera, width: number, height: number): OpeningView | undefined {
  if (camera.kind === 'center') return { center: camera.center, zoom: camera.zoom, bearing: camera.bearing };
  if (width <= 0 || height <= 0) return undefined;
  const { center, zoom } = restingCamera(fitProjection(camera, width, height), width, height);
  return { center: [center.lng, center.lat], zoom };
}

/** A camera with no opening view (none at all, or a box not laid out yet) as creation options: MapLibre fits the box. */
function cameraToFit(camera: Camera | undefined): Record<string, unknown> {
  if (camera?.kind !== 'bounds') return { center: [0, 0], zoom: 1 };
  const [west, south, east, north] = camera.bounds;
  return {
    bounds: [
      [west, south],
      [east, north],
    ],
    fitBoundsOptions: { padding: camera.padding, maxZoom: camera.maxZoom },
  };
}

/** Creates the map and returns its controller. Throws when the map cannot be created (no WebGL). */
export function createMapController(options: MapControllerOptions): MapController {
  const { lib, container, story, events } = options;
  let reducedMotion = options.reducedMotion;
  // The base layers' files and the first state's are in the style the map starts with: they load while MapLibre
  // reads the style, all at once, instead of the first state's only once the base layers are in.
  const baseFiles = [...new Set(story.layers.filter((layer) => layer.base).map((layer) => layer.file))];
  const styleFiles = new Set([...baseFiles, ...(options.firstState ? filesShown(options.firstState) : [])]);
  // The marker blockers of the first state open with the map too: handed over at `load`, they cost the worker a
  // second pass over the label tiles before the map can rest.
  const firstState = options.firstState;
  const opening = firstState && openingView(firstState.camera, container.clientWidth, container.clientHeight);
  // The zoom band the map opens at (a band the panels' insets change is handed over when they come).
  const band = opening && zoomBandFor(opening.zoom);
  const { style, specsByLayer } = storyStyle(story, {
    fadeMs: reducedMotion ? 0 : FADE_MS,
    dataUrl: (file) => (styleFiles.has(file) ? options.data.url(file) : undefined),
    state: firstState,
    blockers: firstState && band ? blockerFeatures(story, firstState, band) : undefined,
  });
  const map: MapLike = new lib.Map({
    container,
    style,
    // The style is built by storyStyle (checked against MapLibre's style spec in the unit tests), not written by hand.
    validateStyle: false,
    // Where the first state will look: the map loads tiles for that view at once, not for the whole world first.
    ...(opening ?? cameraToFit(firstState?.camera)),
    attributionControl: false,
    // The page scrolls with the wheel; the map zooms with its buttons, a pinch, or a double click. On a touch screen
    // a one-finger swipe scrolls the article too (the map is pinned over it): no drag pan there, pinch to zoom.
    scrollZoom: false,
    dragPan: !globalThis.matchMedia?.('(pointer: coarse)').matches,
    dragRotate: false,
    pitchWithRotate: false,
    maxPitch: 0,
    fadeDuration: 0,
    // The tile cache stays at MapLibre's default (five views' worth per source). One view's worth saved about 1.5 MB
    // of heap after a scroll-through, but zoom-out flights then drew a strip of bare water at the map's edge in one
    // or two frames more, where the cache had held the coarser tiles.
  });
  // The canvas is decorative for assistive tech: the live description, the markers and the text carry the content.
  const canvas = map.getCanvas();
  canvas.setAttribute('aria-hidden', 'true');
  canvas.tabIndex = -1;
  map.addControl(new lib.NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new lib.AttributionControl({ compact: true, customAttribution: options.attribution }), 'bottom-right');
  // The credit starts folded behind its (i) button, leaving the map to the map: the legend's sources line and the
  // page's credits list name every source in full view.
  container.querySelector('.maplibregl-ctrl-attrib')?.classList.remove('maplibregl-compact-show');

  const loadedFiles = new Map<string, Promise<void>>();
  /** Files handed to the map and not loaded yet, by source ID, listed in the layer's `data-loading-files`. */
  const waiting = new Map<string, { file: string; resolve(): void; reject(error: Error): void }>();
  const markers = new Map<string, { marker: MarkerLike; element: HTMLElement }>();
  const drawnDates = new Map<string, string>();
  let loaded = false;
  let destroyed = false;
  let pending: { state: MapState; animate: boolean } | undefined;
  let applied: MapState | undefined;
  let insets: Insets = NO_INSETS;
  let lastApplyAt = -Infinity;
  let token = 0;

  const fail = (reason: string): void => {
    if (!destroyed) events.status('error', reason);
  };

  const listWaiting = (): void => {
    container.dataset.loadingFiles = [...waiting.values()].map(({ file }) => file).join(' ');
  };
  /** Resolves (or, with an error, rejects) the file a source was loading, if any. */
  const settle = (id: string, error?: Error): void => {
    const file = waiting.get(id);
    if (!file) return;
    waiting.delete(id);
    listWaiting();
    if (error) file.reject(error);
    else file.resolve();
  };

  /** The files of the story layers a state shows, beyond the base layers' (always loaded). */
  function filesShown(state: MapState): string[] {
    const shown = story.layers.filter((layer) => !layer.base && (state.layerOpacity[layer.id] ?? 0) > 0);
    return [...new Set(shown.map((layer) => layer.file))];
  }

  /**
   * Hands one file's URL to its source, once (unless the style already did); resolves when the map has loaded it,
   * rejects naming the file.
   */
  function loadFile(file: string, inStyle = false): Promise<void> {
    let loading = loadedFiles.get(file);
    if (!loading) {
      const id = sourceId(file);
      loading = new Promise<void>((resolve, reject) => {
        waiting.set(id, { file, resolve, reject: (error) => reject(new Error(`${file}: ${error.message}`)) });
      });
      listWaiting();
      if (!inStyle)
        (map.getSource(id) as { setData(data: unknown): void } | undefined)?.setData(options.data.url(file));
      loadedFiles.set(file, loading);
    }
    return loading;
  }

  // MapLibre says a source has loaded in a `sourcedata` event (`isSourceLoaded`), sent when its data or one of its
  // tiles arrives. A tile it drops while loading (the camera or the map's size changed meanwhile) sends none, so when
  // that tile was the last one, no event says so. The map's `idle`, which comes only once every source has loaded,
  // settles whatever is still waiting.
  map.on('sourcedata', (event) => {
    const id = event.sourceId;
    if (typeof id === 'string' && event.isSourceLoaded) settle(id);
  });
  map.on('idle', () => {
    for (const id of waiting.keys()) settle(id);
  });

  /** Tells the label placement where the shown markers are (the state's, at the zoom band the map is in). */
  let blockedFor: { state: MapState; band: string } | undefined = firstState && band && { state: firstState, band };
  function updateBlockers(): void {
    const band = zoomBandFor(map.getZoom());
    if (!applied || (blockedFor?.state === applied && blockedFor.band === band)) return;
    blockedFor = { state: applied, band };
    (map.getSource(BLOCKER_SOURCE) as { setData(data: unknown): void } | undefined)?.setData(
      blockerFeatures(story, applied, band),
    );
  }

  // The emphasised place shapes are feature state on their layers' outlines (emphasisSpec); the opening state's is
  // set once the map has read its style, whose sources it needs.
  const flagEmphasised = featureFlag(map, 'emphasised');
  function setEmphasis(state: MapState): void {
    const shapes = [...emphasisedShapes(story.places, state.emphasis)].flatMap(([layerId, featureIds]) => {
      const file = story.layers.find((layer) => layer.id === layerId)?.file;
      return file ? featureIds.map((id) => ({ source: sourceId(file), id })) : [];
    });
    flagEmphasised(shapes);
  }
  if (firstState) map.once('style.load', () => setEmphasis(firstState));

  function addMarkers(): void {
    for (const place of story.places) {
      const element = markerElement(place);
      element.addEventListener('click', (event) => {
        event.stopPropagation();
        events.activatePlace(place.id);
      });
      const marker = new lib.Marker({ element, anchor: place.kind === 'region' ? 'center' : 'left' })
        .setLngLat(place.anchor)
        .addTo(map);
      markers.set(place.id, { marker, element });
    }
  }

  // HTML markers take no part in label collisions: at low zooms only the places that matter to the state are marked.
  const zoomBand = (): void => {
    container.dataset.zoomBand = zoomBandFor(map.getZoom());
    if (loaded) updateBlockers();
  };
  map.on('zoom', zoomBand);

  map.on('error', (event) => {
    const error = (event.error as Error | undefined) ?? new Error('the map failed');
    const id = event.sourceId;
    const file = typeof id === 'string' ? waiting.get(id)?.file : undefined;
    if (typeof id === 'string') settle(id, error);
    fail(file ? `${file}: ${error.message}` : error.message);
  });
  map.on('webglcontextlost', () => {
    if (!destroyed) events.contextLost?.();
  });

  for (const file of styleFiles)
    loadFile(file, true)
      // A file that fails before it is needed is handled where it is; the error event has already said why.
      .catch(() => undefined);
  const baseLoaded = Promise.all(baseFiles.map((file) => loadFile(file)));
  // Failing before `load` (which then never comes: the map is removed) is handled too.
  baseLoaded.catch(() => undefined);

  // A label cut by a panel's edge reads as a fragment of a word: once the map rests, the labels that a panel covers
  // even in part are hidden (feature state `covered`, `uncovered` in layerSpecs.ts), and the place markers that it
  // covers in part (`is-covered`); when the map moves, they come back.
  const labelIds = [...specsByLayer.values()]
    .flat()
    .filter(({ labels }) => labels)
    .map(({ spec }) => spec.id as string);
  const flagCovered = featureFlag(map, 'covered');
  const setCovered = (labels: FeatureRef[]): void => {
    flagCovered(labels);
    // Which labels are hidden, for tests: "id id …".
    container.dataset.coveredLabels = [...new Set(labels.map(({ id }) => String(id)))].join(' ');
  };
  // The place markers too, but for the places the state is about (kept clear of the panels by its camera).
  const coverMarkers = (rects: Rect[]): void => {
    const box = container.getBoundingClientRect();
    for (const { element } of markers.values()) {
      const marker = boxWithin(element, box);
      const cut =
        !element.hidden &&
        marker.right > marker.left &&
        !element.matches('.is-emphasised, .is-selected') &&
        rects.some((rect) => overlap(marker, rect));
      element.classList.toggle('is-covered', cut);
    }
  };
  if (options.covered) {
    const rectsOf = options.covered;
    // Nothing is measured here: a step's flight starts in the task that changed its panels, and reading a box would
    // lay the page out there and then.
    map.on('movestart', () => {
      setCovered([]);
      for (const { element } of markers.values()) element.classList.remove('is-covered');
    });
    map.on('idle', () => {
      // A label or marker whose box only touches a panel's edge (its padding, its halo) is not cut by it.
      const rects = rectsOf().map(({ left, top, right, bottom }) => ({
        left: left + EDGE_PX,
        top: top + EDGE_PX,
        right: right - EDGE_PX,
        bottom: bottom - EDGE_PX,
      }));
      const labels = rects.flatMap(({ left, top, right, bottom }) =>
        map
          .queryRenderedFeatures(
            [
              [left, top],
              [right, bottom],
            ],
            { layers: labelIds },
          )
          .flatMap(({ source, id }) => (id === undefined ? [] : [{ source, id }])),
      );
      setCovered(labels);
      coverMarkers(rects);
    });
  }

  map.on('load', () => {
    if (destroyed) return;
    addMarkers();
    zoomBand();
    baseLoaded
      .then(() => {
        if (destroyed) return;
        loaded = true;
        events.status('ready');
        if (pending) {
          const { state, animate } = pending;
          pending = undefined;
          applyNow(state, animate);
        }
      })
      // The map's error event has said why.
      .catch(() => undefined);
  });

  function setLayerOpacity(layer: Layer, opacity: number): void {
    for (const { spec, opacity: properties } of specsByLayer.get(layer.id) ?? []) {
      for (const [property, full] of properties)
        map.setPaintProperty(spec.id as string, property, opacity * full, BUILT_BY_US);
    }
  }

  /** Draws the snapshot the state names for a dated layer. */
  function setSnapshot(layer: Layer, state: MapState): void {
    const snapshot = state.snapshots[layer.id]?.date;
    const filter = layerFilter(layer, snapshot);
    for (const { spec } of specsByLayer.get(layer.id) ?? [])
      map.setFilter(spec.id as string, filter ?? null, BUILT_BY_US);
    // What each dated layer really draws, for tests and analytics: "layer=YYYY-MM-DD …".
    if (snapshot) drawnDates.set(layer.id, snapshot);
    else drawnDates.delete(layer.id);
    container.dataset.drawnDates = [...drawnDates].map(([layerId, drawn]) => `${layerId}=${drawn}`).join(' ');
  }

  function applyNow(state: MapState, animate: boolean): void {
    const previous = applied;
    applied = state;
    const stateToken = ++token;
    // Data arrives after the fade has started; a layer appears as soon as its file is in.
    const files = filesShown(state).map((file) => loadFile(file));
    for (const layer of story.layers) {
      const opacity = state.layerOpacity[layer.id] ?? 0;
      if (!previous || previous.layerOpacity[layer.id] !== opacity) setLayerOpacity(layer, opacity);
      if (layer.dated && opacity > 0 && previous?.snapshots[layer.id]?.date !== state.snapshots[layer.id]?.date)
        setSnapshot(layer, state);
    }
    setEmphasis(state);
    for (const [placeId, { element, marker: pin }] of markers) {
      const marker = state.markers[placeId];
      if (marker) pin.setLngLat(marker.anchor);
      element.hidden = !marker?.visible;
      element.classList.toggle('is-emphasised', marker?.emphasised ?? false);
      element.classList.toggle('is-selected', marker?.selected ?? false);
      element.setAttribute('aria-pressed', marker?.selected ? 'true' : 'false');
    }
    updateBlockers();
    const now = performance.now();
    const fly = animate && !reducedMotion && now - lastApplyAt > MIN_FLIGHT_GAP_MS;
    lastApplyAt = now;
    moveCamera(state.camera, fly, { stateToken, stepId: state.stepId }, Promise.all(files));
  }

  /** True once a state has rested with everything drawn. */
  let drawnOnce = false;

  function moveCamera(
    camera: Camera,
    fly: boolean,
    eventData: { stateToken: number; stepId: string },
    files: Promise<unknown>,
  ): void {
    map.stop();
    const current = (): boolean => eventData.stateToken === token && !destroyed;
    const rest = (): void => {
      if (!current()) return;
      const { lng, lat } = map.getCenter();
      events.rest(eventData.stepId, { center: { lng, lat }, zoom: map.getZoom() });
    };
    // The state rests when the camera has arrived and its files are loaded. The first rest also waits until they
    // are drawn (`idle`: nothing left to load or fade): the map takes over from its stand-in only then.
    const onMoveEnd = (): void => {
      if (!current()) return;
      files.then(
        () => {
          if (!current()) return;
          const restDrawn = (): void => {
            drawnOnce = true;
            rest();
          };
          if (drawnOnce || map.loaded()) restDrawn();
          else map.once('idle', restDrawn);
        },
        // The map's error event has said why.
        () => undefined,
      );
    };
    // moveend fires for interrupted flights too; only the newest state's end counts.
    map.once('moveend', onMoveEnd);
    if (camera.kind === 'center') {
      const target = { center: camera.center, zoom: camera.zoom, bearing: camera.bearing, pitch: camera.pitch };
      if (fly) map.flyTo({ ...target, duration: FLIGHT_MS, essential: false }, eventData);
      else map.jumpTo(target, eventData);
    } else {
      const [west, south, east, north] = camera.bounds;
      map.fitBounds(
        [
          [west, south],
          [east, north],
        ],
        { padding: camera.padding, maxZoom: camera.maxZoom, duration: fly ? FLIGHT_MS : 0, animate: fly },
        eventData,
      );
    }
  }

  return {
    apply(state, { animate }) {
      if (destroyed) return;
      if (!loaded) {
        pending = { state, animate: false };
        return;
      }
      applyNow(state, animate);
    },
    setReducedMotion(reduced) {
      reducedMotion = reduced;
      const fade = { duration: reduced ? 0 : FADE_MS, delay: 0 };
      if (!loaded) return;
      for (const specs of specsByLayer.values()) {
        for (const { spec, opacity } of specs)
          for (const [property] of opacity)
            map.setPaintProperty(spec.id as string, `${property}-transition`, fade, BUILT_BY_US);
      }
    },
    resize() {
      map.resize();
    },
    panelsChanged() {
      // Once drawn, the map says `idle`, where the labels and markers under the panels are found. A task later, and
      // only at rest: panels that change with a step come before its state (applied in a task queued before this
      // one), whose flight ends in an `idle` of its own; no step change pays for a search the flight undoes.
      void nextTask().then(() => {
        if (loaded && !destroyed && !map.isMoving()) map.triggerRepaint();
      });
    },
    setInsets(next, { keepView = false } = {}) {
      if (destroyed || !insetsDiffer(insets, next)) return;
      insets = next;
      // MapLibre keeps the padding: later flights centre and fit in the clear part too, and getCenter reports its centre.
      if (keepView && loaded && applied) {
        // The centre becomes the place now under the middle of the new clear part: the padding changes, the view not.
        const { lng, lat } = map.unproject(clearCentre(container.clientWidth, container.clientHeight, next));
        map.jumpTo({ center: [lng, lat], padding: { ...insets } });
        return;
      }
      map.setPadding({ ...insets });
      if (loaded && applied) applyNow(applied, false);
    },
    destroy() {
      destroyed = true;
      for (const { marker } of markers.values()) marker.remove();
      map.remove();
    },
  };
}

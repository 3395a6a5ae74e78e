// The preview map: each step's map drawn at build time (src/build/prerender/previews.ts), shown in the map box at
// once and framed for the box through its viewBox, with the place buttons laid over it. It has the controller's
// interface, so the page treats it as a map: it answers clicks and reports where each state rests. It stands in
// until the WebGL map starts, and costs no map data and almost no script: nothing is drawn here, only framed.
import type { Position } from 'geojson';
import type { GeoProjection } from 'd3-geo';
import type { MapController, MapEvents } from '../controller.ts';
import { zoomBandFor, type Camera, type MapState } from '../state.ts';
import type { Story } from '../../story/types.ts';
import { fitProjection, planarProjection, restingCamera } from './camera.ts';
import { insetsDiffer, NO_INSETS, type Insets } from '../insets.ts';
import { createPlaceButtons } from './markers.ts';
import { nextTask } from '../../nextTask.ts';

/** Marks the style that frames the served page's preview before any script runs (src/build/prerender/firstFrame.ts). */
export const FIRST_FRAME = 'data-first-frame';

/** The box a preview is drawn for when shown as an image (print, no JavaScript); its drawing zoom is this box's. */
export const PREVIEW_WIDTH = 640;
export const PREVIEW_HEIGHT = 480;

/** Where a preview's drawing sits in web-mercator: its projection's scale and where it puts 0°, 0°. */
export interface PreviewGeometry {
  /** Pixels per radian of the drawing (d3's Mercator scale). */
  scale: number;
  /** Drawing coordinates of longitude 0, latitude 0. */
  origin: [number, number];
}

/** Reads a preview's geometry from its data attributes; undefined when they are missing or broken. */
export function previewGeometry(svg: Element): PreviewGeometry | undefined {
  const scale = Number(svg.getAttribute('data-preview-scale'));
  const origin = (svg.getAttribute('data-preview-origin') ?? '').split(' ').map(Number);
  const [x, y] = origin;
  if (!(scale > 0) || origin.length !== 2 || !Number.isFinite(x) || !Number.isFinite(y)) return undefined;
  return { scale, origin: [x as number, y as number] };
}

/** How a camera frames a preview in a `width` × `height` box. */
export interface PreviewFrame {
  /** The preview's viewBox: x, y, width, height in drawing units. */
  viewBox: [number, number, number, number];
  /** Drawing units per screen pixel: the `--k` that keeps strokes and text at their size. */
  k: number;
  /** The camera's projection for the box, as the static map and MapLibre use it. */
  projection: GeoProjection;
}

/**
 * The viewBox that shows `camera` in a `width` × `height` box: the drawing is web-mercator at one zoom, so any camera
 * is a scale and a shift of it. The camera is fitted exactly as the static map and MapLibre fit it.
 */
export function framePreview(
  geometry: PreviewGeometry,
  camera: Camera,
  width: number,
  height: number,
  insets: Insets = NO_INSETS,
): PreviewFrame {
  const projection = fitProjection(camera, width, height, insets);
  const [originX = 0, originY = 0] = projection([0, 0]) ?? [];
  const k = geometry.scale / projection.scale();
  return {
    viewBox: [geometry.origin[0] - k * originX, geometry.origin[1] - k * originY, k * width, k * height],
    k,
    projection,
  };
}

/**
 * The level of a preview's label ladder (`data-label-zooms`; its index, as `data-z` lists them) nearest to `zoom`;
 * undefined for a preview drawn at one zoom only.
 */
export function labelLevel(svg: Element, zoom: number): string | undefined {
  const zooms = (svg.getAttribute('data-label-zooms') ?? '')
    .split(' ')
    .filter((value) => value !== '')
    .map(Number)
    .filter(Number.isFinite);
  if (zooms.length === 0) return undefined;
  return String(
    zooms.reduce(
      (best, candidate, index) =>
        Math.abs(candidate - zoom) < Math.abs((zooms[best] ?? Infinity) - zoom) ? index : best,
      0,
    ),
  );
}

/**
 * Shows the labels and marks a preview places at the zoom of its ladder (`data-label-zooms`) nearest to `zoom`, and
 * hides the rest: as the WebGL map, a box that shows the view zoomed out keeps fewer labels, apart.
 */
export function showAtZoom(svg: SVGSVGElement, zoom: number): void {
  const level = labelLevel(svg, zoom);
  if (level === undefined || svg.dataset.shownLevel === level) return;
  svg.dataset.shownLevel = level;
  for (const element of svg.querySelectorAll<SVGElement>('[data-z]'))
    element.style.display = element.dataset.z?.includes(level) ? 'inline' : 'none';
}

/** Where the previews come from. */
export interface PreviewSource {
  /** A preview already in the map box (prerendered into the page); its `data-preview-step` says which step it shows. */
  inline?: SVGSVGElement | undefined;
  /** The URL of a step's preview, if the build made one. */
  url(stepId: string): string | undefined;
}

export interface PreviewMapOptions {
  container: HTMLElement;
  story: Story;
  source: PreviewSource;
  events: Pick<MapEvents, 'status' | 'rest' | 'activatePlace'>;
}

/** The preview map's controller, plus a way to fetch previews ahead of need. */
export interface PreviewMap extends MapController {
  /** Fetches these steps' previews in the background (a step the reader may scroll to next). */
  prefetch(stepIds: readonly string[]): void;
}

/** Used while the container has no size yet (not laid out, or hidden), so the framing stays finite. */
const FALLBACK_SIZE = { width: PREVIEW_WIDTH, height: PREVIEW_HEIGHT };

/**
 * Shows the previews in `container`. Reports `ready` when the first state is shown, `error` when a state's preview
 * cannot be had (the owner then draws the map another way). Never throws; never rejects.
 */
export function createPreviewMap(options: PreviewMapOptions): PreviewMap {
  const { container, story, source, events } = options;
  const document = container.ownerDocument;
  const loading = new Map<string, Promise<SVGSVGElement>>();
  if (source.inline?.dataset.previewStep)
    loading.set(source.inline.dataset.previewStep, Promise.resolve(source.inline));
  const buttons = createPlaceButtons(container, story, (placeId) => events.activatePlace(placeId));
  let shown: SVGSVGElement | undefined;
  let latest: MapState | undefined;
  let ready = false;
  let destroyed = false;
  let insets: Insets = NO_INSETS;

  /** A step's preview, fetched and parsed once. Rejects when there is none or it is not a preview. */
  function load(stepId: string): Promise<SVGSVGElement> {
    let promise = loading.get(stepId);
    if (!promise) {
      const url = source.url(stepId);
      promise = url
        ? fetch(url)
            .then((response) => {
              if (!response.ok)
                throw new Error(`the map preview of "${stepId}" could not be loaded (HTTP ${response.status})`);
              return response.text();
            })
            .then((text) => {
              const parsed = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
              if (parsed.localName !== 'svg' || !previewGeometry(parsed))
                throw new Error(`the map preview of "${stepId}" is not a preview`);
              // Moved into the page, not copied; and shown in a task of its own, after the parse.
              const svg = document.adoptNode(parsed) as unknown as SVGSVGElement;
              return nextTask().then(() => svg);
            })
        : Promise.reject(new Error(`no map preview of "${stepId}"`));
      loading.set(stepId, promise);
      // A failure may be tried again (a flaky network).
      promise.catch(() => loading.delete(stepId));
    }
    return promise;
  }

  function measure(): { width: number; height: number } {
    const width = container.clientWidth;
    const height = container.clientHeight;
    return width > 0 && height > 0 ? { width, height } : FALLBACK_SIZE;
  }

  function show(svg: SVGSVGElement, state: MapState): void {
    const geometry = previewGeometry(svg);
    if (!geometry) return;
    // Measured before a new preview goes in: its thousands of elements are then laid out by the browser's frame.
    const { width, height } = measure();
    if (shown !== svg) {
      // Whatever preview was there goes, the prerendered one too when a later step arrives before it was shown.
      for (const other of container.querySelectorAll('svg.map-preview')) if (other !== svg) other.remove();
      svg.setAttribute('width', '100%');
      svg.setAttribute('height', '100%');
      svg.setAttribute('aria-hidden', 'true');
      // The served page's first framing (src/build/prerender/firstFrame.ts) gives way to this one.
      svg.querySelector(`style[${FIRST_FRAME}]`)?.remove();
      // The page's own place buttons replace the labels drawn for images.
      svg.querySelector('.map-preview__places')?.setAttribute('display', 'none');
      container.prepend(svg);
      shown = svg;
    }
    const frame = framePreview(geometry, state.camera, width, height, insets);
    svg.setAttribute('viewBox', frame.viewBox.map((value) => value.toFixed(2)).join(' '));
    svg.style.setProperty('--k', frame.k.toFixed(4));
    const { toScreen } = planarProjection(frame.projection);
    buttons.place(state, (position: Position) => toScreen(position), width, height);
    const camera = restingCamera(frame.projection, width, height, insets);
    showAtZoom(svg, camera.zoom);
    container.dataset.zoomBand = zoomBandFor(camera.zoom);
    if (!ready) {
      ready = true;
      events.status('ready');
    }
    events.rest(state.stepId, camera);
  }

  function apply(state: MapState): void {
    latest = state;
    load(state.stepId).then(
      (svg) => {
        if (!destroyed && latest === state) show(svg, state);
      },
      (error: Error) => {
        // With an older preview in view the map still answers; without any, the owner draws the map another way.
        if (!destroyed && latest === state && !shown) events.status('error', error.message);
      },
    );
  }

  return {
    apply,
    setReducedMotion() {
      // Nothing moves on a preview.
    },
    resize() {
      if (latest && !destroyed) apply(latest);
    },
    setInsets(next) {
      if (destroyed || !insetsDiffer(insets, next)) return;
      insets = next;
      if (latest) apply(latest);
    },
    prefetch(stepIds) {
      for (const stepId of stepIds) load(stepId).catch(() => undefined);
    },
    destroy() {
      destroyed = true;
      shown?.remove();
      buttons.remove();
      delete container.dataset.zoomBand;
    },
  };
}

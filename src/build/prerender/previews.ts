// Build time: each step's map as one SVG, drawn in jsdom by the static map's own drawing (drawState), so it shows
// what the live map shows. The page puts it in the map box at once and frames it for the box it has through the
// viewBox (src/lib/map/static/preview.ts) until the WebGL map takes over; print and no-JavaScript readers see it
// as an image. To be framed for any box, it is drawn in web-mercator pixels at one zoom over an area wide enough for
// every map box the layouts give, with strokes, dots and text that keep their size on screen (`--k`, see onScreen).
import { JSDOM } from 'jsdom';
import { geoMercator, type GeoProjection } from 'd3-geo';
import type { FeatureCollection } from 'geojson';
import { mapStateFor, zoomBandFor, type MapState } from '../../lib/map/state.ts';
import { fitProjection, restingCamera, scaleForZoom } from '../../lib/map/static/camera.ts';
import { MAX_INSET_SHARE, NO_INSETS, type Insets } from '../../lib/map/insets.ts';
import { createFrame, drawState, svgElement, type Frame } from '../../lib/map/static/draw.ts';
import { markerShown } from '../../lib/map/static/markers.ts';
import { PREVIEW_HEIGHT, PREVIEW_WIDTH, type PreviewGeometry } from '../../lib/map/static/preview.ts';
import { viewBounds } from '../../lib/map/viewBounds.ts';
import { ACCENT, INK } from '../../lib/cartography/styles.ts';
import type { Bounds, Story } from '../../lib/story/types.ts';

/**
 * Map boxes (width × height, px) the preview must cover: phones, tablets and wide screens, the iframe and script
 * embeds, and the 640 × 480 image of print. The drawn area is the union of what each shows, plus MARGIN.
 */
const BOXES: readonly [number, number][] = [
  [320, 240],
  [390, 360],
  [430, 480],
  [PREVIEW_WIDTH, PREVIEW_HEIGHT],
  [560, 600],
  [760, 800],
  [1000, 900],
  [1280, 1100],
  [700, 1100],
];
/** Share of the covered area added on every side: panels shift a camera off the box's centre. */
const MARGIN = 0.1;

/**
 * Draws every step's map state and returns standalone SVG documents by step ID. Each carries its geometry
 * (`data-preview-scale`, `data-preview-origin`) for the page to frame it, a viewBox that frames it for the
 * 640 × 480 image, and the places the map marks as labels (the page lays its own place buttons over them).
 */
export function renderStepPreviews(story: Story, geo: Map<string, FeatureCollection>): Map<string, string> {
  const { window } = new JSDOM('<!doctype html><html><body></body></html>');
  const document = window.document;
  const previews = new Map<string, string>();
  for (const step of story.steps) {
    const state = mapStateFor(story, step.id);
    const svg = renderPreview(document, story, state, geo);
    previews.set(step.id, `<?xml version="1.0" encoding="UTF-8"?>\n${svg.outerHTML}`);
  }
  window.close();
  return previews;
}

/** One state's preview as an `<svg>` element of `document`. */
export function renderPreview(
  document: Document,
  story: Story,
  state: MapState,
  geo: Map<string, FeatureCollection>,
): SVGSVGElement {
  // The zoom of the print image: drawn at it, the image needs no scaling.
  const reference = fitProjection(state.camera, PREVIEW_WIDTH, PREVIEW_HEIGHT);
  const { zoom } = restingCamera(reference, PREVIEW_WIDTH, PREVIEW_HEIGHT);
  const {
    bounds: [west, south, east, north],
    zooms,
  } = coveredArea(state);
  const projection: GeoProjection = geoMercator().scale(scaleForZoom(zoom)).translate([0, 0]);
  const [x0 = 0, y0 = 0] = projection([west, north]) ?? [];
  const [x1 = 0, y1 = 0] = projection([east, south]) ?? [];
  projection.translate([-x0, -y0]);
  const width = Math.ceil(x1 - x0);
  const height = Math.ceil(y1 - y0);
  const frame = createFrame(projection, width, height, NO_INSETS, zoomLadder(zoom, zooms));
  const [originX = 0, originY = 0] = projection([0, 0]) ?? [];
  const geometry: PreviewGeometry = { scale: projection.scale(), origin: [originX, originY] };

  // The 640 × 480 view, in this drawing's units: the viewBox an image shows.
  const [vx0 = 0, vy0 = 0] = projection(reference.invert?.([0, 0]) ?? [0, 0]) ?? [];
  const [vx1 = 0, vy1 = 0] = projection(reference.invert?.([PREVIEW_WIDTH, PREVIEW_HEIGHT]) ?? [0, 0]) ?? [];
  const svg = svgElement(document, 'svg', {
    xmlns: 'http://www.w3.org/2000/svg',
    class: 'map-preview',
    width: PREVIEW_WIDTH,
    height: PREVIEW_HEIGHT,
    viewBox: [vx0, vy0, vx1 - vx0, vy1 - vy0].map((value) => value.toFixed(1)).join(' '),
    preserveAspectRatio: 'xMidYMid meet',
    'data-preview-step': state.stepId,
    'data-preview-scale': geometry.scale.toFixed(3),
    'data-preview-origin': geometry.origin.map((value) => value.toFixed(1)).join(' '),
    // The zooms its labels are placed for (`data-z` on an element lists those it shows at): a phone's box shows the
    // view at a lower zoom than the image's, where fewer labels fit, as on the WebGL map that takes over.
    ...(frame.levels.length > 1 && {
      'data-label-zooms': frame.levels.map(({ zoom: shown }) => shown.toFixed(2)).join(' '),
    }),
    style: "font-family: var(--sans, 'DejaVu Sans', Arial, sans-serif)",
  });
  svg.append(...drawState(document, story, state, frame, (file) => geo.get(file)));
  svg.append(placeLabels(document, story, state, frame));
  return svg;
}

/**
 * The insets panels may give a box (insets.ts): the timeline and the motion toggle claim the top, the legend the
 * bottom, each at most MAX_INSET_SHARE of the height. A preview covers the view under each of these.
 */
function insetVariants(height: number): Insets[] {
  const most = Math.round(MAX_INSET_SHARE * height);
  return [
    NO_INSETS,
    { ...NO_INSETS, top: most },
    { ...NO_INSETS, bottom: most },
    { ...NO_INSETS, top: most, bottom: most },
  ];
}

/** Steps between the zooms a preview places its labels for, and at most how many zooms (data-z uses one digit each). */
const ZOOM_STEP = 0.5;
const MAX_ZOOMS = 10;

/** Zooms ZOOM_STEP apart from the drawing's own over the range the boxes show the view at, the nearest MAX_ZOOMS. */
function zoomLadder(own: number, shown: readonly number[]): number[] {
  const first = Math.ceil((Math.min(...shown) - ZOOM_STEP / 2 - own) / ZOOM_STEP);
  const last = Math.floor((Math.max(...shown) + ZOOM_STEP / 2 - own) / ZOOM_STEP);
  const steps = Array.from({ length: Math.max(0, last - first + 1) }, (_, index) => first + index);
  return steps
    .sort((a, b) => Math.abs(a) - Math.abs(b))
    .slice(0, MAX_ZOOMS)
    .map((step) => own + step * ZOOM_STEP);
}

/**
 * [west, south, east, north] that every box in BOXES shows of the state's camera, widened by MARGIN, and the zooms
 * they show it at.
 */
function coveredArea(state: MapState): { bounds: Bounds; zooms: number[] } {
  const zooms: number[] = [];
  let covered: Bounds | undefined;
  for (const [width, height] of BOXES) {
    for (const insets of insetVariants(height)) {
      // The box's own centre (no insets given back), whatever part of it the camera was fitted into.
      const { center, zoom } = restingCamera(fitProjection(state.camera, width, height, insets), width, height);
      zooms.push(zoom);
      const [w, s, e, n] = viewBounds(center, zoom, width, height);
      covered = covered
        ? [Math.min(covered[0], w), Math.min(covered[1], s), Math.max(covered[2], e), Math.max(covered[3], n)]
        : [w, s, e, n];
    }
  }
  const [w, s, e, n] = covered ?? [0, 0, 0, 0];
  const dx = (e - w) * MARGIN;
  const dy = (n - s) * MARGIN;
  return {
    bounds: [Math.max(-180, w - dx), Math.max(-85, s - dy), Math.min(180, e + dx), Math.min(85, n + dy)],
    zooms,
  };
}

/**
 * The places the map marks for a state, as labels in the style of the place buttons: what an image shows where the
 * page shows buttons (the page hides this group once its buttons are in place).
 */
function placeLabels(document: Document, story: Story, state: MapState, frame: Frame): SVGGElement {
  const group = svgElement(document, 'g', { class: 'map-preview__places', 'font-weight': 600 });
  const band = zoomBandFor(frame.zoom);
  for (const place of story.places) {
    const marker = state.markers[place.id];
    if (!marker || !markerShown(place, marker, band)) continue;
    const [x, y] = frame.toScreen(marker.anchor);
    if (!(x >= 0 && x <= frame.width && y >= 0 && y <= frame.height)) continue;
    const colour = marker.emphasised ? ACCENT : INK;
    const region = place.kind === 'region';
    if (!region && place.kind !== 'line')
      group.append(
        svgElement(document, 'circle', {
          cx: (x + 6).toFixed(1),
          cy: y.toFixed(1),
          r: 5,
          style: `r: calc(5px * var(--k, 1))`,
          fill: colour,
          stroke: '#fff',
          'stroke-width': 1.5,
          'vector-effect': 'non-scaling-stroke',
        }),
      );
    const size = region ? 11 : 12;
    const text = svgElement(document, 'text', {
      x: x.toFixed(1),
      y: y.toFixed(1),
      dx: region ? 0 : '1.2em',
      'dominant-baseline': 'central',
      fill: colour,
      'font-size': size,
      style: `font-size: calc(${size}px * var(--k, 1)); stroke-width: calc(3px * var(--k, 1))`,
      stroke: '#fff',
      'stroke-width': 3,
      'stroke-linejoin': 'round',
      'paint-order': 'stroke',
      'text-anchor': region ? 'middle' : 'start',
      ...(region && { 'letter-spacing': '0.1em' }),
    });
    text.textContent = region ? place.name.toUpperCase() : place.name;
    group.append(text);
  }
  return group;
}

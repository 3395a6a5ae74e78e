// Draws story layers as SVG for the static map with the WebGL map's style tokens (styles.ts) and drawing rules
// (layerSpecs.ts): fills with outlines, cased and dashed lines, dots, and haloed labels. Elements are built with
// createElementNS and text goes in through textContent, never as markup.
import {
  geoClipRectangle,
  geoPath,
  geoStream,
  type GeoProjection,
  type GeoStream,
  type GeoStreamWrapper,
} from 'd3-geo';
import type { Feature, FeatureCollection, Geometry, MultiLineString, Position } from 'geojson';
import type { Layer, Story } from '../../story/types.ts';
import { ACCENT, WATER, styleFor, type StyleToken } from '../../cartography/styles.ts';
import { emphasisedShapes, layerFilter } from '../layerSpecs.ts';
import { zoomBandFor, type MapState } from '../state.ts';
import { markerBox, markerShown } from './markers.ts';
import { planarProjection, restingCamera } from './camera.ts';
import { NO_INSETS } from '../insets.ts';
import { matchesFilter } from './filter.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Paths are clipped this far outside the box, so the strokes that clipping adds along the cut stay out of sight. */
const CLIP_MARGIN = 24;
/** MapLibre's text-halo-width in layerSpecs.ts; an SVG stroke is centred on the glyph edge, so it is drawn twice as wide. */
const HALO_WIDTH = 1.6;
const EMPHASIS_WIDTH: [number, number, number, number] = [4, 1.5, 10, 3.5];

/** One drawing of the map: the box, the zoom, and the projection as pixels. */
export interface Frame {
  width: number;
  height: number;
  zoom: number;
  center: { lng: number; lat: number };
  /** SVG path data for a geometry, projected and clipped to the box (plus a margin); empty when nothing is left. */
  path(geometry: Geometry): string;
  /** Projects and clips a geometry for a custom stream. */
  clipped: GeoStreamWrapper;
  /** Projects one position to the box's pixels, unclipped. */
  toScreen(position: Position): [number, number];
  /**
   * The zooms this drawing is shown at, lowest first: its own only, for a map drawn for its box; for a preview, which
   * is framed for boxes of every size, a ladder of zooms around its own. Labels are placed at each of them.
   */
  levels: Level[];
  /** The index in `levels` of the drawing's own zoom. */
  ownLevel: number;
}

type Box = [x0: number, y0: number, x1: number, y1: number];

/** One zoom a drawing is shown at, and the labels placed for it. */
interface Level {
  zoom: number;
  /** Drawing pixels per screen pixel at this zoom: text and buttons keep their size on screen. */
  units: number;
  /** Boxes of the labels and buttons placed so far, in the drawing's pixels, for collisions. */
  boxes: Box[];
}

/**
 * A frame for a fitted Mercator projection in a `width` × `height` box.
 * @param otherZooms zooms the drawing will also be shown at (a preview), besides its own
 */
export function createFrame(
  projection: GeoProjection,
  width: number,
  height: number,
  insets = NO_INSETS,
  otherZooms: readonly number[] = [],
): Frame {
  const { wrapper, toScreen } = planarProjection(projection);
  const clip = geoClipRectangle(-CLIP_MARGIN, -CLIP_MARGIN, width + CLIP_MARGIN, height + CLIP_MARGIN);
  const clipped: GeoStreamWrapper = { stream: (output) => wrapper.stream(clip(thinned(output))) };
  const { center, zoom } = restingCamera(projection, width, height, insets);
  const zooms = [...new Set([...otherZooms, zoom])].sort((a, b) => a - b);
  return {
    width,
    height,
    zoom,
    center,
    clipped,
    toScreen,
    levels: zooms.map((shown) => ({ zoom: shown, units: 2 ** (zoom - shown), boxes: [] })),
    ownLevel: zooms.indexOf(zoom),
    path: (geometry) => {
      const context = new RelativePath();
      geoPath<unknown, Geometry>(clipped, context)(geometry);
      return context.toString();
    },
  };
}

/** A tenth of a pixel, written short: "12.3", ".5", "-4". */
function tenths(value: number): string {
  const text = (Math.round(value * 10) / 10).toString();
  return text.replace(/^(-?)0\./, '$1.');
}

/**
 * A path context that writes SVG path data with relative coordinates to a tenth of a pixel: the same shape as d3's
 * own absolute path strings in about half the bytes (the previews go into the page's HTML).
 */
class RelativePath {
  private d = '';
  private x = 0;
  private y = 0;
  private drawing = false;

  moveTo(x: number, y: number): void {
    this.x = Math.round(x * 10) / 10;
    this.y = Math.round(y * 10) / 10;
    this.d += `M${tenths(this.x)} ${tenths(this.y)}`;
    this.drawing = false;
  }

  lineTo(x: number, y: number): void {
    const nextX = Math.round(x * 10) / 10;
    const nextY = Math.round(y * 10) / 10;
    const dx = nextX - this.x;
    const dy = nextY - this.y;
    if (dx === 0 && dy === 0) return;
    const first = tenths(dx);
    const second = tenths(dy);
    // After an `l`, further pairs need no command letter; a minus sign separates numbers by itself.
    this.d += `${this.drawing ? (first.startsWith('-') ? '' : ' ') : 'l'}${first}${second.startsWith('-') ? '' : ' '}${second}`;
    this.drawing = true;
    this.x = nextX;
    this.y = nextY;
  }

  closePath(): void {
    this.d += 'z';
    this.drawing = false;
  }

  beginPath(): void {
    // Each subpath starts with moveTo.
  }

  arc(): void {
    // Point geometries are drawn as circles by drawLayer, never as path data.
  }

  toString(): string {
    return this.d;
  }
}

/** How far (px) a simplified line may stray from the drawn one: a pixel at most, too little to see. */
const TOLERANCE = 1;

/** Douglas–Peucker: the indices of `points` to keep so no dropped point lies farther than `tolerance` from the line. */
function simplifyLine(points: [number, number][], tolerance: number): [number, number][] {
  if (points.length <= 2) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  const squared = tolerance * tolerance;
  while (stack.length > 0) {
    const [first, last] = stack.pop() as [number, number];
    const [ax, ay] = points[first] as [number, number];
    const [bx, by] = points[last] as [number, number];
    const dx = bx - ax;
    const dy = by - ay;
    const length = dx * dx + dy * dy;
    let farthest = -1;
    let farthestDistance = squared;
    for (let index = first + 1; index < last; index++) {
      const [px, py] = points[index] as [number, number];
      let t = length > 0 ? ((px - ax) * dx + (py - ay) * dy) / length : 0;
      t = Math.max(0, Math.min(1, t));
      const ex = px - (ax + t * dx);
      const ey = py - (ay + t * dy);
      const distance = ex * ex + ey * ey;
      if (distance > farthestDistance) {
        farthest = index;
        farthestDistance = distance;
      }
    }
    if (farthest >= 0) {
      keep[farthest] = 1;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return points.filter((_, index) => keep[index] === 1);
}

/** A stream that simplifies each line and ring (in pixels, after projection and clipping) before drawing it. */
function thinned(output: GeoStream): GeoStream {
  let line: [number, number][] | undefined;
  return {
    point(x, y) {
      if (line) line.push([x, y]);
      else output.point(x, y);
    },
    lineStart() {
      line = [];
      output.lineStart();
    },
    lineEnd() {
      for (const [x, y] of simplifyLine(line ?? [], TOLERANCE)) output.point(x, y);
      line = undefined;
      output.lineEnd();
    },
    polygonStart: () => output.polygonStart(),
    polygonEnd: () => output.polygonEnd(),
    sphere: () => output.sphere?.(),
  };
}

/**
 * A length that keeps its size on screen when the drawing is scaled through its viewBox (the preview maps): `--k` on
 * the SVG is the user units per screen pixel, 1 when unset.
 */
export const onScreen = (pixels: number): string => `calc(${pixels}px * var(--k, 1))`;

/** Whether a point lies in the box. */
export function inFrame(frame: Frame, [x, y]: [number, number]): boolean {
  return x >= 0 && x <= frame.width && y >= 0 && y <= frame.height;
}

/** Creates an SVG element with attributes. */
export function svgElement<K extends keyof SVGElementTagNameMap>(
  document: Document,
  tag: K,
  attributes: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}

/** A width at a zoom: constant, or linear between two stops and clamped outside them, as MapLibre interpolates. */
export function widthAt(width: number | [number, number, number, number], zoom: number): number {
  if (typeof width === 'number') return width;
  const [z1, w1, z2, w2] = width;
  const t = Math.max(0, Math.min(1, (zoom - z1) / (z2 - z1)));
  return w1 + t * (w2 - w1);
}

/** Whether a layer is drawn at a zoom: minzoom inclusive, maxzoom exclusive, as in MapLibre. */
export function inZoomRange(layer: Layer, zoom: number): boolean {
  return (
    (layer.minzoom === undefined || zoom >= layer.minzoom) && (layer.maxzoom === undefined || zoom < layer.maxzoom)
  );
}

function fillColour(colour: NonNullable<StyleToken['fill']>['colour'], feature: Feature): string {
  if (typeof colour === 'string') return colour;
  const [fallback, byCountry] = colour;
  const country = feature.properties?.country;
  return typeof country === 'string' && Object.hasOwn(byCountry, country) ? (byCountry[country] ?? fallback) : fallback;
}

/** A line layer drawn over polygons strokes their rings: as open lines, so clipping adds no edge along the cut. */
function asLines(geometry: Geometry | null): MultiLineString | undefined {
  switch (geometry?.type) {
    case 'LineString':
      return { type: 'MultiLineString', coordinates: [geometry.coordinates] };
    case 'MultiLineString':
      return geometry;
    case 'Polygon':
      return { type: 'MultiLineString', coordinates: geometry.coordinates };
    case 'MultiPolygon':
      return { type: 'MultiLineString', coordinates: geometry.coordinates.flat() };
    default:
      return undefined;
  }
}

function pointsOf(geometry: Geometry | null): Position[] {
  if (geometry?.type === 'Point') return [geometry.coordinates];
  if (geometry?.type === 'MultiPoint') return geometry.coordinates;
  return [];
}

const featureId = (feature: Feature): string | undefined => {
  const id = feature.properties?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
};

function labelText(feature: Feature, field: string): string | undefined {
  const value = feature.properties?.[field];
  return (typeof value === 'string' && value !== '') || typeof value === 'number' ? String(value) : undefined;
}

function textAttributes(text: NonNullable<StyleToken['text']>): Record<string, string | number> {
  return {
    'font-size': text.size,
    style: `font-size: ${onScreen(text.size)}; stroke-width: ${onScreen(HALO_WIDTH * 2)}`,
    fill: text.colour,
    stroke: text.halo,
    'stroke-width': HALO_WIDTH * 2,
    'stroke-linejoin': 'round',
    'paint-order': 'stroke',
    ...(text.font === 'bold' && { 'font-weight': 'bold' }),
    ...(text.font === 'italic' && { 'font-style': 'italic' }),
  };
}

/** A rough glyph advance, in ems: no text metrics without layout (jsdom, print), and collisions need only a guess. */
const GLYPH_WIDTH = 0.6;
/** The same for capitals (country names), which are wider. */
const CAPS_GLYPH_WIDTH = 0.75;
/** Half a line of text, in ems: MapLibre's line height is 1.2 em. */
const HALF_LINE = 0.6;
/** Room kept around every label, in screen pixels: MapLibre's default text-padding. */
const TEXT_PADDING = 2;

/** A box given in screen pixels around an anchor, in the drawing's pixels at a level, widened by `padding`. */
function boxAt({ units }: Level, [x, y]: [number, number], box: Box, padding = 0): Box {
  return [
    x + (box[0] - padding) * units,
    y + (box[1] - padding) * units,
    x + (box[2] + padding) * units,
    y + (box[3] + padding) * units,
  ];
}

/**
 * Reserves a label's box at each of `candidates` (indices in frame.levels) where it overlaps none already placed and
 * `fits`: like MapLibre's collisions, so a zoomed-out map shows the more important labels instead of a pile.
 * @param at the label's anchor in the drawing's pixels
 * @param box the label's box around its anchor, in screen pixels
 * @returns the indices where the label is placed
 */
function reserve(
  frame: Frame,
  at: [number, number],
  box: Box,
  candidates: readonly number[],
  fits: (units: number) => boolean = () => true,
): number[] {
  return candidates.filter((index) => {
    const level = frame.levels[index];
    if (!level || !fits(level.units)) return false;
    const [x0, y0, x1, y1] = boxAt(level, at, box, TEXT_PADDING);
    if (level.boxes.some(([a0, b0, a1, b1]) => x0 < a1 && a0 < x1 && y0 < b1 && b0 < y1)) return false;
    level.boxes.push([x0, y0, x1, y1]);
    return true;
  });
}

/**
 * Marks an element of a preview with the levels it is shown at (`data-z`, indices in frame.levels, which the page
 * reads when it frames the preview: see showAtZoom in preview.ts), hidden when the drawing's own is not one of them.
 */
function showAt(frame: Frame, element: SVGElement, levels: readonly number[]): SVGElement {
  if (levels.length === frame.levels.length) return element;
  element.setAttribute('data-z', levels.join(''));
  if (!levels.includes(frame.ownLevel)) element.setAttribute('display', 'none');
  return element;
}

/** The levels (indices in frame.levels) whose zoom is in a layer's zoom range. */
function levelsOf(frame: Frame, layer: Layer): number[] {
  return frame.levels.flatMap(({ zoom }, index) => (inZoomRange(layer, zoom) ? [index] : []));
}

const rankOf = (feature: Feature): number => {
  const rank = feature.properties?.rank;
  return typeof rank === 'number' ? rank : 3;
};

/** The clipped, projected pieces of a line geometry. */
function screenPieces(frame: Frame, lines: MultiLineString): [number, number][][] {
  const pieces: [number, number][][] = [];
  let piece: [number, number][] = [];
  const collector: GeoStream = {
    point: (x, y) => {
      piece.push([x, y]);
    },
    lineStart: () => {
      piece = [];
    },
    lineEnd: () => {
      if (piece.length > 1) pieces.push(piece);
    },
    polygonStart: () => undefined,
    polygonEnd: () => undefined,
  };
  geoStream(lines, frame.clipped.stream(collector));
  return pieces;
}

/** Where a label along a line goes: the middle of its longest visible piece, turned with the line but never upside down. */
function alongLine(pieces: [number, number][][]): { x: number; y: number; angle: number; length: number } | undefined {
  let best: { piece: [number, number][]; length: number } | undefined;
  for (const piece of pieces) {
    let length = 0;
    for (let i = 1; i < piece.length; i++)
      length += Math.hypot(
        (piece[i]?.[0] ?? 0) - (piece[i - 1]?.[0] ?? 0),
        (piece[i]?.[1] ?? 0) - (piece[i - 1]?.[1] ?? 0),
      );
    if (!best || length > best.length) best = { piece, length };
  }
  if (!best) return undefined;
  let remaining = best.length / 2;
  for (let i = 1; i < best.piece.length; i++) {
    const [x0, y0] = best.piece[i - 1] ?? [0, 0];
    const [x1, y1] = best.piece[i] ?? [0, 0];
    const step = Math.hypot(x1 - x0, y1 - y0);
    if (step >= remaining && step > 0) {
      const t = remaining / step;
      let angle = (Math.atan2(y1 - y0, x1 - x0) * 180) / Math.PI;
      if (angle > 90) angle -= 180;
      else if (angle < -90) angle += 180;
      return { x: x0 + t * (x1 - x0), y: y0 + t * (y1 - y0), angle, length: best.length };
    }
    remaining -= step;
  }
  return undefined;
}

/**
 * One story layer as an SVG group (`data-layer` = layer ID), drawn in MapLibre's order for the layer:
 * fill with outline, casing, line, dots, labels.
 * @param features the features that pass the layer's filter
 */
export function drawLayer(document: Document, frame: Frame, layer: Layer, features: readonly Feature[]): SVGGElement {
  const style = styleFor(layer.style);
  const group = svgElement(document, 'g', { 'data-layer': layer.id });
  const tag = (element: SVGElement, feature: Feature): SVGElement => {
    const id = featureId(feature);
    if (id !== undefined) element.setAttribute('data-feature', id);
    return element;
  };

  if (style.fill && layer.kind === 'fill') {
    const { colour, opacity, outline } = style.fill;
    for (const feature of features) {
      if (feature.geometry?.type !== 'Polygon' && feature.geometry?.type !== 'MultiPolygon') continue;
      const d = frame.path(feature.geometry);
      if (!d) continue;
      group.append(
        tag(
          svgElement(document, 'path', {
            d,
            fill: fillColour(colour, feature),
            'fill-opacity': opacity,
            'fill-rule': 'evenodd',
            ...(outline
              ? {
                  stroke: outline,
                  'stroke-width': 0.8,
                  'stroke-linejoin': 'round',
                  'vector-effect': 'non-scaling-stroke',
                }
              : { stroke: 'none' }),
          }),
          feature,
        ),
      );
    }
  }

  if (style.line && (layer.kind === 'line' || (layer.kind === 'fill' && !style.fill))) {
    const { colour, opacity, casing, dash } = style.line;
    const width = widthAt(style.line.width, frame.zoom);
    const drawn: { d: string; feature: Feature }[] = [];
    for (const feature of features) {
      const lines = asLines(feature.geometry);
      const d = lines && frame.path(lines);
      if (d) drawn.push({ d, feature });
    }
    const lineAttributes = {
      fill: 'none',
      'stroke-linejoin': 'round',
      'stroke-linecap': 'round',
      'vector-effect': 'non-scaling-stroke',
    };
    // MapLibre draws a layer's whole casing beneath its whole line, so crossings do not cut each other.
    if (casing)
      for (const { d, feature } of drawn)
        group.append(
          tag(
            svgElement(document, 'path', {
              d,
              ...lineAttributes,
              stroke: casing,
              'stroke-width': width + 2,
              'stroke-opacity': 0.9,
            }),
            feature,
          ),
        );
    for (const { d, feature } of drawn) {
      group.append(
        tag(
          svgElement(document, 'path', {
            d,
            ...lineAttributes,
            stroke: colour,
            'stroke-width': width,
            'stroke-opacity': opacity,
            // MapLibre's dash lengths are in line widths.
            ...(dash && { 'stroke-dasharray': dash.map((length) => length * width).join(' ') }),
          }),
          feature,
        ),
      );
    }
  }

  const points: { at: [number, number]; feature: Feature }[] = [];
  if (layer.kind === 'circle' || layer.kind === 'label') {
    for (const feature of features) {
      for (const position of pointsOf(feature.geometry)) {
        const at = frame.toScreen(position);
        if (inFrame(frame, at)) points.push({ at, feature });
      }
    }
  }
  if (style.circle) {
    const { colour, radius, stroke } = style.circle;
    for (const { at, feature } of points)
      group.append(
        tag(
          svgElement(document, 'circle', {
            cx: at[0].toFixed(1),
            cy: at[1].toFixed(1),
            r: radius,
            style: `r: ${onScreen(radius)}`,
            fill: colour,
            stroke,
            'stroke-width': 1,
            'vector-effect': 'non-scaling-stroke',
          }),
          feature,
        ),
      );
  }

  if (style.text && layer.labelField) {
    const field = layer.labelField;
    const attributes = textAttributes(style.text);
    const size = style.text.size;
    const candidates = levelsOf(frame, layer);
    if (style.text.placement === 'line') {
      for (const feature of features) {
        const text = labelText(feature, field);
        const lines = asLines(feature.geometry);
        const place = text !== undefined && lines ? alongLine(screenPieces(frame, lines)) : undefined;
        if (!text || !place) continue;
        const length = text.length * size * GLYPH_WIDTH;
        // The box of the turned label, centred 0.8 em off the line as the dy below places it.
        const radians = (place.angle * Math.PI) / 180;
        const cx = Math.sin(radians) * 0.8 * size;
        const cy = -Math.cos(radians) * 0.8 * size;
        const halfX = Math.abs(Math.cos(radians)) * (length / 2) + Math.abs(Math.sin(radians)) * HALF_LINE * size;
        const halfY = Math.abs(Math.sin(radians)) * (length / 2) + Math.abs(Math.cos(radians)) * HALF_LINE * size;
        const levels = reserve(
          frame,
          [place.x, place.y],
          [cx - halfX, cy - halfY, cx + halfX, cy + halfY],
          candidates,
          // MapLibre drops a line label that does not fit along its line.
          (units) => place.length >= length * units,
        );
        if (levels.length === 0) continue;
        const x = place.x.toFixed(1);
        const y = place.y.toFixed(1);
        const label = svgElement(document, 'text', {
          ...attributes,
          x,
          y,
          dy: '-0.8em',
          'text-anchor': 'middle',
          'dominant-baseline': 'central',
          transform: `rotate(${place.angle.toFixed(1)} ${x} ${y})`,
        });
        label.textContent = text;
        group.append(showAt(frame, tag(label, feature), levels));
      }
    } else {
      // symbol-sort-key in layerSpecs.ts: the lower the rank, the earlier a label claims its place.
      const byRank =
        layer.kind === 'label' ? [...points].sort((a, b) => rankOf(a.feature) - rankOf(b.feature)) : points;
      const caps = style.text.caps;
      for (const { at, feature } of byRank) {
        const text = labelText(feature, field);
        if (!text) continue;
        if (caps) {
          // Centred, in capitals with tracking, no dot: as text-transform and text-letter-spacing in layerSpecs.ts.
          const half = (text.length * size * (CAPS_GLYPH_WIDTH + caps.tracking)) / 2;
          const levels = reserve(frame, at, [-half, -HALF_LINE * size, half, HALF_LINE * size], candidates);
          if (levels.length === 0) continue;
          const label = svgElement(document, 'text', {
            ...attributes,
            x: at[0].toFixed(1),
            y: at[1].toFixed(1),
            'letter-spacing': `${caps.tracking}em`,
            'text-anchor': 'middle',
            'dominant-baseline': 'central',
          });
          label.textContent = text.toLocaleUpperCase('en');
          group.append(showAt(frame, tag(label, feature), levels));
          continue;
        }
        const gap = 0.6 * size;
        const line = HALF_LINE * size;
        const levels = reserve(frame, at, [gap, -line, gap + text.length * size * GLYPH_WIDTH, line], candidates);
        if (levels.length === 0) continue;
        // The gap to the dot in ems, so it keeps its size on screen with the text.
        const label = svgElement(document, 'text', {
          ...attributes,
          x: at[0].toFixed(1),
          dx: '0.6em',
          y: at[1].toFixed(1),
          'text-anchor': 'start',
          'dominant-baseline': 'central',
        });
        label.textContent = text;
        group.append(showAt(frame, tag(label, feature), levels));
      }
    }
  }
  return group;
}

/** The accent outline of emphasised place shapes in one layer (`data-emphasis` = layer ID), as emphasisSpec draws it. */
export function drawEmphasis(
  document: Document,
  frame: Frame,
  layerId: string,
  features: readonly Feature[],
): SVGGElement {
  const group = svgElement(document, 'g', { 'data-emphasis': layerId });
  const width = widthAt(EMPHASIS_WIDTH, frame.zoom);
  for (const feature of features) {
    const lines = asLines(feature.geometry);
    const d = lines && frame.path(lines);
    if (!d) continue;
    const path = svgElement(document, 'path', {
      d,
      fill: 'none',
      stroke: ACCENT,
      'stroke-width': width,
      'stroke-opacity': 0.95,
      'stroke-linejoin': 'round',
      'vector-effect': 'non-scaling-stroke',
    });
    const id = featureId(feature);
    if (id !== undefined) path.setAttribute('data-feature', id);
    group.append(path);
  }
  return group;
}

/**
 * Everything a map state shows, drawn into a frame: the water, each visible layer that is in its zoom range and
 * loaded (`collectionOf` gives a file's features, or undefined while it loads), then the emphasised place shapes.
 */
export function drawState(
  document: Document,
  story: Story,
  state: MapState,
  frame: Frame,
  collectionOf: (file: string) => FeatureCollection | undefined,
): SVGElement[] {
  const children: SVGElement[] = [
    svgElement(document, 'rect', { class: 'static-map__water', width: frame.width, height: frame.height, fill: WATER }),
  ];
  // The place buttons go over the drawing: map labels give way to them, as they do to the WebGL map's blockers.
  for (const level of frame.levels) {
    const band = zoomBandFor(level.zoom);
    for (const place of story.places) {
      const marker = state.markers[place.id];
      if (!marker || !markerShown(place, marker, band)) continue;
      const at = frame.toScreen(marker.anchor);
      if (inFrame(frame, at)) level.boxes.push(boxAt(level, at, markerBox(place, 0, 0)));
    }
  }
  // Top layer first, as MapLibre places symbols: a higher layer's labels claim their room before a lower one's.
  const groups: SVGGElement[] = [];
  for (const layer of [...story.layers].reverse()) {
    const opacity = state.layerOpacity[layer.id] ?? 0;
    const collection = collectionOf(layer.file);
    // A preview draws a layer of labels or dots at every zoom it may be shown at; other layers at its own zoom.
    const levels = levelsOf(frame, layer);
    const marks = layer.kind === 'label' || layer.kind === 'circle' || layer.labelField !== undefined;
    const drawn = levels.includes(frame.ownLevel) || (marks && levels.length > 0);
    if (opacity <= 0 || !drawn || !collection) continue;
    const filter = layerFilter(layer, state.snapshots[layer.id]?.date);
    const features = collection.features.filter((feature) => matchesFilter(filter, feature.properties));
    const group = drawLayer(document, frame, layer, features);
    if (marks) showAt(frame, group, levels);
    if (opacity < 1) group.setAttribute('opacity', String(opacity));
    const snapshot = state.snapshots[layer.id];
    if (snapshot) group.setAttribute('data-date', snapshot.date);
    groups.push(group);
  }
  children.push(...groups.reverse());
  // Like the WebGL map's emphasis layers: drawn last, whatever the opacity of the layer holding the shape.
  for (const [layerId, featureIds] of emphasisedShapes(story.places, state.emphasis)) {
    const layer = story.layers.find((candidate) => candidate.id === layerId);
    const collection = layer && collectionOf(layer.file);
    if (!collection || featureIds.length === 0) continue;
    const shapes = collection.features.filter((feature) => featureIds.includes(String(feature.properties?.id)));
    children.push(drawEmphasis(document, frame, layerId, shapes));
  }
  return children;
}

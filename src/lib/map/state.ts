// Pure "what the map shows": turns the story, the active step, the selected place and a picked date into a MapState.
// No DOM, no MapLibre: every renderer (WebGL map, static fallback), every panel (legend, date control, chart,
// locator) and every test reads the same answer. A question about a step's map has its answer here.
import { formatDate } from '../format.ts';
import { snapshotFor } from '../story/snapshots.ts';
import type { Bounds, Layer, LngLat, Place, Snapshot, Step, Story } from '../story/types.ts';

/** A camera ready to apply: a centre and zoom, or a box to fit. */
export type Camera =
  | { kind: 'center'; center: LngLat; zoom: number; bearing: number; pitch: number }
  | { kind: 'bounds'; bounds: Bounds; padding: number; maxZoom: number };

/** How a place's marker shows. */
export interface MarkerState {
  /** False for a place drawn by a story layer (the fortification lines) while that layer is hidden. */
  visible: boolean;
  emphasised: boolean;
  selected: boolean;
  /** Where its label goes now: the step's placement for it, or the place's anchor. */
  anchor: LngLat;
}

/** One legend line: a visible story layer, its source and the date it shows. */
export interface LegendEntry {
  layerId: string;
  name: string;
  /** The layer's style token, for its swatch. */
  style: string;
  caveat?: string;
  source: string;
  /** "as of 2021", or for a dated layer the snapshot drawn: "12 March 2025, 12:04 UTC". */
  asOf: string;
}

/** The date control (and, for the timeline's own layer, the area chart). */
export interface TimelinePanel {
  /** The snapshots the reader can pick, in date order. */
  snapshots: Snapshot[];
  /** The snapshot shown now. */
  shown: Snapshot;
  /** The date control's label, from the story ("Control area on"). */
  label: string;
  /** True when the layer of the story's timeline (the area chart) is shown now. */
  chart: boolean;
}

/** Which panels the map needs now. */
export interface Panels {
  legend: LegendEntry[];
  timeline?: TimelinePanel;
  /** True when the camera is zoomed in far enough for the locator inset to help. */
  locator: boolean;
}

/** Everything a renderer or a panel needs to draw one moment of the story. */
export interface MapState {
  /** The step this state belongs to. */
  stepId: string;
  camera: Camera;
  /** Opacity of every layer by ID: base layers 1, story layers 1 when the step shows them, else 0. */
  layerOpacity: Record<string, number>;
  /** For each visible dated layer, the snapshot it draws. */
  snapshots: Record<string, Snapshot>;
  /** How each place's marker shows, by place ID. */
  markers: Record<string, MarkerState>;
  /** Places drawn with emphasis (the step's, plus the selected one). */
  emphasis: string[];
  /** The selected place, if any. */
  selectedPlaceId?: string;
  /** Date for dated layers; present only while a dated layer is visible. */
  date?: string;
  panels: Panels;
}

/** How much a renderer labels: at world and region zooms only the places that matter to the state are marked. */
export type ZoomBand = 'world' | 'region' | 'local';

/** The zoom band of a zoom: both renderers mark places by it. */
export function zoomBandFor(zoom: number): ZoomBand {
  return zoom < 4.5 ? 'world' : zoom < 7 ? 'region' : 'local';
}

const DEFAULT_PADDING = 40;
/** A map this wide (the build's static maps) decides how much of the world a centre-and-zoom camera shows. */
const REFERENCE_WIDTH = 640;
/** The locator shows while the camera spans less than this share of the locator's own width. */
const LOCATOR_SHARE = 1 / 3;
const DEFAULT_POINT_ZOOM = 9;
const DEFAULT_FIT_MAX_ZOOM = 11;

/** The box a place occupies: its bounds, or its anchor as a degenerate box. */
export function placeBox(place: Place): Bounds {
  return place.bounds ?? [place.anchor[0], place.anchor[1], place.anchor[0], place.anchor[1]];
}

/** The smallest box containing all the given boxes. */
export function unionBoxes(boxes: readonly Bounds[]): Bounds {
  const [first, ...rest] = boxes;
  if (!first) throw new Error('unionBoxes needs at least one box');
  return rest.reduce<Bounds>(
    (acc, box) => [
      Math.min(acc[0], box[0]),
      Math.min(acc[1], box[1]),
      Math.max(acc[2], box[2]),
      Math.max(acc[3], box[3]),
    ],
    [...first],
  );
}

/** Resolves a step's camera spec against the places it names. */
export function cameraForStep(story: Story, step: Step): Camera {
  const spec = step.camera;
  if ('center' in spec)
    return { kind: 'center', center: spec.center, zoom: spec.zoom, bearing: spec.bearing ?? 0, pitch: spec.pitch ?? 0 };
  const boxes: Bounds[] = (spec.fit.places ?? []).map((placeId) => placeBox(placeById(story, placeId)));
  if (spec.fit.bounds) boxes.push(spec.fit.bounds);
  return {
    kind: 'bounds',
    bounds: unionBoxes(boxes),
    padding: spec.padding ?? DEFAULT_PADDING,
    maxZoom: spec.maxZoom ?? DEFAULT_FIT_MAX_ZOOM,
  };
}

/** The camera that shows a place: its bounds (which may include context, e.g. for a far-off city), or its anchor. */
export function cameraForPlace(place: Place): Camera {
  if (place.bounds)
    return {
      kind: 'bounds',
      bounds: place.bounds,
      padding: DEFAULT_PADDING,
      maxZoom: place.zoom ?? DEFAULT_FIT_MAX_ZOOM,
    };
  return { kind: 'center', center: place.anchor, zoom: place.zoom ?? DEFAULT_POINT_ZOOM, bearing: 0, pitch: 0 };
}

/**
 * The map state for a step, optionally with a selected place whose camera then wins over the step's, and a date the
 * reader picked that wins over the step's date.
 * @throws when the step or place is unknown (the validator makes that a programming error)
 */
export function mapStateFor(story: Story, stepId: string, selectedPlaceId?: string, pickedDate?: string): MapState {
  const step = story.steps.find((candidate) => candidate.id === stepId);
  if (!step) throw new Error(`unknown step "${stepId}"`);
  const selected = selectedPlaceId === undefined ? undefined : placeById(story, selectedPlaceId);
  const layerOpacity: Record<string, number> = {};
  for (const layer of story.layers) layerOpacity[layer.id] = layer.base || step.layers.includes(layer.id) ? 1 : 0;
  // A selected place drawn by a story layer (the fortification lines) brings its layer along.
  if (selected?.shape) layerOpacity[selected.shape.layer] = 1;
  const shown = (layer: Layer): boolean => (layerOpacity[layer.id] ?? 0) > 0;
  const showsDated = story.layers.some((layer) => layer.dated && shown(layer));
  const date = showsDated ? (pickedDate ?? step.date) : undefined;
  const snapshots: Record<string, Snapshot> = {};
  for (const layer of story.layers) {
    const snapshot =
      layer.dated && shown(layer) && date !== undefined ? snapshotFor(layer.snapshots ?? [], date) : undefined;
    if (snapshot) snapshots[layer.id] = snapshot;
  }
  const emphasis =
    selected && !step.emphasis.includes(selected.id) ? [...step.emphasis, selected.id] : [...step.emphasis];
  const markers: Record<string, MarkerState> = {};
  for (const place of story.places) {
    const isSelected = selected?.id === place.id;
    const shapeLayer = place.shape && story.layers.find((layer) => layer.id === place.shape?.layer);
    markers[place.id] = {
      visible: !shapeLayer || shown(shapeLayer) || isSelected,
      emphasised: emphasis.includes(place.id),
      selected: isSelected,
      anchor: step.labels?.[place.id] ?? place.anchor,
    };
  }
  const camera = selected ? cameraForPlace(selected) : cameraForStep(story, step);
  const legend = story.layers
    .filter((layer) => !layer.base && shown(layer))
    .map((layer) => legendEntry(layer, snapshots[layer.id]));
  return {
    stepId,
    camera,
    layerOpacity,
    snapshots,
    markers,
    emphasis,
    ...(selected && { selectedPlaceId: selected.id }),
    ...(date !== undefined && { date }),
    panels: {
      legend,
      ...(date !== undefined && timelinePanel(story, date, shown)),
      locator:
        story.meta.locator !== undefined &&
        cameraSpan(camera) < (story.meta.locator.bounds[2] - story.meta.locator.bounds[0]) * LOCATOR_SHARE,
    },
  };
}

/**
 * The date control for a date: over the timeline's layer, or else the first dated layer with snapshots; only while
 * that layer is shown (a date control over layers the map does not show would move nothing the reader sees).
 */
function timelinePanel(
  story: Story,
  date: string,
  shown: (layer: Layer) => boolean,
): { timeline: TimelinePanel } | undefined {
  const layer =
    story.layers.find((candidate) => candidate.id === story.timeline?.layer) ??
    story.layers.find((candidate) => candidate.dated && candidate.snapshots?.length);
  const snapshots = layer?.snapshots ?? [];
  const snapshot = snapshotFor(snapshots, date);
  if (!layer || !snapshot || !shown(layer)) return undefined;
  const timeline = story.timeline;
  const chartLayer = timeline && story.layers.find((candidate) => candidate.id === timeline.layer);
  return {
    timeline: {
      snapshots,
      shown: snapshot,
      label: timeline?.dateLabel ?? `${layer.name} on`,
      chart: chartLayer !== undefined && shown(chartLayer),
    },
  };
}

function legendEntry(layer: Layer, snapshot: Snapshot | undefined): LegendEntry {
  const time = snapshot && /T(\d{2}:\d{2})/.exec(snapshot.time)?.[1];
  const asOf = snapshot ? `${formatDate(snapshot.date)}${time ? `, ${time} UTC` : ''}` : `as of ${layer.date}`;
  return {
    layerId: layer.id,
    name: layer.name,
    style: layer.style,
    ...(layer.caveat && { caveat: layer.caveat }),
    source: layer.source,
    asOf,
  };
}

/** Degrees of longitude a camera asks to show: its box, or what a centre and zoom show across a reference map. */
export function cameraSpan(camera: Camera): number {
  if (camera.kind === 'bounds') return camera.bounds[2] - camera.bounds[0];
  return (360 * REFERENCE_WIDTH) / (512 * 2 ** camera.zoom);
}

function placeById(story: Story, placeId: string): Place {
  const place = story.places.find((candidate) => candidate.id === placeId);
  if (!place) throw new Error(`unknown place "${placeId}"`);
  return place;
}

/** Formats a camera position as the page contract's data-camera value: "LNG,LAT,ZOOM". */
export function formatCamera(center: { lng: number; lat: number }, zoom: number): string {
  return `${center.lng.toFixed(4)},${center.lat.toFixed(4)},${zoom.toFixed(2)}`;
}

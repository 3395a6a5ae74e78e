// Pure "what the map shows": turns the story, the active step and the selected place into a MapState.
// No DOM, no MapLibre: every renderer (WebGL map, static fallback) and every test reads the same answer.
import type { Bounds, LngLat, Place, Step, Story } from '../story/types.ts';

/** A camera ready to apply: a centre and zoom, or a box to fit. */
export type Camera =
  | { kind: 'center'; center: LngLat; zoom: number; bearing: number; pitch: number }
  | { kind: 'bounds'; bounds: Bounds; padding: number; maxZoom: number };

/** Everything a renderer needs to draw one moment of the story. */
export interface MapState {
  /** The step this state belongs to. */
  stepId: string;
  camera: Camera;
  /** Opacity of every layer by ID: base layers 1, story layers 1 when the step shows them, else 0. */
  layerOpacity: Record<string, number>;
  /** Places drawn with emphasis (the step's, plus the selected one). */
  emphasis: string[];
  /** The selected place, if any. */
  selectedPlaceId?: string;
  /** Date for dated layers; present only while a dated layer is visible. */
  date?: string;
}

const DEFAULT_PADDING = 40;
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
  return rest.reduce<Bounds>((acc, box) => [
    Math.min(acc[0], box[0]), Math.min(acc[1], box[1]), Math.max(acc[2], box[2]), Math.max(acc[3], box[3]),
  ], [...first]);
}

/** Resolves a step's camera spec against the places it names. */
export function cameraForStep(story: Story, step: Step): Camera {
  const spec = step.camera;
  if ('center' in spec) return { kind: 'center', center: spec.center, zoom: spec.zoom, bearing: spec.bearing ?? 0, pitch: spec.pitch ?? 0 };
  const boxes: Bounds[] = (spec.fit.places ?? []).map((placeId) => placeBox(placeById(story, placeId)));
  if (spec.fit.bounds) boxes.push(spec.fit.bounds);
  return { kind: 'bounds', bounds: unionBoxes(boxes), padding: spec.padding ?? DEFAULT_PADDING, maxZoom: spec.maxZoom ?? DEFAULT_FIT_MAX_ZOOM };
}

/** The camera that shows a place: its bounds (which may include context, e.g. for a far-off city), or its anchor. */
export function cameraForPlace(place: Place): Camera {
  if (place.bounds) return { kind: 'bounds', bounds: place.bounds, padding: DEFAULT_PADDING, maxZoom: place.zoom ?? DEFAULT_FIT_MAX_ZOOM };
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
  const showsDated = story.layers.some((layer) => layer.dated && layerOpacity[layer.id] === 1);
  const emphasis = selected && !step.emphasis.includes(selected.id) ? [...step.emphasis, selected.id] : [...step.emphasis];
  return {
    stepId,
    camera: selected ? cameraForPlace(selected) : cameraForStep(story, step),
    layerOpacity,
    emphasis,
    ...(selected && { selectedPlaceId: selected.id }),
    ...(showsDated && (pickedDate ?? step.date) && { date: pickedDate ?? step.date }),
  };
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

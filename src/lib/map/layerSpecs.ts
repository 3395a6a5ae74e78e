// Turns a story layer and its style token into MapLibre style layers, and a story into the whole style its map starts
// with. Pure. Layers are hidden with opacity 0, never with `visibility`, so showing and hiding can fade.
import { ACCENT, styleFor, WATER, type StyleToken } from '../cartography/styles.ts';
import type { Layer, Place, Story } from '../story/types.ts';
import type { MapState, ZoomBand } from './state.ts';
import { markerShown } from './static/markers.ts';

/** One MapLibre layer and the paint properties that carry its opacity, with their full value. */
export interface LayerSpec {
  spec: Record<string, unknown>;
  opacity: [property: string, full: number][];
  /** A layer of labels, each hidden where a panel over the map covers part of it (feature state `covered`). */
  labels?: boolean;
}

/**
 * A label's colour (or its dot's) where panels may cover the label: transparent while the feature state says a panel
 * covers part of it (a word cut by a panel's edge reads as a fragment, and a dot without its name as nothing). The
 * colour, not the opacity, so that layers still fade: a value that depends on feature state does not transition.
 */
export function uncovered(colour: string): unknown[] {
  return ['case', ['boolean', ['feature-state', 'covered'], false], 'rgba(0, 0, 0, 0)', colour];
}

/** Fades between steps last this long (ms); 0 when motion is reduced. */
export const FADE_MS = 500;

export const sourceId = (file: string): string => `src:${file}`;

type Filter = unknown[];

/** The filter a layer always applies: its `where` clause, plus the date for dated layers. */
export function layerFilter(layer: Layer, date?: string): Filter | undefined {
  const clauses: Filter[] = Object.entries(layer.where ?? {}).map(([key, value]) =>
    Array.isArray(value) ? ['in', ['get', key], ['literal', value]] : ['==', ['get', key], value],
  );
  if (layer.dated) clauses.push(['==', ['get', 'date'], date ?? '']);
  if (clauses.length === 0) return undefined;
  return clauses.length === 1 ? clauses[0] : ['all', ...clauses];
}

/** A line width, constant or interpolated by zoom; `extra` widens it (for casings: zoom must stay the outer expression). */
function zoomed(width: number | [number, number, number, number], extra = 0): unknown {
  if (typeof width === 'number') return width + extra;
  const [z1, w1, z2, w2] = width;
  return ['interpolate', ['linear'], ['zoom'], z1, w1 + extra, z2, w2 + extra];
}

function fillColour(colour: NonNullable<StyleToken['fill']>['colour']): unknown {
  if (typeof colour === 'string') return colour;
  const [fallback, byCountry] = colour;
  return ['match', ['get', 'country'], ...Object.entries(byCountry).flat(), fallback];
}

const FONTS = { regular: ['Noto Sans Regular'], bold: ['Noto Sans Bold'], italic: ['Noto Sans Italic'] };

/**
 * MapLibre layers for one story layer, in drawing order.
 * @param visible initial visibility (opacity 1 or 0)
 * @param fadeMs length of opacity transitions
 */
export function layerSpecs(layer: Layer, visible: boolean, fadeMs = FADE_MS, date?: string): LayerSpec[] {
  const style = styleFor(layer.style);
  const source = sourceId(layer.file);
  const filter = layerFilter(layer, date);
  const common = {
    source,
    ...(filter && { filter }),
    ...(layer.minzoom !== undefined && { minzoom: layer.minzoom }),
    ...(layer.maxzoom !== undefined && { maxzoom: layer.maxzoom }),
  };
  const transition = { duration: fadeMs, delay: 0 };
  const start = (full: number): number => (visible ? full : 0);
  const specs: LayerSpec[] = [];

  if (style.fill && layer.kind === 'fill') {
    specs.push({
      spec: {
        id: `${layer.id}`,
        type: 'fill',
        ...common,
        paint: {
          'fill-color': fillColour(style.fill.colour),
          'fill-opacity': start(style.fill.opacity),
          'fill-opacity-transition': transition,
        },
      },
      opacity: [['fill-opacity', style.fill.opacity]],
    });
    if (style.fill.outline) {
      specs.push({
        spec: {
          id: `${layer.id}__outline`,
          type: 'line',
          ...common,
          paint: {
            'line-color': style.fill.outline,
            'line-width': 0.8,
            'line-opacity': start(1),
            'line-opacity-transition': transition,
          },
        },
        opacity: [['line-opacity', 1]],
      });
    }
  }
  if (style.line && (layer.kind === 'line' || (layer.kind === 'fill' && !style.fill))) {
    const width = zoomed(style.line.width);
    if (style.line.casing) {
      const casingWidth = zoomed(style.line.width, 2);
      specs.push({
        spec: {
          id: `${layer.id}__casing`,
          type: 'line',
          ...common,
          layout: { 'line-join': 'round', 'line-cap': 'round' },
          paint: {
            'line-color': style.line.casing,
            'line-width': casingWidth,
            'line-opacity': start(0.9),
            'line-opacity-transition': transition,
          },
        },
        opacity: [['line-opacity', 0.9]],
      });
    }
    specs.push({
      spec: {
        id: `${layer.id}`,
        type: 'line',
        ...common,
        layout: { 'line-join': 'round', 'line-cap': 'round' },
        paint: {
          'line-color': style.line.colour,
          'line-width': width,
          ...(style.line.dash && { 'line-dasharray': style.line.dash }),
          'line-opacity': start(style.line.opacity),
          'line-opacity-transition': transition,
        },
      },
      opacity: [['line-opacity', style.line.opacity]],
    });
  }
  // A dot goes with its label: where a panel hides the name, the dot goes too.
  const named = (colour: string): unknown => (style.text && layer.labelField ? uncovered(colour) : colour);
  if (style.circle && (layer.kind === 'circle' || layer.kind === 'label')) {
    specs.push({
      spec: {
        id: `${layer.id}__dot`,
        type: 'circle',
        ...common,
        paint: {
          'circle-color': named(style.circle.colour),
          'circle-radius': style.circle.radius,
          'circle-stroke-color': named(style.circle.stroke),
          'circle-stroke-width': 1,
          'circle-opacity': start(1),
          'circle-stroke-opacity': start(1),
          'circle-opacity-transition': transition,
          'circle-stroke-opacity-transition': transition,
        },
      },
      opacity: [
        ['circle-opacity', 1],
        ['circle-stroke-opacity', 1],
      ],
    });
  }
  if (style.text && layer.labelField) {
    const alongLine = style.text.placement === 'line';
    specs.push({
      spec: {
        id: `${layer.id}__label`,
        type: 'symbol',
        ...common,
        layout: {
          'text-field': ['get', layer.labelField],
          'text-font': FONTS[style.text.font ?? 'regular'],
          'text-size': style.text.size,
          'symbol-placement': alongLine ? 'line' : 'point',
          ...(alongLine
            ? { 'text-offset': [0, -0.8] }
            : style.text.caps
              ? {
                  'text-anchor': 'center',
                  'text-transform': 'uppercase',
                  'text-letter-spacing': style.text.caps.tracking,
                }
              : { 'text-anchor': 'left', 'text-offset': [0.6, 0], 'text-optional': true }),
          ...(layer.kind === 'label' && { 'symbol-sort-key': ['coalesce', ['get', 'rank'], 3] }),
        },
        paint: {
          'text-color': uncovered(style.text.colour),
          'text-halo-color': uncovered(style.text.halo),
          'text-halo-width': 1.6,
          'text-opacity': start(1),
          'text-opacity-transition': transition,
        },
      },
      opacity: [['text-opacity', 1]],
      labels: true,
    });
  }
  return specs;
}

/**
 * An accent outline for the place shapes a layer draws (a region, a line): it holds all of them and draws those whose
 * feature state is `emphasised`. Which places a step emphasises changes at most steps; as a filter, each change had
 * MapLibre cut the layer's whole file into tiles again.
 * @param featureIds every place shape of the layer (placeShapes)
 */
export function emphasisSpec(layer: Layer, featureIds: readonly string[]): Record<string, unknown> {
  return {
    id: `${layer.id}__emphasis`,
    type: 'line',
    source: sourceId(layer.file),
    filter: emphasisFilter(featureIds),
    layout: { 'line-join': 'round' },
    paint: {
      'line-color': ACCENT,
      'line-width': ['interpolate', ['linear'], ['zoom'], 4, 1.5, 10, 3.5],
      'line-opacity': ['case', ['boolean', ['feature-state', 'emphasised'], false], 0.95, 0],
    },
  };
}

/** Filter matching the given feature IDs (none when empty). */
export function emphasisFilter(featureIds: readonly string[]): unknown[] {
  return ['in', ['get', 'id'], ['literal', [...featureIds]]];
}

/** Every place shape's feature ID, in each layer that draws one. */
export function placeShapes(places: readonly Place[]): Map<string, string[]> {
  return emphasisedShapes(
    places,
    places.map((place) => place.id),
  );
}

/** The shape feature IDs to emphasise in each layer, for the emphasised places. */
export function emphasisedShapes(places: readonly Place[], emphasis: readonly string[]): Map<string, string[]> {
  const byLayer = new Map<string, string[]>();
  for (const place of places) {
    if (!place.shape) continue;
    if (!byLayer.has(place.shape.layer)) byLayer.set(place.shape.layer, []);
    if (emphasis.includes(place.id)) byLayer.get(place.shape.layer)?.push(place.shape.feature);
  }
  return byLayer;
}

/** The source of the place markers' stand-ins in MapLibre's label placement. */
export const BLOCKER_SOURCE = 'place-blockers';

/**
 * Invisible labels the size of the HTML place markers, placed first (they are the top layers): MapLibre's collision
 * then keeps the map's own labels (towns, countries, rivers) out from under the markers, during flights too. Sizes
 * follow .place-marker in explainer.css; the static map reserves the same boxes (markerBox in static/markers.ts).
 */
export function blockerSpecs(): Record<string, unknown>[] {
  const common = { type: 'symbol', source: BLOCKER_SOURCE, paint: { 'text-opacity': 0 } };
  // Always placed, even over each other (the markers are there whatever MapLibre thinks), and still in the way.
  const placement = { 'text-allow-overlap': true, 'text-ignore-placement': false, 'text-padding': 3 };
  return [
    {
      ...common,
      id: `${BLOCKER_SOURCE}__point`,
      filter: ['!=', ['get', 'kind'], 'region'],
      layout: {
        'text-field': ['get', 'name'],
        'text-font': FONTS.bold,
        'text-size': 12.8,
        'text-anchor': 'left',
        // The dot and the gap before a point's label (1.1rem); a line's label starts at its anchor.
        'text-offset': ['case', ['==', ['get', 'kind'], 'line'], ['literal', [0.1, 0]], ['literal', [1.4, 0]]],
        ...placement,
      },
    },
    {
      ...common,
      id: `${BLOCKER_SOURCE}__region`,
      filter: ['==', ['get', 'kind'], 'region'],
      layout: {
        'text-field': ['get', 'name'],
        'text-font': FONTS.bold,
        'text-size': 12,
        'text-anchor': 'center',
        'text-transform': 'uppercase',
        'text-letter-spacing': 0.1,
        ...placement,
      },
    },
  ];
}

/** The markers a state shows at a zoom band, as points for the blocker layers. */
export function blockerFeatures(story: Story, state: MapState, band: ZoomBand): Record<string, unknown> {
  const features = story.places.flatMap((place) => {
    const marker = state.markers[place.id];
    if (!marker || !markerShown(place, marker, band)) return [];
    return [
      {
        type: 'Feature',
        properties: { id: place.id, name: place.name, kind: place.kind },
        geometry: { type: 'Point', coordinates: marker.anchor },
      },
    ];
  });
  return { type: 'FeatureCollection', features };
}

/** A MapLibre style (version 8): its sources by ID and its layers, bottom first. */
export interface StyleJson {
  version: 8;
  sources: Record<string, Record<string, unknown>>;
  layers: Record<string, unknown>[];
}

/** How storyStyle starts the map. */
export interface StoryStyleOptions {
  /** Length of opacity transitions (ms). */
  fadeMs?: number;
  /** The URL a file's source starts with; a source without one starts empty, until a state needs its file. */
  dataUrl?(file: string): string | undefined;
  /**
   * The state the map opens at: its layers shown, its snapshots drawn (its emphasis is feature state, which the map
   * takes once it has read the style). Default: the base layers.
   */
  state?: MapState | undefined;
  /** The marker blockers the map opens with (blockerFeatures); default: none. */
  blockers?: Record<string, unknown> | undefined;
}

/**
 * The whole style of a story's map, given to the map when it is created: every file a GeoJSON source; every story
 * layer, shown or hidden, filtered to its snapshot, as the opening state has it; the emphasis outlines; the marker
 * blockers on top. One style at creation is read by MapLibre in one pass: adding the same layers one by one after
 * `load` made it check (and serialise) the whole style for each one, and opening at the first state means its
 * first `apply` changes nothing, so no fade or filter holds back the map's first `idle`.
 * @returns the style, and each story layer's MapLibre layers with the paint properties that carry its opacity
 */
export function storyStyle(
  story: Story,
  { fadeMs = FADE_MS, dataUrl = () => undefined, state, blockers }: StoryStyleOptions = {},
): { style: StyleJson; specsByLayer: Map<string, LayerSpec[]> } {
  const source = (data?: string | Record<string, unknown>): Record<string, unknown> => ({
    type: 'geojson',
    data: data ?? { type: 'FeatureCollection', features: [] },
    // A feature's `id` property names it in feature state (a label without one is never hidden under a panel).
    promoteId: 'id',
  });
  const sources: StyleJson['sources'] = {};
  for (const layer of story.layers) sources[sourceId(layer.file)] ??= source(dataUrl(layer.file));
  sources[BLOCKER_SOURCE] = source(blockers);
  const layers: StyleJson['layers'] = [{ id: 'background', type: 'background', paint: { 'background-color': WATER } }];
  const specsByLayer = new Map<string, LayerSpec[]>();
  for (const layer of story.layers) {
    const shown = state ? (state.layerOpacity[layer.id] ?? 0) > 0 : layer.base;
    const specs = layerSpecs(layer, shown, fadeMs, state?.snapshots[layer.id]?.date);
    specsByLayer.set(layer.id, specs);
    layers.push(...specs.map(({ spec }) => spec));
  }
  for (const [layerId, featureIds] of placeShapes(story.places)) {
    const layer = story.layers.find((candidate) => candidate.id === layerId);
    if (layer) layers.push(emphasisSpec(layer, featureIds));
  }
  layers.push(...blockerSpecs());
  return { style: { version: 8, sources, layers }, specsByLayer };
}

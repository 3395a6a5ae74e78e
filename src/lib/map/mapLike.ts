// The slice of MapLibre GL that the controller uses. The real module satisfies it (checked by the canary test in
// controller.test.ts); tests pass a small fake that records calls.

export interface LngLatLike {
  lng: number;
  lat: number;
}

/** Pixels along each side of the canvas. */
export interface PaddingLike {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface CameraOptions {
  center?: [number, number];
  zoom?: number;
  bearing?: number;
  pitch?: number;
  duration?: number;
  essential?: boolean;
  /** For a fit, the room kept around the box; for a jump or a flight, the map's padding (as setPadding keeps it). */
  padding?: number | PaddingLike;
  maxZoom?: number;
  animate?: boolean;
}

/** `validate: false` skips MapLibre's check of a value we built and tested. */
export interface StyleSetterOptions {
  validate?: boolean;
}

export interface GeoJsonSourceLike {
  setData(data: unknown): unknown;
}

export interface MapLike {
  on(type: string, listener: (event: { [key: string]: unknown }) => void): unknown;
  once(type: string, listener: (event: { [key: string]: unknown }) => void): unknown;
  getSource(id: string): unknown;
  addControl(control: unknown, position?: string): unknown;
  setPaintProperty(layerId: string, name: string, value: unknown, options?: StyleSetterOptions): unknown;
  setFilter(layerId: string, filter: unknown, options?: StyleSetterOptions): unknown;
  /** The features of `layers` drawn in a box of the canvas (CSS pixels); a label's if its box meets it. */
  queryRenderedFeatures(
    box: [[number, number], [number, number]],
    options: { layers: string[] },
  ): { id?: string | number | undefined; source: string }[];
  setFeatureState(feature: { source: string; id: string | number }, state: Record<string, unknown>): unknown;
  flyTo(options: CameraOptions, eventData?: Record<string, unknown>): unknown;
  easeTo(options: CameraOptions, eventData?: Record<string, unknown>): unknown;
  jumpTo(options: CameraOptions, eventData?: Record<string, unknown>): unknown;
  fitBounds(
    bounds: [[number, number], [number, number]],
    options: CameraOptions,
    eventData?: Record<string, unknown>,
  ): unknown;
  cameraForBounds(
    bounds: [[number, number], [number, number]],
    options: CameraOptions,
  ): { center?: unknown; zoom?: number } | undefined;
  getCenter(): LngLatLike;
  /** The place at a point of the canvas (CSS pixels from its top left). */
  unproject(point: [number, number]): LngLatLike;
  getZoom(): number;
  resize(): unknown;
  /** Padding kept by the map: centres and fits go into the part of the canvas it leaves clear. */
  setPadding(padding: PaddingLike): unknown;
  remove(): void;
  stop(): unknown;
  getCanvas(): HTMLCanvasElement;
  /** True while the camera moves (a flight, a jump's events, the reader's drag). */
  isMoving(): boolean;
  /** Draws the map again (and, with nothing left to load, says `idle` after). */
  triggerRepaint(): void;
  /** True when the style, every source and every transition are done. */
  loaded(): boolean;
}

export interface MarkerLike {
  setLngLat(lngLat: [number, number]): MarkerLike;
  addTo(map: MapLike): MarkerLike;
  remove(): unknown;
}

/** The constructors the controller needs from the maplibre-gl module. */
export interface MapLibreLike {
  Map: new (options: Record<string, unknown>) => MapLike;
  Marker: new (options: { element: HTMLElement; anchor?: string }) => MarkerLike;
  NavigationControl: new (options?: Record<string, unknown>) => unknown;
  AttributionControl: new (options?: Record<string, unknown>) => unknown;
}

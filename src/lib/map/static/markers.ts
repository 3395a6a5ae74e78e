// The place buttons laid over a static drawing (the fallback map and the preview): one button per place, positioned
// over its anchor in the drawing's current frame, shown and marked as the map state says. The WebGL map has its own
// (MapLibre markers) built from the same markerElement, so places look and answer alike whichever map shows them.
import type { Position } from 'geojson';
import type { Place, Story } from '../../story/types.ts';
import type { MapState, MarkerState, ZoomBand } from '../state.ts';
import { markerElement } from '../markerElement.ts';

/**
 * Whether a place is marked at a zoom band: at world zooms only emphasised and selected places, at region zooms no
 * plain towns. The stylesheet says the same for the buttons (`[data-zoom-band]` rules); images drawn without the
 * stylesheet (the build's previews) ask this.
 */
export function markerShown(place: Place, marker: MarkerState, band: ZoomBand): boolean {
  if (!marker.visible) return false;
  if (marker.emphasised || marker.selected) return true;
  if (band === 'world') return false;
  return !(band === 'region' && place.kind === 'town');
}

// The marker's box as the stylesheet lays it out (.place-marker in explainer.css), estimated without layout: a 0.8rem
// semibold label after a 0.7rem dot and a 0.3rem gap; a region's 0.75rem capitals spaced 0.1em, centred, no dot.
const REM = 16;
const GLYPH = 0.6;

/** The screen box [x0, y0, x1, y1] a place's button covers with its anchor at (x, y), for map labels to avoid. */
export function markerBox(place: Place, x: number, y: number): [number, number, number, number] {
  if (place.kind === 'region') {
    const size = 0.75 * REM;
    const half = (place.name.length * size * (GLYPH + 0.1)) / 2 + 0.35 * REM;
    return [x - half, y - 0.7 * size, x + half, y + 0.7 * size];
  }
  const size = 0.8 * REM;
  const text = place.name.length * size * GLYPH;
  const lead = place.kind === 'line' ? 0.1 * REM : (0.1 + 0.7 + 0.3) * REM;
  return [x, y - 0.7 * size, x + lead + text + 0.35 * REM, y + 0.7 * size];
}

/** The overlay of place buttons. */
export interface PlaceButtons {
  /** Positions and marks every button for a state, seen through `toScreen` in a `width` × `height` box. */
  place(state: MapState, toScreen: (position: Position) => [number, number], width: number, height: number): void;
  remove(): void;
}

/** Adds a `<div class="static-map__places">` of place buttons to `container`; `onplace` is called on activation. */
export function createPlaceButtons(
  container: HTMLElement,
  story: Story,
  onplace: (placeId: string) => void,
): PlaceButtons {
  const document = container.ownerDocument;
  const overlay = document.createElement('div');
  overlay.className = 'static-map__places';
  Object.assign(overlay.style, { position: 'absolute', inset: '0', overflow: 'hidden', pointerEvents: 'none' });
  const buttons = new Map<string, HTMLElement>();
  for (const place of story.places) {
    const element = markerElement(place, document);
    Object.assign(element.style, { position: 'absolute', left: '0', top: '0', pointerEvents: 'auto' });
    element.hidden = true;
    element.addEventListener('click', (event) => {
      event.stopPropagation();
      onplace(place.id);
    });
    overlay.append(element);
    buttons.set(place.id, element);
  }
  container.append(overlay);

  return {
    place(state, toScreen, width, height) {
      for (const place of story.places) {
        const element = buttons.get(place.id);
        if (!element) continue;
        const marker = state.markers[place.id];
        const [x, y] = toScreen(marker?.anchor ?? place.anchor);
        element.hidden = !marker?.visible || !(x >= 0 && x <= width && y >= 0 && y <= height);
        element.style.left = `${x.toFixed(1)}px`;
        element.style.top = `${y.toFixed(1)}px`;
        // The anchors the WebGL map gives its markers: regions centred on the point, the rest starting at it.
        element.style.transform = place.kind === 'region' ? 'translate(-50%, -50%)' : 'translate(0, -50%)';
        element.classList.toggle('is-emphasised', marker?.emphasised ?? false);
        element.classList.toggle('is-selected', marker?.selected ?? false);
        element.setAttribute('aria-pressed', marker?.selected ? 'true' : 'false');
      }
    },
    remove() {
      overlay.remove();
    },
  };
}

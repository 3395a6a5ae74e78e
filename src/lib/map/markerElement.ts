// The place marker button of both map renderers (WebGL and static), so places get the same accessible names,
// classes and structure whichever draws the map.
import type { Place } from '../story/types.ts';

/** A marker is a real button: named, focusable, activated by click, Enter and Space. */
export function markerElement(place: Place, document: Document = globalThis.document): HTMLElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = `place-marker place-marker--${place.kind}`;
  button.dataset.place = place.id;
  button.setAttribute('aria-label', `${place.name}: show on the map and in the article`);
  const dot = document.createElement('span');
  dot.className = 'place-marker__dot';
  dot.setAttribute('aria-hidden', 'true');
  const label = document.createElement('span');
  label.className = 'place-marker__label';
  label.textContent = place.name;
  button.append(dot, label);
  return button;
}

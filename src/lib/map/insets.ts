// The parts of the map box that panels cover, as padding for the camera: a step's view is fitted into what is left, in
// both renderers (MapLibre's padding, the static map's fitted extent). Pure, so the rule is tested without a page.

/** Pixels covered along each side of the map box. */
export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export const NO_INSETS: Insets = { top: 0, right: 0, bottom: 0, left: 0 };

/** A box in page pixels, as getBoundingClientRect gives it. */
export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** No side gives up more than this share of the map box, so a tall panel cannot squeeze the view to a strip. */
export const MAX_INSET_SHARE = 0.2;

/**
 * The insets that keep a camera's view clear of panels over the map box: each panel claims the side it costs the
 * least map area to give up (a wide panel at the top claims the top, a tall one at the left the left), and each side
 * keeps the deepest claim. Panels outside the box or of no size claim nothing.
 */
export function insetsFromPanels(box: Rect, panels: readonly Rect[], maxShare = MAX_INSET_SHARE): Insets {
  const width = box.right - box.left;
  const height = box.bottom - box.top;
  const insets = { ...NO_INSETS };
  if (width <= 0 || height <= 0) return insets;
  for (const panel of panels) {
    const left = Math.max(panel.left, box.left);
    const right = Math.min(panel.right, box.right);
    const top = Math.max(panel.top, box.top);
    const bottom = Math.min(panel.bottom, box.bottom);
    if (right <= left || bottom <= top) continue;
    const depths: [keyof Insets, number, number][] = [
      ['top', bottom - box.top, width],
      ['bottom', box.bottom - top, width],
      ['left', right - box.left, height],
      ['right', box.right - left, height],
    ];
    const [side, depth] = depths.reduce((best, next) => (next[1] * next[2] < best[1] * best[2] ? next : best));
    insets[side] = Math.max(insets[side], depth);
  }
  return {
    top: Math.round(Math.min(insets.top, maxShare * height)),
    right: Math.round(Math.min(insets.right, maxShare * width)),
    bottom: Math.round(Math.min(insets.bottom, maxShare * height)),
    left: Math.round(Math.min(insets.left, maxShare * width)),
  };
}

/** Whether two insets differ by a pixel or more on any side. */
export function insetsDiffer(a: Insets, b: Insets): boolean {
  return (['top', 'right', 'bottom', 'left'] as const).some((side) => Math.abs(a[side] - b[side]) >= 1);
}

/** The panels over the map that every renderer has (the locator and MapLibre's controls come with WebGL only). */
const PANELS = '.timeline-panel, .legend__toggle, .legend__body, .motion-toggle';

/** An open place card: the selected place is shown clear of it, however much of the map it takes (a phone's half). */
export const PLACE_CARD = '.place-card';
export const MAX_CARD_SHARE = 0.6;

/** The deepest of two insets on each side. */
const deepest = (a: Insets, b: Insets): Insets => ({
  top: Math.max(a.top, b.top),
  right: Math.max(a.right, b.right),
  bottom: Math.max(a.bottom, b.bottom),
  left: Math.max(a.left, b.left),
});

const visible = (element: Element): boolean => element.checkVisibility?.({ checkVisibilityCSS: true }) ?? true;

/** Everything over the map box that hides what is under it: the panels, the place card, the locator, the controls. */
const COVERING = `${PANELS}, ${PLACE_CARD}, .locator, .maplibregl-ctrl-group, .maplibregl-ctrl-attrib`;

/** An element's box in the pixels of `box` (another element's, as getBoundingClientRect gives both). */
export function boxWithin(element: Element, box: Rect): Rect {
  const { left, top, right, bottom } = element.getBoundingClientRect();
  return { left: left - box.left, top: top - box.top, right: right - box.left, bottom: bottom - box.top };
}

/** Whether two boxes share more than an edge. */
export function overlap(a: Rect, b: Rect): boolean {
  return a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;
}

/** What the shown panels, card, locator and controls in `panel` cover of `canvas`, in the box's own pixels. */
export function coveredRects(panel: HTMLElement, canvas: HTMLElement): Rect[] {
  const box = canvas.getBoundingClientRect();
  return [...panel.querySelectorAll(COVERING)]
    .filter(visible)
    .map((element) => boxWithin(element, box))
    .filter(({ left, top, right, bottom }) => right > left && bottom > top);
}

/** The insets of the panels and the place card shown in `panel` (the map figure) over `canvas` (the map box). */
export function panelInsets(panel: HTMLElement, canvas: HTMLElement): Insets {
  const folded = [...panel.querySelectorAll('.legend__toggle')].some(visible);
  const rects = (selector: string): Rect[] =>
    [...panel.querySelectorAll(selector)]
      // An opened key on a phone is read, then closed: the map does not refit around it.
      .filter((element) => visible(element) && !(folded && element.matches('.legend__body')))
      .map((element) => element.getBoundingClientRect());
  const box = canvas.getBoundingClientRect();
  return deepest(insetsFromPanels(box, rects(PANELS)), insetsFromPanels(box, rects(PLACE_CARD), MAX_CARD_SHARE));
}

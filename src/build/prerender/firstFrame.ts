// Build time: the opening step's preview as the served page holds it in the map box, framed for a phone before any
// script runs. A preview is drawn framed for the 640 × 480 image; the page's script frames it for its box and the
// panels over it (src/lib/map/static/preview.ts), which on a phone shows the view about 1.4 times wider: the map
// zoomed out a moment after the page appeared. A style inside the SVG frames it as the script will, under the
// phone layout of explainer.css (under 48rem: the map box across the screen, 42dvh tall), for a 390 × 844 screen
// and the panels there; the script removes the style when it frames the preview itself. Wider layouts keep the
// image's framing, which is within a few percent of theirs.
import { JSDOM } from 'jsdom';
import type { MapState } from '../../lib/map/state.ts';
import { insetsFromPanels, type Insets, type Rect } from '../../lib/map/insets.ts';
import { restingCamera } from '../../lib/map/static/camera.ts';
import { FIRST_FRAME, framePreview, labelLevel, previewGeometry } from '../../lib/map/static/preview.ts';

/** The phone layout's map box on a 390 × 844 screen (px). */
export const PHONE_BOX = { width: 390, height: 0.42 * 844 };

/**
 * The panels over a phone's map box, in its pixels (explainer.css at 390 × 844): the timeline at top left, the motion
 * toggle at top right, the key's toggle at bottom left. The end-to-end test of the first paint checks them: a layout
 * that moves them makes the served and the framed maps differ.
 */
const PHONE_PANELS = {
  timeline: { left: 6, top: 6, right: 198, bottom: 90 },
  motion: { left: 280, top: 6, right: 384, bottom: 50 },
  key: { left: 6, top: PHONE_BOX.height - 50, right: 116, bottom: PHONE_BOX.height - 6 },
} satisfies Record<string, Rect>;

/** The insets a phone's map box has for a state, by the rule the page applies to the panels it measures (insets.ts). */
export function phoneInsets(state: MapState): Insets {
  const { timeline, motion, key } = PHONE_PANELS;
  const box = { left: 0, top: 0, right: PHONE_BOX.width, bottom: PHONE_BOX.height };
  return insetsFromPanels(box, state.panels.timeline ? [timeline, motion, key] : [motion, key]);
}

/** How a phone's first frame shows a preview: the content's transform, its `--k` and the label level. */
export interface PhoneFrame {
  /** A CSS transform of the drawing, in its own units, that shows under the image's viewBox what `viewBox` shows. */
  transform: string;
  /** Drawing units per screen pixel in the phone's box. */
  k: number;
  /** The label level (`data-z`) the phone's zoom shows, if the preview has several. */
  level: string | undefined;
  /** The viewBox the script gives the phone's box. */
  viewBox: [number, number, number, number];
}

/**
 * The phone's frame of a preview: the viewBox the page's script gives its box, as a transform under the image's
 * viewBox. With `xMidYMid meet` the image's view (wider than a phone's box) fills the box's width; the transform
 * scales the phone's view to the image's width and puts its centre on the image's.
 */
export function phoneFrame(svg: Element, state: MapState): PhoneFrame | undefined {
  const geometry = previewGeometry(svg);
  const image = (svg.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
  const [x = Number.NaN, y = Number.NaN, width = Number.NaN, height = Number.NaN] = image;
  if (!geometry || image.length !== 4 || !(width > 0) || !(height > 0) || !Number.isFinite(x + y)) return undefined;
  const insets = phoneInsets(state);
  const frame = framePreview(geometry, state.camera, PHONE_BOX.width, PHONE_BOX.height, insets);
  const [px, py, pw, ph] = frame.viewBox;
  const ratio = width / pw;
  const number = (value: number): string => value.toFixed(3);
  const transform =
    `translate(${number(x + width / 2)}px, ${number(y + height / 2)}px) scale(${ratio.toFixed(5)}) ` +
    `translate(${number(-(px + pw / 2))}px, ${number(-(py + ph / 2))}px)`;
  const { zoom } = restingCamera(frame.projection, PHONE_BOX.width, PHONE_BOX.height, insets);
  return { transform, k: frame.k, level: labelLevel(svg, zoom), viewBox: frame.viewBox };
}

/**
 * The preview document `markup` (one `<svg>`), as the page serves it in the map box: its drawing wrapped in one
 * group, which a style inside it frames for a phone (phoneFrame). Unchanged when it carries no framing geometry.
 */
export function withPhoneFrame(markup: string, state: MapState): string {
  const { window } = new JSDOM('<!doctype html><html><body></body></html>');
  try {
    const document = window.document;
    const template = document.createElement('template');
    template.innerHTML = markup.slice(markup.indexOf('<svg'));
    const svg = template.content.firstElementChild;
    if (svg?.localName !== 'svg') throw new Error('prerender: the opening step’s preview is not an <svg> document');
    const frame = phoneFrame(svg, state);
    if (!frame) return markup;
    const view = document.createElementNS('http://www.w3.org/2000/svg', 'g');
    view.setAttribute('class', 'map-preview__view');
    view.append(...svg.childNodes);
    const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
    style.setAttribute(FIRST_FRAME, '');
    const scope = `svg.map-preview[data-preview-step="${state.stepId.replace(/["\\]/g, '\\$&')}"]`;
    style.textContent =
      `@media screen and (max-width: 47.99rem) { ` +
      `${scope} .map-preview__view { transform: ${frame.transform}; --k: ${frame.k.toFixed(4)}; } ` +
      (frame.level === undefined
        ? ''
        : `${scope} [data-z] { display: none; } ${scope} [data-z*="${frame.level}"] { display: inline; } `) +
      `}`;
    svg.append(style, view);
    return svg.outerHTML;
  } finally {
    window.close();
  }
}

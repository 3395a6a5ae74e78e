// The served page's preview is framed for a phone before any script runs: under the image's viewBox, its style
// shows each point of the map where the page's script, framing a phone's box, will put it.
import { resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { loadStoryFolder } from '../../src/build/loadFolder.ts';
import { renderPreview } from '../../src/build/prerender/previews.ts';
import { PHONE_BOX, phoneFrame, phoneInsets, withPhoneFrame } from '../../src/build/prerender/firstFrame.ts';
import { mapStateFor } from '../../src/lib/map/state.ts';
import { MAX_INSET_SHARE } from '../../src/lib/map/insets.ts';
import { restingCamera } from '../../src/lib/map/static/camera.ts';
import { FIRST_FRAME, framePreview, labelLevel, previewGeometry } from '../../src/lib/map/static/preview.ts';

const { story, geo } = loadStoryFolder(resolve('data/kursk'));
const opening = mapStateFor(story, story.steps[0]?.id ?? '');
const { window } = new JSDOM('<!doctype html><html><body></body></html>');
const preview = renderPreview(window.document, story, opening, geo);

type Box = [number, number, number, number];
type Point = [number, number];

/** Where a viewBox shown `xMidYMid meet` in the phone's box puts a point of the drawing (screen px). */
function meet([x, y, width, height]: Box, [u, v]: Point): Point {
  const scale = Math.min(PHONE_BOX.width / width, PHONE_BOX.height / height);
  return [(u - (x + width / 2)) * scale + PHONE_BOX.width / 2, (v - (y + height / 2)) * scale + PHONE_BOX.height / 2];
}

/** Applies "translate(a, b) scale(r) translate(c, d)", as CSS composes it, to a point. */
function applyTransform(transform: string, [u, v]: Point): Point {
  const numbers = (transform.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
  expect(numbers).toHaveLength(5);
  const [a = 0, b = 0, r = 1, c = 0, d = 0] = numbers;
  return [a + r * (u + c), b + r * (v + d)];
}

describe('the served preview framed for a phone', { timeout: 60_000 }, () => {
  it('shows, under the image’s viewBox, each point where the script’s phone framing puts it', () => {
    const frame = phoneFrame(preview, opening);
    if (!frame) throw new Error('the preview has no framing geometry');
    const image = (preview.getAttribute('viewBox') ?? '').split(' ').map(Number) as Box;
    const geometry = previewGeometry(preview);
    if (!geometry) throw new Error('the preview has no framing geometry');
    // What the page's script gives a phone's box (preview.ts show).
    const scripted = framePreview(geometry, opening.camera, PHONE_BOX.width, PHONE_BOX.height, phoneInsets(opening));
    expect(frame.viewBox).toEqual(scripted.viewBox);
    const [x, y, width, height] = scripted.viewBox;
    // Not a trivial case: the phone's framing shows far more than the image's.
    expect(width).toBeGreaterThan(image[2] * 1.2);
    for (const point of [
      [x, y],
      [x + width, y + height],
      [x + width / 3, y + (2 * height) / 3],
    ] as Point[]) {
      const served = meet(image, applyTransform(frame.transform, point));
      const framed = meet(scripted.viewBox, point);
      expect(served[0]).toBeCloseTo(framed[0], 1);
      expect(served[1]).toBeCloseTo(framed[1], 1);
    }
    // Strokes and text keep their size, and the labels are those of the zoom the phone shows.
    expect(frame.k).toBeCloseTo(width / PHONE_BOX.width, 6);
    const { zoom } = restingCamera(scripted.projection, PHONE_BOX.width, PHONE_BOX.height, phoneInsets(opening));
    expect(frame.level).toBe(labelLevel(preview, zoom));
    expect(frame.level).toBeDefined();
  });

  it('wraps the drawing in one group under a style of its own, for the phone layout only', () => {
    const children = preview.children.length;
    const markup = withPhoneFrame(`<?xml version="1.0" encoding="UTF-8"?>\n${preview.outerHTML}`, opening);
    const template = window.document.createElement('template');
    template.innerHTML = markup;
    const svg = template.content.firstElementChild;
    expect(svg?.localName).toBe('svg');
    expect(svg?.getAttribute('viewBox'), 'the image’s framing stays for print and wide screens').toBe(
      preview.getAttribute('viewBox'),
    );
    const [style, view, ...rest] = [...(svg?.children ?? [])];
    expect(rest).toEqual([]);
    expect(style?.localName).toBe('style');
    expect(style?.hasAttribute(FIRST_FRAME)).toBe(true);
    expect(view?.getAttribute('class')).toBe('map-preview__view');
    expect(view?.children.length).toBe(children);
    const frame = phoneFrame(preview, opening);
    const css = style?.textContent ?? '';
    expect(css.startsWith('@media screen and (max-width: 47.99rem) {')).toBe(true);
    expect(css).toContain(`.map-preview__view { transform: ${frame?.transform}; --k: ${frame?.k.toFixed(4)}; }`);
    expect(css).toContain(`[data-z*="${frame?.level}"] { display: inline; }`);
    // Scoped to this step's preview: the previews the script loads later are framed by it alone.
    expect(css).toContain(`svg.map-preview[data-preview-step="${opening.stepId}"]`);
  });

  it('leaves a preview without framing geometry as it is', () => {
    const plain = '<svg xmlns="http://www.w3.org/2000/svg" class="map-preview" viewBox="0 0 640 480"><g></g></svg>';
    expect(withPhoneFrame(plain, opening)).toBe(plain);
  });

  it('gives the top to the timeline up to the cap, else to the motion toggle, and the bottom to the key', () => {
    const cap = Math.round(MAX_INSET_SHARE * PHONE_BOX.height);
    expect(opening.panels.timeline).toBeDefined();
    expect(phoneInsets(opening)).toEqual({ top: cap, right: 0, bottom: 50, left: 0 });
    const undated = story.steps.map((step) => mapStateFor(story, step.id)).find((state) => !state.panels.timeline);
    if (!undated) throw new Error('the story has no step without a timeline');
    expect(phoneInsets(undated)).toEqual({ top: 50, right: 0, bottom: 50, left: 0 });
  });
});

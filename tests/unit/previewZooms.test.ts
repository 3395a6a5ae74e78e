// @vitest-environment jsdom
// A preview is drawn once and framed for boxes of every size: on a phone it shows the view at a lower zoom than the
// image it was drawn for. Its labels are placed for a ladder of zooms, as a map drawn at each of them would place
// them, and the page shows the set for the zoom it frames the preview at.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { geoMercator } from 'd3-geo';
import { loadStoryFolder } from '../../src/build/loadFolder.ts';
import { mapStateFor } from '../../src/lib/map/state.ts';
import { scaleForZoom } from '../../src/lib/map/static/camera.ts';
import { createFrame, drawState, type Frame } from '../../src/lib/map/static/draw.ts';
import { showAtZoom } from '../../src/lib/map/static/preview.ts';
import { NO_INSETS } from '../../src/lib/map/insets.ts';

const { story, geo } = loadStoryFolder(resolve('data/kursk'));

/** West, south, east, north: the overview's area, with the border, both regions and their towns. */
const AREA = [32.5, 49.8, 38.8, 52.6] as const;

/** A frame over AREA drawn at `zoom`, placing labels for `otherZooms` too. */
function frameAt(zoom: number, otherZooms: number[] = []): Frame {
  const [west, south, east, north] = AREA;
  const projection = geoMercator().scale(scaleForZoom(zoom)).translate([0, 0]);
  const [x0 = 0, y0 = 0] = projection([west, north]) ?? [];
  const [x1 = 0, y1 = 0] = projection([east, south]) ?? [];
  projection.translate([-x0, -y0]);
  return createFrame(projection, Math.ceil(x1 - x0), Math.ceil(y1 - y0), NO_INSETS, otherZooms);
}

/** Draws the overview state into a frame, in an `<svg>`. */
function draw(frame: Frame): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.append(...drawState(document, story, mapStateFor(story, 'overview'), frame, (file) => geo.get(file)));
  return svg;
}

/** Whether an element is shown at ladder level `level`: its own `data-z` and its layer group's both include it. */
const shownAt = (element: Element, level: number): boolean =>
  [element, element.closest('g[data-layer]')].every(
    (candidate) => !candidate?.hasAttribute('data-z') || candidate.getAttribute('data-z')?.includes(String(level)),
  );

/**
 * The point labels (towns, country names) of a drawing as "layer: text", sorted. Labels along lines are left out: a
 * line's visible piece depends on where the drawing is clipped, which is not the same box at another zoom.
 */
function pointLabels(svg: SVGSVGElement, level?: number): string[] {
  return [...svg.querySelectorAll('g[data-layer] text:not([transform])')]
    .filter((text) => level === undefined || shownAt(text, level))
    .map((text) => `${text.closest('g[data-layer]')?.getAttribute('data-layer')}: ${text.textContent}`)
    .sort();
}

describe('preview labels at other zooms', { timeout: 60_000 }, () => {
  // Off the zoom ranges' bounds (5, 6, 8), so no rounding puts a layer in or out of range.
  const own = 6.35;
  const ladder = [4.85, 5.35, 5.85, 6.85];

  it('at each zoom of its ladder, shows the labels a map drawn at that zoom places', () => {
    const preview = draw(frameAt(own, ladder));
    const zooms = [...ladder, own].sort((a, b) => a - b);
    const counts = zooms.map((zoom, level) => {
      const expected = pointLabels(draw(frameAt(zoom)));
      expect(pointLabels(preview, level), `labels at zoom ${zoom}`).toEqual(expected);
      return expected.length;
    });
    // Not one set for all: zoomed out, fewer labels fit.
    expect(counts[0]).toBeLessThan(counts.at(-1) ?? 0);
  });

  it('draws, hidden, what only other zooms show, and shows its own zoom’s labels without any script', () => {
    const preview = draw(frameAt(own, ladder));
    const ownLevel = [...ladder, own].sort((a, b) => a - b).indexOf(own);
    const hidden = [...preview.querySelectorAll('[display="none"]')];
    expect(hidden.length).toBeGreaterThan(0);
    for (const element of hidden) expect(shownAt(element, ownLevel)).toBe(false);
    for (const text of preview.querySelectorAll('g[data-layer] text'))
      if (shownAt(text, ownLevel)) expect(text.closest('[display="none"]')).toBeNull();
    // The wide country names (below zoom 6) are drawn for the ladder's lower zooms only.
    expect(preview.querySelector('g[data-layer="country-names"]')?.getAttribute('data-z')).toBe('012');
  });

  it('shows the set of the ladder zoom nearest the framed zoom, and only it', () => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('data-label-zooms', '5.00 5.50 6.00');
    const make = (z?: string): SVGTextElement => {
      const text = document.createElementNS('http://www.w3.org/2000/svg', 'text');
      if (z !== undefined) text.setAttribute('data-z', z);
      svg.append(text);
      return text;
    };
    const [low, upper, top, always] = [make('0'), make('12'), make('2'), make()];
    const shown = (): boolean[] => [low, upper, top, always].map((text) => text?.style.display !== 'none');
    showAtZoom(svg, 5.6);
    expect(shown()).toEqual([false, true, false, true]);
    showAtZoom(svg, 5.2);
    expect(shown()).toEqual([true, false, false, true]);
    showAtZoom(svg, 9);
    expect(shown()).toEqual([false, true, true, true]);
    // A preview drawn for one zoom only (every box frames it alike) is left as it is.
    svg.removeAttribute('data-label-zooms');
    delete svg.dataset.shownLevel;
    for (const text of [low, upper, top]) text?.style.removeProperty('display');
    showAtZoom(svg, 5.2);
    expect(shown()).toEqual([true, true, true, true]);
    expect(svg.dataset.shownLevel).toBeUndefined();
  });
});

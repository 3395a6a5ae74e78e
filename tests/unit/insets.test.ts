import { describe, expect, it } from 'vitest';
import {
  boxWithin,
  insetsDiffer,
  insetsFromPanels,
  MAX_CARD_SHARE,
  NO_INSETS,
  overlap,
} from '../../src/lib/map/insets.ts';

const box = { left: 100, top: 0, right: 836, bottom: 800 };

describe('insetsFromPanels', () => {
  it('gives each panel the side it costs least to give up, and keeps the deepest claim per side', () => {
    const insets = insetsFromPanels(box, [
      // The timeline, top left: 192 × 170, cheaper as a top strip (182 × 736) than a left one (204 × 800).
      { left: 112, top: 12, right: 304, bottom: 182 },
      // The motion toggle, top right: a shallower top claim.
      { left: 720, top: 70, right: 826, bottom: 100 },
      // The legend, bottom left, wide and short.
      { left: 112, top: 690, right: 448, bottom: 788 },
      // Zoom buttons on the right edge: a 40 px right strip costs less than a 70 px top one.
      { left: 796, top: 10, right: 826, bottom: 70 },
    ]);
    // The timeline's 182 px is capped at a fifth of the 800 px box.
    expect(insets).toEqual({ top: 160, right: 40, bottom: 110, left: 0 });
  });

  it('claims the right side for a tall panel there, and caps every side at a fifth of the box', () => {
    expect(insetsFromPanels(box, [{ left: 700, top: 0, right: 836, bottom: 800 }])).toEqual({
      top: 0,
      right: 136,
      bottom: 0,
      left: 0,
    });
    expect(insetsFromPanels(box, [{ left: 100, top: 300, right: 836, bottom: 800 }]).bottom).toBe(160);
  });

  it('ignores panels outside the box or of no size, and an empty box', () => {
    expect(insetsFromPanels(box, [{ left: 0, top: 0, right: 90, bottom: 800 }])).toEqual(NO_INSETS);
    expect(insetsFromPanels(box, [{ left: 200, top: 200, right: 200, bottom: 300 }])).toEqual(NO_INSETS);
    expect(insetsFromPanels({ left: 0, top: 0, right: 0, bottom: 0 }, [box])).toEqual(NO_INSETS);
  });

  it('lets a place card claim more than the panels may: the selected place is shown clear of it', () => {
    // A phone's card over the lower half of a 350 px map box.
    const phone = { left: 0, top: 0, right: 390, bottom: 350 };
    const card = { left: 6, top: 170, right: 384, bottom: 344 };
    expect(insetsFromPanels(phone, [card]).bottom).toBe(70);
    expect(insetsFromPanels(phone, [card], MAX_CARD_SHARE).bottom).toBe(180);
  });

  it('tells a change of a pixel or more from none', () => {
    expect(insetsDiffer(NO_INSETS, { ...NO_INSETS, left: 0.4 })).toBe(false);
    expect(insetsDiffer(NO_INSETS, { ...NO_INSETS, bottom: 1 })).toBe(true);
  });
});

describe('boxWithin and overlap', () => {
  it("puts an element's box in another box's pixels, and tells boxes that share more than an edge", () => {
    const element = {
      getBoundingClientRect: () => ({ left: 110, top: 220, right: 160, bottom: 240 }),
    } as unknown as Element;
    const inside = boxWithin(element, { left: 100, top: 200, right: 500, bottom: 600 });
    expect(inside).toEqual({ left: 10, top: 20, right: 60, bottom: 40 });
    expect(overlap(inside, { left: 0, top: 0, right: 11, bottom: 21 })).toBe(true);
    // Touching edges only, on either side: no overlap.
    expect(overlap(inside, { left: 0, top: 0, right: 10, bottom: 100 })).toBe(false);
    expect(overlap(inside, { left: 60, top: 0, right: 90, bottom: 100 })).toBe(false);
    expect(overlap(inside, { left: 0, top: 40, right: 90, bottom: 100 })).toBe(false);
  });
});

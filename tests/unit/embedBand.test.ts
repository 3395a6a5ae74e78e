// The host viewport seen from inside an iframe, from the visible stretches of its document.
import { describe, expect, it } from 'vitest';
import { bandFromStretches } from '../../src/lib/embed/visibleBand.ts';

const FRAME = 6000;

describe('bandFromStretches', () => {
  it('is exact when the viewport lies inside the iframe', () => {
    expect(
      bandFromStretches(
        [
          { top: 1200, bottom: 1300 },
          { top: 1300, bottom: 2000 },
        ],
        FRAME,
        640,
      ),
    ).toEqual({ top: 1200, height: 800, exact: true });
  });

  it("keeps the exact bottom when the iframe's top is on screen", () => {
    // The iframe starts 300 px down an 800 px viewport: 500 px of it are visible.
    expect(bandFromStretches([{ top: 0, bottom: 500 }], FRAME, 800)).toEqual({ top: -300, height: 800, exact: false });
  });

  it("keeps the exact top when the iframe's bottom is on screen", () => {
    expect(bandFromStretches([{ top: 5700, bottom: 6000 }], FRAME, 800)).toEqual({
      top: 5700,
      height: 800,
      exact: false,
    });
  });

  it('never makes the viewport smaller than what is visible', () => {
    expect(bandFromStretches([{ top: 0, bottom: 700 }], FRAME, 500)).toEqual({ top: 0, height: 700, exact: false });
  });

  it('centres an iframe shorter than the viewport', () => {
    expect(bandFromStretches([{ top: 0, bottom: 400 }], 400, 800)).toEqual({ top: -200, height: 800, exact: false });
  });

  it('has no answer when nothing is visible', () => {
    expect(bandFromStretches([], FRAME, 800)).toBeUndefined();
    expect(bandFromStretches([{ top: 10, bottom: 10 }], FRAME, 800)).toBeUndefined();
  });
});

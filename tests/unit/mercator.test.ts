// The zoom MapLibre's fitBounds picks, computed without a map (the WebGL map opens with the label blockers of that
// zoom's band).
import { describe, expect, it } from 'vitest';
import { fitZoom } from '../../src/lib/map/mercator.ts';

describe('fitZoom', () => {
  it('gives the zoom MapLibre 6.17 fits a box at (read from maplibre-gl in Chromium)', () => {
    // The Kursk overview's box in a phone's map, and a wide box in a desktop map: a box too wide for its height, and
    // one too tall for its width.
    expect(fitZoom([33.5, 50.6, 37.5, 52.4], 390, 413, 40, 11)).toBeCloseTo(5.767977501603918, 9);
    expect(fitZoom([20, 40, 50, 60], 1280, 800, 40, 11)).toBeCloseTo(3.9952657133910656, 9);
  });

  it('fits the whole width of the world into 512 px at zoom 0', () => {
    expect(fitZoom([-180, -10, 180, 10], 512, 512, 0, 11)).toBeCloseTo(0, 9);
    expect(fitZoom([-180, -10, 180, 10], 1024 + 40, 512, 20, 11)).toBeCloseTo(1, 9);
  });

  it('goes no further in than maxZoom', () => {
    expect(fitZoom([35.1, 51.1, 35.4, 51.3], 800, 600, 20, 9.5)).toBe(9.5);
  });
});

// The static map's camera fits a box at the zoom MapLibre's fitBounds does: the WebGL map opens with label stand-ins
// for that zoom's band (controller.ts), and the preview it takes over from rests there.
import { describe, expect, it } from 'vitest';
import type { Bounds } from '../../src/lib/story/types.ts';
import { fitProjection, zoomForScale } from '../../src/lib/map/static/camera.ts';

const fittedZoom = (bounds: Bounds, width: number, height: number, padding: number, maxZoom: number): number =>
  zoomForScale(fitProjection({ kind: 'bounds', bounds, padding, maxZoom }, width, height).scale());

describe('fitProjection', () => {
  it('fits a box at the zoom maplibre-gl 6.17 fits it at (read from the library in Chromium)', () => {
    // The Kursk overview's box in a phone's map (too wide for its height), and a wide box in a desktop map.
    expect(fittedZoom([33.5, 50.6, 37.5, 52.4], 390, 413, 40, 11)).toBeCloseTo(5.767977501603918, 9);
    expect(fittedZoom([20, 40, 50, 60], 1280, 800, 40, 11)).toBeCloseTo(3.9952657133910656, 9);
    // A small box stops at the zoom cap, as there.
    expect(fittedZoom([35.1, 51.1, 35.4, 51.3], 800, 600, 20, 9.5)).toBeCloseTo(9.5, 9);
  });
});

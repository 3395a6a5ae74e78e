// The box a camera shows, for the locator inset.
import { describe, expect, it } from 'vitest';
import { viewBounds } from '../../src/lib/map/viewBounds.ts';

describe('viewBounds', () => {
  it("at zoom 0 a 512-px map shows the whole world's width", () => {
    const [west, south, east, north] = viewBounds({ lng: 0, lat: 0 }, 0, 512, 512);
    expect(west).toBeCloseTo(-180, 6);
    expect(east).toBeCloseTo(180, 6);
    expect(north).toBeCloseTo(85.0511, 3);
    expect(south).toBeCloseTo(-85.0511, 3);
  });

  it('halves the span with each zoom level and stays centred', () => {
    const [west, south, east, north] = viewBounds({ lng: 35.2, lat: 51.15 }, 9, 736, 800);
    expect(east - west).toBeCloseTo((736 / (512 * 2 ** 9)) * 360, 9);
    expect((west + east) / 2).toBeCloseTo(35.2, 9);
    expect(south).toBeLessThan(51.15);
    expect(north).toBeGreaterThan(51.15);
  });
});

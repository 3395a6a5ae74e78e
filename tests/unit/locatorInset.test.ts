// @vitest-environment jsdom
// The locator inset hides between the states that show it rather than going away: its land is drawn once.
import type { Feature, FeatureCollection } from 'geojson';
import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import LocatorInset from '../../src/components/map/LocatorInset.svelte';
import type { Bounds } from '../../src/lib/story/types.ts';

const BOUNDS: Bounds = [20, 40, 50, 58];

describe('LocatorInset', () => {
  it('hides and shows again without drawing its land again', async () => {
    const square: Feature = {
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [30, 50],
            [32, 50],
            [32, 52],
            [30, 52],
            [30, 50],
          ],
        ],
      },
    };
    // Counts how often the land is read: once per drawing of its path.
    let reads = 0;
    const land = {
      type: 'FeatureCollection',
      get features() {
        reads += 1;
        return [square];
      },
    } as FeatureCollection;
    const props = {
      bounds: BOUNDS,
      land,
      camera: { center: { lng: 35.2, lat: 51.2 }, zoom: 8 },
      mapWidth: 400,
      mapHeight: 300,
      places: [],
      shown: true,
    };
    const { container, rerender } = render(LocatorInset, { props });
    const outline = container.querySelector('[data-locator] path')?.getAttribute('d');
    expect(outline).toMatch(/^M[\d.]+,[\d.]+L/);
    expect(reads).toBe(1);
    await rerender({ ...props, shown: false });
    expect(container.querySelector('[data-locator]')).toBeNull();
    await rerender({ ...props, shown: true, camera: { center: { lng: 36, lat: 51.5 }, zoom: 7 } });
    expect(container.querySelector('[data-locator] path')?.getAttribute('d')).toBe(outline);
    expect(container.querySelector('[data-locator-view]')).not.toBeNull();
    expect(reads).toBe(1);
  });
});

// @vitest-environment jsdom
// The locator inset draws the land the build drew for it and, over it, where the map is looking.
import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import LocatorInset from '../../src/components/map/LocatorInset.svelte';
import type { Bounds } from '../../src/lib/story/types.ts';

const BOUNDS: Bounds = [20, 40, 50, 58];

describe('LocatorInset', () => {
  it('draws the outline it is given, and the view box where the camera rests', async () => {
    const outline = 'M70,40L80,40L80,50L70,50Z';
    const props = {
      bounds: BOUNDS,
      outline,
      camera: { center: { lng: 35.2, lat: 51.2 }, zoom: 8 },
      mapWidth: 400,
      mapHeight: 300,
      places: [],
    };
    const { container, rerender } = render(LocatorInset, { props });
    const viewBox = () => {
      const rect = container.querySelector('[data-locator-view]');
      return rect && ['x', 'y', 'width', 'height'].map((name) => Number(rect.getAttribute(name)));
    };
    expect(container.querySelector('[data-locator] path')?.getAttribute('d')).toBe(outline);
    const first = viewBox();
    expect(first?.every(Number.isFinite)).toBe(true);
    await rerender({ ...props, camera: { center: { lng: 36, lat: 51.5 }, zoom: 7 } });
    // Zoomed out one level, elsewhere: the box is twice as wide, and moved.
    const second = viewBox();
    expect(second?.[2]).toBeCloseTo((first?.[2] ?? 0) * 2, 5);
    expect(second?.[0]).not.toBeCloseTo(first?.[0] ?? 0, 1);
    await rerender({ ...props, camera: undefined });
    expect(container.querySelector('[data-locator]')).toBeNull();
  });
});

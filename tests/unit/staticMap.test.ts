// @vitest-environment jsdom
// The static SVG map against the real story: readiness, every step's camera, layer visibility, the date filter, place
// buttons, failure on invalid data, and cleanup. jsdom has no layout, so each container is given a size by hand.
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { createStaticMap } from '../../src/lib/map/static/staticMap.ts';
import { matchesFilter } from '../../src/lib/map/static/filter.ts';
import { markerBox, markerShown } from '../../src/lib/map/static/markers.ts';
import { cameraForStep, formatCamera, mapStateFor, type MapState, type ZoomBand } from '../../src/lib/map/state.ts';
import { createStoryData } from '../../src/lib/data/storyData.ts';
import { layerFilter } from '../../src/lib/map/layerSpecs.ts';
import { snapshotDateFor } from '../../src/lib/story/snapshots.ts';
import type { RendererStatus as MapStatus, RestingCamera } from '../../src/lib/map/controller.ts';
import { loadStoryFolder } from '../../src/build/loadFolder.ts';

// Read-only: each test builds its own map and container, and breaks data only in its own copies.
const { story, geo } = loadStoryFolder(resolve('data/kursk'));
const DATA_PREFIX = '/data/';

function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('missing');
  return value;
}

function createContainer(width = 800, height = 600): HTMLElement {
  const container = document.createElement('div');
  Object.defineProperty(container, 'clientWidth', { configurable: true, get: () => width });
  Object.defineProperty(container, 'clientHeight', { configurable: true, get: () => height });
  document.body.append(container);
  return container;
}

/** A static map on the real story; `corrupt` names files served broken (a longitude out of range). */
function createMap(corrupt: string[] = []) {
  const container = createContainer();
  const statuses: { status: MapStatus; reason?: string }[] = [];
  const rests: { stepId: string; camera: string }[] = [];
  const events = {
    status: vi.fn((status: MapStatus, reason?: string) => {
      statuses.push({ status, ...(reason !== undefined && { reason }) });
    }),
    rest: vi.fn((stepId: string, camera: RestingCamera) => {
      rests.push({ stepId, camera: formatCamera(camera.center, camera.zoom) });
    }),
    activatePlace: vi.fn(),
  };
  const fetched: string[] = [];
  const map = createStaticMap({
    container,
    story,
    events,
    reducedMotion: false,
    data: createStoryData(story, {
      dataUrl: (file) => `${DATA_PREFIX}${file}`,
      fetchJson: async (url) => {
        const file = url.slice(DATA_PREFIX.length);
        fetched.push(file);
        const collection = geo.get(file);
        if (!collection) throw new Error(`no such file ${file}`);
        if (!corrupt.includes(file)) return collection;
        const broken = structuredClone(collection) as FeatureCollection;
        const first = broken.features[0];
        if (first) first.geometry = { type: 'Point', coordinates: [500, 0] };
        return broken;
      },
    }),
  });
  return { container, map, events, statuses, rests, fetched };
}

async function ready(setup: ReturnType<typeof createMap>): Promise<void> {
  await vi.waitFor(() => expect(setup.statuses.map((entry) => entry.status)).toContain('ready'));
}

/** Applies a state and waits until it is reported at rest. */
async function applyAndRest(setup: ReturnType<typeof createMap>, state: MapState): Promise<string> {
  const before = setup.rests.length;
  setup.map.apply(state, { animate: true });
  await vi.waitFor(() => expect(setup.rests.length).toBeGreaterThan(before));
  const last = setup.rests.at(-1);
  expect(last?.stepId).toBe(state.stepId);
  return last?.camera ?? '';
}

const pathsOf = (container: HTMLElement, layerId: string): string[] =>
  [...container.querySelectorAll(`g[data-layer="${layerId}"] path`)].map((path) => path.getAttribute('d') ?? '');

// Each case loads or draws the whole real story: seconds on a busy two-core machine, so a generous limit.
describe('static map', { timeout: 60_000 }, () => {
  it('creates an SVG sized to its container and reports ready once the base layers are drawn', async () => {
    const setup = createMap();
    const svg = setup.container.querySelector('svg');
    expect(svg?.getAttribute('viewBox')).toBe('0 0 800 600');
    expect(svg?.getAttribute('role')).toBe('img');
    expect(svg?.getAttribute('aria-label')).toBe('Static map');
    expect(setup.fetched.every((file) => story.layers.some((layer) => layer.base && layer.file === file))).toBe(true);
    await ready(setup);
    expect(setup.statuses).toEqual([{ status: 'ready' }]);
    setup.map.destroy();
  });

  it('applies a state given before ready once the base layers are in', async () => {
    const setup = createMap();
    setup.map.apply(mapStateFor(story, 'overview'), { animate: false });
    await vi.waitFor(() => expect(setup.rests.map((entry) => entry.stepId)).toEqual(['overview']));
    expect(pathsOf(setup.container, 'land').length).toBeGreaterThan(0);
    setup.map.destroy();
  });

  it('rests every step at its camera, drawing the layers it shows and none it hides', async () => {
    const setup = createMap();
    await ready(setup);
    for (const step of story.steps) {
      const state = mapStateFor(story, step.id);
      const [lng = NaN, lat = NaN, zoom = NaN] = (await applyAndRest(setup, state)).split(',').map(Number);
      const camera = cameraForStep(story, step);
      if (camera.kind === 'center') {
        expect(Math.abs(lng - camera.center[0]), step.id).toBeLessThan(0.01);
        expect(Math.abs(lat - camera.center[1]), step.id).toBeLessThan(0.01);
        expect(Math.abs(zoom - camera.zoom), step.id).toBeLessThan(0.05);
      } else {
        const [west, south, east, north] = camera.bounds;
        expect(lng, step.id).toBeGreaterThanOrEqual(west);
        expect(lng, step.id).toBeLessThanOrEqual(east);
        expect(lat, step.id).toBeGreaterThanOrEqual(south);
        expect(lat, step.id).toBeLessThanOrEqual(north);
        expect(zoom, step.id).toBeLessThanOrEqual(camera.maxZoom + 1e-9);
      }
      for (const layer of story.layers) {
        const inRange =
          (layer.minzoom === undefined || zoom >= layer.minzoom) &&
          (layer.maxzoom === undefined || zoom < layer.maxzoom);
        const shown = state.layerOpacity[layer.id] === 1 && inRange;
        expect(setup.container.querySelector(`g[data-layer="${layer.id}"]`) !== null, `${step.id}: ${layer.id}`).toBe(
          shown,
        );
      }
      if (step.layers.includes('control-held'))
        expect(pathsOf(setup.container, 'control-held').length, step.id).toBeGreaterThan(0);
    }
    setup.map.destroy();
  });

  it('keeps map labels out from under the place buttons it shows', async () => {
    const setup = createMap();
    await ready(setup);
    let checked = 0;
    for (const step of story.steps) {
      const state = mapStateFor(story, step.id);
      await applyAndRest(setup, state);
      // The stylesheet hides buttons by zoom band; jsdom has none, so ask the same rule.
      const band = setup.container.dataset.zoomBand as ZoomBand;
      const boxes = [...setup.container.querySelectorAll<HTMLElement>('.place-marker')].flatMap((button) => {
        const place = story.places.find((candidate) => candidate.id === button.dataset.place);
        const marker = place && state.markers[place.id];
        if (!place || !marker || !markerShown(place, marker, band)) return [];
        return [markerBox(place, Number.parseFloat(button.style.left), Number.parseFloat(button.style.top))];
      });
      for (const label of setup.container.querySelectorAll('g[data-layer^="towns"] text')) {
        const x = Number(label.getAttribute('x')) + 0.6 * 12;
        const y = Number(label.getAttribute('y'));
        const box = [x, y - 6, x + (label.textContent ?? '').length * 12 * 0.6, y + 6];
        for (const [x0, y0, x1, y1] of boxes) {
          checked += 1;
          const overlaps = box[0]! < x1 && x0 < box[2]! && box[1]! < y1 && y0 < box[3]!;
          expect(overlaps, `${step.id}: ${label.textContent} under a button`).toBe(false);
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
    setup.map.destroy();
  });

  it('draws exactly the features a where list asks for, as the MapLibre filter does', () => {
    const local = story.layers.find((layer) => layer.id === 'towns-local');
    expect(local?.where).toEqual({ rank: [2, 3] });
    const filter = local && layerFilter(local);
    expect(filter).toEqual(['in', ['get', 'rank'], ['literal', [2, 3]]]);
    expect([1, 2, 3, undefined].map((rank) => matchesFilter(filter, { rank }))).toEqual([false, true, true, false]);
  });

  it('names the countries and draws their borders, wide and close', async () => {
    const setup = createMap();
    await ready(setup);
    const names = (): string[] =>
      [...setup.container.querySelectorAll('g[data-layer^="country-names"] text')].map((t) => t.textContent ?? '');
    await applyAndRest(setup, mapStateFor(story, 'jeddah'));
    expect(names()).toEqual(expect.arrayContaining(['RUSSIA', 'UKRAINE', 'SAUDI ARABIA', 'BELARUS', 'TURKEY']));
    expect(pathsOf(setup.container, 'country-borders').length).toBeGreaterThan(0);
    const first = setup.container.querySelector('g[data-layer="country-names"] text');
    expect(first?.getAttribute('text-anchor')).toBe('middle');
    expect(first?.getAttribute('letter-spacing')).toBe('0.2em');
    for (const stepId of ['overview', 'sudzha']) {
      await applyAndRest(setup, mapStateFor(story, stepId));
      expect(names(), stepId).toEqual(expect.arrayContaining(['RUSSIA', 'UKRAINE']));
    }
    setup.map.destroy();
  });

  it('fits cameras into the part of the box the panels leave clear, and reports that part’s centre', async () => {
    const setup = createMap();
    await ready(setup);
    const zoomOf = (camera: string): number => Number(camera.split(',')[2]);
    const open = await applyAndRest(setup, mapStateFor(story, 'overview'));
    setup.map.setInsets({ top: 180, right: 0, bottom: 120, left: 0 });
    await vi.waitFor(() => expect(setup.rests.at(-1)?.camera).not.toBe(open));
    // 300 of 600 px taken: at most the zoom out from a fit into 540 px (600 less the padding of 30) to one into 240.
    const clear = setup.rests.at(-1)?.camera ?? '';
    expect(zoomOf(clear)).toBeLessThan(zoomOf(open));
    expect(zoomOf(open) - zoomOf(clear)).toBeLessThanOrEqual(Math.log2(540 / 240) + 0.01);
    // A centre camera keeps its centre and zoom: the centre sits in the middle of the clear part.
    const [lng, lat, zoom] = (await applyAndRest(setup, mapStateFor(story, 'sudzha'))).split(',').map(Number);
    const camera = cameraForStep(story, must(story.steps.find((step) => step.id === 'sudzha')));
    if (camera.kind !== 'center') throw new Error('sudzha has a centre camera');
    expect([lng, lat, zoom]).toEqual([camera.center[0], camera.center[1], camera.zoom]);
    setup.map.destroy();
  });

  it('fits the bounds as MapLibre does: the box fills the padded width or height', async () => {
    const setup = createMap();
    await ready(setup);
    // salient: [34.4, 50.95, 35.75, 51.65], padding 20, in 800×600. Web-mercator zoom for the box width and height:
    const x = (lng: number): number => ((lng + 180) / 360) * 512;
    const y = (lat: number): number =>
      (512 / (2 * Math.PI)) * (Math.PI - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)));
    const expected = Math.min(Math.log2(760 / (x(35.75) - x(34.4))), Math.log2(560 / (y(50.95) - y(51.65))));
    const [, , zoom = NaN] = (await applyAndRest(setup, mapStateFor(story, 'salient'))).split(',').map(Number);
    expect(zoom).toBeCloseTo(expected, 2);
    setup.map.destroy();
  });

  it('draws the held area of the snapshot for the state’s date', async () => {
    const setup = createMap();
    await ready(setup);
    const overview = mapStateFor(story, 'overview');
    await applyAndRest(setup, mapStateFor(story, 'salient'));
    expect(setup.container.querySelector('g[data-layer="control-held"]')?.getAttribute('data-date')).toBe('2024-08-28');
    await applyAndRest(setup, overview);
    expect(setup.container.querySelector('g[data-layer="control-held"]')?.getAttribute('data-date')).toBe('2025-03-12');
    const march = pathsOf(setup.container, 'control-held');
    // Same camera, the salient step's date picked by the reader: only the snapshot changes what is drawn.
    await applyAndRest(setup, mapStateFor(story, 'overview', undefined, '2024-08-28'));
    const august = pathsOf(setup.container, 'control-held');
    expect(august.join()).not.toBe(march.join());

    const held = story.layers.find((layer) => layer.id === 'control-held');
    const collection = held && geo.get(held.file);
    if (!held || !collection) throw new Error('control-held missing from the story');
    const dates = [...new Set(collection.features.map((feature) => String(feature.properties?.date)))].sort();
    const expectedCount = (date: string): number =>
      collection.features.filter((feature) =>
        matchesFilter(layerFilter(held, snapshotDateFor(dates, date)), feature.properties),
      ).length;
    expect(august.length).toBe(expectedCount('2024-08-28'));
    expect(march.length).toBe(expectedCount('2025-03-12'));
    // A date between snapshots shows the latest one before it.
    const ceasefire = mapStateFor(story, 'ceasefire');
    await applyAndRest(setup, ceasefire);
    expect(setup.container.querySelector('g[data-layer="occupied"]')?.getAttribute('data-date')).toBe('2025-03-11');
    setup.map.destroy();
  });

  it('outlines emphasised place shapes in the accent colour', async () => {
    const setup = createMap();
    await ready(setup);
    await applyAndRest(setup, mapStateFor(story, 'overview'));
    const outlined = [...setup.container.querySelectorAll('g[data-emphasis] path')].map((path) =>
      path.getAttribute('data-feature'),
    );
    expect(outlined).toEqual(['kursk']);
    await applyAndRest(setup, mapStateFor(story, 'sudzha'));
    expect(
      [...setup.container.querySelectorAll('g[data-emphasis] path')].map((path) => path.getAttribute('data-feature')),
    ).toEqual(['sumy']);
    setup.map.destroy();
  });

  it('gives every place a named button that activates it', async () => {
    const setup = createMap();
    await ready(setup);
    await applyAndRest(setup, mapStateFor(story, 'overview'));
    for (const place of story.places) {
      const button = setup.container.querySelector<HTMLButtonElement>(`button[data-place="${place.id}"]`);
      expect(button, place.id).not.toBeNull();
      expect(button?.getAttribute('aria-label')).toContain(place.name);
      expect(button?.textContent).toContain(place.name);
      expect(button?.classList.contains(`place-marker--${place.kind}`)).toBe(true);
      button?.click();
      expect(setup.events.activatePlace).toHaveBeenLastCalledWith(place.id);
    }
    expect(setup.events.activatePlace).toHaveBeenCalledTimes(story.places.length);
    setup.map.destroy();
  });

  it('shows, hides and marks place buttons as the WebGL map does', async () => {
    const setup = createMap();
    await ready(setup);
    const button = (placeId: string): HTMLElement | null =>
      setup.container.querySelector(`button[data-place="${placeId}"]`);
    await applyAndRest(setup, mapStateFor(story, 'overview'));
    expect(button('sudzha')?.hidden).toBe(false);
    expect(button('kursk')?.classList.contains('is-emphasised')).toBe(true);
    expect(button('jeddah')?.hidden).toBe(true); // outside the box
    expect(button('fortifications')?.hidden).toBe(true); // its layer is not shown
    expect(setup.container.dataset.zoomBand).toBeDefined();

    await applyAndRest(setup, mapStateFor(story, 'overview', 'fortifications'));
    expect(button('fortifications')?.hidden).toBe(false);
    expect(button('fortifications')?.classList.contains('is-selected')).toBe(true);
    expect(button('fortifications')?.getAttribute('aria-pressed')).toBe('true');
    expect(button('sudzha')?.getAttribute('aria-pressed')).toBe('false');
    expect(setup.container.querySelector('g[data-layer="fortifications"] path')).not.toBeNull();

    await applyAndRest(setup, mapStateFor(story, 'jeddah'));
    expect(button('jeddah')?.hidden).toBe(false);
    const left = Number.parseFloat(button('jeddah')?.style.left ?? 'NaN');
    const top = Number.parseFloat(button('jeddah')?.style.top ?? 'NaN');
    expect(left).toBeGreaterThanOrEqual(0);
    expect(left).toBeLessThanOrEqual(800);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThanOrEqual(600);
    setup.map.destroy();
  });

  it('reports an invalid story layer file as an error and draws nothing from it', async () => {
    const setup = createMap(['geo/control-kursk.geojson']);
    await ready(setup);
    await applyAndRest(setup, mapStateFor(story, 'overview'));
    const error = setup.statuses.find((entry) => entry.status === 'error');
    expect(error?.reason).toContain('geo/control-kursk.geojson');
    expect(pathsOf(setup.container, 'control-held')).toEqual([]);
    expect(pathsOf(setup.container, 'control-grey')).toEqual([]);
    expect(pathsOf(setup.container, 'land').length).toBeGreaterThan(0);
    setup.map.destroy();
  });

  it('reports an invalid base layer file as an error and never becomes ready', async () => {
    const setup = createMap(['geo/land.geojson']);
    setup.map.apply(mapStateFor(story, 'overview'), { animate: false });
    // The verdict on the base files comes once they have all settled: an error, and so never 'ready'.
    await vi.waitFor(() => expect(setup.statuses.map((entry) => entry.status)).toEqual(['error']));
    expect(setup.statuses[0]?.reason).toContain('geo/land.geojson');
    expect(setup.container.querySelector('g[data-layer]')).toBeNull();
    expect(setup.rests).toEqual([]);
    setup.map.destroy();
  });

  it('refits on resize and removes everything it added on destroy', async () => {
    const setup = createMap();
    await ready(setup);
    const first = await applyAndRest(setup, mapStateFor(story, 'overview'));
    Object.defineProperty(setup.container, 'clientWidth', { configurable: true, get: () => 400 });
    setup.map.resize();
    expect(setup.container.querySelector('svg')?.getAttribute('viewBox')).toBe('0 0 400 600');
    const second = setup.rests.at(-1)?.camera;
    expect(Number(second?.split(',')[2])).toBeLessThan(Number(first.split(',')[2]));
    setup.map.destroy();
    expect(setup.container.children.length).toBe(0);
    expect(setup.container.dataset.zoomBand).toBeUndefined();
    setup.map.apply(mapStateFor(story, 'sudzha'), { animate: false });
    expect(setup.container.children.length).toBe(0);
  });
});

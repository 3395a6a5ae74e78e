// @vitest-environment jsdom
// The map controller against a fake map that records calls, plus one canary against the real maplibre-gl module,
// so a major upgrade that renames what the controller uses fails here, by name.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMapController, type MapEvents, type RendererStatus as MapStatus } from '../../src/lib/map/controller.ts';
import { formatCamera, mapStateFor } from '../../src/lib/map/state.ts';
import { createStoryData } from '../../src/lib/data/storyData.ts';
import type { Rect } from '../../src/lib/map/insets.ts';
import { nextTask } from '../../src/lib/nextTask.ts';
import type { CameraOptions, GeoJsonSourceLike, MapLibreLike, MapLike, MarkerLike } from '../../src/lib/map/mapLike.ts';
import { validateStory } from '../../src/lib/story/validate.ts';
import { latitudeOf, mercatorY } from '../../src/lib/map/mercator.ts';
import { fitProjection, zoomForScale } from '../../src/lib/map/static/camera.ts';
import { createStoryFiles } from './storyFixtures.ts';

type Listener = (event: { [key: string]: unknown }) => void;

/** Files the fake map fails to load (`broken`), or whose last tile it drops, so no event says they loaded (`dropped`). */
interface FakeFiles {
  broken?: readonly string[];
  dropped?: readonly string[];
  /** The step whose state the controller is told it will first be given. */
  firstStep?: string;
  /** The map box's size in CSS pixels; by default not laid out (jsdom's 0 × 0). */
  size?: readonly [number, number];
  /** What panels cover of the map box. */
  covered?: Rect[];
}

/**
 * A fake map: keeps the calls it gets and the camera they leave, and fires events on demand. A source given a URL
 * reports itself loaded soon after (`sourcedata`), fails (`error`) when its file is in `broken`, or only reports
 * progress when it is in `dropped` (as MapLibre does when the camera moves away from a tile that was still loading).
 */
function createFakeLib({ broken = [], dropped = [] }: FakeFiles = {}) {
  const calls: { method: string; args: unknown[] }[] = [];
  let moving = false;
  const drawnLabels: { layer: string; source: string; id: string; x: number; y: number }[] = [];
  const listeners = new Map<string, Listener[]>();
  const sources = new Map<string, { data: unknown }>();
  let center = { lng: 0, lat: 0 };
  let zoom = 1;
  const record = (method: string, ...args: unknown[]): void => {
    calls.push({ method, args });
  };
  const moveTo = (options: CameraOptions): void => {
    if (options.center) center = { lng: options.center[0], lat: options.center[1] };
    if (options.zoom !== undefined) zoom = options.zoom;
  };
  const fire = (type: string, event: { [key: string]: unknown } = {}): void => {
    const list = listeners.get(type) ?? [];
    listeners.set(
      type,
      list.filter((listener) => !(listener as Listener & { once?: boolean }).once),
    );
    list.forEach((listener) => listener(event));
  };
  const map: MapLike = {
    on: (type, listener) => listeners.set(type, [...(listeners.get(type) ?? []), listener]),
    once: (type, listener) => {
      const wrapped = Object.assign((event: { [key: string]: unknown }) => listener(event), { once: true });
      listeners.set(type, [...(listeners.get(type) ?? []), wrapped]);
    },
    getSource: (id) => ({
      setData: (data: unknown) => {
        record('setData', id, data);
        const source = sources.get(id);
        if (source) source.data = data;
        if (typeof data !== 'string') return;
        setTimeout(() => {
          if (broken.some((file) => data.endsWith(file)))
            fire('error', { sourceId: id, error: new Error('Unexpected token < in JSON') });
          else {
            const isSourceLoaded = !dropped.some((file) => data.endsWith(file));
            record('sourcedata', id, isSourceLoaded);
            fire('sourcedata', { sourceId: id, isSourceLoaded });
          }
        }, 0);
      },
    }),
    addControl: () => record('addControl'),
    setPaintProperty: (...args) => record('setPaintProperty', ...args),
    setFilter: (...args) => record('setFilter', ...args),
    // The labels drawn (drawnLabels), each at one point of the canvas: those in the box, of the layers asked about.
    queryRenderedFeatures: (box, options) => {
      record('queryRenderedFeatures', box, options);
      const [[left, top], [right, bottom]] = box;
      return drawnLabels.filter(
        ({ layer, x, y }) => options.layers.includes(layer) && x >= left && x <= right && y >= top && y <= bottom,
      );
    },
    setFeatureState: (...args) => record('setFeatureState', ...args),
    triggerRepaint: () => record('triggerRepaint'),
    isMoving: () => moving,
    flyTo: (options) => {
      record('flyTo', options);
      moveTo(options);
    },
    easeTo: (options) => {
      record('easeTo', options);
      moveTo(options);
    },
    jumpTo: (options) => {
      record('jumpTo', options);
      moveTo(options);
    },
    fitBounds: (bounds, options) => {
      record('fitBounds', bounds, options);
      center = { lng: (bounds[0][0] + bounds[1][0]) / 2, lat: (bounds[0][1] + bounds[1][1]) / 2 };
      zoom = 6;
    },
    cameraForBounds: () => undefined,
    getCenter: () => center,
    // The point itself as the place, so a test sees which point of the canvas was asked about.
    unproject: (point) => {
      record('unproject', point);
      return { lng: point[0], lat: point[1] };
    },
    getZoom: () => zoom,
    resize: () => record('resize'),
    setPadding: (padding) => record('setPadding', padding),
    remove: () => record('remove'),
    stop: () => record('stop'),
    getCanvas: () => document.createElement('canvas'),
    loaded: () => true,
  };
  class FakeMarker implements MarkerLike {
    constructor(readonly options: { element: HTMLElement }) {}
    setLngLat() {
      return this;
    }
    addTo() {
      document.body.append(this.options.element);
      return this;
    }
    remove() {
      this.options.element.remove();
    }
  }
  const lib: MapLibreLike = {
    Map: class {
      constructor(options: { style: { sources: Record<string, { data: unknown }> } } & CameraOptions) {
        record('create', options);
        // It opens where it is told to, as MapLibre does.
        moveTo(options);
        for (const [id, source] of Object.entries(options.style.sources)) {
          sources.set(id, { data: undefined });
          // A URL in the style loads as one handed over later would.
          (map.getSource(id) as GeoJsonSourceLike).setData(source.data);
        }
        return map;
      }
    } as unknown as MapLibreLike['Map'],
    Marker: FakeMarker,
    NavigationControl: class {},
    AttributionControl: class {},
  };
  return {
    lib,
    calls,
    fire,
    sources,
    drawnLabels,
    setMoving: (value: boolean) => {
      moving = value;
    },
  };
}

function createHarness(files: FakeFiles = {}) {
  const story = validateStory(createStoryFiles());
  const fake = createFakeLib(files);
  const statuses: MapStatus[] = [];
  const rests: [string, string][] = [];
  const activated: string[] = [];
  const events: MapEvents = {
    status: (status) => statuses.push(status),
    rest: (stepId, camera) => rests.push([stepId, formatCamera(camera.center, camera.zoom)]),
    activatePlace: (placeId) => activated.push(placeId),
  };
  const container = document.createElement('div');
  if (files.size) {
    Object.defineProperty(container, 'clientWidth', { value: files.size[0] });
    Object.defineProperty(container, 'clientHeight', { value: files.size[1] });
  }
  const controller = createMapController({
    lib: fake.lib,
    container,
    story,
    data: createStoryData(story, {
      dataUrl: (file) => `/data/${file}`,
      fetchJson: () => Promise.reject(new Error('the WebGL map hands URLs to its worker: nothing is fetched here')),
    }),
    events,
    reducedMotion: false,
    attribution: 'credits',
    firstState: files.firstStep ? mapStateFor(story, files.firstStep) : undefined,
    covered: files.covered && (() => files.covered ?? []),
  });
  /** The URLs handed to the map's sources, in order. */
  const fetched = (): string[] =>
    fake.calls
      .filter((call) => call.method === 'setData' && typeof call.args[1] === 'string')
      .map((call) => String(call.args[1]));
  return { story, controller, container, ...fake, statuses, rests, activated, fetched };
}

// Markers live in the document; each test starts from an empty one.
afterEach(() => document.body.replaceChildren());

/** Waits until the controller has reported exactly these statuses (ready once its base files are in, or an error). */
const statusesBecome = (harness: { statuses: string[] }, expected: string[]) =>
  vi.waitFor(() => expect(harness.statuses).toEqual(expected));

/** A harness whose map has loaded and whose controller has said it is ready. */
async function readyHarness(files: FakeFiles = {}) {
  const harness = createHarness(files);
  harness.fire('load');
  await statusesBecome(harness, ['ready']);
  return harness;
}

// Each case loads or draws the whole real story: seconds on a busy two-core machine, so a generous limit.
describe('createMapController', { timeout: 60_000 }, () => {
  it('loads base layers first, then becomes ready and applies the pending state without a flight', async () => {
    const harness = createHarness();
    harness.controller.apply(mapStateFor(harness.story, 'sudzha'), { animate: true });
    harness.fire('load');
    await statusesBecome(harness, ['ready']);
    const baseFiles = [
      ...new Set(harness.story.layers.filter((layer) => layer.base).map((layer) => `/data/${layer.file}`)),
    ];
    expect(harness.fetched().slice(0, baseFiles.length).sort()).toEqual(baseFiles.sort());
    expect(harness.calls.some((call) => call.method === 'flyTo')).toBe(false);
    expect(harness.calls.find((call) => call.method === 'jumpTo')?.args[0]).toMatchObject({
      center: [35.2, 51.15],
      zoom: 9.2,
    });
    harness.fire('moveend');
    // It rests once the state's own files (the control areas, the road) are loaded too.
    await vi.waitFor(() => expect(harness.rests).toEqual([['sudzha', '35.2000,51.1500,9.20']]));
  });

  it("loads the first state's files with the style, beside the base layers', each once", async () => {
    const harness = createHarness({ firstStep: 'sudzha' });
    const state = mapStateFor(harness.story, 'sudzha');
    const stateFiles = harness.story.layers
      .filter((layer) => !layer.base && (state.layerOpacity[layer.id] ?? 0) > 0)
      .map((layer) => `/data/${layer.file}`);
    expect(stateFiles.length).toBeGreaterThan(0);
    // Before the map has even loaded.
    expect(harness.fetched()).toEqual(expect.arrayContaining(stateFiles));
    harness.controller.apply(state, { animate: false });
    harness.fire('load');
    await statusesBecome(harness, ['ready']);
    harness.fire('moveend');
    await vi.waitFor(() => expect(harness.rests.map(([stepId]) => stepId)).toEqual(['sudzha']));
    expect(harness.fetched().length, 'no file handed over twice').toBe(new Set(harness.fetched()).size);
  });

  it('opens a fitted first camera at the centre and zoom the fit rests at, so MapLibre has no box to fit', () => {
    const harness = createHarness({ firstStep: 'overview', size: [390, 844] });
    const camera = mapStateFor(harness.story, 'overview').camera;
    if (camera.kind !== 'bounds') throw new Error('the overview fits a box');
    const created = harness.calls.find((call) => call.method === 'create')?.args[0] as Record<string, unknown>;
    expect(created).not.toHaveProperty('bounds');
    // Fitted without padding on either side: its centre is the box's middle in Mercator, as MapLibre centres it.
    const [west, south, east, north] = camera.bounds;
    const [lng, lat] = created.center as [number, number];
    expect(lng).toBeCloseTo((west + east) / 2, 9);
    expect(lat).toBeCloseTo(latitudeOf((mercatorY(south) + mercatorY(north)) / 2), 9);
    expect(created.zoom).toBeCloseTo(zoomForScale(fitProjection(camera, 390, 844).scale()), 9);
  });

  it('leaves the fit to MapLibre when the map box is not laid out yet', () => {
    const harness = createHarness({ firstStep: 'overview' });
    const created = harness.calls.find((call) => call.method === 'create')?.args[0] as Record<string, unknown>;
    expect(created).toHaveProperty('bounds');
    expect(created).not.toHaveProperty('center');
  });

  it('loads a story layer only when a state first shows it', async () => {
    const harness = await readyHarness();
    expect(harness.fetched()).not.toContain('/data/geo/fortifications.geojson');
    harness.controller.apply(mapStateFor(harness.story, 'sumy-defences'), { animate: false });
    expect(harness.fetched()).toContain('/data/geo/fortifications.geojson');
  });

  it('fades layers by opacity, changing only what differs', async () => {
    const harness = await readyHarness();
    harness.controller.apply(mapStateFor(harness.story, 'overview'), { animate: false });
    const before = harness.calls.length;
    harness.controller.apply(mapStateFor(harness.story, 'salient'), { animate: false });
    const paints = harness.calls.slice(before).filter((call) => call.method === 'setPaintProperty');
    expect(paints).toEqual([]);
    const mid = harness.calls.length;
    harness.controller.apply(mapStateFor(harness.story, 'sumy-defences'), { animate: false });
    const changed = new Set(
      harness.calls
        .slice(mid)
        .filter((call) => call.method === 'setPaintProperty')
        .map((call) => String(call.args[0]).split('__')[0]),
    );
    expect(changed).toEqual(new Set(['fortifications', 'control-grey', 'control-stale']));
  });

  it('hides the labels a panel covers once the map rests, and shows them again when it moves', async () => {
    const harness = await readyHarness({ covered: [{ left: 0, top: 0, right: 100, bottom: 50 }] });
    const towns = 'src:geo/towns.geojson';
    harness.drawnLabels.push(
      // Korenevo's label reaches under the panel; Sumy's is clear of it.
      { layer: 'towns-local__label', source: towns, id: 'korenevo', x: 90, y: 40 },
      { layer: 'towns__label', source: towns, id: 'sumy', x: 200, y: 200 },
      // Lgov's only touches its edge (a label's padding and halo).
      { layer: 'towns-local__label', source: towns, id: 'lgov', x: 99, y: 20 },
      // A story layer's labels too.
      { layer: 'crossing__label', source: 'src:geo/road.geojson', id: 'crossing', x: 10, y: 10 },
      // Not a layer of labels: no question of cutting a word.
      { layer: 'land', source: 'src:geo/land.geojson', id: 'land', x: 20, y: 20 },
    );
    const states = (): string[] =>
      harness.calls
        .filter((call) => call.method === 'setFeatureState')
        .map((call) => {
          const [{ id }, { covered }] = call.args as [{ id: string }, { covered: boolean }];
          return `${id}=${String(covered)}`;
        });
    harness.fire('idle');
    expect(states()).toEqual(['korenevo=true', 'crossing=true']);
    expect(harness.container.dataset.coveredLabels).toBe('korenevo crossing');
    // The same labels at the next rest change nothing.
    harness.fire('idle');
    expect(states()).toHaveLength(2);
    harness.fire('movestart');
    expect(states().slice(2)).toEqual(['korenevo=false', 'crossing=false']);
  });

  it('outlines the emphasised place shapes by feature state: the opening ones once the style is read, then changes', async () => {
    const harness = createHarness({ firstStep: 'overview' });
    const regions = 'src:geo/region-lines.geojson';
    const band = 'src:geo/fortifications.geojson fortification-band-8km';
    const flags = (): string[] =>
      harness.calls
        .filter((call) => call.method === 'setFeatureState' && 'emphasised' in (call.args[1] as object))
        .map((call) => {
          const [{ source, id }, { emphasised }] = call.args as [
            { source: string; id: string },
            { emphasised: boolean },
          ];
          return `${source} ${id}=${String(emphasised)}`;
        });
    expect(flags()).toEqual([]);
    // Feature state needs the style's sources: the opening emphasis waits for the style.
    harness.fire('style.load');
    expect(flags()).toEqual([`${regions} kursk=true`]);
    harness.fire('load');
    await statusesBecome(harness, ['ready']);
    harness.controller.apply(mapStateFor(harness.story, 'sumy-defences'), { animate: false });
    expect(flags().slice(1)).toEqual([`${regions} kursk=false`, `${regions} sumy=true`, `${band}=true`]);
    // Sumy's region stays outlined: only the band changes.
    harness.controller.apply(mapStateFor(harness.story, 'sudzha'), { animate: false });
    expect(flags().slice(4)).toEqual([`${band}=false`]);
    // No outline's filter changes: a new filter has MapLibre cut the layer's file into tiles again.
    const filtered = harness.calls.filter(
      (call) => call.method === 'setFilter' && String(call.args[0]).endsWith('__emphasis'),
    );
    expect(filtered).toEqual([]);
  });

  it('hides the place markers a panel covers in part, but for the places the state is about', async () => {
    const harness = await readyHarness({ covered: [{ left: 0, top: 0, right: 100, bottom: 50 }] });
    harness.controller.apply(mapStateFor(harness.story, 'sudzha'), { animate: false });
    const shown = [...document.querySelectorAll<HTMLElement>('[data-place]')].filter((element) => !element.hidden);
    const about = shown.find((element) => element.matches('.is-emphasised'));
    const others = shown.filter((element) => !element.matches('.is-emphasised, .is-selected'));
    const [under, edge, clear] = others;
    if (!about || !under || !edge || !clear) throw new Error('the fixture shows an emphasised place and three others');
    const at = (element: HTMLElement, left: number, top: number): void => {
      element.getBoundingClientRect = () => new DOMRect(left, top, 60, 20);
    };
    at(about, 10, 10);
    at(under, 80, 20);
    at(edge, 98, 20);
    at(clear, 200, 200);
    harness.fire('idle');
    const covered = (): string[] =>
      shown.filter((element) => element.classList.contains('is-covered')).map((element) => element.dataset.place ?? '');
    expect(covered()).toEqual([under.dataset.place]);
    // A move shows them again without measuring the page, in the task that started it.
    let measures = 0;
    for (const element of [harness.container, ...shown]) {
      const measure = element.getBoundingClientRect.bind(element);
      element.getBoundingClientRect = () => {
        measures += 1;
        return measure();
      };
    }
    harness.fire('movestart');
    expect(covered()).toEqual([]);
    expect(measures).toBe(0);
    // Panels that change without a move have the map drawn again, a task later, and its `idle` finds what they cut.
    const repaints = (): number => harness.calls.filter((call) => call.method === 'triggerRepaint').length;
    harness.controller.panelsChanged?.();
    expect(repaints()).toBe(0);
    await vi.waitFor(() => expect(repaints()).toBe(1));
    // Panels that change with a step, whose flight has begun by then, leave it to the flight's own `idle`.
    harness.setMoving(true);
    harness.controller.panelsChanged?.();
    // The controller's task was queued before this one, so it has run when this one has.
    await nextTask();
    expect(repaints()).toBe(1);
  });

  it('lets only the newest state report its rest: an interrupted flight is not the applied state', async () => {
    const harness = await readyHarness();
    harness.controller.apply(mapStateFor(harness.story, 'overview'), { animate: true });
    harness.controller.apply(mapStateFor(harness.story, 'salient'), { animate: true });
    harness.controller.apply(mapStateFor(harness.story, 'donetsk'), { animate: true });
    harness.fire('moveend');
    await vi.waitFor(() => expect(harness.rests.map(([stepId]) => stepId)).toEqual(['donetsk']));
  });

  it('jumps instead of flying when states come faster than a flight can be watched', async () => {
    const harness = await readyHarness();
    harness.controller.apply(mapStateFor(harness.story, 'overview'), { animate: true });
    harness.controller.apply(mapStateFor(harness.story, 'sudzha'), { animate: true });
    expect(harness.calls.filter((call) => call.method === 'flyTo')).toHaveLength(0);
    expect(harness.calls.filter((call) => call.method === 'jumpTo')).toHaveLength(1);
  });

  it('keeps the panel insets as MapLibre padding and refits the applied state to them at once', async () => {
    const harness = await readyHarness();
    harness.controller.apply(mapStateFor(harness.story, 'overview'), { animate: true });
    const before = harness.calls.length;
    harness.controller.setInsets({ top: 180, right: 0, bottom: 100, left: 0 });
    // The same insets again change nothing.
    harness.controller.setInsets({ top: 180, right: 0, bottom: 100, left: 0.2 });
    const after = harness.calls.slice(before);
    expect(after.filter((call) => call.method === 'setPadding').map((call) => call.args[0])).toEqual([
      { top: 180, right: 0, bottom: 100, left: 0 },
    ]);
    const fits = after.filter((call) => call.method === 'fitBounds');
    expect(fits).toHaveLength(1);
    expect(fits[0]?.args[1]).toMatchObject({ animate: false, duration: 0 });
  });

  it('with keepView, moves the padding and not the view: the centre becomes the place under the new clear middle', async () => {
    const harness = await readyHarness({ size: [400, 300] });
    harness.controller.apply(mapStateFor(harness.story, 'overview'), { animate: true });
    const before = harness.calls.length;
    harness.controller.setInsets({ top: 180, right: 0, bottom: 100, left: 40 }, { keepView: true });
    const after = harness.calls.slice(before);
    // The clear part is x 40–400 and y 180–200: its middle is (220, 190).
    expect(after.map((call) => call.method)).toEqual(['unproject', 'jumpTo']);
    expect(after[1]?.args[0]).toEqual({ center: [220, 190], padding: { top: 180, right: 0, bottom: 100, left: 40 } });
    // Without it (the panels changed under a state that stays), the state is fitted into the new clear part.
    harness.controller.setInsets({ top: 0, right: 0, bottom: 100, left: 40 });
    expect(harness.calls.slice(before + 2).map((call) => call.method)).toContain('fitBounds');
  });

  it('flies to a state whose panels change with it: moving the padding is not a state applied, so no jump', async () => {
    const harness = await readyHarness({ size: [400, 300] });
    const now = vi.spyOn(performance, 'now').mockReturnValue(1_000);
    harness.controller.apply(mapStateFor(harness.story, 'overview'), { animate: true });
    // The reader reads for five seconds; the next step brings its panels, then its state, as createMap does.
    now.mockReturnValue(6_000);
    harness.controller.setInsets({ top: 180, right: 0, bottom: 100, left: 0 }, { keepView: true });
    harness.controller.apply(mapStateFor(harness.story, 'sudzha'), { animate: true });
    now.mockRestore();
    expect(harness.calls.filter((call) => call.method === 'flyTo')).toHaveLength(1);
  });

  it("opens with the first state's marker stand-ins, and hands them over again only for another state or band", async () => {
    const fake = createFakeLib();
    const story = validateStory(createStoryFiles());
    const statuses: MapStatus[] = [];
    // Sudzha's camera is a centre and zoom 9.2: the local band, where every marker the state shows stands in.
    const first = mapStateFor(story, 'sudzha');
    const controller = createMapController({
      lib: fake.lib,
      container: document.createElement('div'),
      story,
      data: createStoryData(story, { dataUrl: (file) => `/data/${file}` }),
      events: { status: (status) => statuses.push(status), rest: () => undefined, activatePlace: () => undefined },
      reducedMotion: false,
      attribution: '',
      firstState: first,
    });
    const handed = (): string[][] =>
      fake.calls
        .filter((call) => call.method === 'setData' && call.args[0] === 'place-blockers')
        .map((call) => (call.args[1] as { features: { properties: { id: string } }[] }).features)
        .map((features) => features.map((feature) => feature.properties.id));
    const shown = Object.entries(first.markers).filter(([, marker]) => marker.visible);
    expect(handed()).toEqual([shown.map(([placeId]) => placeId)]);
    controller.apply(first, { animate: false });
    fake.fire('load');
    await vi.waitFor(() => expect(statuses).toEqual(['ready']));
    expect(handed()).toHaveLength(1);
    controller.apply(mapStateFor(story, 'salient'), { animate: false });
    expect(handed()).toHaveLength(2);
  });

  it('hands the label placement invisible stand-ins for the markers the state shows at the zoom band', async () => {
    const harness = await readyHarness();
    const blockers = (): { properties: { id: string; kind: string } }[][] =>
      harness.calls
        .filter((call) => call.method === 'setData' && call.args[0] === 'place-blockers')
        .map((call) => (call.args[1] as { features: { properties: { id: string; kind: string } }[] }).features);
    harness.controller.apply(mapStateFor(harness.story, 'sudzha'), { animate: false });
    const shown = blockers().at(-1) ?? [];
    const state = mapStateFor(harness.story, 'sudzha');
    // The fake map rests at zoom 6 (region band): emphasised places and regions, no plain towns.
    expect(shown.map((feature) => feature.properties.id)).toContain('sudzha');
    for (const { properties } of shown) {
      const marker = state.markers[properties.id];
      expect(marker?.visible, properties.id).toBe(true);
      if (properties.kind === 'town') expect(marker?.emphasised || marker?.selected, properties.id).toBe(true);
    }
  });

  it('reports a file the map cannot load as an error naming the file, and never becomes ready', async () => {
    const harness = createHarness({ broken: ['geo/land.geojson'] });
    harness.fire('load');
    await vi.waitFor(() => expect(harness.statuses).toContain('error'));
    expect(harness.statuses).not.toContain('ready');
  });

  it('reports a base file that fails before the map has loaded, leaving no rejection unhandled', async () => {
    const harness = createHarness({ broken: ['geo/land.geojson'] });
    // No 'load': the owner removes a failed map, so it never comes.
    await statusesBecome(harness, ['error']);
    harness.controller.destroy();
    // Vitest fails the run on an unhandled rejection; give one the time to surface.
    await new Promise((resolve) => setTimeout(resolve, 0));
  });

  it('rests a state only once the files it shows are loaded', async () => {
    const harness = await readyHarness({ broken: ['geo/fortifications.geojson'] });
    harness.controller.apply(mapStateFor(harness.story, 'sumy-defences'), { animate: false });
    harness.fire('moveend');
    await vi.waitFor(() => expect(harness.statuses).toEqual(['ready', 'error']));
    expect(harness.rests).toEqual([]);
  });

  it("rests once the map is idle when no source event says a state's file loaded (its last tile was dropped)", async () => {
    const harness = await readyHarness({ dropped: ['geo/fortifications.geojson'] });
    harness.controller.apply(mapStateFor(harness.story, 'sumy-defences'), { animate: false });
    harness.fire('moveend');
    const progress = { method: 'sourcedata', args: ['src:geo/fortifications.geojson', false] };
    await vi.waitFor(() => expect(harness.calls).toContainEqual(progress));
    // The file's last event has come without saying it loaded; once every reaction to it has run, still no rest.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(harness.rests).toEqual([]);
    expect(harness.container.dataset.loadingFiles).toBe('geo/fortifications.geojson');
    harness.fire('idle');
    await vi.waitFor(() => expect(harness.rests.map(([stepId]) => stepId)).toEqual(['sumy-defences']));
    expect(harness.container.dataset.loadingFiles).toBe('');
  });

  it('makes every place a named button that reports activation', async () => {
    const harness = await readyHarness();
    const button = document.querySelector<HTMLButtonElement>('button[data-place="sudzha"]');
    expect(button?.getAttribute('aria-label')).toContain('Sudzha');
    button?.click();
    expect(harness.activated).toEqual(['sudzha']);
    harness.controller.destroy();
    expect(document.querySelector('button[data-place="sudzha"]')).toBeNull();
  });
});

describe('maplibre-gl canary', () => {
  it('still offers everything the controller uses', async () => {
    const real = await import('maplibre-gl');
    for (const name of ['Map', 'Marker', 'NavigationControl', 'AttributionControl', 'setWorkerUrl'] as const)
      expect(typeof real[name], name).toBe('function');
    const prototype = real.Map.prototype as unknown as Record<string, unknown>;
    const used: (keyof MapLike)[] = [
      'on',
      'once',
      'getSource',
      'addControl',
      'setPaintProperty',
      'setFilter',
      'queryRenderedFeatures',
      'setFeatureState',
      'triggerRepaint',
      'isMoving',
      'flyTo',
      'easeTo',
      'jumpTo',
      'fitBounds',
      'cameraForBounds',
      'getCenter',
      'unproject',
      'getZoom',
      'resize',
      'setPadding',
      'remove',
      'stop',
      'getCanvas',
      'loaded',
    ];
    for (const method of used) expect(typeof prototype[method], `Map.${method}`).toBe('function');
  });
});

// Pure map states: what each step and selection asks of the map.
import { describe, expect, it } from 'vitest';
import { cameraForPlace, formatCamera, mapStateFor, unionBoxes, zoomBandFor } from '../../src/lib/map/state.ts';
import { validateStory } from '../../src/lib/story/validate.ts';
import type { Place, Story } from '../../src/lib/story/types.ts';
import { createStoryFiles, loadRealStory } from './storyFixtures.ts';

function createStory(): Story {
  return validateStory(createStoryFiles());
}

describe('mapStateFor', () => {
  it('shows base layers always and story layers only in their steps', () => {
    const story = createStory();
    for (const step of story.steps) {
      const state = mapStateFor(story, step.id);
      for (const layer of story.layers) {
        expect(state.layerOpacity[layer.id], `${step.id}/${layer.id}`).toBe(
          layer.base || step.layers.includes(layer.id) ? 1 : 0,
        );
      }
    }
  });

  it('carries the date only while a dated layer is visible', () => {
    const story = createStory();
    expect(mapStateFor(story, 'salient').date).toBe('2024-08-28');
    expect(mapStateFor(story, 'jeddah').date).toBeUndefined();
  });

  it("fits a step's places into one box", () => {
    const story = createStory();
    const state = mapStateFor(story, 'jeddah');
    expect(state.camera.kind).toBe('bounds');
    const bounds = state.camera.kind === 'bounds' ? state.camera.bounds : [];
    expect(bounds[1]).toBeLessThanOrEqual(21.49012);
    expect(bounds[3]).toBeGreaterThanOrEqual(55.75204);
  });

  it('lets a selected place take the camera and join the emphasis', () => {
    const story = createStory();
    const state = mapStateFor(story, 'overview', 'bakhmut');
    expect(state.selectedPlaceId).toBe('bakhmut');
    expect(state.emphasis).toEqual(['kursk', 'bakhmut']);
    expect(state.camera).toEqual({ kind: 'center', center: [37.99886, 48.59419], zoom: 9, bearing: 0, pitch: 0 });
  });

  it('throws on an unknown step or place', () => {
    const story = createStory();
    expect(() => mapStateFor(story, 'nope')).toThrow('unknown step "nope"');
    expect(() => mapStateFor(story, 'overview', 'nope')).toThrow('unknown place "nope"');
  });
});

describe('camera helpers', () => {
  it('unions boxes', () => {
    expect(
      unionBoxes([
        [1, 2, 3, 4],
        [0, 3, 2, 5],
      ]),
    ).toEqual([0, 2, 3, 5]);
  });

  it('shows a far place with its context box', () => {
    const jeddah = createStory().places.find((place) => place.id === 'jeddah') as Place;
    expect(cameraForPlace(jeddah)).toMatchObject({ kind: 'bounds', bounds: jeddah.bounds });
  });

  it('formats data-camera as LNG,LAT,ZOOM', () => {
    expect(formatCamera({ lng: 35.270564, lat: 51.19139 }, 9.2)).toBe('35.2706,51.1914,9.20');
  });
});

// The real story, loaded with its snapshots (the build fills them in from the data): seconds on a busy machine.
describe('mapStateFor, per step of the real story', { timeout: 60_000 }, () => {
  // What each step shows besides its camera: the snapshot each dated layer draws (its time), the legend, the
  // timeline (and whether it carries the chart), the locator.
  const EXPECTED: Record<
    string,
    {
      snapshots: Record<string, string>;
      legend: string[];
      timeline?: { date: string; chart: boolean };
      locator: boolean;
    }
  > = {
    overview: {
      snapshots: {
        'control-grey': '2025-03-12T12:04Z',
        'control-held': '2025-03-12T12:04Z',
        'control-stale': '2025-03-12T12:04Z',
      },
      legend: ['control-grey', 'control-held', 'control-stale'],
      timeline: { date: '2025-03-12', chart: true },
      locator: true,
    },
    sudzha: {
      snapshots: {
        'control-grey': '2025-03-12T12:04Z',
        'control-held': '2025-03-12T12:04Z',
        'control-stale': '2025-03-12T12:04Z',
      },
      legend: ['control-grey', 'control-held', 'control-stale', 'road', 'crossing'],
      timeline: { date: '2025-03-12', chart: true },
      locator: true,
    },
    salient: {
      snapshots: {
        'control-grey': '2024-08-28T19:43Z',
        'control-held': '2024-08-28T19:43Z',
        'control-stale': '2024-08-28T19:43Z',
      },
      legend: ['control-grey', 'control-held', 'control-stale'],
      timeline: { date: '2024-08-28', chart: true },
      locator: true,
    },
    'supply-road': {
      snapshots: {
        'control-grey': '2025-03-11T12:04Z',
        'control-held': '2025-03-11T12:04Z',
        'control-stale': '2025-03-11T12:04Z',
      },
      legend: ['control-grey', 'control-held', 'control-stale', 'road', 'crossing'],
      timeline: { date: '2025-03-11', chart: true },
      locator: true,
    },
    // The occupied area has no snapshot on 12 March: the one before it, 11 March, shows.
    ceasefire: {
      snapshots: { occupied: '2025-03-11', 'control-held': '2025-03-12T12:04Z' },
      legend: ['occupied', 'control-held'],
      timeline: { date: '2025-03-12', chart: true },
      locator: false,
    },
    jeddah: { snapshots: {}, legend: [], locator: false },
    donbas: {
      snapshots: { occupied: '2025-03-11' },
      legend: ['occupied'],
      // The date control moves the control areas, none of which this step shows: no timeline.
      locator: true,
    },
    'sumy-defences': {
      snapshots: { 'control-held': '2025-03-12T12:04Z' },
      legend: ['control-held', 'fortifications'],
      timeline: { date: '2025-03-12', chart: true },
      locator: true,
    },
    donetsk: {
      snapshots: { occupied: '2025-03-11', 'control-held': '2025-03-12T12:04Z' },
      legend: ['occupied', 'control-held'],
      timeline: { date: '2025-03-12', chart: true },
      locator: true,
    },
  };

  it.each(Object.keys(EXPECTED))('%s', (stepId) => {
    const story = loadRealStory().story;
    const expected = EXPECTED[stepId];
    const state = mapStateFor(story, stepId);
    expect(
      Object.fromEntries(Object.entries(state.snapshots).map(([layerId, snapshot]) => [layerId, snapshot.time])),
    ).toEqual(expected?.snapshots);
    expect(state.panels.legend.map((entry) => entry.layerId)).toEqual(expected?.legend);
    expect(
      state.panels.timeline && { date: state.panels.timeline.shown.date, chart: state.panels.timeline.chart },
    ).toEqual(expected?.timeline);
    expect(state.panels.locator).toBe(expected?.locator);
    // The fortification lines' marker shows only while their layer does.
    expect(state.markers.fortifications?.visible).toBe(stepId === 'sumy-defences');
    for (const placeId of state.emphasis) expect(state.markers[placeId]?.emphasised, placeId).toBe(true);
  });

  it("puts a region's label where the step places it, and at its anchor elsewhere", () => {
    const story = loadRealStory().story;
    const sumy = story.places.find((place) => place.id === 'sumy');
    expect(mapStateFor(story, 'sudzha').markers.sumy?.anchor).toEqual([35.08, 51.14]);
    expect(mapStateFor(story, 'sumy-defences').markers.sumy?.anchor).toEqual(sumy?.anchor);
  });

  it('names the snapshot time in the legend of a dated layer, and the as-of date of the others', () => {
    const state = mapStateFor(loadRealStory().story, 'sudzha');
    expect(state.panels.legend.find((entry) => entry.layerId === 'control-held')?.asOf).toBe(
      '12 March 2025, 12:04 UTC',
    );
    expect(state.panels.legend.find((entry) => entry.layerId === 'road')?.asOf).toBe('as of 2025-03-12');
    expect(state.panels.timeline?.label).toBe('Control area on');
  });

  it('shows a selected shape place with its layer and marker', () => {
    const state = mapStateFor(loadRealStory().story, 'jeddah', 'fortifications');
    expect(state.layerOpacity.fortifications).toBe(1);
    expect(state.markers.fortifications).toMatchObject({ visible: true, emphasised: true, selected: true });
  });

  it('bands zooms for both renderers', () => {
    expect([zoomBandFor(3), zoomBandFor(4.5), zoomBandFor(6.99), zoomBandFor(7)]).toEqual([
      'world',
      'region',
      'region',
      'local',
    ]);
  });
});

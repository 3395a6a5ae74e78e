// Pure map states: what each step and selection asks of the map.
import { describe, expect, it } from 'vitest';
import { cameraForPlace, formatCamera, mapStateFor, unionBoxes } from '../../src/lib/map/state.ts';
import { validateStory } from '../../src/lib/story/validate.ts';
import type { Place, Story } from '../../src/lib/story/types.ts';
import { createStoryFiles } from './storyFixtures.ts';

function createStory(): Story {
  return validateStory(createStoryFiles());
}

describe('mapStateFor', () => {
  it('shows base layers always and story layers only in their steps', () => {
    const story = createStory();
    for (const step of story.steps) {
      const state = mapStateFor(story, step.id);
      for (const layer of story.layers) {
        expect(state.layerOpacity[layer.id], `${step.id}/${layer.id}`).toBe(layer.base || step.layers.includes(layer.id) ? 1 : 0);
      }
    }
  });

  it('carries the date only while a dated layer is visible', () => {
    const story = createStory();
    expect(mapStateFor(story, 'salient').date).toBe('2024-08-28');
    expect(mapStateFor(story, 'jeddah').date).toBeUndefined();
  });

  it('fits a step\'s places into one box', () => {
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
    expect(unionBoxes([[1, 2, 3, 4], [0, 3, 2, 5]])).toEqual([0, 2, 3, 5]);
  });

  it('shows a far place with its context box', () => {
    const jeddah = createStory().places.find((place) => place.id === 'jeddah') as Place;
    expect(cameraForPlace(jeddah)).toMatchObject({ kind: 'bounds', bounds: jeddah.bounds });
  });

  it('formats data-camera as LNG,LAT,ZOOM', () => {
    expect(formatCamera({ lng: 35.270564, lat: 51.19139 }, 9.2)).toBe('35.2706,51.1914,9.20');
  });
});

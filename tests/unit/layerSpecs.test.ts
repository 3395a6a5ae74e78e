// The map's style is built, not written: storyStyle's output and every filter the controller sets later must pass
// MapLibre's own style check, because the map skips that check at run time (validateStyle: false, validate: false).
import { validateStyleMin, type StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { validateStory } from '../../src/lib/story/validate.ts';
import {
  uncovered,
  BLOCKER_SOURCE,
  emphasisFilter,
  layerFilter,
  placeShapes,
  sourceId,
  storyStyle,
} from '../../src/lib/map/layerSpecs.ts';
import { mapStateFor } from '../../src/lib/map/state.ts';
import { createStoryFiles } from './storyFixtures.ts';

const errorsOf = (style: unknown): string[] =>
  validateStyleMin(style as StyleSpecification).map((error) => error.message);

describe('storyStyle', () => {
  it("passes MapLibre's style check, with every story layer at its base opacity", () => {
    const story = validateStory(createStoryFiles());
    const { style, specsByLayer } = storyStyle(story);
    expect(errorsOf(style)).toEqual([]);
    expect([...specsByLayer.keys()]).toEqual(story.layers.map((layer) => layer.id));
    // The blockers are the top layers, over every label of the story's own.
    expect(style.layers.slice(-2).map((layer) => layer.id)).toEqual([
      `${BLOCKER_SOURCE}__point`,
      `${BLOCKER_SOURCE}__region`,
    ]);
    for (const layer of story.layers)
      for (const { spec, opacity } of specsByLayer.get(layer.id) ?? [])
        for (const [property, full] of opacity)
          expect((spec.paint as Record<string, unknown>)[property], `${String(spec.id)} ${property}`).toBe(
            layer.base ? full : 0,
          );
    // Every label, and the dot it names, turns transparent where a panel covers part of it; its opacity still fades.
    const labels = [...specsByLayer.values()].flat().filter(({ spec }) => spec.type === 'symbol');
    expect(labels.every(({ labels: flagged }) => flagged)).toBe(true);
    for (const { spec } of labels)
      expect((spec.paint as Record<string, unknown>)['text-color'], String(spec.id)).toEqual(
        uncovered(String(((spec.paint as Record<string, unknown>)['text-color'] as unknown[])[3])),
      );
    const town = specsByLayer.get('towns')?.find(({ spec }) => spec.type === 'circle')?.spec.paint as Record<
      string,
      unknown
    >;
    expect((town['circle-color'] as unknown[])[0]).toBe('case');
    // Feature state names a feature by its `id` property.
    for (const source of Object.values(style.sources)) expect(source.promoteId).toBe('id');
  });

  it("opens at any step's state, which passes the check too: its layers shown, its snapshots drawn", () => {
    const story = validateStory(createStoryFiles());
    for (const step of story.steps) {
      const state = mapStateFor(story, step.id);
      const { style, specsByLayer } = storyStyle(story, { fadeMs: 0, state });
      expect(errorsOf(style), step.id).toEqual([]);
      const byId = new Map(style.layers.map((layer) => [String(layer.id), layer]));
      for (const layer of story.layers) {
        const shown = (state.layerOpacity[layer.id] ?? 0) > 0;
        for (const { spec, opacity } of specsByLayer.get(layer.id) ?? []) {
          for (const [property, full] of opacity)
            expect((spec.paint as Record<string, unknown>)[property], `${step.id} ${String(spec.id)}`).toBe(
              shown ? full : 0,
            );
          expect(byId.get(String(spec.id))?.filter, `${step.id} ${String(spec.id)} filter`).toEqual(
            layerFilter(layer, state.snapshots[layer.id]?.date),
          );
        }
      }
    }
  });

  it('outlines every place shape of a layer, drawn only where its feature state says emphasised', () => {
    const story = validateStory(createStoryFiles());
    const { style } = storyStyle(story, { fadeMs: 0, state: mapStateFor(story, story.steps[0]?.id ?? '') });
    const outlines = style.layers.filter((layer) => String(layer.id).endsWith('__emphasis'));
    const shapes = placeShapes(story.places);
    expect(outlines.map((layer) => layer.id)).toEqual([...shapes.keys()].map((layerId) => `${layerId}__emphasis`));
    for (const [layerId, featureIds] of shapes) {
      const outline = outlines.find((layer) => layer.id === `${layerId}__emphasis`);
      // All of them, whatever the state emphasises: a new emphasis must not change the filter (a new tiling).
      expect(outline?.filter).toEqual(emphasisFilter(featureIds));
      expect(featureIds.length).toBeGreaterThan(0);
      const opacity = (outline?.paint as Record<string, unknown>)['line-opacity'];
      expect(JSON.stringify(opacity)).toContain('["feature-state","emphasised"]');
    }
    // Every place with a shape has its outline.
    for (const place of story.places.filter((candidate) => candidate.shape))
      expect(shapes.get(place.shape?.layer ?? '')).toContain(place.shape?.feature);
  });

  it('starts the sources it is given a URL for with that URL, and every other one empty', () => {
    const story = validateStory(createStoryFiles());
    const base = story.layers.find((layer) => layer.base)?.file ?? '';
    const { style } = storyStyle(story, {
      fadeMs: 0,
      dataUrl: (file) => (file === base ? `/data/${file}` : undefined),
    });
    expect(errorsOf(style)).toEqual([]);
    for (const [id, source] of Object.entries(style.sources))
      if (id === sourceId(base)) expect(source.data).toBe(`/data/${base}`);
      else expect(source.data, id).toEqual({ type: 'FeatureCollection', features: [] });
  });

  it('is what the check catches when a layer is wrong (the check itself works)', () => {
    const story = validateStory(createStoryFiles());
    const { style } = storyStyle(story);
    const broken = { ...style, layers: [...style.layers, { id: 'x', type: 'line', source: 'nowhere' }] };
    expect(errorsOf(broken).join('\n')).toContain('nowhere');
  });
});

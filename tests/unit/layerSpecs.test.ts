// The map's style is built, not written: storyStyle's output and every filter the controller sets later must pass
// MapLibre's own style check, because the map skips that check at run time (validateStyle: false, validate: false).
import { validateStyleMin, type StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { validateStory } from '../../src/lib/story/validate.ts';
import { BLOCKER_SOURCE, emphasisFilter, layerFilter, sourceId, storyStyle } from '../../src/lib/map/layerSpecs.ts';
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
  });

  it('keeps passing with the filters and fades the controller sets later (dates, emphasis)', () => {
    const story = validateStory(createStoryFiles());
    const { style } = storyStyle(story, 0);
    const filtered = {
      ...style,
      layers: style.layers.map((layer) => {
        const storyLayer = story.layers.find((candidate) => String(layer.id).startsWith(candidate.id));
        if (String(layer.id).endsWith('__emphasis')) return { ...layer, filter: emphasisFilter(['sudzha', 'kursk']) };
        const filter = storyLayer && layerFilter(storyLayer, '2025-03-12');
        return filter ? { ...layer, filter } : layer;
      }),
    };
    expect(errorsOf(filtered)).toEqual([]);
  });

  it('starts the sources it is given a URL for with that URL, and every other one empty', () => {
    const story = validateStory(createStoryFiles());
    const base = story.layers.find((layer) => layer.base)?.file ?? '';
    const { style } = storyStyle(story, 0, (file) => (file === base ? `/data/${file}` : undefined));
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

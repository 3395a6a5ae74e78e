// An explainer mounted in stages (the script embed, EmbedRoot.svelte) shows its parts as App's `stage` grows: the frame
// and the article's place first, then the map box, then the map's panels and the list of places. Rendered as the
// prerender renders App (a page that hydrates has every part: the default stage).
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { JSDOM } from 'jsdom';
import App from '../../src/components/App.svelte';
import { validateStory } from '../../src/lib/story/validate.ts';
import { createStoryFiles } from './storyFixtures.ts';

function partsAt(stage?: number): Record<string, boolean> {
  const story = validateStory(createStoryFiles());
  const { body } = render(App, { props: { story, dataUrls: {}, ...(stage !== undefined && { stage }) } });
  const { document } = new JSDOM(body).window;
  const has = (selector: string): boolean => document.querySelector(selector) !== null;
  return {
    article: has('[data-article]'),
    map: has('[data-map]'),
    legend: has('[data-legend]'),
    motion: has('.motion-toggle'),
    places: has('.after-story [data-place]'),
  };
}

describe("App's stages", () => {
  it('shows the frame first, then the map box, then the panels and the list of places', () => {
    expect(partsAt(0)).toEqual({ article: true, map: false, legend: false, motion: false, places: false });
    expect(partsAt(1)).toEqual({ article: true, map: true, legend: false, motion: false, places: false });
    expect(partsAt(2)).toEqual({ article: true, map: true, legend: true, motion: true, places: true });
  });

  it('shows everything by default, as the page that hydrates its prerendered markup needs', () => {
    expect(partsAt()).toEqual(partsAt(2));
  });
});

// An explainer mounted in stages (the script embed, EmbedRoot.svelte) shows its parts as App's `stage` grows: the frame
// and the article's place first, then the map box with the empty element of its panels, then the list of places (and,
// a task later, the panels: an island that ScrollyLayout mounts in that element at stage 2; the build prerenders them
// on their own, page.ssr.test.ts). Rendered as the prerender renders App (a page that hydrates has every part: the
// default stage).
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
    panels: document.querySelector('[data-map] .map-panels')?.innerHTML === '',
    places: has('.after-story [data-place]'),
  };
}

describe("App's stages", () => {
  it("shows the frame first, then the map box and its panels' element, then the list of places", () => {
    expect(partsAt(0)).toEqual({ article: true, map: false, panels: false, places: false });
    expect(partsAt(1)).toEqual({ article: true, map: true, panels: true, places: false });
    expect(partsAt(2)).toEqual({ article: true, map: true, panels: true, places: true });
  });

  it('shows everything by default, as the page that hydrates its prerendered markup needs', () => {
    expect(partsAt()).toEqual(partsAt(2));
  });
});

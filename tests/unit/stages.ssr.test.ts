// An explainer mounted in stages (the script embed, EmbedRoot.svelte) shows its parts as App's `stage` grows: the frame
// and the article's place first, then the map box with the empty element of its panels, then the empty element after
// the story (a task later, the panels and the list of places: islands mounted in those elements at stage 2; the
// build prerenders them on their own, page.ssr.test.ts). Rendered as the prerender renders App (a page that hydrates
// has every part: the default stage).
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
    afterStory: document.querySelector('.after-story')?.innerHTML === '',
  };
}

describe("App's stages", () => {
  it("shows the frame first, then the map box and its panels' element, then the element after the story", () => {
    expect(partsAt(0)).toEqual({ article: true, map: false, panels: false, afterStory: false });
    expect(partsAt(1)).toEqual({ article: true, map: true, panels: true, afterStory: false });
    expect(partsAt(2)).toEqual({ article: true, map: true, panels: true, afterStory: true });
  });

  it('shows everything by default, as the page that hydrates its prerendered markup needs', () => {
    expect(partsAt()).toEqual(partsAt(2));
  });
});

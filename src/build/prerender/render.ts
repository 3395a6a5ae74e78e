// The explainer's server render, for a story: the app (its map box and the empty elements of the article, of the
// map's panels and of what follows the story), the article rendered on its own, which the page never hydrates
// (Article.svelte), and the islands rendered on their own, which the page hydrates a task later (island.ts): the map's
// panels (MapPanels.svelte) and the list of places with the credits (AfterStory.svelte). page.ts puts each in its
// place.
import { render } from 'svelte/server';
import App, { setUpExplainer } from '../../components/App.svelte';
import AfterStory from '../../components/AfterStory.svelte';
import Article from '../../components/article/Article.svelte';
import MapPanels from '../../components/map/MapPanels.svelte';
import type { PrerenderedPage } from './page.ts';
import type { Story } from '../../lib/story/types.ts';

export interface RenderOptions {
  /** Each layer file's URL. */
  dataUrls: Record<string, string>;
  /** URL of each step's static map drawn at build time (print, no JavaScript). */
  printMapSrc?: ((stepId: string) => string) | undefined;
}

/** The explainer's markup, head elements, article and islands. */
export function renderExplainer(story: Story, { dataUrls, printMapSrc }: RenderOptions): PrerenderedPage {
  // The opening step's preview goes into the map box (page.ts): the map is there with the first paint.
  const previews = { urls: {}, inline: true };
  const { body, head } = render(App, { props: { story, dataUrls, printMapSrc, previews, articlePrerendered: true } });
  const article = render(Article, { props: { story, printMapSrc } }).body;
  // As the app opens (ScrollyLayout.svelte): its reader's first state, the map's preview, the narrow layout's panels
  // (no chart). Their own ID prefix keeps their element IDs apart from the app's.
  const { data, reader } = setUpExplainer(story, dataUrls, false);
  const panels = render(MapPanels, {
    props: {
      story,
      data,
      reader,
      mapStatus: 'preview',
      chartShown: false,
      onread: () => {},
    },
    idPrefix: 'panels',
  }).body;
  const afterStory = render(AfterStory, { props: { story, reader, onplace: () => {} }, idPrefix: 'after' }).body;
  return { body, head, article, panels, afterStory, openingStepId: story.steps[0]?.id };
}

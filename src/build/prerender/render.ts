// The explainer's server render, for a story: the app (its map box, panels and the empty article element) and the
// article rendered on its own, which the page never hydrates (Article.svelte). page.ts puts the article in its place.
import { render } from 'svelte/server';
import App from '../../components/App.svelte';
import Article from '../../components/article/Article.svelte';
import type { PrerenderedPage } from './page.ts';
import type { Story } from '../../lib/story/types.ts';

export interface RenderOptions {
  /** Each layer file's URL. */
  dataUrls: Record<string, string>;
  /** URL of each step's static map drawn at build time (print, no JavaScript). */
  printMapSrc?: ((stepId: string) => string) | undefined;
}

/** The explainer's markup, head elements and article. */
export function renderExplainer(story: Story, { dataUrls, printMapSrc }: RenderOptions): PrerenderedPage {
  // The opening step's preview goes into the map box (page.ts): the map is there with the first paint.
  const previews = { urls: {}, inline: true };
  const { body, head } = render(App, { props: { story, dataUrls, printMapSrc, previews, articlePrerendered: true } });
  const article = render(Article, { props: { story, printMapSrc } }).body;
  return { body, head, article, openingStepId: story.steps[0]?.id };
}

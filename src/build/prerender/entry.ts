// Server-side entry used at build time: renders the explainer to HTML so the article is in the served page and paints
// before any script runs (and reads without JavaScript). The story travels with it as inline JSON.
import { render } from 'svelte/server';
import { story } from 'virtual:story';
import { dataUrls } from 'virtual:story-assets';
import App from '../../components/App.svelte';
import { printMapSource } from '../../lib/printMaps.ts';
import { jsonForHtml, type PrerenderedPage } from './page.ts';

/**
 * The explainer's markup, head elements, and the story JSON for the page to hydrate from.
 * @param mapsDir where the build writes each step's static map, relative to the page
 */
export function renderPage(mapsDir: string): PrerenderedPage {
  // The opening step's preview goes into the map box (page.ts): the map is there with the first paint.
  const previews = { urls: {}, inline: true };
  const { body, head } = render(App, { props: { story, dataUrls, printMapSrc: printMapSource(mapsDir), previews } });
  return { body, head, storyJson: jsonForHtml(story), openingStepId: story.steps[0]?.id };
}

// Server-side entry used at build time: renders the explainer to HTML so the article is in the served page and paints
// before any script runs (and reads without JavaScript). The story travels with it as inline JSON.
import { story } from 'virtual:story';
import { dataUrls } from 'virtual:story-assets';
import { printMapSource } from '../../lib/printMaps.ts';
import { renderExplainer } from './render.ts';
import type { PrerenderedPage } from './page.ts';

/**
 * The explainer's markup, head elements, and the story JSON for the page to hydrate from.
 * @param mapsDir where the build writes each step's static map, relative to the page
 */
export function renderPage(mapsDir: string): PrerenderedPage {
  return renderExplainer(story, { dataUrls, printMapSrc: printMapSource(mapsDir) });
}

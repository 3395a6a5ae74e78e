// Entry point of the standalone page: hydrates the explainer prerendered into the HTML at build time (all but the
// article, which stays as it was served), once the text has painted. The story comes as JSON inlined in the page (or fetched beside the bundle), not inside this chunk.
// `?embed` makes it an iframe embed (no address sync; height and scroll talk with the host: src/lib/embed/frame.ts,
// loaded only then); `?layout=stacked` renders every step with its own static map.
import { hydrate, mount } from 'svelte';
import { dataUrls, previewUrls, storyUrl } from 'virtual:story-assets';
import App from './components/App.svelte';
import { printMapSource } from './lib/printMaps.ts';
import type { HostViewport } from './lib/scroll/hostViewport.ts';
import type { Story } from './lib/story/types.ts';
import './styles/explainer.css';

async function readStory(): Promise<Story> {
  // A constant condition: the production bundle carries neither the dev branch nor the story module.
  if (import.meta.env.DEV) return (await import('virtual:story')).story;
  const inline = document.querySelector('script[data-story]')?.textContent;
  if (inline) return JSON.parse(inline) as Story;
  if (!storyUrl) throw new Error('The page carries no story data.');
  const response = await fetch(storyUrl);
  if (!response.ok) throw new Error(`The story data could not be loaded (HTTP ${response.status}).`);
  return (await response.json()) as Story;
}

const target = document.getElementById('app');
if (!target) throw new Error('The page has no #app element to hold the explainer.');
const params = new URLSearchParams(location.search);
const embedded = params.has('embed');
const layout = params.get('layout') === 'stacked' ? 'stacked' : 'scrolly';
let viewport: HostViewport | undefined;
if (embedded)
  viewport = (await import('./lib/embed/frame.ts')).startFrameEmbed({ content: target, params, layout }).viewport;
const story = await readStory();
// The build put the opening step's map preview into the map box (src/build/prerender/page.ts).
const inline = document.querySelector('[data-map-canvas] svg.map-preview') !== null;
const previews = { urls: previewUrls, inline };
// The article is prerendered markup that is never hydrated (components/article/Article.svelte).
const articlePrerendered = document.querySelector('[data-article] [data-step]') !== null;
const props = {
  story,
  dataUrls,
  layout,
  viewport,
  syncAddress: !embedded,
  printMapSrc: printMapSource(),
  previews,
  articlePrerendered,
} as const;
// The prerendered article is the scrolly layout: the stacked one is rendered afresh.
if (import.meta.env.DEV || layout === 'stacked') {
  target.replaceChildren();
  mount(App, { target, props });
}
// Hydrate after the first frame: the prerendered article paints before any of our script runs.
else requestAnimationFrame(() => setTimeout(() => hydrate(App, { target, props }), 0));

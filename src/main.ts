// Entry point of the standalone page: hydrates the explainer prerendered into the HTML at build time (all but the
// article, which stays as it was served; the map's panels and the list of places hydrate a task later, as islands:
// src/lib/island.ts),
// once the text has painted. The story comes as a JSON file beside the bundle (the page's starter has already begun
// fetching it), not inside this chunk nor inlined in the page.
// `?embed` makes it an iframe embed (no address sync; height and scroll talk with the host: src/lib/embed/frame.ts,
// loaded only then); `?layout=stacked` renders every step with its own static map.
import { hydrate, mount } from 'svelte';
import { dataUrls, previewUrls, storyUrl } from 'virtual:story-assets';
import App from './components/App.svelte';
import { afterNextFrame } from './lib/nextTask.ts';
import { printMapSource } from './lib/printMaps.ts';
import type { HostViewport } from './lib/scroll/hostViewport.ts';
import { fetchStory } from './lib/story/fetchStory.ts';
import type { Story } from './lib/story/types.ts';
import './styles/explainer.css';

const target = document.getElementById('app');
if (!target) throw new Error('The page has no #app element to hold the explainer.');
const params = new URLSearchParams(location.search);
const embedded = params.has('embed');
const layout = params.get('layout') === 'stacked' ? 'stacked' : 'scrolly';
const storyLoading = fetchStory(storyUrl);
let viewport: HostViewport | undefined;
if (embedded)
  viewport = (await import('./lib/embed/frame.ts')).startFrameEmbed({ content: target, params, layout }).viewport;
// Without the story the explainer cannot start: the page keeps what it was served, the whole article and the opening
// step's map, and says so to whoever looks at the map box.
const story = await storyLoading.catch((error: unknown) => {
  console.warn('The explainer could not load its story; the page stays as served:', error);
  document.querySelector('[data-map]')?.setAttribute('data-map-status', 'fallback');
  return undefined;
});
if (story) start(story, target);

function start(story: Story, host: HTMLElement): void {
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
    host.replaceChildren();
    mount(App, { target: host, props });
  }
  // Hydrate after the first frame: the prerendered article paints before any of our script runs.
  else afterNextFrame(() => hydrate(App, { target: host, props }));
}

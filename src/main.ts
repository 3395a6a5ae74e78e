// Entry point of the standalone page: hydrates the article prerendered into the HTML at build time, once the text
// has painted. The story comes as JSON inlined in the page (or fetched beside the bundle), not inside this chunk.
import { hydrate, mount } from 'svelte';
import { dataUrls, storyUrl } from 'virtual:story-assets';
import App from './components/App.svelte';
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
const story = await readStory();
const props = { story, dataUrls };
if (import.meta.env.DEV) mount(App, { target, props });
// Hydrate after the first frame: the prerendered article paints before any of our script runs.
else requestAnimationFrame(() => setTimeout(() => hydrate(App, { target, props }), 0));

// Server-side entry used at build time: renders the explainer to HTML so the article is in the served page and paints
// before any script runs (and reads without JavaScript). The story travels with it as inline JSON.
import { render } from 'svelte/server';
import { story } from 'virtual:story';
import { dataUrls } from 'virtual:story-assets';
import App from '../../components/App.svelte';
import { jsonForHtml } from '../storyPlugin.ts';

/** The explainer's markup, head elements, and the story JSON for the page to hydrate from. */
export function renderPage(): { body: string; head: string; storyJson: string } {
  const { body, head } = render(App, { props: { story, dataUrls } });
  return { body, head, storyJson: jsonForHtml(story) };
}

// Server-side entry used at build time: renders the explainer to HTML so the article is in the served page and paints
// before any script runs (and reads without JavaScript).
import { render } from 'svelte/server';
import { story, dataUrls } from 'virtual:story';
import App from './components/App.svelte';

/** The explainer's markup and head elements, rendered from the story. */
export function renderPage(): { body: string; head: string } {
  return render(App, { props: { story, dataUrls } });
}

// Entry point of the standalone page: hydrates the article prerendered into the HTML at build time. The dev server
// serves the page without prerendering, so there the explainer is rendered from scratch.
import { hydrate, mount } from 'svelte';
import { story, dataUrls } from 'virtual:story';
import App from './components/App.svelte';
import './styles/explainer.css';

const target = document.getElementById('app');
if (!target) throw new Error('The page has no #app element to hold the explainer.');
const props = { story, dataUrls };
// A constant condition: the production bundle carries only hydrate.
if (import.meta.env.DEV) mount(App, { target, props });
else hydrate(App, { target, props });

// Entry point of the standalone page: mounts the explainer on the prerendered article, or renders it when the HTML
// arrived empty (dev server).
import { hydrate, mount } from 'svelte';
import { story, dataUrls } from 'virtual:story';
import App from './components/App.svelte';
import './styles/explainer.css';

const target = document.getElementById('app');
if (!target) throw new Error('The page has no #app element to hold the explainer.');
const props = { story, dataUrls };
if (target.querySelector('[data-passage]')) hydrate(App, { target, props });
else mount(App, { target, props });

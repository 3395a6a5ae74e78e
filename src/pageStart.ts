// The page's only script at first paint: a small deferred file that the build puts in dist/index.html
// (src/build/prerender, as assets/start-HASH.js; a file rather than inline code, so the page needs no inline script
// under a Content-Security-Policy). It fetches and starts the explainer once the prerendered text and map preview
// have painted, so nothing of ours competes with that paint. The URLs come from the script element, written by the
// build in place of Vite's module script and preload links: `data-fetch`, the data the entry fetches at once (the
// story), and `data-modules`, the entry first, then the modules it imports at once.
import { afterFirstPaint } from './lib/afterFirstPaint.ts';
import { nextTask } from './lib/nextTask.ts';

const script = document.currentScript;
const data = JSON.parse(script?.dataset.fetch ?? '[]') as string[];
const [entry, ...imports] = JSON.parse(script?.dataset.modules ?? '[]') as string[];

/** What each kind of URL becomes: a preload of data for fetch(), a preload of a module, or the module script. */
const ELEMENTS = {
  fetch: { tag: 'link', attributes: { rel: 'preload', as: 'fetch' }, urlAttribute: 'href' },
  modulepreload: { tag: 'link', attributes: { rel: 'modulepreload' }, urlAttribute: 'href' },
  module: { tag: 'script', attributes: { type: 'module' }, urlAttribute: 'src' },
} as const;

type Kind = keyof typeof ELEMENTS;

function add(url: string, kind: Kind): void {
  const { tag, attributes, urlAttribute } = ELEMENTS[kind];
  const node = document.createElement(tag);
  // Same-origin requests without credentials, as fetch() and module scripts make them: the preloads are used.
  for (const [name, value] of Object.entries({ ...attributes, [urlAttribute]: url, crossorigin: '' }))
    node.setAttribute(name, value);
  document.head.append(node);
}

// One element per task: each starts a fetch, and together they would make one long task on a slow phone.
async function addInTurn(entryUrl: string): Promise<void> {
  const preloads = [
    ...data.map((url) => [url, 'fetch'] as const),
    ...imports.map((url) => [url, 'modulepreload'] as const),
  ];
  for (const [url, kind] of preloads) {
    add(url, kind);
    await nextTask();
  }
  add(entryUrl, 'module');
}

if (entry) afterFirstPaint(() => void addInTurn(entry));

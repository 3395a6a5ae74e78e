// The page's only script at first paint: a small deferred file that the build puts in dist/index.html
// (src/build/prerender, as assets/start-HASH.js; a file rather than inline code, so the page needs no inline script
// under a Content-Security-Policy). It fetches and starts the explainer's modules once the prerendered text and map
// preview have painted, so nothing of ours competes with that paint. The module URLs come from the script element's
// `data-modules` (entry first, then the modules it imports at once), written by the build in place of Vite's module
// script and preload links.
import { afterFirstPaint } from './lib/afterFirstPaint.ts';

const [entry, ...imports] = JSON.parse(document.currentScript?.dataset.modules ?? '[]') as string[];

/** A modulepreload link for `url`, or with `entry` the module script itself. */
function add(url: string, isEntry?: boolean): void {
  const node = document.createElement(isEntry ? 'script' : 'link');
  node.crossOrigin = '';
  if (node instanceof HTMLScriptElement) Object.assign(node, { type: 'module', src: url });
  else Object.assign(node, { rel: 'modulepreload', href: url });
  document.head.append(node);
}

// One element per task: each starts a fetch, and together they would make one long task on a slow phone.
const addInTurn = (index: number): void => {
  const url = imports[index];
  if (url === undefined) return add(entry ?? '', true);
  add(url);
  setTimeout(() => addInTurn(index + 1), 0);
};

if (entry) afterFirstPaint(() => addInTurn(0));

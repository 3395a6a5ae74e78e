// Entry point of the script embed, built to dist/embed.js (fixed name). On a host page:
//   <div data-story-map></div>            (the published <div data-kursk-explainer> works too)
//   <script type="module" src="https://…/embed.js"></script>
// Options, as attributes of the element: data-layout="stacked" (every step with its own static map).
// This file stays tiny: the explainer itself (src/lib/embed/mount.ts and the app) loads only when the page has an
// element to put it in. Every URL it loads resolves against this file's own URL, so any CDN path works (the CDN must
// send `Access-Control-Allow-Origin`: module scripts and the map's worker load cross-origin with CORS).

import { EMBED_SELECTOR } from './lib/embed/selectors.ts';
import { CONSOLE_PREFIX } from './lib/embed/messages.ts';

const SELECTOR = EMBED_SELECTOR.split(',')
  .map((selector) => `${selector.trim()}:not([data-mounted])`)
  .join(', ');

function start(): void {
  try {
    if (!document.querySelector(SELECTOR)) return;
    import('./lib/embed/mount.ts')
      .then(({ mountAll }) => mountAll(document))
      .catch((error: unknown) => console.warn(`${CONSOLE_PREFIX} the embed could not load:`, error));
  } catch (error) {
    console.warn(`${CONSOLE_PREFIX} the embed could not start:`, error);
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();

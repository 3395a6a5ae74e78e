// Entry point of the script embed, built to dist/embed.js (fixed name). On a host page:
//   <div data-story-map></div>            (the published <div data-kursk-explainer> works too)
//   <script type="module" src="https://…/embed.js"></script>
// Options, as attributes of the element: data-layout="stacked" (every step with its own static map).
// This file stays tiny: the explainer itself (src/lib/embed/mount.ts and the app) loads only when one of those
// elements nears the host's viewport (within one and a half screens), so a host page pays nothing for an explainer
// further down until its reader scrolls towards it. Every URL it loads resolves against this file's own URL, so any
// CDN path works (the CDN must send `Access-Control-Allow-Origin`: module scripts and the map's worker load
// cross-origin with CORS).

import { EMBED_SELECTOR } from './lib/embed/selectors.ts';
import { CONSOLE_PREFIX } from './lib/embed/messages.ts';

const SELECTOR = EMBED_SELECTOR.split(',')
  .map((selector) => `${selector.trim()}:not([data-mounted])`)
  .join(', ');
/** How far ahead of the host's viewport an embed starts loading. */
const AHEAD = '150% 0px';

function load(host: HTMLElement): void {
  import('./lib/embed/mount.ts')
    .then(({ mountEmbed }) => mountEmbed(host))
    .catch((error: unknown) => console.warn(`${CONSOLE_PREFIX} the embed could not load:`, error));
}

function start(): void {
  try {
    const hosts = [...document.querySelectorAll<HTMLElement>(SELECTOR)];
    if (hosts.length === 0) return;
    if (typeof IntersectionObserver !== 'function') return hosts.forEach(load);
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          observer.unobserve(entry.target);
          load(entry.target as HTMLElement);
        }
      },
      { rootMargin: AHEAD },
    );
    hosts.forEach((host) => observer.observe(host));
  } catch (error) {
    console.warn(`${CONSOLE_PREFIX} the embed could not start:`, error);
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();

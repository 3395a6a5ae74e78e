// The script embed's loader, built on its own to dist/embed.js (src/build/embedLoader.ts). On a host page:
//   <div data-story-map></div>            (the published <div data-kursk-explainer> works too)
//   <script type="module" src="https://…/embed.js" fetchpriority="low"></script>
// Options, as attributes of the element: data-layout="stacked" (every step with its own static map).
// This file is one small request with no imports. It reserves a screen's height for each element at once (the host's
// text below does not jump when the explainer arrives), then waits for the host page's first paint: the explainer
// itself (src/lib/embed/mount.ts and the app) loads only when an element nears the host's viewport (within one and a
// half screens), so a host page pays nothing for an explainer further down until its reader scrolls towards it.
// Every URL it loads resolves against this file's own URL, so any CDN path works (the CDN must send
// `Access-Control-Allow-Origin`: module scripts and the map's worker load cross-origin with CORS).

import { afterFirstPaint } from './lib/afterFirstPaint.ts';
import { nextTask } from './lib/nextTask.ts';
import { EMBED_SELECTOR } from './lib/embed/selectors.ts';
import { CONSOLE_PREFIX } from './lib/embed/messages.ts';
import { RESERVED_HEIGHT } from './lib/embed/reserve.ts';
import type { mountEmbed } from './lib/embed/mount.ts';

/** The explainer's own module, `embed-mount` of the main build (its URL relative to this file). */
declare const __EMBED_MOUNT__: string;
const loadMount = (): Promise<{ mountEmbed: typeof mountEmbed }> =>
  import(/* @vite-ignore */ new URL(__EMBED_MOUNT__, import.meta.url).href);

const SELECTOR = EMBED_SELECTOR.split(',')
  .map((selector) => `${selector.trim()}:not([data-mounted])`)
  .join(', ');
/** How far ahead of the host's viewport an embed starts loading. */
const AHEAD = '150% 0px';

function load(host: HTMLElement): void {
  loadMount()
    // Mounted in a task of its own, not in the one that ran the explainer's modules.
    .then(async ({ mountEmbed }) => {
      await nextTask();
      await mountEmbed(host);
    })
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

// Room for each explainer before the host page paints, wherever this script runs early enough (the explainer is
// taller than a screen; src/lib/embed/mount.ts lets the reservation go once it is in, or when it fails).
try {
  for (const host of document.querySelectorAll<HTMLElement>(SELECTOR))
    if (!host.style.minHeight) host.style.minHeight = RESERVED_HEIGHT;
} catch {
  // Nothing is reserved; the explainer still mounts.
}

// Never before the host's own article has painted.
afterFirstPaint(() => {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
});

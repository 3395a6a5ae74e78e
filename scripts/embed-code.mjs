// The script embed's code for a host article page, for wherever dist/ is uploaded: written once here, so the README,
// the embed demo, the end-to-end tests and the benchmark all paste the same thing.
// Usage: node scripts/embed-code.mjs https://graphics.example.com/2025/kursk/   (prints the code to paste)
//
// The host page fetches nothing of ours until it has painted its own text: an inline module script waits for the
// page's first contentful paint, then imports embed.js. A `<script src=".../embed.js">` tag instead is fetched while
// the host's HTML is parsed, and Lighthouse's simulated throttling then counts the connection to our origin into
// the host's FCP and LCP. The element reserves a screen's height itself (embed.js lets it go once the explainer is
// in), so the host's text below it does not move when the explainer arrives after that first paint.
// Hosts whose Content-Security-Policy refuses inline scripts add their nonce to the tag, or use the plain tag.

import { pathToFileURL } from 'node:url';

/**
 * The embed code for the build uploaded at `base`.
 * @param {string} base the URL of the uploaded dist/ folder, ending in "/" (absolute, or relative to the host page)
 * @returns {string} HTML: the element and the script that loads the explainer into it
 */
export function scriptEmbedCode(base) {
  if (!base.endsWith('/'))
    throw new Error(`embed-code: the build's URL must end with "/", got ${JSON.stringify(base)}`);
  // Pasted into a script inside HTML: no quote, backslash, angle bracket or space can end the string or the tag.
  if (/[\s"'`\\<>]/.test(base))
    throw new Error(
      `embed-code: the build's URL has a space, quote, backslash or angle bracket: ${JSON.stringify(base)}`,
    );
  const loader = `${base}embed.js`;
  return `<div data-story-map style="min-height: 100vh"></div>
<script type="module">
  // Loads the explainer once this page has painted its own text.
  const load = () => import('${loader}').catch((error) => console.warn('[story-map]', error));
  if (PerformanceObserver.supportedEntryTypes?.includes('paint'))
    new PerformanceObserver((list, observer) => {
      if (list.getEntriesByName('first-contentful-paint').length === 0) return;
      observer.disconnect();
      load();
    }).observe({ type: 'paint', buffered: true });
  else addEventListener('load', load);
</script>`;
}

/** Whitespace folded, for comparing a copy of the code that a formatter has re-indented. */
export const foldSpace = (/** @type {string} */ html) => html.replace(/\s+/g, ' ').trim();

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const base = process.argv[2];
  if (!base) {
    console.error('Usage: node scripts/embed-code.mjs URL_OF_THE_UPLOADED_DIST_FOLDER/');
    process.exit(1);
  }
  try {
    console.log(scriptEmbedCode(base));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

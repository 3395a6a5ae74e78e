// The benchmark's comparison pages, written into bench-results/: the bare MapLibre page with the story's article text,
// and a host newsroom's article page with no explainer, with the script embed (the code the README gives, and the
// plain script tag), with the iframe embed, and with an iframe of a 1 kB file from the explainer's origin (what any
// iframe there costs in Lighthouse's model); the explainer is served from another origin. Nothing here is part of the
// product.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { scriptEmbedCode } from '../embed-code.mjs';

/** @param {string} text */
const escapeHtml = (text) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The story's article as plain paragraphs (headline as h1), for the bare page: the same text our page shows.
 * @param {string} articleFile data/STORY/article.json
 */
export async function articleHtml(articleFile) {
  const { passages } = JSON.parse(await readFile(articleFile, 'utf8'));
  return /** @type {Array<{ id: string, text: string }>} */ (passages)
    .map(({ id, text }) =>
      id === 'headline'
        ? `<h1 data-passage="headline">${escapeHtml(text)}</h1>`
        : `<p data-passage="${escapeHtml(id)}">${escapeHtml(text)}</p>`,
    )
    .join('\n');
}

/** A host article's own text: ordinary newsroom copy around the explainer. */
const HOST_PARAGRAPHS = Array.from(
  { length: 8 },
  (_, index) =>
    `<p>Host article paragraph ${index + 1}. The newsroom's own reporting runs here, with its own quotes, ` +
    `figures and context for the reader, before and after the embedded explainer. It is set in the host's ` +
    `typeface and measure, as a real article page would be, so that the page has text to paint first.</p>`,
);

/** @typedef {'none' | 'script' | 'script-tag' | 'iframe' | 'iframe-empty'} HostPage */

/** An iframe where the embed goes, as the README gives it. @param {string} src */
const iframe = (src) =>
  `<iframe data-story-map-frame src="${src}" loading="lazy" ` +
  `title="A map explainer" style="display: block; width: 100%; height: 800px; border: 0"></iframe>`;

/**
 * Writes the host article pages, each an index.html in its own folder: `none/`, `script/` (the embed code of
 * scripts/embed-code.mjs), `script-tag/` (a plain `<script src>` tag), `iframe/` and `iframe-empty/` (an iframe of
 * the explainer's 1 kB embed.js file: about the least any iframe from that origin can cost).
 * @param {string} dir where to write them
 * @param {string} explainerUrl the explainer's base URL on its own origin (ends with /)
 * @returns {Promise<Record<HostPage, string>>} each page's path under `dir`
 */
export async function writeHostPages(dir, explainerUrl) {
  /** @type {Record<HostPage, string>} */
  const embeds = {
    none: '',
    script: scriptEmbedCode(explainerUrl),
    'script-tag': `<div data-story-map></div>\n<script type="module" src="${explainerUrl}embed.js" fetchpriority="low"></script>`,
    iframe: iframe(`${explainerUrl}index.html?embed`),
    'iframe-empty': iframe(`${explainerUrl}embed.js`),
  };
  /** @type {Record<string, string>} */
  const pages = {};
  for (const [name, embed] of Object.entries(embeds)) {
    const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Host article page (${name === 'none' ? 'no embed' : `${name} embed`})</title>
    <link rel="icon" href="data:," />
    <style>
      body { margin: 0 auto; max-width: 40rem; padding: 0 1rem; font: 18px/1.5 Georgia, serif; color: #222; }
      h1 { font: 700 1.8rem/1.2 system-ui, sans-serif; margin: 1.5rem 0 1rem; }
    </style>
  </head>
  <body>
    <h1>Host article page</h1>
    ${HOST_PARAGRAPHS.slice(0, 4).join('\n    ')}
    ${embed}
    ${HOST_PARAGRAPHS.slice(4).join('\n    ')}
  </body>
</html>
`;
    await mkdir(path.join(dir, name), { recursive: true });
    await writeFile(path.join(dir, name, 'index.html'), html);
    pages[name] = `${name}/`;
  }
  return /** @type {Record<HostPage, string>} */ (pages);
}

// The benchmark's comparison pages, written into bench-results/: the bare MapLibre page with the story's article text,
// and a host newsroom's article page with no explainer, with the script embed, and with the iframe embed (the
// explainer served from another origin). Nothing here is part of the product.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

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

/**
 * Writes the host article pages: `none/`, `script/` and `iframe/`, each an index.html.
 * @param {string} dir where to write them
 * @param {string} explainerUrl the explainer's base URL on its own origin (ends with /)
 * @returns {Promise<Record<'none' | 'script' | 'iframe', string>>} each page's path under `dir`
 */
export async function writeHostPages(dir, explainerUrl) {
  /** @type {Record<'none' | 'script' | 'iframe', string>} */
  const embeds = {
    none: '',
    script: `<div data-story-map></div>\n<script type="module" src="${explainerUrl}embed.js" fetchpriority="low"></script>`,
    iframe:
      `<iframe data-story-map-frame src="${explainerUrl}index.html?embed" loading="lazy" ` +
      `title="A map explainer" style="display: block; width: 100%; height: 800px; border: 0"></iframe>`,
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
  return /** @type {Record<'none' | 'script' | 'iframe', string>} */ (pages);
}

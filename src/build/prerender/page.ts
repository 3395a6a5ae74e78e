// Assembles the served page from Vite's HTML template and the prerendered explainer. Nothing of the story goes
// through a replacement pattern: each piece is placed by its position in the template (never searched for in the
// story's own markup), so a "$&", "$'" or "</body>" in the article arrives exactly as written.

/** Where the prerendered explainer goes in index.html. */
export const APP_MARKER = '<!--app-html-->';

/** Without JavaScript the live map never comes: show each step's static map instead. */
const NOSCRIPT_STYLE =
  '<noscript><style>.map-column,.motion-toggle{display:none}.scrolly{display:block}' +
  '.story-text{max-width:44rem;margin:0 auto}.print-map{display:block}</style></noscript>';

/**
 * The prerendered explainer: its markup and its head elements. The story it hydrates from is not in the page: the
 * starter fetches the build's story file beside the modules (startAfterPaint), after the first paint.
 */
export interface PrerenderedPage {
  body: string;
  head: string;
  /** The article's markup, rendered on its own, for the explainer's empty article element. */
  article?: string | undefined;
  /** The map panels' markup, rendered on their own, for their empty element in the map box. */
  panels?: string | undefined;
  /** The list of places and the credits, rendered on their own, for their empty element after the story. */
  afterStory?: string | undefined;
  /** The step the page opens at, whose map preview goes into the map box. */
  openingStepId?: string | undefined;
}

/** The explainer's empty article element in the prerendered markup, where the article goes. */
const ARTICLE = '<article class="story-text" data-article=""></article>';
/** The map panels' empty element in the prerendered markup, where their markup goes. */
const PANELS = '<div class="map-panels"></div>';
/** The empty element after the story in the prerendered markup, where the list of places and the credits go. */
const AFTER_STORY = '<div class="after-story"></div>';
/** The map box's empty canvas in the prerendered markup, where the opening step's preview goes. */
const MAP_CANVAS = '<div class="map-panel__canvas" data-map-canvas=""></div>';

/**
 * Puts `html` inside the empty element `element` of `markup`, found by position: prerendered story text is escaped,
 * so an element's markup can only come from the components themselves.
 */
function insertInto(markup: string, element: string, html: string): string {
  const at = markup.indexOf(element);
  if (at < 0) throw new Error(`prerender: the page has no ${element}`);
  const inside = at + element.lastIndexOf('</');
  return markup.slice(0, inside) + html + markup.slice(inside);
}

function positionOf(template: string, needle: string): number {
  const at = template.indexOf(needle);
  if (at < 0) throw new Error(`index.html: the page template has no ${needle}`);
  return at;
}

/**
 * The served page: the explainer in place of APP_MARKER, its head elements (and the no-JavaScript style) before
 * `</head>`, and `preview` (an SVG document) inside the map box's canvas. Positions
 * are taken in the template and in the prerendered markup, where story text is escaped: an `<` in the article
 * can never be taken for an element. The article (`page.article`) goes inside the explainer's empty article element,
 * the map's panels (`page.panels`) and what follows the story (`page.afterStory`) inside theirs.
 * @throws when the template lacks the marker or `</head>`, or a preview is given for a page without a map box
 */
export function assemblePage(template: string, page: PrerenderedPage, preview?: string): string {
  const headEnd = positionOf(template, '</head>');
  const marker = positionOf(template, APP_MARKER);
  if (marker < headEnd) throw new Error('index.html: expected </head>, then the app marker');
  let body = page.body;
  if (page.article !== undefined) body = insertInto(body, ARTICLE, page.article);
  if (page.panels !== undefined) body = insertInto(body, PANELS, page.panels);
  if (page.afterStory !== undefined) body = insertInto(body, AFTER_STORY, page.afterStory);
  if (preview !== undefined) body = insertInto(body, MAP_CANVAS, preview.slice(preview.indexOf('<svg')));
  return [
    template.slice(0, headEnd),
    page.head,
    NOSCRIPT_STYLE,
    template.slice(headEnd, marker),
    body,
    template.slice(marker + APP_MARKER.length),
  ].join('');
}

/**
 * Vite's module script and preload links in `html`, replaced by one deferred classic script (`starterUrl`, the built
 * src/pageStart.ts) that adds them once the page has painted. Their URLs go in its `data-modules`, entry first; the
 * data the entry fetches at once (`fetchUrls`: the story) in its `data-fetch`, preloaded beside them. The starter is
 * a file, not inline code, so the page keeps working under `script-src 'self'`.
 * @throws when the page has no module script
 */
export function startAfterPaint(html: string, starterUrl: string, fetchUrls: string[] = []): string {
  const urls: string[] = [];
  const entry = /<script type="module" crossorigin src="([^"]+)"><\/script>\s*/;
  const found = entry.exec(html);
  if (!found?.[1]) throw new Error('index.html: the built page has no module script to start');
  urls.push(found[1]);
  let page = html.replace(entry, '');
  page = page.replace(/<link rel="modulepreload" crossorigin href="([^"]+)">\s*/g, (_link, url: string) => {
    urls.push(url);
    return '';
  });
  const attribute = (value: string): string => value.replace(/&/g, '&amp;').replace(/'/g, '&#39;');
  const at = page.indexOf('</head>');
  const data = fetchUrls.length > 0 ? ` data-fetch='${attribute(JSON.stringify(fetchUrls))}'` : '';
  const script = `<script defer src='${attribute(starterUrl)}'${data} data-modules='${attribute(JSON.stringify(urls))}'></script>`;
  return `${page.slice(0, at)}${script}\n${page.slice(at)}`;
}

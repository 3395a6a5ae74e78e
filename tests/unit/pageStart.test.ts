// The page's starter (src/pageStart.ts, built as the build writes it): the explainer's story file and modules are
// fetched only after the first contentful paint has been reported, one element per task, the story first, then the
// modules in the build's order, with the entry last.
import { beforeAll, describe, expect, it } from 'vitest';
import { JSDOM, requestInterceptor } from 'jsdom';
import { selfContainedScript } from '../../src/build/classicScript.ts';
import { startAfterPaint } from '../../src/build/prerender/page.ts';

const BUILT = `<!doctype html><html><head><title>t</title>
<script type="module" crossorigin src="./assets/index-a.js"></script>
<link rel="modulepreload" crossorigin href="./assets/core-b.js">
<link rel="modulepreload" crossorigin href="./assets/App-c.js">
</head><body><p>Text &lt;script&gt; and a &lt;link rel="modulepreload"&gt; in the copy</p></body></html>`;

let starter = '';
beforeAll(async () => {
  starter = await selfContainedScript(process.cwd(), 'src/pageStart.ts');
}, 60_000);

type PaintCallback = (list: { getEntriesByName(name: string): unknown[] }, observer: { disconnect(): void }) => void;

const STARTER_URL = './assets/start-d.js';
const STORY_URL = './assets/story-e.json';

/** Serves the built starter at STARTER_URL, and a 404 for anything else: nothing leaves the test. */
const starterOnly = requestInterceptor((request) =>
  request.url.endsWith(STARTER_URL.slice(1))
    ? new Response(starter, { headers: { 'Content-Type': 'text/javascript' } })
    : new Response('', { status: 404 }),
);

/**
 * The built page in JSDOM once its starter has run, with a PerformanceObserver whose paint reports the test delivers.
 */
async function load(html: string): Promise<{ window: JSDOM['window']; paint(name: string): void; added(): string[] }> {
  const observers: PaintCallback[] = [];
  const dom = new JSDOM(html, {
    url: 'https://news.example/kursk/',
    runScripts: 'dangerously',
    resources: { interceptors: [starterOnly] },
    beforeParse(window) {
      Object.assign(window, {
        PerformanceObserver: class {
          constructor(callback: PaintCallback) {
            observers.push(callback);
          }
          observe(): void {}
          disconnect(): void {}
        },
      });
    },
  });
  const { document } = dom.window;
  await new Promise((resolve) => dom.window.addEventListener('load', resolve, { once: true }));
  return {
    window: dom.window,
    paint: (name) =>
      observers.forEach((callback) =>
        callback({ getEntriesByName: (entry) => (entry === name ? [{}] : []) }, { disconnect() {} }),
      ),
    added: () =>
      [...document.head.querySelectorAll('link[rel="modulepreload"], link[rel="preload"], script[type="module"]')].map(
        (node) =>
          `${node.getAttribute('as') ?? node.getAttribute('rel') ?? node.getAttribute('type')} ` +
          `${node.getAttribute('href') ?? node.getAttribute('src')}` +
          (node.getAttribute('crossorigin') === '' ? '' : ' (credentialed: the preload would go unused)'),
      ),
  };
}

const nextTask = (window: JSDOM['window']): Promise<void> => new Promise((resolve) => window.setTimeout(resolve, 5));

describe('the page starts its modules after the first paint', () => {
  it('replaces the module script and preload links with one deferred starter, leaving the copy alone', () => {
    const page = startAfterPaint(BUILT, STARTER_URL, [STORY_URL]);
    expect(page).not.toMatch(/<script type="module"|<link rel="modulepreload"/);
    expect(page).toContain('<p>Text &lt;script&gt; and a &lt;link rel="modulepreload"&gt; in the copy</p>');
    expect(page).toContain(
      `<script defer src='./assets/start-d.js' data-fetch='["./assets/story-e.json"]' data-modules='["./assets/index-a.js","./assets/core-b.js","./assets/App-c.js"]'></script>\n</head>`,
    );
    expect(startAfterPaint(BUILT, STARTER_URL), 'no data to fetch, no attribute').not.toContain('data-fetch');
  });

  it('adds nothing before the paint report, then the preloads one per task and the entry last', async () => {
    const page = await load(startAfterPaint(BUILT, STARTER_URL, [STORY_URL]));
    await nextTask(page.window);
    expect(page.added()).toEqual([]);
    page.paint('first-paint');
    await nextTask(page.window);
    expect(page.added(), 'a first paint without content starts nothing').toEqual([]);
    page.paint('first-contentful-paint');
    expect(page.added(), 'the first element, in the same task').toEqual(['fetch ./assets/story-e.json']);
    await nextTask(page.window);
    await nextTask(page.window);
    await nextTask(page.window);
    expect(page.added()).toEqual([
      'fetch ./assets/story-e.json',
      'modulepreload ./assets/core-b.js',
      'modulepreload ./assets/App-c.js',
      'module ./assets/index-a.js',
    ]);
    page.paint('first-contentful-paint');
    await nextTask(page.window);
    expect(page.added(), 'a second report adds nothing').toHaveLength(4);
    page.window.close();
  });

  it('refuses a page without a module script', () => {
    expect(() => startAfterPaint('<html><head></head></html>', STARTER_URL)).toThrow(/no module script/);
  });
});

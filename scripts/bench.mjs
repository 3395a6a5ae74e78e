// Benchmark: "text first, map after". Measures the built explainer (dist/) against a bare MapLibre page that draws the
// same basemap (scripts/bench/bare/), in Debian Chromium driven by Playwright, and reports medians over several runs.
//
// What it measures, per page and run (fresh browser context, HTTP cache disabled through CDP):
//   - bytes: every response body as received (raw) and gzip-compressed with node:zlib level 9 (deterministic), by kind
//     (js, css, data = json/geojson/csv, fonts, html, other), for three sets of requests:
//       critical  = the document plus every request whose fetch started (Resource Timing startTime) before the
//                   document's DOMContentLoaded event started (navigation timing domContentLoadedEventStart): the HTML,
//                   its stylesheets, module scripts and their static imports; nothing the page loads later;
//       ready     = every request started before the map reported ready and the network went quiet (500 ms);
//       all       = everything, after the scroll-through (explainer) or the flight (bare page);
//   - FCP and LCP (PerformanceObserver 'paint' / 'largest-contentful-paint', injected with addInitScript), the LCP's
//     element, and the headline's Element Timing (the init script tags [data-passage="headline"] with `elementtiming`
//     as the parser inserts it);
//   - time to map ready: the first `data-map-status="ready"` on [data-map] (MutationObserver, page clock);
//   - explainer only: per-step transition time: each step is scrolled to the middle of the viewport (scrollIntoView
//     block: center) and timed from that scroll to the moment [data-map] carries data-active-step = the step with its
//     data-camera (both are written when the camera comes to rest), seen by a MutationObserver in the page; steps
//     are visited in story order from the second one, then back to the first;
//   - bare page only: the time of its one flyTo to Sudzha (start → moveend);
//   - long tasks (PerformanceObserver 'longtask'): count, total and longest, from navigation to ready, and during the
//     scripted scroll-through (explainer) or the flight (bare page);
//   - main-thread JS heap (CDP Performance.getMetrics JSHeapUsedSize) after a forced GC (CDP
//     HeapProfiler.collectGarbage), after the scroll-through / the flight, and, in a load of its own, with the map at
//     rest at its first view (the explainer once ready, the bare page at its first `idle`, its flight held).
//     Workers' heaps are not included.
// Default profile: a phone (390×844, deviceScaleFactor 2, touch) with CPU throttling ×4 (CDP
// Emulation.setCPUThrottlingRate on the page); --desktop: 1280×800, no throttling. Timings are reported, never asserted.
//
// Usage: node scripts/bench.mjs [--runs N] [--no-build] [--desktop] [--lighthouse] [--help]
//        (npm run bench -- --runs 7)
// Output: a table on stdout and every figure, per run and as medians, in bench-results/bench.json. dist/ is copied to
// bench-results/app-dist/ before measuring (a rebuild meanwhile cannot mix two builds); the bare page is built into
// bench-results/bare-dist/.

import { CHROMIUM_ARGS, CHROMIUM_CANDIDATES, findChromium } from './chromium.mjs';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { startServer } from './serve.mjs';
import { articleHtml, writeHostPages } from './bench/pages.mjs';
import { lighthousePages } from './bench/lighthouse.mjs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(REPO_ROOT, 'dist');
const RESULTS_DIR = path.join(REPO_ROOT, 'bench-results');
const BARE_SRC = path.join(REPO_ROOT, 'scripts/bench/bare');
const BARE_DIST = path.join(RESULTS_DIR, 'bare-dist');
/** A copy of dist/ taken before measuring, so a rebuild running meanwhile cannot change what is served. */
const APP_SNAPSHOT = path.join(RESULTS_DIR, 'app-dist');
const STEPS_FILE = path.join(REPO_ROOT, 'data/kursk/steps.json');
const ARTICLE_FILE = path.join(REPO_ROOT, 'data/kursk/article.json');
/** The host article pages (scripts/bench/pages.mjs), served from an origin of their own. */
const HOST_DIST = path.join(RESULTS_DIR, 'host-dist');
const HOST_PREFIX = '/host/';
/** The basemap files the bare page draws, copied into its build as data/NAME. */
const BARE_DATA = ['land.geojson', 'countries-detail.geojson', 'regions.geojson', 'border-detail.geojson'];
const APP_PREFIX = '/news/kursk/';
const BARE_PREFIX = '/bench/bare/';

/** Device profiles: the default phone, and --desktop. */
const PROFILES = {
  mobile: {
    name: 'mobile',
    context: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
    cpuThrottlingRate: 4,
  },
  desktop: {
    name: 'desktop',
    context: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false },
    cpuThrottlingRate: 1,
  },
};

/**
 * How pages are rasterised. Chromium here has no GPU: WebGL runs on SwiftShader (CPU emulation of a GPU), and headless
 * Chromium then also rasterises every page through SwiftShader ("Rasterization: Hardware accelerated on all pages" in
 * chrome://gpu). No reader's browser does that: a phone rasterises on its GPU, and Chrome keeps raster on the CPU when
 * its only GL is SwiftShader. Emulated GPU raster of a page's vector paths is slow enough to hold the first paint
 * back by seconds (dashed lines most of all), for every page alike. By default the benchmark rasterises on the CPU
 * (WebGL stays on SwiftShader); `--raster gpu` measures the emulated GPU raster instead.
 */
const RASTER_ARGS = { software: ['--disable-gpu-rasterization'], gpu: [] };

const TIMEOUT_READY_MS = 120_000;
const TIMEOUT_STEP_MS = 30_000;
const QUIET_MS = 500;
const QUIET_MAX_MS = 15_000;
const KINDS = ['js', 'css', 'data', 'fonts', 'html', 'other'];

const USAGE = `usage: node scripts/bench.mjs [options]      (or: npm run bench -- [options])
  --runs N       runs per page; figures are medians (default 5; fewer than 5 is a smoke test)
  --no-build     use the existing dist/ (and bench-results/bare-dist/ when present) instead of building
  --desktop      1280×800 viewport without CPU throttling (default: 390×844 @2x phone, CPU ×4)
  --no-lighthouse  skip Lighthouse (by default it runs on seven pages: the explainer, the bare MapLibre page, and a
                 host article page on another site with no embed, the script embed's code, a plain script tag,
                 the iframe embed and an iframe of a 1 kB file from the explainer's origin; then on the host page
                 without an embed, with the script embed and with the iframe embed under applied throttling)
  --lighthouse-runs N  Lighthouse runs per page (default: --runs)
  --raster software|gpu  how Chromium rasterises pages (default software: see RASTER below)
  --help         this text
Writes bench-results/bench.json and prints a summary table. Timings are reported, never asserted.`;

/** An error whose message is shown to the user as is, without a stack. */
class BenchError extends Error {}

/**
 * @typedef {object} Options
 * @property {number} runs
 * @property {boolean} build
 * @property {boolean} desktop
 * @property {boolean} lighthouse
 * @property {number | undefined} lighthouseRuns
 * @property {'software' | 'gpu'} raster
 */

/**
 * Parses the command line; unknown options are an error.
 * @param {string[]} argv
 * @returns {Options}
 */
function parseArgs(argv) {
  /** @type {Options} */
  const options = {
    runs: 5,
    build: true,
    desktop: false,
    lighthouse: true,
    lighthouseRuns: undefined,
    raster: 'software',
  };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    const [name, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    switch (name) {
      case '--runs': {
        const value = inline ?? argv[++index];
        const runs = Number(value);
        if (!Number.isInteger(runs) || runs < 1)
          throw new BenchError(`bench: --runs needs a whole number ≥ 1, got ${JSON.stringify(value)}`);
        options.runs = runs;
        break;
      }
      case '--no-build':
        options.build = false;
        break;
      case '--desktop':
        options.desktop = true;
        break;
      case '--lighthouse':
        options.lighthouse = true;
        break;
      case '--no-lighthouse':
        options.lighthouse = false;
        break;
      case '--lighthouse-runs': {
        const value = inline ?? argv[++index];
        const runs = Number(value);
        if (!Number.isInteger(runs) || runs < 1)
          throw new BenchError(`bench: --lighthouse-runs needs a whole number ≥ 1, got ${JSON.stringify(value)}`);
        options.lighthouseRuns = runs;
        break;
      }
      case '--raster': {
        const value = inline ?? argv[++index];
        if (value !== 'software' && value !== 'gpu')
          throw new BenchError(`bench: --raster takes software or gpu, got ${JSON.stringify(value)}`);
        options.raster = value;
        break;
      }
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new BenchError(`bench: unknown option ${arg}\n${USAGE}`);
    }
  }
  return options;
}

/**
 * The first executable Chromium, or a BenchError telling the user how to get one.
 * @returns {string}
 */
function requireChromium() {
  const found = findChromium();
  if (found) return found;
  throw new BenchError(
    `bench: no Chromium found (looked at ${CHROMIUM_CANDIDATES.join(', ')}).\n` +
      'Run `node scripts/ensure-chromium.mjs` to install or locate it, or set CHROMIUM_PATH.',
  );
}

/** Runs `npm run build` with inherited output; throws when it fails. */
function buildApp() {
  console.log('bench: npm run build');
  const result = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new BenchError(`bench: npm run build failed (exit ${result.status ?? result.signal})`);
}

/**
 * Builds the bare MapLibre page with Vite's JS API (no project config involved) into bench-results/bare-dist/ and
 * copies the four basemap files next to it as data/*.geojson.
 */
async function buildBare() {
  console.log('bench: building the bare MapLibre page (scripts/bench/bare/ → bench-results/bare-dist/)');
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: BARE_SRC,
    base: './',
    publicDir: false,
    logLevel: 'warn',
    cacheDir: path.join(RESULTS_DIR, '.vite-bare'),
    build: { outDir: BARE_DIST, emptyOutDir: true, chunkSizeWarningLimit: 5000 },
  });
  // The same article text as the explainer's page.
  const page = path.join(BARE_DIST, 'index.html');
  const html = await readFile(page, 'utf8');
  if (!html.includes('<!--article-->')) throw new BenchError('bench: the bare page has lost its <!--article--> marker');
  await writeFile(page, html.replace('<!--article-->', await articleHtml(ARTICLE_FILE)));
  await mkdir(path.join(BARE_DIST, 'data'), { recursive: true });
  for (const file of BARE_DATA) {
    await copyFile(path.join(REPO_ROOT, 'data/kursk/geo', file), path.join(BARE_DIST, 'data', file));
  }
}

/**
 * The kind of a response, by URL extension and then by content type.
 * @param {string} url
 * @param {string} contentType
 * @param {string} resourceType Playwright's request.resourceType()
 * @returns {string} one of KINDS
 */
function kindOf(url, contentType, resourceType) {
  const ext = path.extname(new URL(url).pathname).toLowerCase();
  if (['.js', '.mjs', '.cjs'].includes(ext) || /javascript/.test(contentType)) return 'js';
  if (ext === '.css' || /text\/css/.test(contentType)) return 'css';
  if (['.json', '.geojson', '.topojson', '.pbf', '.csv', '.tsv'].includes(ext) || /json|text\/csv/.test(contentType))
    return 'data';
  if (['.woff', '.woff2', '.ttf', '.otf'].includes(ext) || /^font\//.test(contentType)) return 'fonts';
  if (['.html', '.htm'].includes(ext) || /text\/html/.test(contentType) || resourceType === 'document') return 'html';
  return 'other';
}

/**
 * Gzip size at level 9 (deterministic for the same bytes).
 * @param {Buffer} body
 * @returns {number}
 */
function gzipSize(body) {
  return body.length === 0 ? 0 : gzipSync(body, { level: 9 }).length;
}

/**
 * Median of the finite numbers in a list, or null when there are none.
 * @param {Array<number | null | undefined>} values
 * @returns {number | null}
 */
function median(values) {
  const sorted = values
    .filter(/** @returns {value is number} */ (value) => typeof value === 'number' && Number.isFinite(value))
    .sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2;
}

/**
 * Installed in every page before its scripts (addInitScript): performance observers and attribute watchers whose
 * records the benchmark reads from window.__bench. Runs in the browser.
 */
function pageInstrumentation() {
  /** @type {{ paint: Record<string, number>, lcp: object[], longtasks: object[], loaf: object[], mapDrawn: number | null, textDrawn: number | null, layoutShifts: object[], element: object[], attrs: object[], unsupported: string[] }} */
  const bench = {
    paint: {},
    lcp: [],
    longtasks: [],
    loaf: [],
    layoutShifts: [],
    element: [],
    attrs: [],
    unsupported: [],
    mapDrawn: /** @type {number | null} */ (null),
    textDrawn: /** @type {number | null} */ (null),
  };
  Object.defineProperty(window, '__bench', { value: bench });
  /** @param {Element | null | undefined} element */
  const describe = (element) => {
    if (!element) return null;
    let text = element.tagName.toLowerCase();
    if (element.id) text += `#${element.id}`;
    for (const name of ['data-passage', 'data-step', 'data-map']) {
      if (element.hasAttribute(name))
        text += `[${name}${element.getAttribute(name) ? `="${element.getAttribute(name)}"` : ''}]`;
    }
    if (element.classList.length > 0) text += '.' + [...element.classList].join('.');
    return text;
  };
  /**
   * @param {string} type
   * @param {(entry: any) => void} record
   */
  const observe = (type, record) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(record)).observe({ type, buffered: true });
    } catch {
      bench.unsupported.push(type);
    }
  };
  observe('paint', (entry) => {
    bench.paint[entry.name] = entry.startTime;
  });
  observe('largest-contentful-paint', (entry) => {
    bench.lcp.push({
      time: entry.startTime,
      size: entry.size,
      element: describe(entry.element),
      url: entry.url || null,
    });
  });
  observe('longtask', (entry) => {
    bench.longtasks.push({ start: entry.startTime, duration: entry.duration });
  });
  // Long animation frames name the scripts that made them long: ours, MapLibre's, or the browser's own work.
  observe('long-animation-frame', (entry) => {
    bench.loaf.push({
      start: entry.startTime,
      duration: entry.duration,
      scripts: (entry.scripts ?? []).map((/** @type {any} */ script) => ({
        source: String(script.sourceURL ?? '')
          .split('/')
          .pop(),
        invoker: String(script.invoker ?? ''),
        duration: script.duration,
      })),
    });
  });
  // Layout shifts not caused by input: the map arriving must not move the text.
  observe('layout-shift', (entry) => {
    if (!entry.hadRecentInput) bench.layoutShifts.push({ start: entry.startTime, value: entry.value });
  });
  observe('element', (entry) => {
    bench.element.push({
      identifier: entry.identifier,
      time: entry.renderTime || entry.loadTime,
      element: describe(entry.element),
    });
  });
  // Element Timing for the headline: tag it as the parser inserts it, before its first paint.
  const tagHeadline = () => {
    const headline = document.querySelector('[data-passage="headline"]');
    if (headline && !headline.hasAttribute('elementtiming')) headline.setAttribute('elementtiming', 'headline');
    return headline !== null;
  };
  // When the headline and the map box are first drawn, measured alike (the frame after each is in the document), so
  // that two drawn in the same frame are not put in an order by two different clocks.
  const afterItsFrame = (/** @type {'textDrawn' | 'mapDrawn'} */ key) =>
    requestAnimationFrame(() => setTimeout(() => (bench[key] = performance.now()), 0));
  const headlineWatch = new MutationObserver(() => {
    if (!tagHeadline()) return;
    headlineWatch.disconnect();
    afterItsFrame('textDrawn');
  });
  headlineWatch.observe(document, { childList: true, subtree: true });
  // The map box's first drawing (the build's preview, or a static map): the frame after it is in the document.
  const previewWatch = new MutationObserver(() => {
    if (!document.querySelector('[data-map] svg')) return;
    previewWatch.disconnect();
    afterItsFrame('mapDrawn');
  });
  previewWatch.observe(document, { childList: true, subtree: true });
  // The map's reports, with the page time each one was written.
  new MutationObserver((records) => {
    const time = performance.now();
    for (const record of records) {
      const target = /** @type {Element} */ (record.target);
      const name = record.attributeName ?? '';
      bench.attrs.push({ time, name, value: target.getAttribute(name) });
    }
  }).observe(document, {
    subtree: true,
    attributes: true,
    attributeFilter: ['data-map-status', 'data-active-step', 'data-camera', 'data-flight'],
  });
}

/**
 * Runs in the page: scrolls a step to the middle of the viewport and resolves with the milliseconds from that scroll
 * until [data-map] reports the step applied (data-active-step = the step, with a data-camera).
 * @param {{ stepId: string, timeoutMs: number }} args
 * @returns {Promise<{ ms: number | null, start: number, end: number, camera: string | null, active: string | null, timedOut: boolean }>}
 */
function scrollToStepInPage({ stepId, timeoutMs }) {
  const map = document.querySelector('[data-map]');
  const step = document.querySelector(`[data-step="${CSS.escape(stepId)}"]`);
  if (!map || !step) throw new Error(`no [data-map] or no [data-step="${stepId}"]`);
  const applied = () => map.getAttribute('data-active-step') === stepId && Boolean(map.getAttribute('data-camera'));
  return new Promise((resolve) => {
    const start = performance.now();
    /** @param {boolean} timedOut */
    const finish = (timedOut) => {
      const end = performance.now();
      observer.disconnect();
      clearTimeout(timer);
      resolve({
        ms: timedOut ? null : end - start,
        start,
        end,
        camera: map.getAttribute('data-camera'),
        active: map.getAttribute('data-active-step'),
        timedOut,
      });
    };
    const observer = new MutationObserver(() => {
      if (applied()) finish(false);
    });
    observer.observe(map, { attributes: true, attributeFilter: ['data-active-step', 'data-camera'] });
    const timer = setTimeout(() => finish(true), timeoutMs);
    step.scrollIntoView({ block: 'center', behavior: 'instant' });
    // Already applied (the step was active before the scroll): nothing to wait for.
    if (applied()) finish(false);
  });
}

/**
 * Records every request of a browser context with its response body, in the order the requests started.
 * @param {import('@playwright/test').BrowserContext} context
 */
function recordNetwork(context) {
  /** @type {Array<{ url: string, resourceType: string, status: number | null, contentType: string, body: Buffer | null, failed?: string, done: Promise<void> }>} */
  const entries = [];
  /** @type {Map<import('@playwright/test').Request, (typeof entries)[number]>} */
  const byRequest = new Map();
  let inFlight = 0;
  let lastChange = Date.now();
  context.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    /** @type {() => void} */
    let settle = () => {};
    const entry = {
      url,
      resourceType: request.resourceType(),
      status: null,
      contentType: '',
      body: null,
      done: new Promise((resolve) => (settle = () => resolve(undefined))),
    };
    /** @type {any} */ (entry).settle = settle;
    entries.push(entry);
    byRequest.set(request, entry);
    inFlight++;
    lastChange = Date.now();
  });
  /** @param {import('@playwright/test').Request} request */
  const end = (request) => {
    const entry = byRequest.get(request);
    if (!entry) return;
    inFlight--;
    lastChange = Date.now();
    /** @type {any} */ (entry).settle();
  };
  context.on('requestfinished', async (request) => {
    const entry = byRequest.get(request);
    if (!entry) return;
    try {
      const response = await request.response();
      entry.status = response?.status() ?? null;
      entry.contentType = response?.headers()['content-type'] ?? '';
      entry.body = response && response.status() < 300 ? await response.body() : Buffer.alloc(0);
    } catch (error) {
      entry.failed = String(error);
      entry.body = Buffer.alloc(0);
    }
    end(request);
  });
  context.on('requestfailed', (request) => {
    const entry = byRequest.get(request);
    if (entry) {
      entry.failed = request.failure()?.errorText ?? 'failed';
      entry.body = Buffer.alloc(0);
    }
    end(request);
  });
  return {
    entries,
    /** Waits until no request has been in flight for QUIET_MS (at most QUIET_MAX_MS). */
    async quiet() {
      const started = Date.now();
      while (Date.now() - started < QUIET_MAX_MS) {
        if (inFlight === 0 && Date.now() - lastChange >= QUIET_MS) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await Promise.all(entries.map((entry) => entry.done));
    },
  };
}

/**
 * Sums response bytes (raw and gzip) by kind.
 * @param {Array<{ url: string, resourceType: string, contentType: string, body: Buffer | null }>} entries
 */
function byteTotals(entries) {
  /** @type {Record<string, { raw: number, gzip: number, count: number }>} */
  const kinds = Object.fromEntries(KINDS.map((kind) => [kind, { raw: 0, gzip: 0, count: 0 }]));
  let raw = 0;
  let gzip = 0;
  for (const entry of entries) {
    const body = entry.body ?? Buffer.alloc(0);
    const kind = kindOf(entry.url, entry.contentType, entry.resourceType);
    const size = { raw: body.length, gzip: gzipSize(body) };
    const bucket = kinds[kind] ?? { raw: 0, gzip: 0, count: 0 };
    kinds[kind] = bucket;
    bucket.raw += size.raw;
    bucket.gzip += size.gzip;
    bucket.count += 1;
    raw += size.raw;
    gzip += size.gzip;
  }
  return { raw, gzip, count: entries.length, kinds };
}

/**
 * Long tasks inside a window of page time.
 * @param {Array<{ start: number, duration: number }>} tasks
 * @param {number} from
 * @param {number} to
 */
function longTaskSummary(tasks, from, to) {
  const inside = tasks.filter((task) => task.start >= from && task.start < to);
  return {
    count: inside.length,
    total: inside.reduce((sum, task) => sum + task.duration, 0),
    longest: inside.reduce((max, task) => Math.max(max, task.duration), 0),
  };
}

/**
 * A new context and page with the profile, the cache disabled, CPU throttling and the instrumentation.
 * @param {import('@playwright/test').Browser} browser
 * @param {(typeof PROFILES)['mobile']} profile
 */
async function openPage(browser, profile) {
  const context = await browser.newContext({ ...profile.context });
  await context.addInitScript(pageInstrumentation);
  const network = recordNetwork(context);
  const page = await context.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (profile.cpuThrottlingRate > 1)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpuThrottlingRate });
  await cdp.send('Performance.enable');
  return { context, page, cdp, network, errors };
}

/**
 * Main-thread JS heap after a forced garbage collection, in bytes.
 * @param {import('@playwright/test').CDPSession} cdp
 * @returns {Promise<number | null>}
 */
async function heapAfterGc(cdp) {
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? null;
}

/**
 * Reads the instrumentation's records and the navigation timing from the page.
 * @param {import('@playwright/test').Page} page
 */
async function readPageRecords(page) {
  return page.evaluate(() => {
    const navigation = /** @type {PerformanceNavigationTiming | undefined} */ (
      performance.getEntriesByType('navigation')[0]
    );
    const resources = performance
      .getEntriesByType('resource')
      .map((entry) => ({ url: entry.name, start: entry.startTime }));
    return {
      bench: /** @type {any} */ (window).__bench,
      dcl: navigation ? navigation.domContentLoadedEventStart : null,
      resources,
    };
  });
}

/**
 * Paint figures from the instrumentation's records.
 * @param {any} bench
 */
function paintFigures(bench) {
  const lcp = bench.lcp.at(-1) ?? null;
  const headline = bench.element.find((/** @type {any} */ entry) => entry.identifier === 'headline') ?? null;
  return {
    fcp: bench.paint['first-contentful-paint'] ?? null,
    lcp: lcp ? lcp.time : null,
    lcpElement: lcp ? lcp.element : null,
    lcpIsHeadline: lcp ? /data-passage="headline"/.test(lcp.element ?? '') : null,
    headlineElementTiming: headline ? headline.time : null,
  };
}

/**
 * Splits the recorded requests into critical / ready / all and sums each.
 * @param {ReturnType<typeof recordNetwork>['entries']} entries all requests so far
 * @param {number} readyCount how many of them had started at the "ready" snapshot
 * @param {{ dcl: number | null, resources: Array<{ url: string, start: number }> }} records
 */
function byteFigures(entries, readyCount, records) {
  const startByUrl = new Map();
  for (const resource of records.resources)
    if (!startByUrl.has(resource.url)) startByUrl.set(resource.url, resource.start);
  const critical = entries.filter((entry, index) => {
    if (index === 0 && entry.resourceType === 'document') return true;
    const start = startByUrl.get(entry.url);
    return records.dcl !== null && start !== undefined && start < records.dcl;
  });
  /** @param {{ url: string }} entry */
  const fileName = (entry) => new URL(entry.url).pathname.split('/').pop() || 'index.html';
  return {
    critical: { ...byteTotals(critical), files: critical.map(fileName) },
    ready: byteTotals(entries.slice(0, readyCount)),
    all: byteTotals(entries),
    requests: entries.map((entry, index) => {
      const body = entry.body ?? Buffer.alloc(0);
      const start = index === 0 && entry.resourceType === 'document' ? 0 : startByUrl.get(entry.url);
      return {
        file: fileName(entry),
        kind: kindOf(entry.url, entry.contentType, entry.resourceType),
        start: start === undefined ? null : Math.round(start),
        raw: body.length,
        gzip: gzipSize(body),
        critical: critical.includes(entry),
        beforeReady: index < readyCount,
      };
    }),
  };
}

/**
 * Waits for [data-map] to report ready (or fail) and returns the status.
 * @param {import('@playwright/test').Page} page
 */
async function waitForMapStatus(page) {
  const handle = await page.waitForFunction(
    () => {
      const status = document.querySelector('[data-map]')?.getAttribute('data-map-status');
      return status === 'ready' || status === 'fallback' || status === 'error' ? status : false;
    },
    undefined,
    { timeout: TIMEOUT_READY_MS, polling: 50 },
  );
  return /** @type {string} */ (await handle.jsonValue());
}

/**
 * Opens a page and waits until its map says "ready"; anything else ends the benchmark with the page's errors.
 * @param {import('@playwright/test').Page} page
 * @param {string} url
 * @param {string} what the map, for the message
 * @param {string[]} errors the page's errors so far
 */
async function openUntilReady(page, url, what, errors, { intent = false } = {}) {
  await page.goto(url, { waitUntil: 'load', timeout: TIMEOUT_READY_MS });
  // The explainer starts WebGL at the reader's first sign of intent: a pointer over the map, right after load.
  let intentAt = null;
  if (intent) {
    intentAt = await page.evaluate(() => performance.now());
    const box = await page.locator('[data-map]').boundingBox();
    if (box) await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 200));
  }
  const status = await waitForMapStatus(page);
  if (status !== 'ready') {
    throw new BenchError(
      `bench: ${what} reported "${status}" instead of "ready"${errors.length ? `\n  ${errors.join('\n  ')}` : ''}`,
    );
  }
  return { intentAt, status };
}

/**
 * The scripts that made long animation frames between two times, by whose code they are: `maplibre` (its chunk and
 * worker bootstrap), `ours` (every other script of the page), `browser` (no script: style, layout, paint, GC).
 * For each: how many ran 50 ms or more, and the longest.
 * @param {any[]} frames the instrumentation's long-animation-frame entries
 * @param {number} from
 * @param {number} to
 */
function scriptSummary(frames, from, to) {
  /** @type {Record<string, { over50: number, longest: number, longestSource: string | null }>} */
  const summary = {
    ours: { over50: 0, longest: 0, longestSource: null },
    maplibre: { over50: 0, longest: 0, longestSource: null },
    browser: { over50: 0, longest: 0, longestSource: null },
  };
  for (const frame of frames.filter((entry) => entry.start >= from && entry.start <= to)) {
    const scripted = frame.scripts.reduce(
      (/** @type {number} */ sum, /** @type {any} */ script) => sum + script.duration,
      0,
    );
    /** @type {Array<[string, number, string]>} */
    const parts = [
      ...frame.scripts.map((/** @type {any} */ script) => [
        /maplibre/i.test(script.source) ? 'maplibre' : 'ours',
        script.duration,
        `${script.source} (${script.invoker})`,
      ]),
      ['browser', frame.duration - scripted, 'rendering'],
    ];
    for (const [owner, duration, source] of parts) {
      const row = summary[owner];
      if (!row) continue;
      if (duration >= 50) row.over50 += 1;
      if (duration > row.longest) {
        row.longest = Math.round(duration);
        row.longestSource = source;
      }
    }
  }
  return summary;
}

/**
 * One run of the explainer: load to ready, then scroll through every step.
 * @param {import('@playwright/test').Browser} browser
 * @param {(typeof PROFILES)['mobile']} profile
 * @param {string} url
 * @param {string[]} stepIds
 */
async function runApp(browser, profile, url, stepIds) {
  const { context, page, cdp, network, errors } = await openPage(browser, profile);
  try {
    const { intentAt, status } = await openUntilReady(page, url, "the explainer's map", errors, { intent: true });
    await network.quiet();
    const readyCount = network.entries.length;
    const atReady = await readPageRecords(page);
    const readyAt =
      atReady.bench.attrs.find((/** @type {any} */ a) => a.name === 'data-map-status' && a.value === 'ready')?.time ??
      null;

    /** @type {Record<string, any>} */
    const steps = {};
    const order = [...stepIds.slice(1), ...stepIds.slice(0, 1)];
    const scrollStart = await page.evaluate(() => performance.now());
    for (const stepId of order) {
      steps[stepId] = await page.evaluate(scrollToStepInPage, { stepId, timeoutMs: TIMEOUT_STEP_MS });
    }
    const scrollEnd = await page.evaluate(() => performance.now());
    await network.quiet();
    const heap = await heapAfterGc(cdp);
    const records = await readPageRecords(page);
    return {
      status,
      ...paintFigures(atReady.bench),
      dcl: records.dcl,
      ready: readyAt,
      readyAfterIntent: readyAt !== null && intentAt !== null ? readyAt - intentAt : null,
      bytes: byteFigures(network.entries, readyCount, records),
      scripts: {
        load: scriptSummary(records.bench.loaf, 0, readyAt ?? Infinity),
        scroll: scriptSummary(records.bench.loaf, scrollStart, scrollEnd),
      },
      stepChanges: order.length,
      steps: Object.fromEntries(
        Object.entries(steps).map(([id, result]) => [
          id,
          { ms: result.ms, timedOut: result.timedOut, camera: result.camera },
        ]),
      ),
      longTasks: {
        beforeFcp: longTaskSummary(
          records.bench.longtasks,
          0,
          records.bench.paint['first-contentful-paint'] ?? Infinity,
        ),
        load: longTaskSummary(records.bench.longtasks, 0, readyAt ?? Infinity),
        scroll: longTaskSummary(records.bench.longtasks, scrollStart, scrollEnd),
      },
      cls: layoutShiftSum(records.bench.layoutShifts, 0, readyAt ?? Infinity),
      heap,
      errors,
    };
  } finally {
    await context.close();
  }
}

/** DevTools' "Fast 3G": 562.5 ms round trip, 1.6 Mbps down, 750 kbps up (×0.9 as DevTools applies it). */
const NETWORK_3G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: (1.6e6 * 0.9) / 8,
  uploadThroughput: (750e3 * 0.9) / 8,
};

/**
 * One load of the explainer on a 3G network: when the text painted, when the map box first showed a map (the static
 * preview), when WebGL was ready (the reader's pointer over the map right after `load`).
 * @param {import('@playwright/test').Browser} browser
 * @param {(typeof PROFILES)['mobile']} profile
 * @param {string} url
 */
async function runSlowNetwork(browser, profile, url) {
  const { context, page, cdp, errors } = await openPage(browser, profile);
  try {
    await cdp.send('Network.emulateNetworkConditions', NETWORK_3G);
    const { intentAt } = await openUntilReady(page, url, "the explainer's map on 3G", errors, { intent: true });
    const { bench } = await readPageRecords(page);
    const text = bench.textDrawn;
    const textPainted = bench.element.find((/** @type {any} */ entry) => entry.identifier === 'headline')?.time ?? null;
    const ready = bench.attrs.find((/** @type {any} */ a) => a.name === 'data-map-status' && a.value === 'ready')?.time;
    const order = [
      ['text', text],
      ['static map', bench.mapDrawn],
      ['WebGL', ready ?? null],
    ];
    const inOrder = order.every(
      ([, time], index) => typeof time === 'number' && (index === 0 || time >= (order[index - 1]?.[1] ?? Infinity)),
    );
    return { text, textPainted, staticMap: bench.mapDrawn, webgl: ready ?? null, intentAt, inOrder, errors };
  } finally {
    await context.close();
  }
}

/**
 * Cumulative layout shift (sum of shift values without recent input) between two times.
 * @param {{start: number, value: number}[]} shifts
 * @param {number} from
 * @param {number} to
 */
function layoutShiftSum(shifts, from, to) {
  return Number(
    shifts
      .filter((shift) => shift.start >= from && shift.start <= to)
      .reduce((sum, shift) => sum + shift.value, 0)
      .toFixed(4),
  );
}

/**
 * One run of the bare MapLibre page: load to ready, then its flight.
 * @param {import('@playwright/test').Browser} browser
 * @param {(typeof PROFILES)['mobile']} profile
 * @param {string} url
 */
async function runBare(browser, profile, url) {
  const { context, page, cdp, network, errors } = await openPage(browser, profile);
  try {
    const { status } = await openUntilReady(page, url, "the bare page's map", errors);
    await network.quiet();
    const readyCount = network.entries.length;
    const atReady = await readPageRecords(page);
    await page.waitForSelector('[data-map][data-flight="done"]', { state: 'attached', timeout: TIMEOUT_READY_MS });
    await network.quiet();
    const heap = await heapAfterGc(cdp);
    const records = await readPageRecords(page);
    const times = await page.evaluate(() => /** @type {any} */ (window).__bare);
    return {
      status,
      ...paintFigures(atReady.bench),
      dcl: records.dcl,
      ready: times.readyAt ?? null,
      scripts: {
        load: scriptSummary(records.bench.loaf, 0, times.readyAt ?? Infinity),
        flight: scriptSummary(records.bench.loaf, times.flyStart ?? 0, times.flyEnd ?? Infinity),
      },
      mapLoad: times.loadAt ?? null,
      flight: times.flyEnd !== undefined && times.flyStart !== undefined ? times.flyEnd - times.flyStart : null,
      bytes: byteFigures(network.entries, readyCount, records),
      longTasks: {
        beforeFcp: longTaskSummary(
          records.bench.longtasks,
          0,
          records.bench.paint['first-contentful-paint'] ?? Infinity,
        ),
        load: longTaskSummary(records.bench.longtasks, 0, times.readyAt ?? Infinity),
        flight: longTaskSummary(records.bench.longtasks, times.flyStart ?? 0, times.flyEnd ?? Infinity),
      },
      cls: layoutShiftSum(records.bench.layoutShifts, 0, times.readyAt ?? Infinity),
      heap,
      errors,
    };
  } finally {
    await context.close();
  }
}

/**
 * A timed run with the main-thread heap of its page at rest at its first view added (`heapAtRest`), measured after a
 * forced garbage collection in a load of its own, so that this collection changes nothing in the timed runs: the
 * explainer once ready (a pointer at load, as there), the bare page at its first `idle` (loaded with `?hold`: its
 * flight waits).
 * @template {{ errors: string[] }} Run
 * @param {Run} run
 * @param {import('@playwright/test').Browser} browser
 * @param {(typeof PROFILES)['mobile']} profile
 * @param {string} url
 * @param {'explainer' | 'bare'} kind
 * @returns {Promise<Run & { heapAtRest: number | null }>}
 */
async function withHeapAtRest(run, browser, profile, url, kind) {
  const { context, page, cdp, network, errors } = await openPage(browser, profile);
  try {
    if (kind === 'explainer') await openUntilReady(page, url, "the explainer's map", errors, { intent: true });
    else {
      await openUntilReady(page, `${url}?hold`, "the bare page's map", errors);
      await page.waitForSelector('[data-map][data-map-idle]', { state: 'attached', timeout: TIMEOUT_READY_MS });
    }
    await network.quiet();
    const heapAtRest = await heapAfterGc(cdp);
    return { ...run, heapAtRest, errors: [...run.errors, ...errors] };
  } finally {
    await context.close();
  }
}

/**
 * Medians of every numeric leaf over the runs (same shape as one run; strings taken from the first run).
 * @param {any[]} runs
 * @returns {any}
 */
function medianOf(runs) {
  const first = runs[0];
  if (Array.isArray(first)) return first;
  if (first !== null && typeof first === 'object') {
    return Object.fromEntries(Object.keys(first).map((key) => [key, medianOf(runs.map((run) => run?.[key]))]));
  }
  if (typeof first === 'number' || first === null) {
    return runs.some((value) => typeof value === 'number') ? median(runs) : null;
  }
  return first;
}

/**
 * a / b, rounded to 2 decimals, or null.
 * @param {number | null | undefined} a
 * @param {number | null | undefined} b
 */
function ratio(a, b) {
  return typeof a === 'number' && typeof b === 'number' && b > 0 ? Math.round((a / b) * 100) / 100 : null;
}

/** @param {number | null | undefined} bytes */
const kb = (bytes) => (typeof bytes === 'number' ? `${(bytes / 1000).toFixed(1)} kB` : '–');
/** @param {number | null | undefined} ms */
const msText = (ms) => (typeof ms === 'number' ? `${Math.round(ms)} ms` : '–');
/** @param {number | null | undefined} value */
const ratioText = (value) => (typeof value === 'number' ? `×${value.toFixed(2)}` : '');
/** @param {any} scripts */
const scriptsText = (scripts) =>
  `${scripts.ours.over50} (max ${msText(scripts.ours.longest)}) / ${scripts.maplibre.over50} (max ${msText(scripts.maplibre.longest)})`;
/** @param {{ count: number | null, total: number | null, longest: number | null }} tasks */
const tasksText = (tasks) => `${tasks.count ?? '–'} / ${msText(tasks.total)} / ${msText(tasks.longest)}`;
/** @param {any} totals */
const kindsText = (totals) =>
  KINDS.filter((kind) => (totals.kinds[kind].count ?? 0) > 0)
    .map((kind) => `${kind} ${kb(totals.kinds[kind].gzip)}`)
    .join(', ');

/**
 * Prints the summary table.
 * @param {any} result the JSON written to bench.json
 */
function printTable(result) {
  const { app, bare, ratios, options } = result;
  const a = app.median;
  const b = bare.median;
  const rows = [
    ['', 'explainer', 'bare MapLibre', 'ratio'],
    [
      'critical path (started before DCL), gzip (raw)',
      `${kb(a.bytes.critical.gzip)} (${kb(a.bytes.critical.raw)})`,
      `${kb(b.bytes.critical.gzip)} (${kb(b.bytes.critical.raw)})`,
      '',
    ],
    [
      'at map ready, gzip (raw)',
      `${kb(a.bytes.ready.gzip)} (${kb(a.bytes.ready.raw)})`,
      `${kb(b.bytes.ready.gzip)} (${kb(b.bytes.ready.raw)})`,
      ratioText(ratios.bytesReadyGzip),
    ],
    [
      'after scroll/flight, gzip (raw)',
      `${kb(a.bytes.all.gzip)} (${kb(a.bytes.all.raw)})`,
      `${kb(b.bytes.all.gzip)} (${kb(b.bytes.all.raw)})`,
      ratioText(ratios.bytesAllGzip),
    ],
    ['DOMContentLoaded', msText(a.dcl), msText(b.dcl), ''],
    ['FCP', msText(a.fcp), msText(b.fcp), ratioText(ratios.fcp)],
    ['LCP', msText(a.lcp), msText(b.lcp), ratioText(ratios.lcp)],
    ['headline element timing', msText(a.headlineElementTiming), msText(b.headlineElementTiming), ''],
    ['map ready', msText(a.ready), msText(b.ready), ratioText(ratios.ready)],
    [
      'map ready after intent (pointer at load) / bare ready',
      msText(a.readyAfterIntent),
      msText(b.ready),
      ratioText(ratios.readyAfterIntentVsBareReady),
    ],
    ['layout shift to ready (CLS)', String(a.cls), String(b.cls), ''],
    [
      'step transition (median of steps) / flyTo',
      msText(a.stepMedian),
      msText(b.flight),
      ratioText(ratios.transitionVsFlight),
    ],
    ['long tasks before FCP (n / total / max)', tasksText(a.longTasks.beforeFcp), tasksText(b.longTasks.beforeFcp), ''],
    [
      'long tasks to ready (n / total / max)',
      tasksText(a.longTasks.load),
      tasksText(b.longTasks.load),
      ratioText(ratios.longTasksLoadTotal),
    ],
    ['long tasks scroll-through / flight', tasksText(a.longTasks.scroll), tasksText(b.longTasks.flight), ''],
    [
      'long-task time per step change / per flight',
      msText(typeof a.longTasks.scroll.total === 'number' ? a.longTasks.scroll.total / a.stepChanges : null),
      msText(b.longTasks.flight.total),
      ratioText(ratios.longTasksPerStepVsFlight),
    ],
    ['scripts ≥50 ms to ready: ours / MapLibre (LoAF)', scriptsText(a.scripts.load), scriptsText(b.scripts.load), ''],
    [
      'scripts ≥50 ms in scroll / flight: ours / MapLibre',
      scriptsText(a.scripts.scroll),
      scriptsText(b.scripts.flight),
      '',
    ],
    [
      'JS heap after GC, map at rest at its first view',
      kb(a.heapAtRest),
      kb(b.heapAtRest),
      ratioText(ratios.heapAtRest),
    ],
    ['JS heap after GC, after scroll-through / flight', kb(a.heap), kb(b.heap), ratioText(ratios.heap)],
  ];
  const header = rows[0] ?? [];
  const widths = header.map((_, column) => Math.max(...rows.map((row) => String(row[column]).length)));
  const line = (/** @type {string[]} */ row) =>
    row
      .map((cell, column) => String(cell).padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  console.log('');
  console.log(
    `Bench: ${options.profile.name} ${options.profile.viewport.width}×${options.profile.viewport.height} @${options.profile.deviceScaleFactor}x, ` +
      `CPU throttling ×${options.profile.cpuThrottlingRate}${options.profile.cpuThrottlingRate > 1 ? ' (CDP Emulation.setCPUThrottlingRate)' : ''}, ` +
      `medians of ${options.runs} run(s), cache disabled, ${result.environment.browser}`,
  );
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows.slice(1)) console.log(line(row));
  console.log('');
  const criticalList = app.runs[0].bytes.requests
    .filter((/** @type {any} */ request) => request.critical)
    .map((/** @type {any} */ request) => `${request.file} ${kb(request.gzip)} @${msText(request.start)}`);
  console.log(
    `critical path (explainer, run 1): ${criticalList.length} requests started before DOMContentLoaded: ${criticalList.join(', ')}`,
  );
  console.log(`  by kind, gzip: ${kindsText(a.bytes.critical)}`);
  console.log(`at map ready by kind, gzip: explainer ${kindsText(a.bytes.ready)}; bare ${kindsText(b.bytes.ready)}`);
  console.log(`LCP element: explainer ${app.runs[0].lcpElement ?? '–'}; bare ${bare.runs[0].lcpElement ?? '–'}`);
  console.log('step transitions (scroll → data-active-step + data-camera), median [min–max]:');
  for (const [stepId, values] of Object.entries(app.stepTimes)) {
    const numbers = /** @type {Array<number | null>} */ (values).filter((value) => typeof value === 'number');
    const timeouts = /** @type {Array<number | null>} */ (values).length - numbers.length;
    console.log(
      `  ${stepId.padEnd(16)} ${msText(median(numbers)).padStart(8)}  [${msText(Math.min(...numbers))}–${msText(Math.max(...numbers))}]${timeouts ? `  ${timeouts} timed out` : ''}`,
    );
  }
  const slow = result.slowNetwork.runs;
  if (slow.length > 0) {
    console.log(`\n3G (DevTools Fast 3G), ${slow.length} run(s): text → static map → WebGL (pointer at load)`);
    for (const run of slow)
      console.log(
        `  text ${msText(run.text)} (painted ${msText(run.textPainted)}), static map ${msText(run.staticMap)}, WebGL ${msText(run.webgl)}: ${run.inOrder ? 'in that order' : 'OUT OF ORDER'}`,
      );
  }
  if (result.lighthouse) printLighthouse(result.lighthouse, 'simulate');
  if (result.lighthouseApplied) printLighthouse(result.lighthouseApplied, 'devtools');
  console.log('');
  console.log(`Definitions and every run: ${path.relative(process.cwd(), path.join(RESULTS_DIR, 'bench.json'))}`);
}

/**
 * Lighthouse's medians per page and the host page's cost of each embed; for the simulated runs, the bootup and
 * long-task rows of the explainer's and the script-embed host's median runs too.
 * @param {Record<string, any>} lighthouse
 * @param {'simulate' | 'devtools'} throttling
 */
function printLighthouse(lighthouse, throttling) {
  const runs = Object.values(lighthouse)[0]?.runs.length ?? 0;
  const how = throttling === 'devtools' ? ', applied throttling (--throttling-method=devtools)' : '';
  console.log(`\nLighthouse 12.2.3 (performance${how}, ${runs} run(s) per page, medians)`);
  console.log('| page | score | FCP | LCP | TBT | CLS | TTI |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [name, { medians }] of Object.entries(lighthouse))
    console.log(
      `| ${name} | ${medians.score?.toFixed(2)} | ${msText(medians.fcp)} | ${msText(medians.lcp)} | ${msText(medians.tbt)} | ${medians.cls?.toFixed(3)} | ${msText(medians.tti)} |`,
    );
  const host = lighthouse.host?.medians;
  if (host) {
    console.log("\nThe host page's cost of each embed (against the same page without it):");
    for (const [name, { medians: page }] of Object.entries(lighthouse)) {
      if (!name.startsWith('host+')) continue;
      const change = (/** @type {number} */ a, /** @type {number} */ b) => `${(((a - b) / b) * 100).toFixed(1)} %`;
      const tbt = Math.round(page.tbt - host.tbt);
      console.log(
        `  ${name}: score ${(page.score - host.score).toFixed(2)}, TBT ${tbt < 0 ? '' : '+'}${tbt} ms, FCP ${change(page.fcp, host.fcp)}, LCP ${change(page.lcp, host.lcp)}`,
      );
    }
  }
  if (throttling === 'devtools') return;
  for (const name of ['explainer', 'host+script']) {
    const typical = lighthouse[name]?.typical;
    if (!typical) continue;
    console.log(`\n${name}, median run: bootup-time (total / scripting)`);
    for (const row of typical.bootup) console.log(`  ${row.url}: ${row.total} ms / ${row.scripting} ms`);
    console.log(`${name}, median run: long tasks`);
    if (typical.longTasks.length === 0) console.log('  none');
    for (const row of typical.longTasks) console.log(`  ${row.url}: ${row.duration} ms at ${row.start} ms`);
  }
}

/** Builds, serves, measures, writes bench-results/bench.json and prints the table. */
async function main() {
  const options = parseArgs(process.argv.slice(2));
  const chromiumPath = requireChromium();
  const chromiumArgs = [...CHROMIUM_ARGS, ...RASTER_ARGS[options.raster]];
  let chromium;
  try {
    ({ chromium } = await import('@playwright/test'));
  } catch {
    throw new BenchError('bench: @playwright/test is not installed; run `npm ci` first.');
  }
  const profile = options.desktop ? PROFILES.desktop : PROFILES.mobile;
  if (options.runs < 5)
    console.log(`bench: ${options.runs} run(s) per page: a smoke test; use --runs 5 or more for figures to compare.`);

  if (options.build) buildApp();
  if (!existsSync(path.join(DIST, 'index.html')))
    throw new BenchError('bench: dist/index.html is missing; run `npm run build` (or drop --no-build).');
  await mkdir(RESULTS_DIR, { recursive: true });
  if (
    options.build ||
    !BARE_DATA.every((file) => existsSync(path.join(BARE_DIST, 'data', file))) ||
    !existsSync(path.join(BARE_DIST, 'index.html'))
  ) {
    await buildBare();
  } else {
    console.log('bench: --no-build: reusing bench-results/bare-dist/');
  }

  const { steps } = JSON.parse(await readFile(STEPS_FILE, 'utf8'));
  const stepIds = /** @type {Array<{ id: string }>} */ (steps).map((step) => step.id);

  await rm(APP_SNAPSHOT, { recursive: true, force: true });
  await cp(DIST, APP_SNAPSHOT, { recursive: true });
  // The explainer's server answers other origins, as a CDN must for the script embed.
  const appServer = await startServer({ dir: APP_SNAPSHOT, prefix: APP_PREFIX, port: 0, cors: true });
  const bareServer = await startServer({ dir: BARE_DIST, prefix: BARE_PREFIX, port: 0 });
  // The host article pages on a server of their own, embedding the explainer from its origin.
  await rm(HOST_DIST, { recursive: true, force: true });
  const hostPages = await writeHostPages(HOST_DIST, appServer.url);
  const hostServer = await startServer({ dir: HOST_DIST, prefix: HOST_PREFIX, port: 0 });
  // Named `localhost` against the explainer's 127.0.0.1: another site, as a newsroom's page and a graphics CDN are, so
  // that Chromium gives the iframe embed a process of its own (ports alone make another origin of the same site).
  const hostUrl = hostServer.url.replace('//127.0.0.1:', '//localhost:');
  /** @type {import('@playwright/test').Browser | undefined} */
  let browser;
  try {
    try {
      browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    } catch (error) {
      throw new BenchError(
        `bench: Chromium at ${chromiumPath} did not start: ${/** @type {Error} */ (error).message.split('\n')[0]}\nRun \`node scripts/ensure-chromium.mjs\`.`,
      );
    }
    const browserVersion = `Chromium ${browser.version()}`;
    /** @type {any[]} */
    const appRuns = [];
    /** @type {any[]} */
    const bareRuns = [];
    for (let run = 1; run <= options.runs; run++) {
      // Alternate the pages so a slow patch of the machine hits both.
      process.stdout.write(`bench: run ${run}/${options.runs}: explainer… `);
      const appRun = await runApp(browser, profile, appServer.url, stepIds);
      process.stdout.write('bare MapLibre… ');
      const bareRun = await runBare(browser, profile, bareServer.url);
      process.stdout.write('both at rest… ');
      appRuns.push(await withHeapAtRest(appRun, browser, profile, appServer.url, 'explainer'));
      bareRuns.push(await withHeapAtRest(bareRun, browser, profile, bareServer.url, 'bare'));
      console.log('done');
    }

    /** @type {Record<string, Array<number | null>>} */
    const stepTimes = Object.fromEntries(stepIds.map((id) => [id, appRuns.map((run) => run.steps[id]?.ms ?? null)]));
    const appMedian = medianOf(appRuns.map(({ steps: _steps, errors: _errors, ...rest }) => rest));
    appMedian.steps = Object.fromEntries(Object.entries(stepTimes).map(([id, values]) => [id, median(values)]));
    appMedian.stepMedian = median(Object.values(appMedian.steps));
    appMedian.stepMax = Math.max(
      ...Object.values(stepTimes)
        .flat()
        .filter((value) => typeof value === 'number'),
    );
    const bareMedian = medianOf(bareRuns.map(({ errors: _errors, ...rest }) => rest));

    /** @type {any[]} */
    const slowRuns = [];
    for (let run = 1; run <= Math.min(3, options.runs); run++) {
      process.stdout.write(`bench: 3G run ${run}… `);
      slowRuns.push(await runSlowNetwork(browser, profile, appServer.url));
      console.log('done');
    }
    const lighthouseOptions = {
      repoRoot: REPO_ROOT,
      resultsDir: RESULTS_DIR,
      chromiumPath,
      chromiumArgs,
      desktop: options.desktop,
      runs: options.lighthouseRuns ?? options.runs,
    };
    const lighthouse = options.lighthouse
      ? await lighthousePages(
          [
            { name: 'explainer', url: appServer.url },
            { name: 'bare', url: bareServer.url },
            { name: 'host', url: hostUrl + hostPages.none },
            { name: 'host+script', url: hostUrl + hostPages.script },
            { name: 'host+script-tag', url: hostUrl + hostPages['script-tag'] },
            { name: 'host+iframe', url: hostUrl + hostPages.iframe },
            { name: 'host+iframe-empty', url: hostUrl + hostPages['iframe-empty'] },
          ],
          { ...lighthouseOptions, throttling: 'simulate' },
        )
      : undefined;
    // The host page with and without each embed again, loaded on a throttled network and CPU: Lighthouse's model
    // counts any iframe document that arrives before the host's first paint as blocking that paint.
    const lighthouseApplied = options.lighthouse
      ? await lighthousePages(
          [
            { name: 'host', url: hostUrl + hostPages.none },
            { name: 'host+script', url: hostUrl + hostPages.script },
            { name: 'host+iframe', url: hostUrl + hostPages.iframe },
          ],
          { ...lighthouseOptions, throttling: 'devtools' },
        )
      : undefined;

    const ratios = {
      note: 'explainer ÷ bare MapLibre page, medians; >1 means the explainer spends more',
      bytesReadyGzip: ratio(appMedian.bytes.ready.gzip, bareMedian.bytes.ready.gzip),
      bytesReadyRaw: ratio(appMedian.bytes.ready.raw, bareMedian.bytes.ready.raw),
      bytesAllGzip: ratio(appMedian.bytes.all.gzip, bareMedian.bytes.all.gzip),
      bytesAllRaw: ratio(appMedian.bytes.all.raw, bareMedian.bytes.all.raw),
      fcp: ratio(appMedian.fcp, bareMedian.fcp),
      lcp: ratio(appMedian.lcp, bareMedian.lcp),
      ready: ratio(appMedian.ready, bareMedian.ready),
      transitionVsFlight: ratio(appMedian.stepMedian, bareMedian.flight),
      longTasksLoadTotal: ratio(appMedian.longTasks.load.total, bareMedian.longTasks.load.total),
      heapAtRest: ratio(appMedian.heapAtRest, bareMedian.heapAtRest),
      heap: ratio(appMedian.heap, bareMedian.heap),
      readyAfterIntentVsBareReady: ratio(appMedian.readyAfterIntent, bareMedian.ready),
      longTasksPerStepVsFlight: ratio(
        typeof appMedian.longTasks.scroll.total === 'number'
          ? appMedian.longTasks.scroll.total / appMedian.stepChanges
          : null,
        bareMedian.longTasks.flight.total || null,
      ),
    };

    const result = {
      schema: 1,
      generatedAt: new Date().toISOString(),
      command: `node scripts/bench.mjs ${process.argv.slice(2).join(' ')}`.trim(),
      options: {
        runs: options.runs,
        built: options.build,
        profile: {
          name: profile.name,
          viewport: profile.context.viewport,
          deviceScaleFactor: profile.context.deviceScaleFactor,
          cpuThrottlingRate: profile.cpuThrottlingRate,
        },
        cacheDisabled: true,
        freshContextPerRun: true,
      },
      environment: {
        node: process.version,
        browser: browserVersion,
        chromium: chromiumPath,
        args: chromiumArgs,
        raster: options.raster,
        platform: `${process.platform} ${process.arch}`,
      },
      definitions: {
        units:
          'times in ms from navigation start (page clock); bytes are response bodies as received, 1 kB = 1000 bytes in the table; gzip = node:zlib level 9 of each body, summed',
        critical:
          'the document plus every request whose Resource Timing startTime is before domContentLoadedEventStart (the HTML, its CSS, module scripts and their static imports/modulepreloads)',
        mapReady:
          'every request started before data-map-status became "ready" and the network was then quiet for 500 ms',
        all: 'every request, after the scroll-through (explainer) or the flight (bare page) and a quiet network',
        kinds:
          'js (.js/.mjs), css, data (.json/.geojson/.topojson/.csv/.tsv), fonts (.woff/.woff2/.ttf/.otf), html, other',
        fcp: "PerformanceObserver 'paint' first-contentful-paint",
        lcp: "the last PerformanceObserver 'largest-contentful-paint' entry when the map was ready (before any scrolling); lcpElement names it",
        headlineElementTiming:
          'Element Timing renderTime of [data-passage="headline"] (tagged with elementtiming by the init script)',
        ready:
          'first MutationObserver record of data-map-status="ready" on [data-map] (bare page: sources added after `load`)',
        steps:
          'scrollIntoView({block:"center"}) of [data-step] → [data-map] has data-active-step = the step and a data-camera (MutationObserver); order: steps 2…n, then step 1',
        flight: 'bare page: flyTo Sudzha [35.27, 51.19] z9, 1400 ms, started at the first `idle` after ready → moveend',
        longTasks:
          "PerformanceObserver 'longtask' (≥50 ms) by start time: beforeFcp = navigation → FCP; load = navigation → ready; scroll = the scroll-through; flight = the bare page's flight",
        heap: 'CDP Performance.getMetrics JSHeapUsedSize after CDP HeapProfiler.collectGarbage (page main thread only), after the scroll-through / the flight',
        heapAtRest:
          'the same in a load of its own, with the map at rest at its first view: the explainer once ready (pointer at load), the bare page at its first `idle` (loaded with ?hold: its flight waits)',
        cpuThrottling: 'CDP Emulation.setCPUThrottlingRate on the page (mobile profile ×4; --desktop none)',
      },
      app: { url: appServer.url, median: appMedian, stepTimes, runs: appRuns },
      bare: { url: bareServer.url, median: bareMedian, runs: bareRuns },
      ratios,
      slowNetwork: { profile: NETWORK_3G, runs: slowRuns },
      lighthouse,
      lighthouseApplied,
    };
    // Bodies are not kept; only their sizes.
    await writeFile(path.join(RESULTS_DIR, 'bench.json'), JSON.stringify(result, null, 2) + '\n');
    printTable(result);
    const pageErrors = [...appRuns, ...bareRuns].flatMap((run) => run.errors);
    if (pageErrors.length > 0)
      console.log(`\nbench: note: the pages logged ${pageErrors.length} error(s), e.g. ${pageErrors[0]}`);
    const timeouts = Object.entries(stepTimes).filter(([, values]) => values.some((value) => value === null));
    if (timeouts.length > 0)
      console.log(
        `bench: note: step(s) not applied within ${TIMEOUT_STEP_MS / 1000} s in some runs: ${timeouts.map(([id]) => id).join(', ')}`,
      );
  } finally {
    await browser?.close();
    await appServer.close();
    await bareServer.close();
    await hostServer.close();
  }
}

main().catch((error) => {
  if (error instanceof BenchError) console.error(`\n${error.message}`);
  else console.error(`\nbench: failed: ${error?.stack ?? error}`);
  process.exit(1);
});

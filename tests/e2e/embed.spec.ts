// The explainer embedded in a news page of ANOTHER origin, three ways (README "Embed on a news page"):
//   - iframe embed (index.html?embed): with our loader (public/embed-frame.js), with a pym.js parent, and with no host
//     script at all — the iframe is as tall as its content and the scrolly story follows the host's scroll;
//   - script embed (dist/embed.js): shadow DOM, hostile host CSS, two embeds on one page, errors contained;
//   - stacked layout (?layout=stacked and data-layout="stacked").
// The built dist/ is served as the explainer's origin (127.0.0.1, with CORS, under a path prefix); host pages come
// from a second server on `localhost`. Both use free ports. Every test also fails on page errors, console errors and
// requests outside the two origins (fixtures.ts), in the host page and inside the iframe.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Frame, Locator, Page } from '@playwright/test';
import { scriptEmbedCode } from '../../scripts/embed-code.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { REPO_ROOT, expect, readStory, test as guarded } from './fixtures.ts';

const PREFIX = '/news/kursk/';
/** A host stylesheet that would wreck anything it reaches. */
const HOSTILE_CSS = '* { font: 30px serif !important; box-sizing: content-box }';
/** Text of the host's own article above and below the embeds (tall, so the embed starts and ends off-screen). */
const HOST_TEXT = '<p style="height: 700px; margin: 0">The host\'s article text.</p>';
const STEP_TIMEOUT = 15_000;

interface Servers {
  /** The explainer's base URL (dist/ under PREFIX), origin 127.0.0.1. */
  explainer: string;
  /** A copy of dist/ whose story data is broken, same host, another port. */
  broken: string;
  /** Host pages, origin localhost. */
  host: string;
  /** The folder the host pages are served from (tests may add pages). */
  hostDir: string;
  origins: string[];
}

/** Records errors that reach the host page's own handlers (window.onerror, unhandled rejections). */
const HOST_ERROR_TRAP = `<script>
  window.hostErrors = [];
  window.onerror = function (message) { window.hostErrors.push(String(message)); };
  window.addEventListener('unhandledrejection', function (event) { window.hostErrors.push('rejection: ' + event.reason); });
</script>`;

function hostPage({
  title,
  css = '',
  body,
  head = '',
}: {
  title: string;
  css?: string;
  body: string;
  head?: string;
}): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title><link rel="icon" href="data:,">
<style>body { margin: 0 } ${css}</style>${HOST_ERROR_TRAP}${head}</head>
<body>${body}</body></html>`;
}

/** A stand-in for pym.js 1.3's Parent (the real library is not a dependency): its message format and behaviour. */
function pymParentScript(explainerUrl: string, id: string): string {
  return `<script>
  (function () {
    var D = 'xPYMx';
    var el = document.getElementById(${JSON.stringify(id)});
    var iframe = document.createElement('iframe');
    var width = el.offsetWidth;
    iframe.src = ${JSON.stringify(explainerUrl)} + '&initialWidth=' + width + '&childId=' + ${JSON.stringify(id)} +
      '&parentTitle=' + encodeURIComponent(document.title) + '&parentUrl=' + encodeURIComponent(location.href);
    iframe.setAttribute('width', '100%');
    iframe.setAttribute('scrolling', 'no');
    iframe.setAttribute('marginheight', '0');
    iframe.setAttribute('frameborder', '0');
    iframe.style.display = 'block';
    el.appendChild(iframe);
    var regex = new RegExp('^pym' + D + ${JSON.stringify(id)} + D + '(\\\\S+)' + D + '(.*)$');
    function send(type, message) { iframe.contentWindow.postMessage(['pym', ${JSON.stringify(id)}, type, message].join(D), '*'); }
    function sendViewportAndIFramePosition() {
      var r = iframe.getBoundingClientRect();
      send('viewport-iframe-position', window.innerWidth + ' ' + window.innerHeight + ' ' + r.top + ' ' + r.left + ' ' + r.bottom + ' ' + r.right);
    }
    window.pymMessages = [];
    window.addEventListener('message', function (e) {
      if (typeof e.data !== 'string') return;
      var match = e.data.match(regex);
      if (!match || match.length !== 3) return;
      window.pymMessages.push(match[1]);
      if (match[1] === 'height') iframe.setAttribute('height', parseInt(match[2]) + 'px');
      if (match[1] === 'parentPositionInfo') sendViewportAndIFramePosition();
    });
    // trackscroll: true (pym throttles with scrollwait 100 ms; a frame is enough here)
    var pending = 0;
    window.addEventListener('scroll', function () {
      if (!pending) pending = requestAnimationFrame(function () { pending = 0; sendViewportAndIFramePosition(); });
    });
    window.addEventListener('resize', function () { send('width', String(el.offsetWidth)); sendViewportAndIFramePosition(); });
  })();
</script>`;
}

/** Writes the host pages that only depend on the explainer's URL. */
function writeHostPages(dir: string, explainer: string, broken: string): void {
  const frameSrc = `${explainer}index.html?embed`;
  const pages: Record<string, string> = {
    'frame-loader.html': hostPage({
      title: 'Host: iframe with the loader',
      css: HOSTILE_CSS,
      // The loader arrives late (after the iframe has loaded and spoken), as an async script may.
      body: `${HOST_TEXT}<iframe data-story-map-frame src="${frameSrc}" title="Explainer" scrolling="no"
        style="display: block; width: 100%; border: 0"
        onload="setTimeout(function () { var s = document.createElement('script'); s.src = '${explainer}embed-frame.js'; document.body.append(s); }, 300)"></iframe>
        ${HOST_TEXT}`,
    }),
    'frame-pym.html': hostPage({
      title: 'Host: pym.js parent',
      css: HOSTILE_CSS,
      body: `${HOST_TEXT}<div id="kx-pym"></div>${HOST_TEXT}${pymParentScript(frameSrc, 'kx-pym')}`,
    }),
    'frame-allow-other.html': hostPage({
      title: 'Host: not on the allow-list',
      body: `<iframe data-kursk-explainer-frame src="${frameSrc}&allowOrigin=https://news.example,https://b.example"
        title="Explainer" style="display: block; width: 100%; height: 300px; border: 0"></iframe>
        <script src="${explainer}embed-frame.js"></script>`,
    }),
    'script-hostile.html': hostPage({
      title: 'Host: two script embeds, hostile CSS',
      css: HOSTILE_CSS,
      body: `${HOST_TEXT}<div data-story-map id="first"></div>${HOST_TEXT}<div data-kursk-explainer id="second"></div>
        ${HOST_TEXT}<script type="module" src="${explainer}embed.js"></script>`,
    }),
    'script-clean.html': hostPage({
      title: 'Host: one script embed, no host CSS',
      body: `${HOST_TEXT}<div data-kursk-explainer id="first"></div>${HOST_TEXT}<script type="module" src="${explainer}embed.js"></script>`,
    }),
    'script-column.html': hostPage({
      title: "Host: one script embed in the host's article column",
      css: 'main { max-width: 640px; margin: 0 auto }',
      body: `<main>${HOST_TEXT}<div data-story-map></div>${HOST_TEXT}</main>
        <script type="module" src="${explainer}embed.js"></script>`,
    }),
    'script-stacked.html': hostPage({
      title: 'Host: stacked script embed',
      css: HOSTILE_CSS,
      body: `${HOST_TEXT}<div data-story-map data-layout="stacked"></div>${HOST_TEXT}
        <script type="module" src="${explainer}embed.js"></script>`,
    }),
    'script-host-map.html': hostPage({
      title: "Host: an embed beside the host's own MapLibre map",
      css: HOSTILE_CSS,
      head: '<link rel="stylesheet" href="./maplibre/maplibre-gl.css">',
      body: `<div id="host-map" style="width: 600px; height: 300px"></div>${HOST_TEXT}<div data-kursk-explainer></div>${HOST_TEXT}
        <script type="module">
          import * as maplibregl from './maplibre/maplibre-gl.mjs';
          window.hostMap = { loaded: false, workerUrl: maplibregl.getWorkerUrl() };
          const map = new maplibregl.Map({ container: 'host-map', style: { version: 8, sources: {}, layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#36c' } }] }, center: [0, 0], zoom: 1 });
          map.on('load', () => { window.hostMap.loaded = true; });
        </script>
        <script type="module" src="${explainer}embed.js"></script>`,
    }),
    'script-code.html': hostPage({
      title: "Host: the README's embed code",
      // Every layout shift the host page reports, from its first paint on.
      head: `<script>
        window.hostShifts = [];
        new PerformanceObserver(function (list) {
          list.getEntries().forEach(function (entry) { window.hostShifts.push(entry.value); });
        }).observe({ type: 'layout-shift', buffered: true });
      </script>`,
      body: `<p style="height: 300px; margin: 0">The host's article text.</p>${scriptEmbedCode(explainer)}
        <p id="after" style="height: 300px; margin: 0">The host's text after the explainer.</p>`,
    }),
    'script-broken.html': hostPage({
      title: 'Host: embed with broken story data',
      css: HOSTILE_CSS,
      body: `${HOST_TEXT}<div data-kursk-explainer></div>${HOST_TEXT}<script type="module" src="${broken}embed.js"></script>`,
    }),
  };
  for (const [name, html] of Object.entries(pages)) writeFileSync(path.join(dir, name), html);
}

const test = guarded.extend<object, { servers: Servers }>({
  servers: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern.
    async ({}, use) => {
      const temp = mkdtempSync(path.join(os.tmpdir(), 'kx-embed-'));
      const hostDir = path.join(temp, 'host');
      const brokenDir = path.join(temp, 'broken');
      cpSync(path.join(REPO_ROOT, 'dist'), brokenDir, { recursive: true });
      // Valid JSON, the right top-level shape, but not a story App can render: the error happens inside App.
      const storyFile = readdirSync(path.join(brokenDir, 'assets')).find((name) => /^story-.*\.json$/.test(name));
      if (!storyFile) throw new Error('dist/assets has no story-*.json: run `npm run build`');
      writeFileSync(
        path.join(brokenDir, 'assets', storyFile),
        JSON.stringify({
          meta: { lang: 'en' },
          steps: [{ id: 'x', passages: ['p'] }],
          passages: [{ id: 'p' }],
          places: null,
          layers: null,
        }),
      );
      mkdirSync(hostDir);
      // The host's own MapLibre (the same library, served by the host, its own module instance and worker).
      cpSync(path.join(REPO_ROOT, 'node_modules/maplibre-gl/dist'), path.join(hostDir, 'maplibre'), {
        recursive: true,
        filter: (source) => !source.endsWith('.map'),
      });
      const explainer = await startServer({
        dir: path.join(REPO_ROOT, 'dist'),
        prefix: PREFIX,
        port: 0,
        host: '127.0.0.1',
        cors: true,
      });
      const broken = await startServer({ dir: brokenDir, prefix: PREFIX, port: 0, host: '127.0.0.1', cors: true });
      writeHostPages(hostDir, explainer.url, broken.url);
      const host = await startServer({ dir: hostDir, prefix: '/', port: 0, host: '127.0.0.1' });
      // Another host name for the host pages: another origin and another site than the explainer.
      const hostUrl = host.url.replace('127.0.0.1', 'localhost');
      await use({
        explainer: explainer.url,
        broken: broken.url,
        host: hostUrl,
        hostDir,
        origins: [new URL(explainer.url).origin, new URL(broken.url).origin, new URL(hostUrl).origin],
      });
      await Promise.all([explainer.close(), broken.close(), host.close()]);
      rmSync(temp, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  allowedOrigins: async ({ servers }, use) => {
    await use(servers.origins);
  },
});

// ---------------------------------------------------------------------------------------------------------------
// Helpers

/** The explainer's frame in a host page (the first child frame, once it has loaded the explainer). */
async function explainerFrame(page: Page, servers: Servers): Promise<Frame> {
  const origin = new URL(servers.explainer).origin;
  const find = () =>
    page.frames().find((candidate) => candidate !== page.mainFrame() && candidate.url().startsWith(origin));
  await expect.poll(() => Boolean(find()), { message: 'the explainer frame loads' }).toBe(true);
  const frame = find();
  if (!frame) throw new Error('no explainer frame');
  await frame.waitForSelector('[data-map][data-map-status="ready"], [data-map][data-map-status="fallback"]', {
    timeout: 45_000,
  });
  return frame;
}

/** The content height of the explainer inside its frame, in CSS px. */
function contentHeight(frame: Frame): Promise<number> {
  return frame.evaluate(() => (document.getElementById('app')?.getBoundingClientRect().bottom ?? 0) + window.scrollY);
}

/** The iframe element's height and its content's top in the host viewport. */
function iframeBox(page: Page, selector = 'iframe'): Promise<{ top: number; height: number }> {
  return page
    .locator(selector)
    .first()
    .evaluate((element) => {
      const rect = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      return {
        top: rect.top + parseFloat(style.borderTopWidth) + parseFloat(style.paddingTop),
        height: element.clientHeight,
      };
    });
}

/**
 * Scrolls the host page so that a step inside the frame has its centre at the host viewport's middle, but no further
 * than the iframe's own ends (as a reader sees it: the first step with the story's top at the top of the screen).
 */
async function scrollHostToFrameStep(page: Page, frame: Frame, stepId: string): Promise<void> {
  const stepMiddle = await frame.locator(`[data-step="${stepId}"]`).evaluate((element) => {
    const rect = element.getBoundingClientRect();
    return rect.top + window.scrollY + rect.height / 2;
  });
  const box = await iframeBox(page);
  await page.evaluate(
    ({ frameTop, frameHeight, stepMiddle }) => {
      const frameStart = window.scrollY + frameTop;
      const wanted = frameStart + stepMiddle - window.innerHeight / 2;
      window.scrollTo(0, Math.min(Math.max(wanted, frameStart), frameStart + frameHeight - window.innerHeight));
    },
    { frameTop: box.top, frameHeight: box.height, stepMiddle },
  );
}

/** The map's box in host viewport coordinates, and the host viewport's height. */
async function mapInHost(page: Page, frame: Frame): Promise<{ top: number; bottom: number; viewport: number }> {
  const box = await frame.locator('[data-map]').evaluate((element) => {
    const rect = element.getBoundingClientRect();
    return { top: rect.top, bottom: rect.bottom };
  });
  const frameTop = (await iframeBox(page)).top;
  return {
    top: frameTop + box.top,
    bottom: frameTop + box.bottom,
    viewport: await page.evaluate(() => window.innerHeight),
  };
}

/** Scrolls through every step in the frame: each becomes the current step; optionally the map stays in view. */
async function expectStepsFollowHostScroll(
  page: Page,
  frame: Frame,
  { mapInView }: { mapInView: boolean },
): Promise<void> {
  const steps = readStory().steps;
  for (const step of steps) {
    await scrollHostToFrameStep(page, frame, step.id);
    await expect(
      frame.locator(`[data-step="${step.id}"]`),
      `step ${step.id} current after the host scrolled to it`,
    ).toHaveAttribute('aria-current', 'step');
    await expect(frame.locator('[data-step][aria-current]')).toHaveCount(1);
    if (mapInView) {
      await expect
        .poll(
          async () => {
            const map = await mapInHost(page, frame);
            return map.top >= -2 && map.bottom <= map.viewport + 2 && map.bottom - map.top > 100
              ? 'inside'
              : JSON.stringify(map);
          },
          { message: `the map is inside the host viewport at step ${step.id}` },
        )
        .toBe('inside');
    }
  }
  const last = steps[steps.length - 1];
  if (last)
    await expect(frame.locator('[data-map]')).toHaveAttribute('data-active-step', last.id, { timeout: STEP_TIMEOUT });
}

async function expectFrameFitsContent(page: Page, frame: Frame): Promise<void> {
  await expect
    .poll(async () => Math.abs((await iframeBox(page)).height - (await contentHeight(frame))), {
      message: 'iframe height = content height (±4 px)',
    })
    .toBeLessThanOrEqual(4);
}

async function hostErrors(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { hostErrors: string[] }).hostErrors);
}

/** A script embed's shadow host by index. */
function embed(page: Page, index = 0): Locator {
  return page.locator('[data-story-map], [data-kursk-explainer]').nth(index);
}

/** Scrolls the host so that a step inside a script embed (shadow DOM) is at the viewport's middle, within the embed. */
async function scrollShadowStepToMiddle(host: Locator, stepId: string): Promise<void> {
  await host.locator(`[data-step="${stepId}"]`).evaluate((element) => {
    element.scrollIntoView({ block: 'center', behavior: 'instant' });
    const embed = (element.getRootNode() as ShadowRoot).host.getBoundingClientRect();
    if (embed.top > 0) window.scrollBy(0, embed.top);
    else if (embed.bottom < window.innerHeight) window.scrollBy(0, embed.bottom - window.innerHeight);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Iframe embed

test.describe('iframe embed (index.html?embed) on another origin', () => {
  test.describe.configure({ timeout: 150_000 });

  test('with the loader: the iframe fits its content and the story follows the host scroll, map in view', async ({
    page,
    servers,
  }) => {
    await page.goto(`${servers.host}frame-loader.html`);
    const frame = await explainerFrame(page, servers);
    await expectFrameFitsContent(page, frame);
    // No page chrome: the address is not rewritten while the story scrolls.
    const frameUrl = frame.url();
    await expectStepsFollowHostScroll(page, frame, { mapInView: true });
    expect(frame.url(), 'the iframe does not rewrite its address').toBe(frameUrl);
    expect(page.url()).toBe(`${servers.host}frame-loader.html`);

    // A resized host viewport: new width and height, the iframe still fits.
    await page.setViewportSize({ width: 1000, height: 700 });
    await expectFrameFitsContent(page, frame);
    await expectStepsFollowHostScroll(page, frame, { mapInView: true });

    // A phone-sized host: the map covers the top of the screen, as on a phone page, and stays in view.
    await page.setViewportSize({ width: 390, height: 844 });
    await expectFrameFitsContent(page, frame);
    await expectStepsFollowHostScroll(page, frame, { mapInView: true });
    expect(await hostErrors(page)).toEqual([]);
  });

  test('with a pym.js parent: height and viewport-iframe-position messages drive it', async ({ page, servers }) => {
    await page.goto(`${servers.host}frame-pym.html`);
    const frame = await explainerFrame(page, servers);
    expect(new URL(frame.url()).searchParams.get('childId')).toBe('kx-pym');
    await expectFrameFitsContent(page, frame);
    await expectStepsFollowHostScroll(page, frame, { mapInView: true });
    const messages = await page.evaluate(() => (window as unknown as { pymMessages: string[] }).pymMessages);
    expect(messages).toContain('height');
    expect(messages).toContain('parentPositionInfo');
    await page.setViewportSize({ width: 1100, height: 720 });
    await expectFrameFitsContent(page, frame);
    expect(await hostErrors(page)).toEqual([]);
  });

  test('with no host script: a plain iframe of fixed height still advances the steps as the host scrolls', async ({
    page,
    servers,
  }) => {
    // The host embedded it once with some height, read the content's height, and set that by hand.
    const plainPage = (height: number): string =>
      hostPage({
        title: 'Host: plain iframe',
        css: HOSTILE_CSS,
        body: `${HOST_TEXT}<iframe src="${servers.explainer}index.html?embed" title="Explainer" height="${height}"
          style="display: block; width: 100%; border: 0"></iframe>${HOST_TEXT}`,
      });
    writeFileSync(path.join(servers.hostDir, 'frame-plain-draft.html'), plainPage(2000));
    await page.goto(`${servers.host}frame-plain-draft.html`);
    const measured = Math.ceil(await contentHeight(await explainerFrame(page, servers)));
    writeFileSync(path.join(servers.hostDir, 'frame-plain.html'), plainPage(measured));
    await page.goto(`${servers.host}frame-plain.html`);
    const frame = await explainerFrame(page, servers);
    expect(
      Math.abs((await contentHeight(frame)) - measured),
      'the content keeps the measured height',
    ).toBeLessThanOrEqual(4);
    await expectStepsFollowHostScroll(page, frame, { mapInView: true });
    expect(await hostErrors(page)).toEqual([]);
  });

  test('garbage messages and messages from origins off the allow-list change nothing and log no error', async ({
    page,
    servers,
  }) => {
    await page.goto(`${servers.host}frame-loader.html`);
    const frame = await explainerFrame(page, servers);
    await scrollHostToFrameStep(page, frame, 'salient');
    await expect(frame.locator('[data-step="salient"]')).toHaveAttribute('aria-current', 'step');
    const before = await mapInHost(page, frame);

    await page.evaluate(() => {
      const target = document.querySelector('iframe')?.contentWindow;
      if (!target) throw new Error('no iframe');
      const garbage: unknown[] = [
        null,
        undefined,
        0,
        NaN,
        '',
        'hello',
        'pym',
        'pymxPYMx',
        'pymxPYMxkx-pymxPYMxwidthxPYMx100',
        'pymxPYMxnullxPYMxviewport-iframe-positionxPYMx1 2 3 4 5 6',
        'xPYMx'.repeat(500),
        'a'.repeat(200_000),
        [],
        [1, 2, 3],
        {},
        { type: 1 },
        { type: 'story-map:viewport' },
        { type: 'kursk-explainer:viewport' },
        { type: 'story-map:viewport', top: 'x', height: 800 },
        { type: 'kursk-explainer:viewport', top: NaN, height: 800 },
        { type: 'kursk-explainer:viewport', top: 0, height: Infinity },
        { type: 'kursk-explainer:viewport', top: 0, height: -5 },
        { type: 'kursk-explainer:viewport', top: 1e300, height: 800 },
        { type: 'kursk-explainer:viewport', top: 0, height: 0 },
        { sentinel: 'amp' },
        { sentinel: 'amp', type: 'intersection', changes: 'no' },
        { sentinel: 'amp', type: 'intersection', changes: [null] },
        {
          sentinel: 'amp',
          type: 'intersection',
          changes: [{ rootBounds: { top: 0, height: 'x' }, boundingClientRect: {} }],
        },
        { toString: null },
        new Date(0),
        /re/,
        new ArrayBuffer(8),
        new Map([[1, 2]]),
        { a: { b: { c: { d: [1, { e: NaN }] } } } },
      ];
      for (const message of garbage) target.postMessage(message, '*');
    });
    // Messages from one window arrive in order: once the frame answers a frames-init sent after the garbage, it has
    // handled (and ignored) all of it.
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const iframe = document.querySelector('iframe');
          window.addEventListener('message', function answered(event) {
            const data = event.data as { sentinel?: string; type?: string } | null;
            if (event.source !== iframe?.contentWindow || data?.sentinel !== 'amp' || data.type !== 'embed-size')
              return;
            window.removeEventListener('message', answered);
            resolve();
          });
          iframe?.contentWindow?.postMessage({ sentinel: 'amp', type: 'frames-init' }, '*');
        }),
    );
    await expect(frame.locator('[data-step="salient"]')).toHaveAttribute('aria-current', 'step');
    const after = await mapInHost(page, frame);
    expect(Math.abs(after.top - before.top), 'the map did not move').toBeLessThanOrEqual(2);
    // Still following the host.
    await scrollHostToFrameStep(page, frame, 'jeddah');
    await expect(frame.locator('[data-step="jeddah"]')).toHaveAttribute('aria-current', 'step');
    expect(await hostErrors(page)).toEqual([]);

    // ?allowOrigin without the host's origin: the explainer neither talks to this host nor listens to it.
    await page.goto(`${servers.host}frame-allow-other.html`);
    // explainerFrame waits for the frame's map to be ready; a trusting frame sends its height long before that.
    const guarded = await explainerFrame(page, servers);
    expect((await iframeBox(page)).height, 'the loader got no height from a frame that does not trust it').toBe(300);
    expect(await guarded.locator('[data-step]').count()).toBe(readStory().steps.length);
  });

  test('?embed&layout=stacked in an iframe renders the stacked layout and fits its content', async ({
    page,
    servers,
  }) => {
    const file = 'frame-stacked.html';
    writeFileSync(
      path.join(servers.hostDir, file),
      hostPage({
        title: 'Host: stacked iframe',
        body: `${HOST_TEXT}<iframe data-story-map-frame src="${servers.explainer}index.html?embed&layout=stacked" title="Explainer"
          scrolling="no" style="display: block; width: 100%; border: 0"></iframe>${HOST_TEXT}<script src="${servers.explainer}embed-frame.js"></script>`,
      }),
    );
    await page.goto(`${servers.host}${file}`);
    const origin = new URL(servers.explainer).origin;
    await expect.poll(() => page.frames().some((frame) => frame.url().startsWith(origin))).toBe(true);
    const frame = page.frames().find((candidate) => candidate.url().startsWith(origin)) as Frame;
    await expect(frame.locator('[data-layout="stacked"]')).toHaveCount(1);
    await expect(frame.locator('[data-step-map]')).toHaveCount(readStory().steps.length);
    await expectFrameFitsContent(page, frame);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Script embed

test.describe('script embed (embed.js, shadow DOM) on another origin', () => {
  test.describe.configure({ timeout: 150_000 });

  test('two embeds under hostile host CSS: both mount, steps follow the host scroll, layout unaffected', async ({
    page,
    servers,
  }) => {
    // Reference: one embed on a page with no host CSS.
    await page.goto(`${servers.host}script-clean.html`);
    await expect(embed(page)).toHaveAttribute('data-mounted', 'ready', { timeout: 30_000 });
    const measure = (host: Locator) =>
      host.evaluate((element) => {
        const root = element.shadowRoot;
        const box = (selector: string) => {
          const rect = root?.querySelector(selector)?.getBoundingClientRect();
          return rect ? { width: Math.round(rect.width), height: Math.round(rect.height) } : undefined;
        };
        const headline = root?.querySelector('[data-passage="headline"]');
        return {
          headlineFont: headline ? getComputedStyle(headline).fontSize : undefined,
          bodyFont: getComputedStyle(root?.querySelector('[data-passage="p1"]') as Element).fontFamily,
          headline: box('[data-passage="headline"]'),
          p1: box('[data-passage="p1"]'),
          firstStep: box('[data-step]'),
          map: box('[data-map]'),
        };
      });
    // The script embed mounts its article a step at a time, and a step is laid out only once the browser has found
    // it near the viewport (content-visibility: auto): measure once the opening passages are in and laid out.
    const laidOut = async (host: Locator): Promise<void> => {
      await expect(host.locator('[data-passage="p1"]')).toHaveCount(1);
      await expect
        .poll(() => host.locator('[data-passage="p1"]').evaluate((element) => element.getBoundingClientRect().height))
        .toBeGreaterThan(0);
    };
    await laidOut(embed(page));
    const clean = await measure(embed(page));

    await page.goto(`${servers.host}script-hostile.html`);
    for (const index of [0, 1]) {
      const host = embed(page, index);
      // Each loads as it nears the viewport (the first reserves a screen's height, so the second starts further down).
      await host.scrollIntoViewIfNeeded();
      await expect(host, `embed ${index + 1} mounted`).toHaveAttribute('data-mounted', 'ready', { timeout: 30_000 });
      expect(await host.evaluate((element) => element.shadowRoot?.mode), 'an open shadow root').toBe('open');
      await expect(host.locator('[data-map]')).toHaveAttribute('data-map-status', /^(ready|fallback)$/, {
        timeout: 45_000,
      });
      expect(
        await host.evaluate((element) => Boolean(element.shadowRoot?.querySelector('style[data-maplibre-css]'))),
        'MapLibre CSS in the shadow root',
      ).toBe(true);
    }
    // Nothing of ours in the host document: no styles, no ids, and the host's own text keeps the host's font.
    expect(
      await page.evaluate(() => document.querySelectorAll('style[data-maplibre-css], [data-map], [data-step]').length),
    ).toBe(0);
    expect(
      await page
        .locator('p')
        .first()
        .evaluate((element) => getComputedStyle(element).fontSize),
    ).toBe('30px');

    await laidOut(embed(page, 0));
    const hostile = await measure(embed(page, 0));
    expect(hostile.headlineFont).toBe(clean.headlineFont);
    expect(hostile.bodyFont).toBe(clean.bodyFont);
    // Both measurements in the message: a difference says which page laid the element out differently.
    const boxes = (key: 'headline' | 'p1' | 'firstStep' | 'map') =>
      `${key}: clean ${JSON.stringify(clean[key])}, hostile ${JSON.stringify(hostile[key])}`;
    for (const key of ['headline', 'p1', 'firstStep', 'map'] as const) {
      expect(Math.abs((hostile[key]?.width ?? -99) - (clean[key]?.width ?? 0)), boxes(key)).toBeLessThanOrEqual(2);
      expect(Math.abs((hostile[key]?.height ?? -99) - (clean[key]?.height ?? 0)), boxes(key)).toBeLessThanOrEqual(2);
    }

    // Steps advance with the host page's own scroll, in each embed independently; the host's address stays.
    const steps = readStory().steps;
    for (const index of [0, 1]) {
      const host = embed(page, index);
      for (const step of steps) {
        await scrollShadowStepToMiddle(host, step.id);
        await expect(host.locator(`[data-step="${step.id}"]`), `embed ${index + 1}: step ${step.id}`).toHaveAttribute(
          'aria-current',
          'step',
        );
        await expect(host.locator('[data-step][aria-current]')).toHaveCount(1);
        // The sticky map is in the host viewport while its story is read.
        const box = await host.locator('[data-map]').boundingBox();
        const viewport = page.viewportSize();
        expect(
          box && viewport && box.y >= -2 && box.y + box.height <= viewport.height + 2,
          `embed ${index + 1}: map in view at ${step.id}`,
        ).toBe(true);
      }
      await expect(host.locator('[data-map]')).toHaveAttribute('data-active-step', steps[steps.length - 1]?.id ?? '', {
        timeout: STEP_TIMEOUT,
      });
    }
    expect(page.url()).toBe(`${servers.host}script-hostile.html`);
    expect(await hostErrors(page)).toEqual([]);
  });

  test("in a host's article column on a wide screen: the narrow layout, map on top across the column", async ({
    page,
    servers,
  }, testInfo) => {
    // A desktop screen, twice as wide as the host's 640 px column.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${servers.host}script-column.html`);
    const host = embed(page);
    await host.scrollIntoViewIfNeeded();
    await expect(host).toHaveAttribute('data-mounted', 'ready', { timeout: 30_000 });
    const steps = readStory().steps;
    for (const step of steps.slice(0, 3)) {
      await scrollShadowStepToMiddle(host, step.id);
      await expect(host.locator(`[data-step="${step.id}"]`), step.id).toHaveAttribute('aria-current', 'step');
      const [explainer, map, text] = await Promise.all(
        [host, host.locator('[data-map]'), host.locator(`[data-step="${step.id}"]`)].map((locator) =>
          locator.boundingBox(),
        ),
      );
      const at = `${step.id} in ${testInfo.project.name}: explainer ${JSON.stringify(explainer)}, map ${JSON.stringify(map)}`;
      expect(explainer && explainer.width <= 640, at).toBe(true);
      expect(map && explainer && map.width >= explainer.width * 0.9, `the map spans the column: ${at}`).toBe(true);
      expect(map && map.y >= -2 && map.y < 2, `the map is pinned at the top of the screen: ${at}`).toBe(true);
      expect(map && text && text.y + text.height > map.y + map.height, `the step reads below the map: ${at}`).toBe(
        true,
      );
    }
    expect(await hostErrors(page)).toEqual([]);
  });

  test("beside the host's own MapLibre map: both maps work, neither changes the other", async ({ page, servers }) => {
    await page.goto(`${servers.host}script-host-map.html`);
    await expect(embed(page)).toHaveAttribute('data-mounted', 'ready', { timeout: 30_000 });
    await expect(embed(page).locator('[data-map]')).toHaveAttribute('data-map-status', 'ready', { timeout: 45_000 });
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { hostMap: { loaded: boolean } }).hostMap.loaded), {
        timeout: 30_000,
      })
      .toBe(true);
    // The host's MapLibre keeps its own worker URL; our MapLibre CSS stays in the shadow root.
    expect(
      await page.evaluate(() => (window as unknown as { hostMap: { workerUrl: string } }).hostMap.workerUrl),
    ).not.toContain(new URL(servers.explainer).host);
    expect(await page.evaluate(() => document.querySelectorAll('style[data-maplibre-css]').length)).toBe(0);
    await scrollShadowStepToMiddle(embed(page), 'salient');
    await expect(embed(page).locator('[data-map]')).toHaveAttribute('data-active-step', 'salient', {
      timeout: STEP_TIMEOUT,
    });
    expect(await hostErrors(page)).toEqual([]);
  });

  test("the README's embed code fetches nothing of ours before the host's first paint, and moves no host text", async ({
    page,
    servers,
  }) => {
    await page.goto(`${servers.host}script-code.html`);
    await expect(embed(page)).toHaveAttribute('data-mounted', 'ready', { timeout: 30_000 });
    const timing = await page.evaluate((origin) => {
      const ours = performance
        .getEntriesByType('resource')
        .filter((entry) => entry.name.startsWith(origin))
        .map((entry) => ({ name: new URL(entry.name).pathname, start: Math.round(entry.startTime) }));
      const paint = performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
      return { paint: paint === undefined ? undefined : Math.round(paint), ours };
    }, new URL(servers.explainer).origin);
    expect(timing.paint, "the host's first contentful paint").toBeDefined();
    expect(timing.ours[0]?.name, `the first request to our origin: ${JSON.stringify(timing)}`).toMatch(/\/embed\.js$/);
    for (const request of timing.ours)
      expect(request.start, `${request.name} after the host's first paint (${timing.paint} ms)`).toBeGreaterThan(
        timing.paint ?? Infinity,
      );
    // The element reserved a screen from the start: the host's text after it never moved while it was in view.
    expect(await page.evaluate(() => (window as unknown as { hostShifts: number[] }).hostShifts)).toEqual([]);
    await expect(embed(page).locator('[data-map]')).toHaveAttribute('data-map-status', /^(preview|ready)$/);
    expect(await hostErrors(page)).toEqual([]);
  });

  test('an error inside the explainer stays inside: a notice in the shadow root, nothing on the host', async ({
    page,
    servers,
  }) => {
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning' && message.text().includes('[story-map]')) warnings.push(message.text());
    });
    await page.goto(`${servers.host}script-broken.html`);
    await expect(embed(page)).toHaveAttribute('data-mounted', 'error', { timeout: 30_000 });
    await expect(embed(page).locator('.kx-notice')).toContainText('could not be shown');
    await expect.poll(() => warnings.length, { message: 'the failure is logged as a warning' }).toBeGreaterThan(0);
    expect(await hostErrors(page)).toEqual([]);
  });

  test('data-layout="stacked": every step has its own map, drawn as it nears the viewport', async ({
    page,
    servers,
  }) => {
    await page.goto(`${servers.host}script-stacked.html`);
    const host = embed(page);
    await expect(host).toHaveAttribute('data-mounted', 'ready', { timeout: 30_000 });
    await expect(host.locator('[data-layout="stacked"]')).toHaveCount(1);
    await expectStackedMaps(host);
    expect(await hostErrors(page)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The demo page in dist/

test('dist/embed-demo.html shows all three embeds from relative URLs', async ({ page, servers }) => {
  test.setTimeout(120_000);
  await page.goto(`${servers.explainer}embed-demo.html`);
  await expect(embed(page, 0)).toHaveAttribute('data-mounted', 'ready', { timeout: 30_000 });
  // The second loads as it nears the viewport.
  await embed(page, 1).scrollIntoViewIfNeeded();
  await expect(embed(page, 1)).toHaveAttribute('data-mounted', 'ready', { timeout: 30_000 });
  await expect(embed(page, 1).locator('[data-layout="stacked"]')).toHaveCount(1);
  await expect(embed(page, 0).locator('[data-map]')).toHaveAttribute('data-map-status', /^(ready|fallback)$/, {
    timeout: 45_000,
  });
  // The lazy iframe loads as it nears the screen and takes its content's height from the loader.
  await page.locator('iframe[data-story-map-frame]').scrollIntoViewIfNeeded();
  const frame = await explainerFrame(page, servers);
  await expect
    .poll(async () =>
      Math.abs(
        (await page.locator('iframe').evaluate((element) => element.clientHeight)) - (await contentHeight(frame)),
      ),
    )
    .toBeLessThanOrEqual(4);
});

// ---------------------------------------------------------------------------------------------------------------
// Stacked page

/** Every step map scrolled near becomes a static map ("fallback"). */
async function expectStackedMaps(scope: Page | Locator): Promise<void> {
  const steps = readStory().steps;
  await expect(scope.locator('[data-step-map]')).toHaveCount(steps.length);
  for (const step of steps) {
    const map = scope.locator(`[data-step-map="${step.id}"]`);
    await map.evaluate((element) => element.scrollIntoView({ block: 'center', behavior: 'instant' }));
    await expect(map, `step map ${step.id}`).toHaveAttribute('data-map-status', 'fallback', { timeout: STEP_TIMEOUT });
  }
}

test('?layout=stacked renders every step with its own map, drawn when scrolled near', async ({ page, servers }) => {
  test.setTimeout(120_000);
  await page.goto(`${servers.explainer}index.html?layout=stacked`);
  await expect(page.locator('[data-layout="stacked"]')).toHaveCount(1);
  await expect(page.locator('[data-map]')).toHaveCount(0);
  const steps = readStory().steps;
  // Far-away maps are not drawn yet.
  await expect(page.locator(`[data-step-map="${steps[steps.length - 1]?.id}"]`)).toHaveAttribute(
    'data-map-status',
    'loading',
  );
  await expectStackedMaps(page);
});

// Shared end-to-end fixtures: a `test` that fails on any page error, console error or request outside the page's
// origin, plus readers for the story files and the seed article, and small helpers for the map's data attributes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Page, type Request } from '@playwright/test';
import type { Bounds, CameraSpec, Place, Story } from '../../src/lib/story/types.ts';
import { loadStoryFolder } from '../../src/build/loadFolder.ts';
import { parseDeliveredArticle } from '../../src/build/deliveredArticle.ts';

export { expect };

/** The repository root (this file lives in tests/e2e/). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The story folder the app is built from. */
export const STORY_DIR = path.join(REPO_ROOT, 'data/kursk');
/** The client's article as delivered (page furniture included), committed with its story. */
export const SEED_ARTICLE = path.join(STORY_DIR, 'article.txt');
/** Where tests save their screenshots (inside Playwright's outputDir, never committed). */
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results/screenshots');

interface GuardOptions {
  /** Origins besides the page's own that a test allows requests to (e.g. a second server in an embed test). */
  allowedOrigins: string[];
}

/**
 * The project's `test`: every page in the test's context is watched; at the end the test fails if any page threw,
 * logged a console error, or requested anything outside its own origin (`data:` and `blob:` URLs excepted).
 */
export const test = base.extend<GuardOptions & { pageGuard: void }>({
  allowedOrigins: [[], { option: true }],
  pageGuard: [
    async ({ context, baseURL, allowedOrigins }, use) => {
      const problems: string[] = [];
      const foreignRequests: string[] = [];
      const baseOrigin = baseURL ? new URL(baseURL).origin : undefined;

      const watch = (page: Page) => {
        page.on('pageerror', (error) => {
          problems.push(`pageerror on ${page.url()}: ${error.stack ?? error.message}`);
        });
        page.on('console', (message) => {
          if (message.type() !== 'error') return;
          const { url, lineNumber } = message.location();
          problems.push(`console.error on ${page.url()}: ${message.text()}${url ? ` (at ${url}:${lineNumber})` : ''}`);
        });
      };
      context.pages().forEach(watch);
      context.on('page', watch);

      context.on('request', (request: Request) => {
        const url = request.url();
        if (url.startsWith('data:') || url.startsWith('blob:')) return;
        const allowed = new Set(allowedOrigins);
        if (baseOrigin) allowed.add(baseOrigin);
        const pageOrigin = originOfRequestingPage(request);
        if (pageOrigin) allowed.add(pageOrigin);
        let origin: string;
        try {
          origin = new URL(url).origin;
        } catch {
          foreignRequests.push(url);
          return;
        }
        if (!allowed.has(origin)) foreignRequests.push(`${request.method()} ${url}`);
      });

      await use();

      const report: string[] = [];
      if (problems.length > 0)
        report.push(`${problems.length} page/console error(s):`, ...problems.map((p) => `  - ${p}`));
      if (foreignRequests.length > 0) {
        report.push(
          `${foreignRequests.length} request(s) outside the page's origin:`,
          ...foreignRequests.map((r) => `  - ${r}`),
        );
      }
      if (report.length > 0) throw new Error(report.join('\n'));
    },
    { auto: true },
  ],
});

/** The http(s) origin of the page that issued a request, if there is one (service workers have no page). */
function originOfRequestingPage(request: Request): string | undefined {
  try {
    const pageUrl = request.frame().page().url();
    return /^https?:/.test(pageUrl) ? new URL(pageUrl).origin : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Story files and the seed article

let story: Story | undefined;

/** The story as the app sees it: the story folder loaded and validated by the app's own loader (once per worker). */
export function readStory(): Story {
  story ??= loadStoryFolder(STORY_DIR).story;
  return story;
}

/** The client's article: its passages, and the furniture and caption lines of the delivered page. */
export interface SeedArticle {
  passages: Array<{ id: string; text: string }>;
  /** Page furniture and photo caption lines of the source page: never article text. */
  furniture: string[];
}

/** The client's article, read by the project's one article parser; throws unless it has a headline, a dek and 8 paragraphs. */
export function readArticle(): SeedArticle {
  const { passages, dropped } = parseDeliveredArticle(readFileSync(SEED_ARTICLE, 'utf8'), SEED_ARTICLE);
  if (passages.length !== 10)
    throw new Error(`${SEED_ARTICLE}: expected a headline, a dek and 8 paragraphs, got ${passages.length} passages`);
  return { passages: passages.map(({ id, text }) => ({ id, text })), furniture: [...new Set(dropped)] };
}

/** The seed article as passage ID → text (headline, dek, p1 … p8), in article order. */
export function seedPassages(article: SeedArticle = readArticle()): Array<{ id: string; text: string }> {
  return article.passages;
}

export { foldWhitespace } from '../support/hostileCopy.ts';

// ---------------------------------------------------------------------------------------------------------------
// The map element

/**
 * Waits (up to 45 s) until `[data-map]` reports `data-map-status` "ready" or "fallback"; fails at once on "error".
 * Returns the status.
 */
export async function waitForMapReady(page: Page): Promise<'ready' | 'fallback'> {
  await expect(page.locator('[data-map]'), 'exactly one [data-map] element').toHaveCount(1, { timeout: 45_000 });
  const handle = await page
    .waitForFunction(
      () => {
        const status = document.querySelector('[data-map]')?.getAttribute('data-map-status');
        return status === 'ready' || status === 'fallback' || status === 'error' ? status : false;
      },
      undefined,
      { timeout: 45_000, polling: 100 },
    )
    .catch(async (error: unknown) => {
      const report = await describeMapStart(page).catch(() => 'the page is gone');
      throw new Error(`The map never became ready: ${report}`, { cause: error });
    });
  const status = (await handle.jsonValue()) as string;
  expect(status, '[data-map] data-map-status').not.toBe('error');
  return status as 'ready' | 'fallback';
}

/** What the map box says about its start: status, what started WebGL, and each renderer layer's own report. */
async function describeMapStart(page: Page): Promise<string> {
  return page.evaluate(() => {
    const map = document.querySelector<HTMLElement>('[data-map]');
    if (!map) return 'no [data-map] element';
    const layers = [...map.querySelectorAll<HTMLElement>('.map-layer')].map(
      (layer) => `${layer.className} ${JSON.stringify({ ...layer.dataset })}`,
    );
    return JSON.stringify({
      status: map.dataset.mapStatus,
      startedBy: map.dataset.mapStartedBy ?? null,
      activeStep: map.dataset.activeStep ?? null,
      scrollY: window.scrollY,
      readyState: document.readyState,
      layers,
    });
  });
}

/** A camera as reported by `data-camera`. */
export interface Camera {
  lng: number;
  lat: number;
  zoom: number;
}

/** Parses `data-camera="LNG,LAT,ZOOM"`; throws on anything else. */
export function parseCamera(attr: string | null | undefined): Camera {
  const parts = (attr ?? '').split(',').map((part) => part.trim());
  const numbers = parts.map(Number);
  const [lng, lat, zoom] = numbers;
  if (
    parts.length !== 3 ||
    parts.some((part) => part === '') ||
    lng === undefined ||
    lat === undefined ||
    zoom === undefined ||
    numbers.some((n) => !Number.isFinite(n))
  ) {
    throw new Error(`data-camera is not "LNG,LAT,ZOOM": ${JSON.stringify(attr)}`);
  }
  return { lng, lat, zoom };
}

/** Reads and parses the map's current `data-camera` (null when absent or malformed). */
export async function readCamera(page: Page): Promise<Camera | null> {
  const attr = await page.locator('[data-map]').getAttribute('data-camera');
  try {
    return parseCamera(attr);
  } catch {
    return null;
  }
}

/** The box a fit camera must centre in: the union of its places' bounds (or anchors) and its explicit bounds. */
export function fitBox(spec: { places?: string[]; bounds?: Bounds }, places: Place[]): Bounds {
  let box: Bounds | undefined;
  const extend = ([west, south, east, north]: Bounds) => {
    box = box
      ? [Math.min(box[0], west), Math.min(box[1], south), Math.max(box[2], east), Math.max(box[3], north)]
      : [west, south, east, north];
  };
  for (const id of spec.places ?? []) {
    const place = places.find((candidate) => candidate.id === id);
    if (!place) throw new Error(`fit camera names unknown place "${id}"`);
    extend(place.bounds ?? [place.anchor[0], place.anchor[1], place.anchor[0], place.anchor[1]]);
  }
  if (spec.bounds) extend(spec.bounds);
  if (!box) throw new Error('fit camera has neither places nor bounds');
  return box;
}

/**
 * Why a reported camera does not match a story camera, or null when it does: a centre/zoom camera within 0.01° and
 * 0.05 zoom; a fit camera's centre inside the fitted box (0.01° slack).
 */
export function cameraMismatch(camera: Camera | null, spec: CameraSpec, places: Place[]): string | null {
  if (!camera) return 'data-camera missing or malformed';
  if ('center' in spec) {
    const [lng, lat] = spec.center;
    const off = Math.max(Math.abs(camera.lng - lng), Math.abs(camera.lat - lat));
    if (off > 0.01 || Math.abs(camera.zoom - spec.zoom) > 0.05) {
      return `camera ${camera.lng},${camera.lat},${camera.zoom} != expected ${lng},${lat},${spec.zoom}`;
    }
    return null;
  }
  const [west, south, east, north] = fitBox(spec.fit, places);
  const slack = 0.01;
  if (
    camera.lng < west - slack ||
    camera.lng > east + slack ||
    camera.lat < south - slack ||
    camera.lat > north + slack
  ) {
    return `camera centre ${camera.lng},${camera.lat} outside fitted box [${west},${south},${east},${north}]`;
  }
  return null;
}

/** Escapes a string for use inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

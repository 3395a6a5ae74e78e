// Resilience: when map data is broken the text stays and a notice takes the map's place; under a strict
// Content-Security-Policy everything still works. (Without WebGL: nowebgl.spec.ts.)
import type { Page } from '@playwright/test';
import { startServer } from '../../scripts/serve.mjs';
import { expect, readStory, test, waitForMapReady } from './fixtures.ts';

const STEP_TIMEOUT = 15_000;
/** The policy the build needs, at its strictest (documented in the README). */
export const CSP =
  "default-src 'self'; script-src 'self'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors *";

async function passageTexts(page: Page): Promise<string[]> {
  return page.locator('[data-passage]').evaluateAll((elements) => elements.map((element) => element.textContent ?? ''));
}

/** Clicks the map's button for a place and waits for the selection (the map's place buttons, not the list's). */
async function clickMapPlace(page: Page, placeId: string): Promise<void> {
  await page.locator(`[data-map] [data-place="${placeId}"]`).first().click();
  await expect(page.locator('[data-map]')).toHaveAttribute('data-selected-place', placeId);
}

async function expectArticleWhole(page: Page): Promise<void> {
  const story = readStory();
  expect((await passageTexts(page)).map((text) => text.replace(/\s+/g, ' ').trim())).toEqual(
    story.passages.map((passage) => passage.text),
  );
}

test('a broken map data file: the static map stays and answers, no notice, the article stays whole', async ({
  page,
}) => {
  // A file cut off in delivery: not JSON at all. The WebGL map fails on it; the map drawn at build time stays.
  await page.route(/land-[^/]*\.geojson$/, (route) =>
    route.fulfill({ status: 200, contentType: 'application/geo+json', body: '{"type":"FeatureCollection","feat' }),
  );
  await page.goto('./');
  await page.locator('[data-map]').hover();
  await expect(page.locator('[data-map]')).toHaveAttribute('data-map-status', 'fallback', { timeout: 45_000 });
  await expect(page.locator('[data-map] .map-layer svg').first()).toBeVisible();
  await expect(page.locator('.map-panel__notice')).toHaveCount(0);
  await clickMapPlace(page, 'kursk');
  await expectArticleWhole(page);
});

test('the MapLibre chunk fails to load: the static map stays and answers, no notice', async ({ page }) => {
  await page.route(/loadMapLibre-[^/]*\.js$/, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: 'throw new Error("cut off");' }),
  );
  await page.goto('./');
  await expect(page.locator('[data-map]')).toHaveAttribute('data-map-status', 'preview');
  await page.locator('[data-map]').hover();
  await expect(page.locator('[data-map]')).toHaveAttribute('data-map-status', 'fallback', { timeout: 45_000 });
  await expect(page.locator('[data-map]')).toHaveAttribute('data-map-started-by', 'pointer');
  await expect(page.locator('[data-map] .map-layer svg').first()).toBeVisible();
  await expect(page.locator('.map-panel__notice')).toHaveCount(0);
  // Steps still change the map, and its places answer.
  await page
    .locator('[data-step="salient"]')
    .evaluate((element) => element.scrollIntoView({ block: 'center', behavior: 'instant' }));
  await expect(page.locator('[data-map]')).toHaveAttribute('data-active-step', 'salient', { timeout: STEP_TIMEOUT });
  await clickMapPlace(page, 'sudzha');
  await expectArticleWhole(page);
});

test('nothing drawable (no preview, broken data): a notice replaces the map, the article stays whole', async ({
  page,
}) => {
  // Land cut off in delivery, which no renderer can draw from. (A TopoJSON file in its place, which MapLibre draws as
  // no land at all, let the WebGL map take over after the notice, whenever it was fast enough.)
  await page.route(/land-[^/]*\.geojson$/, (route) =>
    route.fulfill({ status: 200, contentType: 'application/geo+json', body: '{"type":"FeatureCollection","feat' }),
  );
  await page.route(/\/assets\/maps\/[^/]*\.svg$/, (route) =>
    route.fulfill({ status: 200, contentType: 'image/svg+xml', body: 'not a map' }),
  );
  // The page as served, without the opening step's preview in its map box.
  await page.route(/\/news\/kursk\/$/, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(/<svg[^>]*class="map-preview"[\s\S]*?<\/svg>/, '');
    expect(html).not.toMatch(/<svg[^>]*class="map-preview"/);
    // The body goes back as text: without the server's compression headers.
    const headers = Object.fromEntries(
      Object.entries(response.headers()).filter(([name]) => !/^content-(encoding|length)$/i.test(name)),
    );
    await route.fulfill({ status: response.status(), headers, body: html });
  });
  await page.goto('./');
  await page.locator('[data-map]').hover();
  await expect(page.locator('[data-map]')).toHaveAttribute('data-map-status', 'error', { timeout: 45_000 });
  await expect(page.locator('.map-panel__notice')).toContainText('The map could not be shown');
  await expectArticleWhole(page);
});

test('the story file arrives cut off: the page stays as served, its article whole and its map in place', async ({
  page,
}) => {
  await page.route(/\/assets\/story-[^/]*\.json$/, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{"meta":{"id":"kursk-withd' }),
  );
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  await page.goto('./');
  await expect(page.locator('[data-map]')).toHaveAttribute('data-map-status', 'fallback', { timeout: 45_000 });
  expect(warnings.join('\n')).toContain('could not load its story');
  await expect(page.locator('[data-map-canvas] svg.map-preview')).toBeVisible();
  await expect(page.locator('.map-panel__notice')).toHaveCount(0);
  await expectArticleWhole(page);
});

test.describe('under a strict Content-Security-Policy', () => {
  test.use({ allowedOrigins: ['http://127.0.0.1:4192'] });
  let server: { url: string; close(): Promise<void> } | undefined;
  test.beforeAll(async () => {
    server = await startServer({
      dir: 'dist',
      prefix: '/csp/kursk/',
      port: 4192,
      host: '127.0.0.1',
      headers: { 'Content-Security-Policy': CSP },
    });
  });
  test.afterAll(async () => {
    await server?.close();
  });

  test('the page loads, the map becomes ready and no policy is violated', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto('http://127.0.0.1:4192/csp/kursk/');
    expect(response?.headers()['content-security-policy']).toBe(CSP);
    expect(await waitForMapReady(page)).toBe('ready');
    await page
      .locator('[data-step="salient"]')
      .evaluate((element) => element.scrollIntoView({ block: 'center', behavior: 'instant' }));
    await expect(page.locator('[data-map]')).toHaveAttribute('data-active-step', 'salient', { timeout: STEP_TIMEOUT });
    await expect(page.locator('[data-chart="area"]')).toBeVisible();
    expect(violations).toEqual([]);
  });
});

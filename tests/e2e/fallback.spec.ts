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

test('broken map data: a notice replaces the map, the article stays whole', async ({ page }) => {
  // A file that is not GeoJSON: the app must refuse it before it reaches the map.
  await page.route(/land-[^/]*\.geojson$/, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/geo+json',
      body: '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[999,0]}}]}',
    }),
  );
  await page.goto('./');
  await expect(page.locator('[data-map]')).toHaveAttribute('data-map-status', 'error', { timeout: 30_000 });
  await expect(page.locator('.map-panel__notice')).toContainText('The map could not be shown');
  const story = readStory();
  expect((await passageTexts(page)).map((text) => text.replace(/\s+/g, ' ').trim())).toEqual(
    story.passages.map((passage) => passage.text),
  );
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

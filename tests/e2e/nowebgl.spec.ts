// Without WebGL (Chromium started with WebGL disabled) the story runs on the static SVG map: every step applied,
// places answer clicks, the article untouched. One screenshot per step is saved for review.
import path from 'node:path';
import type { Page } from '@playwright/test';
import config from '../../playwright.config.ts';
import { expect, readStory, SCREENSHOT_DIR, test, waitForMapReady } from './fixtures.ts';

const STEP_TIMEOUT = 15_000;
const launch = config.use?.launchOptions ?? {};
test.use({ launchOptions: { ...launch, args: [...(launch.args ?? []), '--disable-3d-apis', '--disable-webgl'] } });

test('the static map takes over: every step applied, places answer clicks, text untouched', async ({ page }) => {
  const story = readStory();
  await page.goto('./');
  expect(await waitForMapReady(page)).toBe('fallback');
  await expect(page.locator('[data-map] svg.static-map')).toHaveCount(1);
  for (const step of story.steps) {
    await page
      .locator(`[data-step="${step.id}"]`)
      .evaluate((element) => element.scrollIntoView({ block: 'center', behavior: 'instant' }));
    await expect(page.locator('[data-map]')).toHaveAttribute('data-active-step', step.id, { timeout: STEP_TIMEOUT });
    await expect(page.locator('[data-map]')).toHaveAttribute('data-camera', /^-?\d+\.\d{4},-?\d+\.\d{4},\d+\.\d{2}$/);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `fallback-step-${step.id}.png`) });
  }
  await page.locator('.place-list [data-place="sudzha"]').click();
  await expect(page.locator('[data-map]')).toHaveAttribute('data-selected-place', 'sudzha');
  await expect(page.locator('[data-passage="p1"]')).toHaveAttribute('data-highlight', '');
  expect(await page.locator('[data-passage]').count()).toBe(10);
});

test('after a window resize the place buttons sit on their points, as on a page opened at that size', async ({
  page,
  browser,
}) => {
  await page.goto('./#step-overview');
  expect(await waitForMapReady(page)).toBe('fallback');
  await expect(page.locator('[data-map]')).toHaveAttribute('data-active-step', 'overview', { timeout: STEP_TIMEOUT });
  const before = await page.locator('[data-map]').getAttribute('data-camera');
  await page.setViewportSize({ width: 900, height: 700 });
  // The fitted camera zooms to the new size once the map has refitted.
  await expect(page.locator('[data-map]')).not.toHaveAttribute('data-camera', before ?? '', { timeout: STEP_TIMEOUT });
  const resized = await placeButtonPoints(page);

  const fresh = await browser.newPage({ viewport: { width: 900, height: 700 } });
  await fresh.goto('./#step-overview');
  expect(await waitForMapReady(fresh)).toBe('fallback');
  await expect(fresh.locator('[data-map]')).toHaveAttribute('data-active-step', 'overview', { timeout: STEP_TIMEOUT });
  const expected = await placeButtonPoints(fresh);
  await fresh.close();

  expect(Object.keys(expected).length, 'places shown on the map').toBeGreaterThan(1);
  expect(Object.keys(resized).sort()).toEqual(Object.keys(expected).sort());
  for (const [placeId, [x, y]] of Object.entries(expected)) {
    const [rx, ry] = resized[placeId] ?? [Number.NaN, Number.NaN];
    expect(Math.hypot(rx - x, ry - y), `${placeId}: ${rx},${ry} against ${x},${y}`).toBeLessThanOrEqual(2);
  }
});

/** Each visible place button's anchor point (left middle, or centre for a region) in the map box's pixels. */
async function placeButtonPoints(page: Page): Promise<Record<string, [number, number]>> {
  return page.locator('[data-map]').evaluate((map) => {
    const box = map.querySelector('.static-map')?.getBoundingClientRect();
    const points: Record<string, [number, number]> = {};
    if (!box) return points;
    for (const button of map.querySelectorAll<HTMLElement>('.static-map__places [data-place]')) {
      if (button.hidden) continue;
      const rect = button.getBoundingClientRect();
      const centred = button.style.transform.includes('-50%, -50%');
      points[button.dataset.place ?? ''] = [
        (centred ? rect.left + rect.width / 2 : rect.left) - box.left,
        rect.top + rect.height / 2 - box.top,
      ];
    }
    return points;
  });
}

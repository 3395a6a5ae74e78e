// Without WebGL (Chromium started with WebGL disabled) the story runs on the static SVG map: every step applied,
// places answer clicks, the article untouched. One screenshot per step is saved for review.
import path from 'node:path';
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
    await page.locator(`[data-step="${step.id}"]`).evaluate((element) => element.scrollIntoView({ block: 'center', behavior: 'instant' }));
    await expect(page.locator('[data-map]')).toHaveAttribute('data-active-step', step.id, { timeout: STEP_TIMEOUT });
    await expect(page.locator('[data-map]')).toHaveAttribute('data-camera', /^-?\d+\.\d{4},-?\d+\.\d{4},\d+\.\d{2}$/);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `fallback-step-${step.id}.png`) });
  }
  await page.locator('.place-list [data-place="sudzha"]').click();
  await expect(page.locator('[data-map]')).toHaveAttribute('data-selected-place', 'sudzha');
  await expect(page.locator('[data-passage="p1"]')).toHaveAttribute('data-highlight', '');
  expect((await page.locator('[data-passage]').count())).toBe(10);
});

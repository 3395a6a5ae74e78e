// Touch first, on a phone with WebGL running: every control and place button over the map offers a target of at least
// 44 × 44 px, and a one-finger swipe that starts on the map or on a panel scrolls the article (the map is pinned over
// it), while the page still answers taps on the map.
import type { Page } from '@playwright/test';
import { expect, test, waitForMapReady } from './fixtures.ts';

const STEP_TIMEOUT = 20_000;

/** Visible interactive elements inside the map box that are smaller than 44 × 44 px, with their size. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const map = document.querySelector('[data-map]');
    if (!map) throw new Error('no [data-map]');
    const box = map.getBoundingClientRect();
    return [...map.querySelectorAll<HTMLElement>('button, input, select, a[href], [tabindex="0"]')]
      .filter((element) => element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }))
      .map((element) => ({ element, rect: element.getBoundingClientRect() }))
      .filter(({ rect }) => rect.width > 0 && rect.bottom > box.top && rect.top < box.bottom)
      .filter(({ rect }) => rect.width < 44 || rect.height < 44)
      .map(({ element, rect }) => {
        const name = element.dataset.place ?? element.getAttribute('aria-label') ?? element.className;
        return `${name}: ${Math.round(rect.width)}×${Math.round(rect.height)}`;
      });
  });
}

/** Swipes one finger up from (x, y) by 300 px as a touch screen does, and returns how far the page scrolled. */
async function swipeUp(page: Page, x: number, y: number): Promise<number> {
  const before = await page.evaluate(() => window.scrollY);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  for (let moved = 20; moved <= 300; moved += 20) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y - moved }] });
    // One frame between moves, as a finger gives them.
    await page.evaluate(() => new Promise(requestAnimationFrame));
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
  // The scroll has landed when two frames in a row report the same position.
  return page.evaluate(async (start) => {
    let last = -1;
    for (;;) {
      await new Promise(requestAnimationFrame);
      if (window.scrollY === last) return last - start;
      last = window.scrollY;
    }
  }, before);
}

test('phone: 44 px targets over the map, and a swipe on the map or a panel scrolls the article @phone', async ({
  page,
}) => {
  await page.goto('./');
  // A tap where no place is starts WebGL (the top left corner of the map box, under no button).
  await page.locator('[data-map-canvas]').tap({ position: { x: 5, y: 120 } });
  expect(await waitForMapReady(page)).toBe('ready');
  for (const stepId of ['overview', 'sudzha']) {
    await page
      .locator(`[data-step="${stepId}"]`)
      .evaluate((element) => element.scrollIntoView({ block: 'center', behavior: 'instant' }));
    await expect(page.locator('[data-map]')).toHaveAttribute('data-active-step', stepId, { timeout: STEP_TIMEOUT });
    expect(await smallTargets(page), `${stepId}: controls and place buttons under 44 × 44 px`).toEqual([]);
  }

  // A place's card: its close button and its links to the passages.
  await page.locator('[data-map] [data-place="sudzha"]').tap();
  await expect(page.locator('[data-map]')).toHaveAttribute('data-selected-place', 'sudzha', { timeout: STEP_TIMEOUT });
  await expect(page.locator('[data-map] .place-card__close')).toBeVisible({ timeout: STEP_TIMEOUT });
  expect(await smallTargets(page), 'the place card: controls under 44 × 44 px').toEqual([]);
  await page.getByRole('button', { name: 'Close' }).tap();

  // Back to the top: a swipe on the middle of the map, then on the folded key, moves the article on.
  await page.evaluate(() => window.scrollTo(0, 0));
  const map = await page.locator('[data-map-canvas]').boundingBox();
  if (!map) throw new Error('no map box');
  const onMap = await swipeUp(page, map.x + map.width / 2, map.y + map.height / 2);
  expect(onMap, 'px the article scrolled for a 300 px swipe on the map').toBeGreaterThan(150);
  const key = await page.locator('.legend__toggle').boundingBox();
  if (!key) throw new Error('no folded key');
  const onKey = await swipeUp(page, key.x + key.width / 2, key.y + key.height / 2);
  expect(onKey, 'px the article scrolled for a 300 px swipe on the key').toBeGreaterThan(150);
});

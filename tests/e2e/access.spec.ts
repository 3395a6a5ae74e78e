// Access: axe-core finds no violations at any step (desktop and phone), the keyboard reaches every step and place,
// steps fly and reduced motion jumps instead, and the text survives 200% text size.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, readStory, test, waitForMapReady } from './fixtures.ts';

const STEP_TIMEOUT = 15_000;

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.nodes
        .map((node) => node.target.join(' '))
        .slice(0, 3)
        .join(' | ')}`,
  );
}

async function axeAtEveryStep(page: Page): Promise<void> {
  const story = readStory();
  await page.goto('./');
  await waitForMapReady(page);
  const report: Record<string, string[]> = {};
  for (const step of story.steps) {
    await page
      .locator(`[data-step="${step.id}"]`)
      .evaluate((element) => element.scrollIntoView({ block: 'center', behavior: 'instant' }));
    await expect(page.locator('[data-map]')).toHaveAttribute('data-active-step', step.id, { timeout: STEP_TIMEOUT });
    report[step.id] = await axeViolations(page);
  }
  test.info().annotations.push({ type: 'axe', description: JSON.stringify(report) });
  expect(report).toEqual(Object.fromEntries(story.steps.map((step) => [step.id, []])));
}

test('axe: no violations at any step (desktop)', async ({ page }) => {
  test.setTimeout(180_000);
  await axeAtEveryStep(page);
});

test('axe: no violations at any step (phone)', { tag: '@phone' }, async ({ page }) => {
  test.setTimeout(180_000);
  await axeAtEveryStep(page);
});

test('axe: no violations with a place selected', async ({ page }) => {
  await page.goto('./#place-sudzha');
  await waitForMapReady(page);
  await expect(page.locator('[data-map]')).toHaveAttribute('data-selected-place', 'sudzha');
  await expect(page.locator('.place-card')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});

test('j and k move through every step; arrow keys do too while a step has focus', async ({ page }) => {
  const story = readStory();
  await page.goto('./');
  await waitForMapReady(page);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  for (const step of story.steps.slice(1)) {
    await page.keyboard.press('j');
    await expect(page.locator(`[data-step="${step.id}"]`)).toHaveAttribute('aria-current', 'step');
    await expect(page.locator(`[data-step="${step.id}"]`)).toBeFocused();
  }
  await page.keyboard.press('ArrowUp');
  const previous = story.steps[story.steps.length - 2];
  await expect(page.locator(`[data-step="${previous?.id}"]`)).toHaveAttribute('aria-current', 'step');
  await page.keyboard.press('k');
  await expect(page.locator(`[data-step="${story.steps[story.steps.length - 3]?.id}"]`)).toHaveAttribute(
    'aria-current',
    'step',
  );
});

test('Tab reaches the skip link first, then every place by keyboard', async ({ page }) => {
  const story = readStory();
  await page.goto('./');
  await waitForMapReady(page);
  await page.keyboard.press('Tab');
  await expect(page.locator('.skip-link')).toBeFocused();
  await expect(page.locator('.skip-link')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('.explainer-end')).toBeFocused();
  // Every place in the list of places is reachable with Tab.
  await page.locator('.skip-link').focus();
  const reached = new Set<string>();
  for (let press = 0; press < 200 && reached.size < story.places.length; press++) {
    await page.keyboard.press('Tab');
    const place = await page.evaluate(() =>
      document.activeElement?.closest('.place-list [data-place]')?.getAttribute('data-place'),
    );
    if (place) reached.add(place);
  }
  expect([...reached].sort()).toEqual(story.places.map((place) => place.id).sort());
});

/**
 * Scrolls to a step and gives the ms from the step being read (aria-current) to its camera at rest. Both moments are
 * taken in the page, so a slow machine delays them alike.
 */
async function readToRest(page: Page, stepId: string): Promise<number> {
  const moments = page.evaluate(
    (id) =>
      new Promise<number>((resolve) => {
        const map = document.querySelector('[data-map]');
        const step = document.querySelector(`[data-step="${id}"]`);
        let read = 0;
        const observer = new MutationObserver(() => {
          if (!read && step?.getAttribute('aria-current') === 'step') read = performance.now();
          if (read && map?.getAttribute('data-active-step') === id) {
            observer.disconnect();
            resolve(performance.now() - read);
          }
        });
        if (map) observer.observe(map, { attributes: true });
        if (step) observer.observe(step, { attributes: true });
      }),
    stepId,
  );
  await page
    .locator(`[data-step="${stepId}"]`)
    .evaluate((element) => element.scrollIntoView({ block: 'center', behavior: 'instant' }));
  return moments;
}

test('with motion, a step whose panels change still flies to its view', async ({ page }) => {
  await page.goto('./');
  await waitForMapReady(page);
  // Jeddah's step has no timeline: the panels change with it. A flight lasts 1.4 s, however fast the machine.
  expect(await readToRest(page, 'jeddah'), 'ms from the step being read to the camera at rest').toBeGreaterThan(1400);
});

test('reduced motion: the map jumps, and the motion toggle switches it', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('./');
  await waitForMapReady(page);
  const toggle = page.locator('.motion-toggle');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  // With motion reduced, the camera is at rest on the new step as soon as the step changes: far sooner than a
  // flight (1.4 s).
  expect(await readToRest(page, 'jeddah'), 'ms from the step being read to the camera at rest').toBeLessThan(700);
  await expect(page.locator('[data-map]')).toHaveAttribute('data-active-step', 'jeddah');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
});

test('text at 200% keeps every passage readable, with no sideways scrolling', async ({ page }) => {
  await page.goto('./');
  await waitForMapReady(page);
  await page.evaluate(() => {
    document.documentElement.style.fontSize = '200%';
  });
  const clipped = await page.locator('[data-passage]').evaluateAll((elements) =>
    elements
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return (
          box.width < 100 ||
          box.left < 0 ||
          box.right > document.documentElement.clientWidth + 1 ||
          element.scrollWidth > element.clientWidth + 1
        );
      })
      .map((element) => element.getAttribute('data-passage')),
  );
  expect(clipped).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(
    true,
  );
});

// The page without JavaScript and on paper: the article is in the served HTML, verbatim, and each step carries its
// static map (drawn at build time) in place of the live map.
import { expect, readStory, test } from './fixtures.ts';
import { foldWhitespace } from './fixtures.ts';

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the article is in the HTML, verbatim, with a static map per step', async ({ page }) => {
    const story = readStory();
    await page.goto('./');
    for (const passage of story.passages) {
      expect(foldWhitespace((await page.locator(`[data-passage="${passage.id}"]`).textContent()) ?? '')).toBe(
        passage.text,
      );
    }
    await expect(page.locator('.map-column')).toBeHidden();
    for (const step of story.steps) {
      const image = page.locator(`[data-print-map="${step.id}"] img`);
      await image.scrollIntoViewIfNeeded();
      await expect(image).toBeVisible();
      await expect
        .poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth))
        .toBe(640);
      await expect(image).toHaveAttribute('alt', step.alt ?? /Map/);
    }
  });
});

test('print: every step with its static map, the live map left out', async ({ page }) => {
  const story = readStory();
  await page.goto('./');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.map-column')).toBeHidden();
  for (const step of story.steps) await expect(page.locator(`[data-print-map="${step.id}"] img`)).toBeVisible();
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.byteLength).toBeGreaterThan(50_000);
});

// The story kit end to end: two articles that are not about Kursk are turned into story folders by the kit, built
// with `STORY=… vite build`, served under a path prefix and read in Chromium. Every passage is on the page
// verbatim, every step is drawn, every place answers a click, and nothing of the Kursk story leaks in.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { test, expect, foldWhitespace, waitForMapReady, REPO_ROOT } from './fixtures.ts';
import { newStory } from '../../src/build/kit/newStory.ts';
import { loadStoryFolder } from '../../src/build/loadFolder.ts';
import type { Story } from '../../src/lib/story/types.ts';
import { buildAndServe, type ServedStory } from './storyBuild.ts';

const TMP = path.join(REPO_ROOT, '.tmp');
// Screenshots for review (never committed): what each draft looks like.
const SHOTS = path.join(REPO_ROOT, 'test-results/screenshots');
const ARTICLES = [
  { slug: 'black-sea-grain', file: 'tests/fixtures/articles/black-sea-grain.txt', port: 4181 },
  { slug: 'lebanon-north', file: 'tests/fixtures/articles/lebanon-north.aml', port: 4182 },
];
const STEP_TIMEOUT = 20_000;
const KURSK_WORDS = ['Kursk', 'Sudzha', 'DeepState'];

test.describe.configure({ mode: 'serial' });

for (const article of ARTICLES) {
  test.describe(`a story drafted by the kit: ${article.slug}`, () => {
    // The page is served by this spec, not by the config's web server: its origin is the page's own.
    test.use({ allowedOrigins: [`http://127.0.0.1:${article.port}`] });
    let story: Story;
    let served: ServedStory | undefined;
    const folder = path.join(TMP, 'kit-story', article.slug);

    test.beforeAll(async () => {
      // Generating the folder and building it take a while on two busy cores.
      test.setTimeout(300_000);
      rmSync(folder, { recursive: true, force: true });
      mkdirSync(path.dirname(folder), { recursive: true });
      newStory(path.join(REPO_ROOT, article.file), folder);
      story = loadStoryFolder(folder).story;
      served = await buildAndServe(path.relative(REPO_ROOT, folder), `kit-${article.slug}`, article.port);
    });

    test.afterAll(async () => {
      await served?.close();
    });

    test('passages verbatim, every step drawn, places answer clicks, nothing of Kursk', async ({ page }) => {
      test.setTimeout(240_000);
      await page.goto(served?.url ?? '');
      await waitForMapReady(page);

      const onPage = await page.locator('[data-passage]').evaluateAll((elements) =>
        elements.map((element) => ({
          id: element.getAttribute('data-passage') ?? '',
          text: element.textContent ?? '',
        })),
      );
      expect(
        onPage.map((passage) => passage.id),
        'passages in article order',
      ).toEqual(story.passages.map((passage) => passage.id));
      for (const passage of story.passages) {
        const shown = onPage.find((candidate) => candidate.id === passage.id);
        expect(foldWhitespace(shown?.text ?? ''), `passage ${passage.id} verbatim`).toBe(foldWhitespace(passage.text));
      }

      const body = (await page.locator('body').textContent()) ?? '';
      for (const word of KURSK_WORDS) expect(body, `no "${word}" on the page`).not.toContain(word);

      await page.evaluate(() => window.scrollTo(0, 0));
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SHOTS, `${article.slug}-overview.png`) });

      const map = page.locator('[data-map]');
      for (const [index, step] of story.steps.entries()) {
        const element = page.locator(`[data-step="${step.id}"]`);
        await expect(element, `one [data-step="${step.id}"]`).toHaveCount(1);
        await element.evaluate((node) => node.scrollIntoView({ block: 'center', behavior: 'instant' }));
        await expect(map, `step ${step.id} drawn`).toHaveAttribute('data-active-step', step.id, {
          timeout: STEP_TIMEOUT,
        });
        if (index === 1) {
          await page.screenshot({ path: path.join(SHOTS, `${article.slug}-step-${step.id}.png`) });
        }
      }
      await page.screenshot({ path: path.join(SHOTS, `${article.slug}-last-step.png`) });

      for (const place of story.places) {
        const buttons = page.locator(`[data-place="${place.id}"]`);
        const index = await buttons.evaluateAll((elements) =>
          elements.findIndex((element) => element.closest('[data-map]') === null),
        );
        expect(index, `a list button for ${place.id}`).toBeGreaterThanOrEqual(0);
        await buttons.nth(index).click();
        await expect(map, `place ${place.id} selected`).toHaveAttribute('data-selected-place', place.id);
      }
    });
  });
}

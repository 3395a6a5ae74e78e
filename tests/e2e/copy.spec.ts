// Copy survives whatever it holds, end to end: random Unicode (with `$` replacement patterns, `</script`, `<!--`,
// U+2028, quotes and astral emoji) appended to every passage of a copy of the story, built by the real build. The
// served HTML (read with JavaScript off) and the hydrated page both hold every passage verbatim, with no page error.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { copyArbitrary, foldWhitespace } from '../support/hostileCopy.ts';
import { expect, REPO_ROOT, STORY_DIR, test, waitForMapReady } from './fixtures.ts';
import { buildAndServe, type ServedStory } from './storyBuild.ts';

const STORY_COPY = '.tmp/hostile-copy-story';
const PORT = 4185;

interface Passage {
  id: string;
  role: string;
  text: string;
}

let served: ServedStory;
let passages: Passage[];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  // One build for all the samples: a Vite build takes tens of seconds on a busy machine.
  test.setTimeout(240_000);
  const folder = path.join(REPO_ROOT, STORY_COPY);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(path.dirname(folder), { recursive: true });
  cpSync(STORY_DIR, folder, { recursive: true });
  const article = JSON.parse(readFileSync(path.join(folder, 'article.json'), 'utf8')) as { passages: Passage[] };
  const samples = fc.sample(copyArbitrary, { numRuns: article.passages.length, seed: 20250312 });
  passages = article.passages.map((passage, index) => ({
    ...passage,
    text: `${passage.text} ${samples[index] ?? ''}`,
  }));
  writeFileSync(path.join(folder, 'article.json'), JSON.stringify({ passages }, null, 2));
  served = await buildAndServe(STORY_COPY, 'hostile-copy', PORT);
});

test.afterAll(async () => {
  await served?.close();
});

test.use({ allowedOrigins: [`http://127.0.0.1:${PORT}`] });

test('the served HTML holds every passage verbatim, read without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(served.url);
  for (const passage of passages) {
    const text = await page.locator(`[data-passage="${passage.id}"]`).textContent();
    expect(foldWhitespace(text ?? ''), passage.id).toBe(foldWhitespace(passage.text));
  }
  await context.close();
});

test('the hydrated page holds every passage verbatim and works', async ({ page }) => {
  await page.goto(served.url);
  await waitForMapReady(page);
  for (const passage of passages) {
    const text = await page.locator(`[data-passage="${passage.id}"]`).textContent();
    expect(foldWhitespace(text ?? ''), passage.id).toBe(foldWhitespace(passage.text));
  }
  // Hydrated, not just painted: a place answers.
  await page.locator('.place-list [data-place="sudzha"]').click();
  await expect(page.locator('[data-map]')).toHaveAttribute('data-selected-place', 'sudzha');
});

// The explainer end to end, against the page contract (/work/shared/CONTRACT.md) and the story files in data/kursk/:
// the article verbatim, every step by scrolling, addresses, every place, credits, and a phone layout pass.
// Every test also fails on page errors, console errors and requests outside the origin (see fixtures.ts).
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Place, Step } from '../../src/lib/story/types.ts';
import { LOAD_DATA } from '../../src/lib/map/fileEchoes.ts';
import {
  SCREENSHOT_DIR,
  cameraMismatch,
  escapeRegExp,
  expect,
  foldWhitespace,
  readArticle,
  readCamera,
  readStory,
  seedPassages,
  test,
  waitForMapReady,
} from './fixtures.ts';

const PASSAGE_IDS = ['headline', 'dek', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'];
const REQUIRED_PLACE_IDS = ['kursk', 'sudzha', 'sumy', 'fortifications', 'jeddah', 'donetsk', 'avdiivka', 'bakhmut'];
/** How long the map may take to apply a step or settle its camera (WebGL in software is slow). */
const STEP_TIMEOUT = 15_000;

// ---------------------------------------------------------------------------------------------------------------
// Page helpers

/** Opens the explainer (optionally at a `#hash`) and waits for its map. */
async function openStory(page: Page, hash = ''): Promise<void> {
  await page.goto(`./${hash}`);
  await waitForMapReady(page);
}

/** The `[data-passage]` elements in document order, with their folded text. */
async function pagePassages(page: Page): Promise<Array<{ id: string; text: string; highlighted: boolean }>> {
  const raw = await page.locator('[data-passage]').evaluateAll((elements) =>
    elements.map((element) => ({
      id: element.getAttribute('data-passage') ?? '',
      text: element.textContent ?? '',
      highlighted: element.hasAttribute('data-highlight'),
    })),
  );
  return raw.map((passage) => ({ ...passage, text: foldWhitespace(passage.text) }));
}

/** Scrolls a step's element so its centre sits at the viewport's vertical middle. */
async function scrollStepToMiddle(page: Page, stepId: string): Promise<void> {
  const step = page.locator(`[data-step="${stepId}"]`);
  await expect(step).toHaveCount(1);
  await step.evaluate((element) => element.scrollIntoView({ block: 'center', behavior: 'instant' }));
}

/** The steps carrying aria-current, as "ID=value". */
async function currentSteps(page: Page): Promise<string[]> {
  return page
    .locator('[data-step][aria-current]')
    .evaluateAll((elements) =>
      elements.map((element) => `${element.getAttribute('data-step')}=${element.getAttribute('aria-current')}`),
    );
}

/** The ID of the step whose box crosses the viewport's vertical middle, or null. */
async function stepAtViewportMiddle(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const middle = window.innerHeight / 2;
    for (const element of document.querySelectorAll('[data-step]')) {
      const box = element.getBoundingClientRect();
      if (box.top <= middle && box.bottom >= middle) return element.getAttribute('data-step');
    }
    return null;
  });
}

/** Waits until the map has applied `step`: data-active-step, aria-current and a camera matching the story. */
async function expectStepApplied(page: Page, step: Step, places: Place[]): Promise<void> {
  const map = page.locator('[data-map]');
  await expect(map, `data-active-step for step ${step.id}`).toHaveAttribute('data-active-step', step.id, {
    timeout: STEP_TIMEOUT,
  });
  await expect
    .poll(() => currentSteps(page), { message: `aria-current for step ${step.id}` })
    .toEqual([`${step.id}=step`]);
  await expect
    .poll(async () => cameraMismatch(await readCamera(page), step.camera, places), {
      message: `camera of step ${step.id}`,
      timeout: STEP_TIMEOUT,
    })
    .toBeNull();
}

/** The place-list button for a place: the `[data-place]` element outside `[data-map]`. */
async function listButton(page: Page, placeId: string) {
  const candidates = page.locator(`[data-place="${placeId}"]`);
  const index = await candidates.evaluateAll((elements) =>
    elements.findIndex((element) => element.closest('[data-map]') === null),
  );
  expect(index, `a [data-place="${placeId}"] button in the list of places (outside [data-map])`).toBeGreaterThanOrEqual(
    0,
  );
  return candidates.nth(index);
}

/** The passage IDs (article order) whose text contains the place's name or one of its aliases (case-sensitive). */
function passagesMentioning(place: Place, passages: Array<{ id: string; text: string }>): string[] {
  const words = [place.name, ...place.aliases].filter((word) => word.trim() !== '');
  return passages.filter((passage) => words.some((word) => passage.text.includes(word))).map((passage) => passage.id);
}

/** Checks the state after selecting a place: data-selected-place, exactly the mentioning passages highlighted,
 *  the first of them in view. */
async function expectPlaceSelected(page: Page, place: Place, passages: Array<{ id: string; text: string }>) {
  const map = page.locator('[data-map]');
  await expect(map, `data-selected-place after selecting ${place.id}`).toHaveAttribute('data-selected-place', place.id);
  const expected = passagesMentioning(place, passages);
  await expect
    .poll(async () => (await pagePassages(page)).filter((p) => p.highlighted).map((p) => p.id), {
      message: `passages highlighted for ${place.id} (name "${place.name}", aliases ${JSON.stringify(place.aliases)})`,
    })
    .toEqual(expected);
  const first = expected[0];
  if (first !== undefined) {
    await expect(
      page.locator(`[data-passage="${first}"]`),
      `first passage mentioning ${place.id} in view`,
    ).toBeInViewport();
  }
  await expect(map, `selection of ${place.id} kept after scrolling to it`).toHaveAttribute(
    'data-selected-place',
    place.id,
  );
}

function screenshotPath(name: string): string {
  return path.join(SCREENSHOT_DIR, `${name}.png`);
}

// ---------------------------------------------------------------------------------------------------------------
// The article

test.describe('article', () => {
  test('story data carries the seed article verbatim', () => {
    const story = readStory();
    const seed = seedPassages(readArticle());
    expect(story.passages.map((p) => ({ id: p.id, text: foldWhitespace(p.text) }))).toEqual(
      seed.map((p) => ({ id: p.id, text: foldWhitespace(p.text) })),
    );
  });

  test('every passage is on the page once, verbatim and in article order', async ({ page }) => {
    const seed = seedPassages(readArticle());
    await openStory(page);
    const passages = await pagePassages(page);
    expect(
      passages.map((p) => p.id),
      '[data-passage] IDs in document order',
    ).toEqual(PASSAGE_IDS);
    for (const { id, text } of seed) {
      const onPage = passages.find((p) => p.id === id);
      expect(onPage?.text, `text of [data-passage="${id}"]`).toBe(foldWhitespace(text));
    }
  });

  test('page furniture and the photo caption are not inside any passage', async ({ page }) => {
    const { furniture } = readArticle();
    await openStory(page);
    const passages = await pagePassages(page);
    for (const passage of passages) {
      for (const line of furniture) {
        // Whole-word check: "NEWS" or "Updated" as a word of its own would be furniture leaking in.
        expect(passage.text, `[data-passage="${passage.id}"] contains "${line}"`).not.toMatch(
          new RegExp(`(^|\\W)${escapeRegExp(line)}(\\W|$)`),
        );
      }
    }
  });

  test('data credits are visible', async ({ page }) => {
    await openStory(page);
    const text = await page.locator('body').innerText();
    expect(text).toContain('OpenStreetMap');
    expect(text).toContain('Natural Earth');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Steps and scrolling

test.describe('steps', () => {
  test('every step is on the page, in story order, linked to existing passages', async ({ page }) => {
    const { steps } = readStory();
    await openStory(page);
    const onPage = await page.locator('[data-step]').evaluateAll((elements) =>
      elements.map((element) => ({
        id: element.getAttribute('data-step') ?? '',
        passages: element.getAttribute('data-passages') ?? '',
      })),
    );
    expect(onPage.length, 'number of [data-step] elements').toBeGreaterThanOrEqual(8);
    expect(
      onPage.map((s) => s.id),
      '[data-step] IDs in document order',
    ).toEqual(steps.map((s) => s.id));
    const passageIds = new Set((await pagePassages(page)).map((p) => p.id));
    for (const [index, pageStep] of onPage.entries()) {
      const ids = pageStep.passages.split(/\s+/).filter((id) => id !== '');
      expect(ids.length, `data-passages of step ${pageStep.id}`).toBeGreaterThan(0);
      for (const id of ids) expect(passageIds.has(id), `step ${pageStep.id} links to passage "${id}"`).toBe(true);
      expect(ids, `data-passages of step ${pageStep.id} vs steps.json`).toEqual(steps[index]?.passages);
    }
  });

  test('scrolling through every step applies it to the map', async ({ page }) => {
    const { steps, places } = readStory();
    test.setTimeout(45_000 + steps.length * 25_000);
    await openStory(page);
    const historyLength = await page.evaluate(() => history.length);

    for (const step of steps) {
      await scrollStepToMiddle(page, step.id);
      await expectStepApplied(page, step, places);
      await expect
        .poll(() => page.evaluate(() => location.hash), { message: `address of step ${step.id}` })
        .toBe(`#step-${step.id}`);
      expect(await page.evaluate(() => history.length), 'history entries while scrolling').toBe(historyLength);
      await page.screenshot({ path: screenshotPath(`desktop-step-${step.id}`) });
    }
  });

  test("the map's worker keeps the files it loads: none is posted back to the page", async ({ page }) => {
    // MapLibre's worker would post each GeoJSON file it fetched back to the page, whole (src/lib/map/fileEchoes.ts).
    await page.addInitScript((loadData: string) => {
      const counts = { loads: 0, echoes: 0 };
      Object.assign(window, { fileLoads: counts });
      const NativeWorker = window.Worker;
      window.Worker = class extends NativeWorker {
        constructor(...args: ConstructorParameters<typeof Worker>) {
          super(...args);
          const loadIds = new Set<string>();
          const post = this.postMessage.bind(this) as (message: unknown, options?: unknown) => void;
          this.postMessage = (
            message: { id?: string; type?: string; data?: { request?: unknown } },
            options?: unknown,
          ) => {
            if (message?.type === loadData && message.id && message.data?.request) loadIds.add(message.id);
            post(message, options);
          };
          this.addEventListener('message', ({ data }: MessageEvent<{ id?: string; data?: { data?: unknown } }>) => {
            if (!data?.id || !loadIds.delete(data.id)) return;
            counts.loads += 1;
            if (data.data?.data !== undefined) counts.echoes += 1;
          });
        }
      };
    }, LOAD_DATA);
    const { steps, places } = readStory();
    const last = steps.at(-1);
    if (!last) throw new Error('steps.json has no steps');
    await openStory(page);
    // The last step shows files the opening one did not: loaded then, by URL too.
    await scrollStepToMiddle(page, last.id);
    await expectStepApplied(page, last, places);
    const counts = await page.evaluate(
      () => (window as unknown as { fileLoads: { loads: number; echoes: number } }).fileLoads,
    );
    expect(counts.loads, 'files the worker loaded by URL').toBeGreaterThan(0);
    expect(counts.echoes, 'files posted back to the page').toBe(0);
  });

  test('a fast scroll to the bottom ends on the last step', async ({ page }) => {
    const { steps, places } = readStory();
    const last = steps.at(-1);
    if (!last) throw new Error('steps.json has no steps');
    await openStory(page);
    await page.evaluate(() =>
      window.scrollTo({
        top: Math.max(document.body.scrollHeight, document.documentElement.scrollHeight),
        behavior: 'instant',
      }),
    );
    await expectStepApplied(page, last, places);
  });

  test('#step-ID opens the page at that step', async ({ page }) => {
    const { steps, places } = readStory();
    const middle = steps[Math.floor(steps.length / 2)];
    if (!middle) throw new Error('steps.json has no steps');
    await openStory(page, `#step-${middle.id}`);
    await expectStepApplied(page, middle, places);
    await expect(page.locator(`[data-step="${middle.id}"]`), 'deep-linked step in view').toBeInViewport();
    expect(await page.evaluate(() => location.hash)).toBe(`#step-${middle.id}`);
  });

  test('reloading mid-story restores the step in view', async ({ page }) => {
    const { steps, places } = readStory();
    const target = steps[Math.min(steps.length - 1, Math.floor(steps.length / 2) + 1)];
    if (!target) throw new Error('steps.json has no steps');
    await openStory(page);
    await scrollStepToMiddle(page, target.id);
    await expectStepApplied(page, target, places);

    await page.reload();
    await waitForMapReady(page);
    await expect
      .poll(
        async () => ({
          atMiddle: await stepAtViewportMiddle(page),
          active: await page.locator('[data-map]').getAttribute('data-active-step'),
        }),
        { message: 'after reload: the step crossing the viewport middle is the active one', timeout: STEP_TIMEOUT },
      )
      .toEqual({ atMiddle: target.id, active: target.id });
    await expectStepApplied(page, target, places);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Places

test.describe('places', () => {
  test('the required places exist in the story', () => {
    const ids = readStory().places.map((place) => place.id);
    for (const id of REQUIRED_PLACE_IDS) expect(ids, `required place "${id}"`).toContain(id);
  });

  test('every place is a named button', async ({ page }) => {
    const { places } = readStory();
    await openStory(page);
    const all = await page.locator('[data-place]').evaluateAll((elements) =>
      elements.map((element) => ({
        id: element.getAttribute('data-place') ?? '',
        isButton: element.tagName === 'BUTTON' || element.getAttribute('role') === 'button',
      })),
    );
    const known = new Set(places.map((place) => place.id));
    for (const element of all) {
      expect(element.isButton, `[data-place="${element.id}"] is a button`).toBe(true);
      expect(known.has(element.id), `[data-place="${element.id}"] is a place of places.json`).toBe(true);
    }
    for (const place of places) {
      const button = await listButton(page, place.id);
      await expect(button, `accessible name of place ${place.id}`).toHaveAccessibleName(
        new RegExp(escapeRegExp(place.name)),
      );
    }
  });

  test('clicking each place selects it and highlights the passages that mention it', async ({ page }) => {
    const { places } = readStory();
    test.setTimeout(45_000 + places.length * 15_000);
    await openStory(page);
    const passages = await pagePassages(page);
    for (const place of places) {
      await (await listButton(page, place.id)).click();
      await expectPlaceSelected(page, place, passages);
    }
  });

  test('places work by keyboard: Enter and Space', async ({ page }) => {
    const { places } = readStory();
    const byId = (id: string) => {
      const place = places.find((candidate) => candidate.id === id);
      if (!place) throw new Error(`places.json has no "${id}"`);
      return place;
    };
    await openStory(page);
    const passages = await pagePassages(page);

    await (await listButton(page, 'bakhmut')).press('Enter');
    await expectPlaceSelected(page, byId('bakhmut'), passages);

    await (await listButton(page, 'sumy')).press('Space');
    await expectPlaceSelected(page, byId('sumy'), passages);
  });

  test('a place named in a passage is a link that selects it', async ({ page }) => {
    const { places } = readStory();
    await openStory(page);
    const links = page.locator('[data-passage] [data-place-link]');
    const found = await links.evaluateAll((elements) =>
      elements.map((element) => ({
        id: element.getAttribute('data-place-link') ?? '',
        activatable:
          element.tagName === 'A' ||
          element.tagName === 'BUTTON' ||
          element.getAttribute('role') === 'button' ||
          element.getAttribute('role') === 'link',
      })),
    );
    expect(found.length, 'number of [data-place-link] inside passages').toBeGreaterThan(0);
    const known = new Set(places.map((place) => place.id));
    for (const link of found) {
      expect(known.has(link.id), `[data-place-link="${link.id}"] names a place of places.json`).toBe(true);
      expect(link.activatable, `[data-place-link="${link.id}"] is a link or button`).toBe(true);
    }

    const map = page.locator('[data-map]');
    const firstId = found[0]?.id ?? '';
    await links.first().click();
    await expect(map).toHaveAttribute('data-selected-place', firstId);

    // A second, different place proves the selection follows the link rather than being stuck.
    const otherIndex = found.findIndex((link) => link.id !== firstId);
    if (otherIndex >= 0) {
      await links.nth(otherIndex).click();
      await expect(map).toHaveAttribute('data-selected-place', found[otherIndex]?.id ?? '');
    }
  });

  test('#place-sudzha opens with Sudzha selected', async ({ page }) => {
    const { places } = readStory();
    const sudzha = places.find((place) => place.id === 'sudzha');
    if (!sudzha) throw new Error('places.json has no "sudzha"');
    await openStory(page, '#place-sudzha');
    await expectPlaceSelected(page, sudzha, await pagePassages(page));
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Phone

test(
  'phone layout: no sideways scroll, map in view at every step, every passage visible',
  { tag: '@phone' },
  async ({ page }) => {
    const { steps } = readStory();
    test.setTimeout(45_000 + steps.length * 20_000);
    await openStory(page);
    const viewportWidth = page.viewportSize()?.width ?? 390;
    const scrollWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
    expect(await scrollWidth(), 'document scrollWidth').toBeLessThanOrEqual(viewportWidth);

    for (const step of steps) {
      await scrollStepToMiddle(page, step.id);
      await expect(page.locator('[data-map]')).toHaveAttribute('data-active-step', step.id, { timeout: STEP_TIMEOUT });
      const mapVisibleArea = await page.locator('[data-map]').evaluate((element) => {
        const box = element.getBoundingClientRect();
        const width = Math.min(box.right, window.innerWidth) - Math.max(box.left, 0);
        const height = Math.min(box.bottom, window.innerHeight) - Math.max(box.top, 0);
        return width > 0 && height > 0 ? width * height : 0;
      });
      expect(mapVisibleArea, `map box intersects the viewport at step ${step.id}`).toBeGreaterThan(0);
      await page.screenshot({ path: screenshotPath(`phone-step-${step.id}`) });
    }

    for (const id of PASSAGE_IDS) {
      const passage = page.locator(`[data-passage="${id}"]`);
      await expect(passage, `passage ${id} visible on a phone`).toBeVisible();
      const box = await passage.evaluate((element) => {
        const rect = element.getBoundingClientRect();
        return { left: rect.left, right: rect.right };
      });
      expect(box.left, `passage ${id} starts inside the screen`).toBeGreaterThanOrEqual(0);
      expect(box.right, `passage ${id} ends inside the screen`).toBeLessThanOrEqual(viewportWidth);
    }
    expect(await scrollWidth(), 'document scrollWidth after scrolling').toBeLessThanOrEqual(viewportWidth);
  },
);

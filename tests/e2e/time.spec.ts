// The war on the map over time: steps that set a date change the control-area layer the map draws and the chart's
// marker; the date control moves through the snapshots by keyboard; the legend lists exactly the visible layers.
import type { Page } from '@playwright/test';
import { snapshotDateFor } from '../../src/lib/story/snapshots.ts';
import type { Step } from '../../src/lib/story/types.ts';
import { expect, readStory, test, waitForMapReady } from './fixtures.ts';

const STEP_TIMEOUT = 15_000;

async function showStep(page: Page, step: Step): Promise<void> {
  await page
    .locator(`[data-step="${step.id}"]`)
    .evaluate((element) => element.scrollIntoView({ block: 'center', behavior: 'instant' }));
  await expect(page.locator('[data-map]')).toHaveAttribute('data-active-step', step.id, { timeout: STEP_TIMEOUT });
}

/** The dated layers a step shows, with the snapshot each should draw. */
function expectedDrawn(step: Step): Map<string, string> {
  const story = readStory();
  const drawn = new Map<string, string>();
  for (const layer of story.layers) {
    if (!layer.dated || !step.layers.includes(layer.id) || !step.date) continue;
    const snapshot = snapshotDateFor(
      (layer.snapshots ?? []).map((s) => s.date),
      step.date,
    );
    if (snapshot) drawn.set(layer.id, snapshot);
  }
  return drawn;
}

async function drawnDates(page: Page): Promise<Map<string, string>> {
  const text = (await page.locator('[data-map] [data-drawn-dates]').getAttribute('data-drawn-dates')) ?? '';
  return new Map(
    text
      .split(' ')
      .filter(Boolean)
      .map((pair) => pair.split('=') as [string, string]),
  );
}

test('each dated step draws its snapshot, marks the chart and lists exactly its layers in the legend', async ({
  page,
}) => {
  const story = readStory();
  await page.goto('./');
  await waitForMapReady(page);
  const timelineLayer = story.timeline?.layer ?? '';
  let datedSteps = 0;
  for (const step of story.steps) {
    await showStep(page, step);
    const map = page.locator('[data-map]');
    const visible = story.layers
      .filter((layer) => !layer.base && step.layers.includes(layer.id))
      .map((layer) => layer.id);
    await expect(page.locator('[data-legend] [data-layer]')).toHaveCount(visible.length);
    expect(
      await page
        .locator('[data-legend] [data-layer]')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-layer'))),
    ).toEqual(visible);
    const expected = expectedDrawn(step);
    if (expected.size === 0) {
      await expect(map).not.toHaveAttribute('data-date', /./);
      await expect(page.locator('[data-chart="area"]')).toHaveCount(0);
      continue;
    }
    datedSteps++;
    await expect(map).toHaveAttribute('data-date', step.date ?? '');
    await expect
      .poll(
        async () => {
          const drawn = await drawnDates(page);
          return [...expected].every(([layerId, date]) => drawn.get(layerId) === date);
        },
        { timeout: STEP_TIMEOUT, message: `${step.id}: the map draws ${JSON.stringify([...expected])}` },
      )
      .toBe(true);
    for (const [layerId, date] of expected) {
      const layer = story.layers.find((candidate) => candidate.id === layerId);
      const snapshot = layer?.snapshots?.find((candidate) => candidate.date === date);
      await expect(page.locator(`[data-legend] [data-layer="${layerId}"]`)).toContainText(layer?.source ?? '');
      if (snapshot)
        await expect(page.locator(`[data-legend] [data-layer="${layerId}"]`)).toContainText(
          new Date(`${date}T00:00:00Z`).toLocaleDateString('en-GB', {
            day: 'numeric',
            month: 'long',
            year: 'numeric',
            timeZone: 'UTC',
          }),
        );
    }
    if (step.layers.includes(timelineLayer)) {
      await expect(page.locator('[data-chart="area"] [data-chart-date]')).toHaveAttribute(
        'data-chart-date',
        /\d{4}-\d{2}-\d{2}/,
        { timeout: STEP_TIMEOUT },
      );
      const marker = await page.locator('[data-chart="area"] [data-chart-date]').getAttribute('data-chart-date');
      expect(marker && marker <= (step.date ?? '')).toBeTruthy();
      expect(marker?.slice(0, 7)).toBe(step.date?.slice(0, 7));
    }
  }
  expect(datedSteps).toBeGreaterThanOrEqual(4);
});

test('the date control moves through the snapshots with the arrow keys', async ({ page }) => {
  const story = readStory();
  const step = story.steps.find((candidate) => candidate.id === 'salient') ?? story.steps[0];
  if (!step) throw new Error('no step');
  await page.goto(`./#step-${step.id}`);
  await waitForMapReady(page);
  await expect(page.locator('[data-map]')).toHaveAttribute('data-active-step', step.id, { timeout: STEP_TIMEOUT });
  const control = page.locator('[data-date-control]');
  await expect(control).toHaveCount(1);
  const snapshots = (story.layers.find((layer) => layer.id === story.timeline?.layer)?.snapshots ?? []).map(
    (s) => s.date,
  );
  const start = snapshots.indexOf(snapshotDateFor(snapshots, step.date ?? '') ?? '');
  await control.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('[data-map]')).toHaveAttribute('data-date', snapshots[start + 1] ?? '');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('[data-map]')).toHaveAttribute('data-date', snapshots[start + 2] ?? '');
  await expect
    .poll(async () => (await drawnDates(page)).get('control-held'), { timeout: STEP_TIMEOUT })
    .toBe(snapshots[start + 2]);
  await expect(page.locator('[data-chart="area"] [data-chart-date]')).toHaveAttribute(
    'data-chart-date',
    new RegExp(`^${snapshots[start + 2]}`),
  );
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('[data-map]')).toHaveAttribute('data-date', snapshots[start + 1] ?? '');
});

test('the fortification lines say on the map that they are schematic', async ({ page }) => {
  await page.goto('./#step-sumy-defences');
  await waitForMapReady(page);
  await expect(page.locator('[data-map]')).toHaveAttribute('data-active-step', 'sumy-defences', {
    timeout: STEP_TIMEOUT,
  });
  await expect(page.locator('[data-legend] [data-layer="fortifications"]')).toContainText(
    'schematic — exact positions not public',
  );
});

test('a locator inset shows where a zoomed-in map is looking, and steps back for wide views', async ({ page }) => {
  await page.goto('./#step-sudzha');
  await waitForMapReady(page);
  await expect(page.locator('[data-map]')).toHaveAttribute('data-active-step', 'sudzha', { timeout: STEP_TIMEOUT });
  const view = page.locator('[data-locator] [data-locator-view]');
  await expect(view).toHaveCount(1);
  const box = await view.boundingBox();
  const inset = await page.locator('[data-locator]').boundingBox();
  expect(box && inset && box.width < inset.width / 4).toBeTruthy();
  await page
    .locator('[data-step="jeddah"]')
    .evaluate((element) => element.scrollIntoView({ block: 'center', behavior: 'instant' }));
  await expect(page.locator('[data-map]')).toHaveAttribute('data-active-step', 'jeddah', { timeout: STEP_TIMEOUT });
  await expect(page.locator('[data-locator]')).toHaveCount(0);
});

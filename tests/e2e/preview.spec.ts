// A real map at first paint: the opening step's map preview is in the served page, places answer on it while
// `data-map-status` is `preview`, the WebGL map starts at the reader's first sign of intent and takes over where the
// preview rests (compared pixel by pixel, downscaled), without shifting the layout. A step reached before WebGL shows
// its own preview at once.
import type { Page, Route } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { zoomForScale } from '../../src/lib/map/static/camera.ts';

const MAP = '[data-map]';

/** Holds the requests of `pattern` until `release()`; they then go on as they were. */
async function holdRequests(page: Page, pattern: RegExp): Promise<{ release(): void }> {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(pattern, async (route: Route) => {
    await released;
    await route.continue().catch(() => undefined);
  });
  return { release: () => release() };
}

/** Mean difference (0–255) between two PNG screenshots of the same size, compared as 64 × 48 averaged cells. */
async function imageDifference(page: Page, first: Buffer, second: Buffer): Promise<number> {
  return page.evaluate(
    async ([a, b]) => {
      const load = (base64: string): Promise<HTMLImageElement> =>
        new Promise((resolve, reject) => {
          const image = new Image();
          image.onload = () => resolve(image);
          image.onerror = reject;
          image.src = `data:image/png;base64,${base64}`;
        });
      const cells = (image: HTMLImageElement): Uint8ClampedArray => {
        const canvas = document.createElement('canvas');
        canvas.width = 64;
        canvas.height = 48;
        const context = canvas.getContext('2d');
        if (!context) throw new Error('no 2d context');
        context.imageSmoothingQuality = 'high';
        context.drawImage(image, 0, 0, 64, 48);
        return context.getImageData(0, 0, 64, 48).data;
      };
      const [x, y] = [cells(await load(a)), cells(await load(b))];
      let sum = 0;
      for (let index = 0; index < x.length; index += 4)
        for (let channel = 0; channel < 3; channel++)
          sum += Math.abs((x[index + channel] ?? 0) - (y[index + channel] ?? 0));
      return sum / ((x.length / 4) * 3);
    },
    [first.toString('base64'), second.toString('base64')] as const,
  );
}

test('the served page shows the opening step’s map with the text, before any script runs', async ({ page }) => {
  const scripts = await holdRequests(page, /\/assets\/[^/]+\.js$/);
  // Module scripts hold DOMContentLoaded back: wait for the response only.
  await page.goto('./', { waitUntil: 'commit' });
  await expect(page.locator('[data-passage="headline"]')).toBeVisible();
  const preview = page.locator(`${MAP} svg.map-preview`);
  await expect(preview).toBeVisible();
  await expect(preview).toHaveAttribute('data-preview-step', 'overview');
  await expect(page.locator(MAP)).toHaveAttribute('data-map-status', 'preview');
  const box = await preview.boundingBox();
  expect(box?.width ?? 0, 'preview width').toBeGreaterThan(300);
  expect(box?.height ?? 0, 'preview height').toBeGreaterThan(300);
  scripts.release();
});

test('places answer on the preview; the WebGL map starts only at intent, and says so', async ({ page }) => {
  await page.goto('./');
  const map = page.locator(MAP);
  await expect(map).toHaveAttribute('data-map-status', 'preview');
  // Keyboard activation: no pointer near the map, so nothing has started WebGL yet (focus would, after this check).
  const kursk = page.locator(`${MAP} [data-place="kursk"]`).first();
  await expect(kursk).toBeVisible();
  await kursk.dispatchEvent('click');
  await expect(map).toHaveAttribute('data-selected-place', 'kursk');
  expect(await map.getAttribute('data-map-status'), 'still the preview when the place answered').toBe('preview');
  expect(await map.getAttribute('data-map-started-by')).toBeNull();
  await map.hover();
  await expect(map).toHaveAttribute('data-map-started-by', 'pointer');
  await expect(map).toHaveAttribute('data-map-status', 'ready', { timeout: 45_000 });
});

test('the WebGL map takes over where the preview rests: same picture, no layout shift', async ({ page }) => {
  await page.addInitScript(() => {
    // Each shift with what moved, so that a failure names it.
    const shifts: string[] = [];
    type Shift = { value: number; sources: { node?: Node; previousRect: DOMRect; currentRect: DOMRect }[] };
    const describe = (node?: Node): string =>
      node instanceof Element ? `${node.localName}.${[...node.classList].join('.')}` : String(node?.nodeName);
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as Shift[])
        shifts.push(
          `${entry.value.toFixed(5)}: ` +
            entry.sources
              .map(
                ({ node, previousRect: a, currentRect: b }) =>
                  `${describe(node)} ${a.y}/${a.height} → ${b.y}/${b.height}`,
              )
              .join(', '),
        );
    }).observe({ type: 'layout-shift', buffered: true });
    (window as unknown as { layoutShifts: string[] }).layoutShifts = shifts;
  });
  await page.goto('./');
  const map = page.locator(MAP);
  await expect(map).toHaveAttribute('data-map-status', 'preview');
  await expect(page.locator(`${MAP} svg.map-preview`)).toHaveAttribute('data-preview-step', 'overview');
  const canvas = page.locator(`${MAP} .map-panel__canvas`);
  const before = await canvas.screenshot();
  const shiftsBefore = await page.evaluate(() => (window as unknown as { layoutShifts: string[] }).layoutShifts.length);
  await page.mouse.move(5, 5);
  await expect(map).toHaveAttribute('data-map-status', 'ready', { timeout: 45_000 });
  await expect(map).toHaveAttribute('data-active-step', 'overview');
  const after = await canvas.screenshot();
  const shifts = await page.evaluate(() => (window as unknown as { layoutShifts: string[] }).layoutShifts);
  expect(shifts.slice(shiftsBefore), 'layout shifts during the hand-over').toEqual([]);

  // A control: the next step's WebGL map against the same preview differs far more than the hand-over does.
  await page.locator('[data-step="sudzha"]').evaluate((element) => element.scrollIntoView({ block: 'center' }));
  await expect(map).toHaveAttribute('data-active-step', 'sudzha', { timeout: 15_000 });
  const elsewhere = await canvas.screenshot();
  const handOver = await imageDifference(page, before, after);
  const control = await imageDifference(page, before, elsewhere);
  const description = `${handOver.toFixed(1)} (control, another step: ${control.toFixed(1)})`;
  test.info().annotations.push({ type: 'hand-over difference', description });
  console.log(`hand-over difference: ${description}`);
  expect(handOver, 'mean difference per channel, preview → WebGL').toBeLessThan(5);
  expect(control, 'the comparison tells two steps apart').toBeGreaterThan(handOver * 2);
});

test('a step reached before WebGL is ready shows that step’s preview at once', async ({ page }) => {
  const mapLibre = await holdRequests(page, /loadMapLibre-[^/]+\.js$/);
  await page.goto('./');
  const map = page.locator(MAP);
  await expect(map).toHaveAttribute('data-map-status', 'preview');
  await page.locator('[data-step="sudzha"]').evaluate((element) => element.scrollIntoView({ block: 'center' }));
  await expect(map).toHaveAttribute('data-map-started-by', 'scroll');
  await expect(map).toHaveAttribute('data-active-step', 'sudzha');
  await expect(page.locator(`${MAP} svg.map-preview`)).toHaveAttribute('data-preview-step', 'sudzha');
  await expect(page.locator(`${MAP} [data-place="sudzha"]`).first()).toBeVisible();
  expect(await map.getAttribute('data-map-status'), 'WebGL is still on its way').toBe('preview');
  mapLibre.release();
  await expect(map).toHaveAttribute('data-map-status', 'ready', { timeout: 45_000 });
  await expect(map).toHaveAttribute('data-active-step', 'sudzha');
});

test('phone: at every step the preview’s map labels stand apart, placed for the zoom it is framed at @phone', async ({
  page,
}) => {
  // The previews stay in view: WebGL is held back however far the reader scrolls.
  await holdRequests(page, /loadMapLibre-[^/]+\.js$/);
  await page.goto('./');
  const map = page.locator(MAP);
  const steps = await page
    .locator('[data-step]')
    .evaluateAll((elements) => elements.map((element) => element.getAttribute('data-step') ?? ''));
  expect(steps.length).toBeGreaterThan(3);
  let framedLower = 0;
  const overlapping: string[] = [];
  for (const step of steps) {
    await page.locator(`[data-step="${step}"]`).evaluate((element) => element.scrollIntoView({ block: 'center' }));
    await expect(map).toHaveAttribute('data-active-step', step);
    const preview = page.locator(`${MAP} svg.map-preview`);
    await expect(preview).toHaveAttribute('data-preview-step', step);
    expect(await map.getAttribute('data-map-status')).toBe('preview');
    const { overlaps, labels, scale, shownZoom } = await preview.evaluate((svg) => {
      const box = svg.getBoundingClientRect();
      // Labels along lines are left out: the box of turned text is far larger than the text.
      const shown = [...svg.querySelectorAll('g[data-layer] text:not([transform])')]
        .filter((text) => text.checkVisibility())
        .map((text) => ({ name: text.textContent ?? '', rect: text.getBoundingClientRect() }))
        .filter(
          ({ rect }) =>
            rect.right > box.left && rect.left < box.right && rect.bottom > box.top && rect.top < box.bottom,
        );
      const found: string[] = [];
      shown.forEach((a, index) => {
        for (const b of shown.slice(index + 1)) {
          const x = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
          const y = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
          if (x > 1 && y > 1) found.push(`${a.name} / ${b.name}`);
        }
      });
      const zooms = (svg.getAttribute('data-label-zooms') ?? '').split(' ').map(Number);
      const scale = Number(svg.getAttribute('data-preview-scale'));
      return { overlaps: found, labels: shown.length, scale, shownZoom: zooms[Number(svg.dataset.shownLevel)] };
    });
    const lower = shownZoom !== undefined && shownZoom < zoomForScale(scale) - 0.25;
    overlapping.push(...overlaps.map((pair) => `${step}: ${pair}`));
    expect(labels, `map labels on the "${step}" preview`).toBeGreaterThan(0);
    if (lower) framedLower++;
  }
  expect(overlapping, 'overlapping map labels').toEqual([]);
  // A phone's box shows most views zoomed out from the image each preview was drawn for.
  expect(framedLower).toBeGreaterThan(steps.length / 2);
});

test('phone: the served preview is framed for the phone at first paint, where the page’s script keeps it @phone', async ({
  page,
}) => {
  const scripts = await holdRequests(page, /\/assets\/[^/]+\.js$/);
  await page.goto('./', { waitUntil: 'commit' });
  const canvas = page.locator(`${MAP} .map-panel__canvas`);
  await expect(page.locator(`${MAP} svg.map-preview`)).toBeVisible();
  await expect(page.locator(`${MAP} svg.map-preview style[data-first-frame]`)).toHaveCount(1);
  const served = await canvas.screenshot();
  // A control: the served preview without its phone framing (the image's, 640 × 480), put back before the scripts run.
  await page.evaluate(() => {
    const style = document.querySelector('[data-map] svg.map-preview style[data-first-frame]');
    (window as unknown as { firstFrame?: Element | null }).firstFrame = style;
    style?.remove();
  });
  const imageFramed = await canvas.screenshot();
  await page.evaluate(() => {
    const style = (window as unknown as { firstFrame?: Element | null }).firstFrame;
    if (style) document.querySelector('[data-map] svg.map-preview')?.prepend(style);
  });
  scripts.release();
  // The page's script frames the preview for its box and the panels over it, and drops the served style.
  await expect(page.locator(`${MAP} .map-layer--preview svg.map-preview`)).toBeVisible();
  await expect(page.locator('style[data-first-frame]')).toHaveCount(0);
  await expect(page.locator(MAP)).toHaveAttribute('data-map-status', 'preview');
  const framed = await canvas.screenshot();
  const kept = await imageDifference(page, served, framed);
  const moved = await imageDifference(page, imageFramed, framed);
  const description = `${kept.toFixed(1)} (the image's framing: ${moved.toFixed(1)})`;
  test.info().annotations.push({ type: 'first paint → framed difference', description });
  console.log(`first paint → framed difference: ${description}`);
  expect(kept, 'mean difference per channel, served preview → framed by the script').toBeLessThan(4);
  expect(moved, 'the comparison tells the two framings apart').toBeGreaterThan(kept * 2);
});

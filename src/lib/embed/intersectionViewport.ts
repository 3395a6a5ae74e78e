// Follows the host page's viewport from inside an iframe with no help from the host: an IntersectionObserver with the
// implicit root (the top-level viewport, across origins) watches thin invisible slices laid over the document.
// One tall target would not do: while the viewport lies inside it, its intersection ratio stays constant and no
// threshold is crossed. With slices, the two slices under the viewport's edges cross thresholds as the host scrolls,
// so both edges are known to about SLICE / 100 px.
import { bandFromStretches, type Band, type Stretch } from './visibleBand.ts';

/** Slice height in CSS px; with 101 thresholds, edges are known to 1 px. */
const SLICE = 100;
const THRESHOLDS = Array.from({ length: 101 }, (_, index) => index / 100);

export interface IntersectionWatch {
  /** Lays the slices out again (call when the document's height changes). */
  relayout(): void;
  stop(): void;
}

/**
 * Starts watching. `onBand` receives each new estimate of the host viewport (in this iframe's viewport coordinates).
 * @param content the element whose height is the document's height
 * @param knownHeight the host viewport's height when known from elsewhere (a host message), else undefined
 */
export function watchHostViewport(
  content: HTMLElement,
  onBand: (band: Band) => void,
  knownHeight: () => number | undefined,
): IntersectionWatch {
  const probe = document.createElement('div');
  probe.setAttribute('aria-hidden', 'true');
  probe.dataset.kxProbe = '';
  probe.style.cssText =
    'position:absolute;left:0;top:0;width:100%;height:0;margin:0;padding:0;border:0;pointer-events:none;visibility:hidden;overflow:visible;z-index:-1';
  document.body.append(probe);

  /** Visible part of each slice, in document coordinates (stable while the iframe itself does not scroll). */
  const visible = new Map<number, Stretch>();
  let exactHeight: number | undefined;
  let rootHeight: number | undefined;
  let frame = 0;

  const report = (): void => {
    frame = 0;
    const scrollY = window.scrollY;
    const stretches = [...visible.values()].map((stretch) => ({
      top: stretch.top - scrollY,
      bottom: stretch.bottom - scrollY,
    }));
    const guess = knownHeight() ?? rootHeight ?? exactHeight ?? fallbackHeight();
    const band = bandFromStretches(stretches, window.innerHeight, guess);
    if (!band) return;
    if (band.exact) exactHeight = band.height;
    onBand(band);
  };
  const schedule = (): void => {
    if (!frame) frame = requestAnimationFrame(report);
  };

  const observer = new IntersectionObserver(
    (entries) => {
      const scrollY = window.scrollY;
      for (const entry of entries) {
        // Same-origin hosts tell the viewport's size outright (cross-origin ones give null).
        if (entry.rootBounds && entry.rootBounds.height > 0) rootHeight = entry.rootBounds.height;
        const index = Number((entry.target as HTMLElement).dataset.slice);
        const rect = entry.intersectionRect;
        if (entry.isIntersecting && rect.height > 0)
          visible.set(index, { top: rect.top + scrollY, bottom: rect.bottom + scrollY });
        else visible.delete(index);
      }
      // Within this callback: the entries of one frame arrive together, so the band is consistent.
      report();
    },
    { threshold: THRESHOLDS },
  );

  let laidOutHeight = -1;
  const relayout = (): void => {
    const height = Math.ceil(content.getBoundingClientRect().bottom + window.scrollY);
    if (height === laidOutHeight) return;
    laidOutHeight = height;
    observer.disconnect();
    visible.clear();
    const count = Math.max(1, Math.ceil(height / SLICE));
    const slices: HTMLElement[] = [];
    for (let index = 0; index < count; index++) {
      const slice = document.createElement('div');
      slice.dataset.slice = String(index);
      const top = index * SLICE;
      slice.style.cssText = `position:absolute;left:0;width:100%;top:${top}px;height:${Math.max(1, Math.min(SLICE, height - top))}px`;
      slices.push(slice);
    }
    probe.replaceChildren(...slices);
    for (const slice of slices) observer.observe(slice);
  };

  relayout();
  window.addEventListener('scroll', schedule, { passive: true });
  window.addEventListener('resize', schedule, { passive: true });
  return {
    relayout,
    stop: () => {
      if (frame) cancelAnimationFrame(frame);
      observer.disconnect();
      probe.remove();
      window.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
    },
  };
}

/** A guess at the host viewport's height before anything was measured: the screen's, within reason. */
export function fallbackHeight(): number {
  const screenHeight = window.screen?.availHeight || window.screen?.height || 0;
  return Math.min(Math.max(screenHeight || 800, 320), 2000);
}

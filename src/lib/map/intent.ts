// When the WebGL map starts. The preview already shows the step's map, so the library and its data wait for the
// reader's first sign of intent: a scroll, a pointer move or press, a touch, a key or focus inside the explainer; in
// a host page (an embed), the explainer nearing the host's viewport. A reader who does none of these gets the map
// after the page has loaded and stayed idle a short while. Never before the page has painted.
import type { HostViewport } from '../scroll/hostViewport.ts';
import { afterNextFrame } from '../nextTask.ts';

/** What started the map, as `[data-map]` reports it in `data-map-started-by`. */
export type Intent = 'scroll' | 'pointer' | 'touch' | 'key' | 'focus' | 'near' | 'idle';

export interface IntentOptions {
  /** The explainer's root: pointer, touch, key and focus inside it count. */
  root: HTMLElement;
  /** The map box: in an embed, its nearing the host's viewport counts. */
  map: HTMLElement;
  /** True inside a host page (script or iframe embed). */
  embedded: boolean;
  /** The host's viewport when the explainer cannot see it (an auto-height iframe); its scroll counts. */
  viewport?: HostViewport | undefined;
  /** After the page's load event, this long of quiet (ms) starts the map anyway. */
  idleMs?: number;
}

/** How far below (or above) the viewport the map box may be and still count as near: a fraction of its height. */
const NEAR = 0.5;
const IDLE_MS = 8000;
const POINTER_EVENTS = ['pointermove', 'pointerdown'] as const;

/**
 * Calls `start` once, with what started it, at the reader's first sign of intent (see the module comment).
 * Returns a function that stops watching.
 */
export function watchIntent(options: IntentOptions, start: (intent: Intent) => void): () => void {
  const { root, map, embedded, viewport } = options;
  const win = root.ownerDocument.defaultView ?? window;
  const cleanups: (() => void)[] = [];
  let done = false;
  const stop = (): void => {
    done = true;
    for (const cleanup of cleanups.splice(0)) cleanup();
  };
  const fire = (intent: Intent): void => {
    if (done) return;
    stop();
    start(intent);
  };
  const listen = (target: EventTarget, type: string, intent: Intent | (() => void)): void => {
    const listener = typeof intent === 'function' ? intent : (): void => fire(intent);
    target.addEventListener(type, listener, { passive: true, capture: true });
    cleanups.push(() => target.removeEventListener(type, listener, { capture: true }));
  };

  // What is already so when the watch begins: each is read after the next frame (below).
  const already: (() => void)[] = [];
  for (const type of POINTER_EVENTS) listen(root, type, 'pointer');
  // A pointer already resting on the explainer when the watch begins (it arrived before the map's code did) counts.
  already.push(() => {
    if (root.matches(':hover')) fire('pointer');
  });
  listen(root, 'touchstart', 'touch');
  listen(root, 'keydown', 'key');
  listen(root, 'focusin', 'focus');

  if (viewport) {
    // An auto-height iframe never scrolls: the host's scroll arrives as viewport reports.
    const onViewport = (): void => {
      if (!embedded || nearViewport(map, viewport.top, viewport.height)) fire(embedded ? 'near' : 'scroll');
    };
    viewport.addEventListener('scroll', onViewport);
    cleanups.push(() => viewport.removeEventListener('scroll', onViewport));
  } else if (embedded) {
    // A script embed scrolls with its host page: the host's reader scrolling the map near the viewport is the sign.
    // An explainer already in view when the host page opens waits for that reader's scroll, pointer or key: the
    // host's own page comes first.
    listen(win, 'scroll', () => {
      if (nearViewport(map, win.scrollY, win.innerHeight)) fire('near');
    });
  } else {
    listen(win, 'scroll', 'scroll');
    // A page already scrolled when the watch begins (the reader was quicker than the map's code, or the page opened
    // at a step) counts as a scroll.
    already.push(() => {
      if (win.scrollY > 0) fire('scroll');
    });
  }
  // Read after the next frame. Read at once, they would make the browser do the style and layout of the map box just
  // changed inside this task (10-20 ms of it on a slow phone).
  cleanups.push(
    afterNextFrame(() => {
      for (const check of already) check();
    }, win),
  );

  const idleMs = options.idleMs ?? IDLE_MS;
  const afterLoad = (): void => {
    const timer = win.setTimeout(() => {
      if (typeof win.requestIdleCallback === 'function') {
        const handle = win.requestIdleCallback(() => fire('idle'), { timeout: 1000 });
        cleanups.push(() => win.cancelIdleCallback(handle));
      } else fire('idle');
    }, idleMs);
    cleanups.push(() => win.clearTimeout(timer));
  };
  if (root.ownerDocument.readyState === 'complete') afterLoad();
  else listen(win, 'load', afterLoad);
  return stop;
}

/** Whether an element lies within NEAR of its height from a viewport band (`top`, `height` in its document's px). */
export function nearViewport(element: HTMLElement, top: number, height: number): boolean {
  const box = element.getBoundingClientRect();
  const scrollTop = element.ownerDocument.defaultView?.scrollY ?? 0;
  const elementTop = box.top + scrollTop;
  const margin = height * NEAR;
  return elementTop < top + height + margin && elementTop + box.height > top - margin;
}

// Scroll detection, in one place: which step is being read. The active step is the one whose box crosses a reading
// line (the middle of the viewport). Measuring boxes against a line, rather than relying on IntersectionObserver's
// rootMargin, keeps working inside an embedded iframe, where the line can come from the host page's geometry.

/** A step's vertical extent in viewport coordinates. */
export interface StepBox {
  id: string;
  top: number;
  bottom: number;
}

/**
 * The step being read at a reading line: the one crossing it; between steps, the last one above it;
 * above every step, the first.
 */
export function pickActiveStep(boxes: readonly StepBox[], line: number): string | undefined {
  let active = boxes[0]?.id;
  for (const box of boxes) {
    if (box.top <= line) active = box.id;
    else break;
  }
  return active;
}

export interface WatchOptions {
  /** The reading line in viewport pixels; default: the middle of the window (see readingLine). */
  line?: () => number;
  /** What fires "scroll" when the reader moves: default the window; a HostViewport inside an iframe. */
  scroller?: {
    addEventListener(type: 'scroll', listener: () => void, options?: AddEventListenerOptions): void;
    removeEventListener(type: 'scroll', listener: () => void): void;
  };
}

/** A running watch: `measure` reads the active step now (even between frames), `stop` ends the watch. */
export interface StepWatch {
  measure(): string | undefined;
  stop(): void;
}

/**
 * Calls `onChange` with the active step ID at the next frame and whenever it changes while the page scrolls or
 * resizes. Work per frame is one getBoundingClientRect per step, batched in requestAnimationFrame: the first reading
 * too, so a freshly mounted article is laid out by the browser's own frame, never forced while it is being built.
 */
export function watchActiveStep(
  elements: readonly HTMLElement[],
  onChange: (stepId: string) => void,
  options: WatchOptions = {},
): StepWatch {
  const line = options.line ?? (() => window.innerHeight / 2);
  const scroller = options.scroller ?? window;
  let current: string | undefined;
  let frame = 0;

  const measure = (): string | undefined => {
    frame = 0;
    const boxes = elements.map((element) => {
      const rect = element.getBoundingClientRect();
      return { id: element.dataset.step ?? '', top: rect.top, bottom: rect.bottom };
    });
    const next = pickActiveStep(boxes, line());
    if (next && next !== current) {
      current = next;
      onChange(next);
    }
    return current;
  };
  const schedule = (): void => {
    if (!frame) frame = requestAnimationFrame(measure);
  };

  scroller.addEventListener('scroll', schedule, { passive: true });
  window.addEventListener('resize', schedule, { passive: true });
  schedule();
  return {
    measure,
    stop: () => {
      if (frame) cancelAnimationFrame(frame);
      scroller.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
    },
  };
}

/**
 * The middle of the part of the window where text can be read: below an element pinned at the top (the map in the
 * narrow layout), or the middle of the whole window when nothing covers the text.
 * @param pinnedTop the element pinned above the text, if the layout pins one there
 */
export function readingLine(pinnedTop: HTMLElement | undefined): number {
  const height = window.innerHeight;
  const box = pinnedTop?.getBoundingClientRect();
  const covered = box && box.top <= 1 && box.bottom > 0 ? Math.min(box.bottom, height / 2) : 0;
  return covered + (height - covered) / 2;
}

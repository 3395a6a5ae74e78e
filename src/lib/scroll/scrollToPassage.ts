// Brings a passage or a step into view, smoothly unless motion is reduced, and makes sure it arrives.

/** Scrolls the passage with `data-passage="passageId"` inside `root` to the middle of the screen (bringIntoView). */
export function scrollToPassage(root: ParentNode, passageId: string, reducedMotion: boolean): void {
  const element = root.querySelector<HTMLElement>(`[data-passage="${CSS.escape(passageId)}"]`);
  if (element) bringIntoView(element, reducedMotion);
}

/**
 * Scrolls `element` to the middle of the screen, smoothly unless `instant`. A smooth scroll can be cut short
 * (another scroll, a busy main thread on a slow phone), and steps the page had not yet laid out (content-visibility)
 * take their real height as they come into view: once scrolling has stopped (after an instant jump, two frames
 * later), the element is checked and jumped to again if it did not arrive.
 */
export function bringIntoView(element: HTMLElement, instant: boolean): void {
  const jumpIfAway = (): void => {
    const box = element.getBoundingClientRect();
    if (box.bottom < 0 || box.top > window.innerHeight)
      element.scrollIntoView({ block: 'center', behavior: 'instant' });
  };
  element.scrollIntoView({ block: 'center', behavior: instant ? 'instant' : 'smooth' });
  if (instant) {
    requestAnimationFrame(() => requestAnimationFrame(jumpIfAway));
    return;
  }
  const stop = (): void => {
    clearTimeout(fallback);
    window.removeEventListener('scrollend', check);
    for (const type of READER_SCROLLS) window.removeEventListener(type, stop, true);
  };
  const check = (): void => {
    stop();
    jumpIfAway();
  };
  // Browsers without scrollend: check once a smooth scroll has surely ended.
  const fallback = setTimeout(check, 3000);
  window.addEventListener('scrollend', check, { once: true });
  // The reader scrolling on their own (the passage was already in view and nothing moved, or they cut the scroll
  // short) is never undone: the check is dropped.
  for (const type of READER_SCROLLS) window.addEventListener(type, stop, { capture: true, passive: true });
}

/** What a reader does to scroll. */
const READER_SCROLLS = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;

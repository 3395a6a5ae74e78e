// Work split into slices, each in a task of its own, leaves the browser free between them to paint and to answer
// the reader: no one slice makes a long task on a slow phone.

/** Resolves in a later task (after anything the browser has queued meanwhile). */
export const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Runs `callback` in a task after the next frame, whose style and layout are done by then: what it reads there costs
 * no layout, and what the page shows first is painted before it runs. Returns a function that cancels it.
 */
export function afterNextFrame(callback: () => void, win: Window = window): () => void {
  let timer: number | undefined;
  const frame = win.requestAnimationFrame(() => {
    timer = win.setTimeout(callback, 0);
  });
  return () => {
    win.cancelAnimationFrame(frame);
    if (timer !== undefined) win.clearTimeout(timer);
  };
}

/** Runs `task` when the browser is idle, or after `timeoutMs` at the latest (soon, where it cannot tell). */
export function whenIdle(task: () => void, timeoutMs = 2000): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: timeoutMs });
  else setTimeout(task, 200);
}

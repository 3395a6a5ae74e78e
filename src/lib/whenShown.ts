// Waiting for an element that another component renders, possibly once its code has loaded.

/**
 * Resolves once an element matching `selector` is inside `root` (at once when it already is), or after `timeoutMs`
 * without it. Never rejects.
 */
export function whenShown(root: Element, selector: string, timeoutMs: number): Promise<void> {
  if (root.querySelector(selector)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    };
    const observer = new MutationObserver(() => {
      if (root.querySelector(selector)) done();
    });
    const timer = setTimeout(done, timeoutMs);
    observer.observe(root, { childList: true, subtree: true });
  });
}

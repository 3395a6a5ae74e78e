// Runs a callback once the page's first contentful paint has reached the screen: the text (and the map preview) are
// shown before any of the explainer's code is fetched, parsed or run. The browser reports that paint to a
// PerformanceObserver after presenting it. A browser without paint timing, or a page that paints nothing while it
// is hidden, gets the callback after LATEST_MS instead.

/** How long to wait for a paint report before starting anyway. */
const LATEST_MS = 5000;

export function afterFirstPaint(callback: () => void): void {
  let done = false;
  const run = (): void => {
    if (done) return;
    done = true;
    callback();
  };
  try {
    new PerformanceObserver((list, observer) => {
      if (list.getEntriesByName('first-contentful-paint').length === 0) return;
      observer.disconnect();
      run();
    }).observe({ type: 'paint', buffered: true });
  } catch {
    // No paint timing: the timer below starts it.
  }
  setTimeout(run, LATEST_MS);
}

// @vitest-environment jsdom
// When the WebGL map starts: at the reader's first sign of intent, once, saying what it was; after a quiet while
// when the reader does nothing; after the next frame when the page was already scrolled, or the pointer already on the
// explainer, before the watch began (read at once, they would force the browser's layout inside the caller's task).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchIntent, type Intent } from '../../src/lib/map/intent.ts';

function setUp(): { root: HTMLElement; map: HTMLElement; started: Intent[] } {
  document.body.innerHTML = '<div class="explainer"><figure data-map></figure></div>';
  const root = document.querySelector<HTMLElement>('.explainer') as HTMLElement;
  const map = document.querySelector<HTMLElement>('[data-map]') as HTMLElement;
  return { root, map, started: [] };
}

/** Resolves in a task after the next frame. */
const afterNextFrame = (): Promise<void> =>
  new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

afterEach(() => {
  vi.useRealTimers();
  window.scrollY = 0;
});

describe('watchIntent', () => {
  it('starts once, at the first pointer move inside the explainer, and names it', () => {
    const { root, map, started } = setUp();
    watchIntent({ root, map, embedded: false }, (intent) => started.push(intent));
    expect(started).toEqual([]);
    map.dispatchEvent(new Event('pointermove', { bubbles: true }));
    window.dispatchEvent(new Event('scroll'));
    root.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true }));
    expect(started).toEqual(['pointer']);
  });

  it('counts a scroll of the page, and nothing outside the explainer', () => {
    const { root, map, started } = setUp();
    watchIntent({ root, map, embedded: false }, (intent) => started.push(intent));
    document.body.dispatchEvent(new Event('pointermove', { bubbles: true }));
    expect(started).toEqual([]);
    window.dispatchEvent(new Event('scroll'));
    expect(started).toEqual(['scroll']);
  });

  it('starts after the idle wait when the reader does nothing, and not before', () => {
    vi.useFakeTimers();
    const { root, map, started } = setUp();
    watchIntent({ root, map, embedded: false, idleMs: 8000 }, (intent) => started.push(intent));
    vi.advanceTimersByTime(7999);
    expect(started).toEqual([]);
    vi.advanceTimersByTime(2001);
    expect(started).toEqual(['idle']);
  });

  it('takes a page already scrolled when the watch begins as a scroll, read after the next frame', async () => {
    const { root, map, started } = setUp();
    const scrollY = vi.spyOn(window, 'scrollY', 'get').mockReturnValue(300);
    watchIntent({ root, map, embedded: false }, (intent) => started.push(intent));
    expect(scrollY).not.toHaveBeenCalled();
    await afterNextFrame();
    expect(started).toEqual(['scroll']);
    scrollY.mockRestore();
  });

  it('takes a pointer already resting on the explainer when the watch begins as a pointer, read after the next frame', async () => {
    const { root, map, started } = setUp();
    const matches = vi.spyOn(root, 'matches').mockImplementation((selector) => selector === ':hover');
    watchIntent({ root, map, embedded: true }, (intent) => started.push(intent));
    await Promise.resolve();
    expect(matches).not.toHaveBeenCalled();
    expect(started).toEqual([]);
    await afterNextFrame();
    expect(started).toEqual(['pointer']);
    matches.mockRestore();
  });

  it('reads nothing after it is stopped before the next frame', async () => {
    const { root, map, started } = setUp();
    const matches = vi.spyOn(root, 'matches').mockImplementation((selector) => selector === ':hover');
    const stop = watchIntent({ root, map, embedded: true }, (intent) => started.push(intent));
    stop();
    await afterNextFrame();
    expect(matches).not.toHaveBeenCalled();
    expect(started).toEqual([]);
    matches.mockRestore();
  });

  it('stops: nothing starts after the returned function is called', () => {
    const { root, map, started } = setUp();
    const stop = watchIntent({ root, map, embedded: false }, (intent) => started.push(intent));
    stop();
    map.dispatchEvent(new Event('pointermove', { bubbles: true }));
    expect(started).toEqual([]);
  });
});

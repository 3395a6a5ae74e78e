// @vitest-environment jsdom
// A passage or step scrolled to arrives: an instant jump that left it out of view (steps below it laid out late,
// content-visibility) is made again two frames later; a smooth scroll is checked when scrolling ends.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bringIntoView, scrollToPassage } from '../../src/lib/scroll/scrollToPassage.ts';

/** A passage whose box is at `tops` in turn, one per reading (the last repeats). */
function passage(tops: number[]): { element: HTMLElement; scrolls: ScrollIntoViewOptions[] } {
  document.body.innerHTML = '<p data-passage="p3">Sudzha</p>';
  const element = document.querySelector<HTMLElement>('[data-passage="p3"]') as HTMLElement;
  const scrolls: ScrollIntoViewOptions[] = [];
  element.scrollIntoView = (options?: boolean | ScrollIntoViewOptions) => {
    scrolls.push(typeof options === 'object' ? options : {});
  };
  let reading = 0;
  element.getBoundingClientRect = () => {
    const top = tops[Math.min(reading++, tops.length - 1)] ?? 0;
    return { top, bottom: top + 40, left: 0, right: 100, width: 100, height: 40, x: 0, y: top } as DOMRect;
  };
  return { element, scrolls };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame'] });
  window.innerHeight = 800;
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('bringIntoView', () => {
  it('jumps again two frames after an instant jump that left the element out of view', () => {
    const { element, scrolls } = passage([2400]);
    bringIntoView(element, true);
    expect(scrolls).toEqual([{ block: 'center', behavior: 'instant' }]);
    vi.advanceTimersToNextFrame();
    expect(scrolls).toHaveLength(1);
    vi.advanceTimersToNextFrame();
    expect(scrolls).toEqual([
      { block: 'center', behavior: 'instant' },
      { block: 'center', behavior: 'instant' },
    ]);
  });

  it('leaves an element that arrived where it is', () => {
    const { element, scrolls } = passage([380]);
    bringIntoView(element, true);
    vi.advanceTimersToNextFrame();
    vi.advanceTimersToNextFrame();
    expect(scrolls).toHaveLength(1);
  });

  it('never undoes the reader’s own scroll: a wheel, touch, key or press before the check drops it', () => {
    for (const type of ['wheel', 'touchstart', 'keydown', 'pointerdown']) {
      // The passage was in view, so the smooth scroll moved nothing; the reader then scrolled far away.
      const { element, scrolls } = passage([-2900]);
      bringIntoView(element, false);
      window.dispatchEvent(new Event(type));
      window.dispatchEvent(new Event('scrollend'));
      vi.advanceTimersByTime(3000);
      expect(scrolls, type).toEqual([{ block: 'center', behavior: 'smooth' }]);
    }
  });

  it('checks a smooth scroll when scrolling ends, once', () => {
    const { element, scrolls } = passage([-900]);
    bringIntoView(element, false);
    expect(scrolls).toEqual([{ block: 'center', behavior: 'smooth' }]);
    window.dispatchEvent(new Event('scrollend'));
    expect(scrolls.at(-1)).toEqual({ block: 'center', behavior: 'instant' });
    // The fallback check was cleared with the scrollend one.
    vi.advanceTimersByTime(5000);
    window.dispatchEvent(new Event('scrollend'));
    expect(scrolls).toHaveLength(2);
  });

  it('checks a smooth scroll after 3 s where no scrollend comes', () => {
    const { element, scrolls } = passage([1800]);
    bringIntoView(element, false);
    vi.advanceTimersByTime(2999);
    expect(scrolls).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(scrolls).toHaveLength(2);
  });
});

describe('scrollToPassage', () => {
  it('finds the passage by its ID, whatever characters it holds, and does nothing for an unknown one', () => {
    // JSDOM has no CSS.escape: the browser's escapes every character that is not a plain identifier one.
    vi.stubGlobal('CSS', { escape: (value: string) => value.replace(/[^\w-]/g, '\\$&') });
    const { scrolls } = passage([380]);
    document.querySelector('[data-passage]')?.setAttribute('data-passage', 'p"3]');
    scrollToPassage(document, 'p"3]', true);
    expect(scrolls).toHaveLength(1);
    scrollToPassage(document, 'p4', true);
    expect(scrolls).toHaveLength(1);
  });
});

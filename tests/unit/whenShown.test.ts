// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { whenShown } from '../../src/lib/whenShown.ts';

describe('whenShown', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves at once when the element is there, and when it is added, not before', async () => {
    const root = document.createElement('div');
    root.innerHTML = '<p class="card"></p>';
    await expect(whenShown(root, '.card', 10_000)).resolves.toBeUndefined();

    const empty = document.createElement('div');
    let shown = false;
    const waiting = whenShown(empty, '.card', 10_000).then(() => (shown = true));
    empty.append(document.createElement('span'));
    await Promise.resolve();
    await Promise.resolve();
    expect(shown).toBe(false);
    const inner = document.createElement('div');
    inner.innerHTML = '<section class="card"></section>';
    empty.append(inner);
    await waiting;
    expect(shown).toBe(true);
  });

  it('gives up after the time allowed', async () => {
    vi.useFakeTimers();
    const root = document.createElement('div');
    let shown = false;
    const waiting = whenShown(root, '.card', 1000).then(() => (shown = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(shown).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    expect(shown).toBe(true);
  });
});

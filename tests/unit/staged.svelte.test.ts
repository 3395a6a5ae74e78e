// @vitest-environment jsdom
// Parts of a mounted explainer that come tasks after the rest (src/lib/staged.svelte.ts).
import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { shownAfterTasks } from '../../src/lib/staged.svelte.ts';
import { nextTask } from '../../src/lib/nextTask.ts';

type Flag = ReturnType<typeof shownAfterTasks>;

/** Flags made as a component would make them while it initialises; `stop` destroys that component. */
function create(make: () => Flag[]): { flags: Flag[]; stop: () => void } {
  let flags: Flag[] = [];
  const stop = $effect.root(() => {
    flags = make();
  });
  flushSync();
  return { flags, stop };
}

describe('shownAfterTasks', () => {
  it('is true at once for a part already in the markup (hydrated)', () => {
    const { flags, stop } = create(() => [shownAfterTasks(true, 2)]);
    expect(flags[0]?.shown).toBe(true);
    stop();
  });

  it('is false while mounting, and true from the task it waits for, not before', async () => {
    const { flags, stop } = create(() => [shownAfterTasks(false), shownAfterTasks(false, 2)]);
    const [next, afterNext] = flags;
    expect([next?.shown, afterNext?.shown]).toEqual([false, false]);
    await nextTask();
    expect([next?.shown, afterNext?.shown]).toEqual([true, false]);
    await nextTask();
    expect([next?.shown, afterNext?.shown]).toEqual([true, true]);
    stop();
  });

  it('never comes once its component is gone', async () => {
    const { flags, stop } = create(() => [shownAfterTasks(false, 2)]);
    await nextTask();
    stop();
    await nextTask();
    await nextTask();
    expect(flags[0]?.shown).toBe(false);
  });
});

// An island: a part of the explainer started in a task of its own after the rest, so that the page's hydration is
// not one long task on a slow phone. The build prerenders its markup into its element (src/build/prerender/page.ts),
// which it then hydrates; where nothing was prerendered (the script embed, development) it is mounted there. Its
// code loads then: the page's first script does without it.
import { hydrate, mount, unmount, untrack, type Component } from 'svelte';
import { nextTask } from './nextTask.ts';

/**
 * Starts the component that `load` imports in `target`, a task later, with `props`. Returns a function that stops it
 * (or stops it from starting). A failure leaves the prerendered markup as it was and says so in the console.
 */
export function startIsland<Props extends Record<string, unknown>>(
  target: HTMLElement,
  load: () => Promise<{ default: Component<Props> }>,
  props: Props,
  name: string,
): () => void {
  let started: ReturnType<typeof mount> | undefined;
  let stopped = false;
  // Even the request for its code waits a task: its preload links were a third of the effects' time.
  void nextTask()
    .then(load)
    .then(({ default: island }) => {
      if (stopped) return;
      const prerendered = target.firstChild !== null;
      started = untrack(() => (prerendered ? hydrate : mount)(island, { target, props }));
    })
    .catch((error: unknown) => console.warn(`The ${name} could not be started:`, error));
  return () => {
    stopped = true;
    if (started) void unmount(started);
  };
}

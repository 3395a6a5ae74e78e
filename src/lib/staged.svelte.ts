// Parts of the explainer that are mounted rather than hydrated (the script embed, development) come in tasks after
// the rest: mounted together they made one long task of the host page. Hydrated, they are in the markup already.
import { nextTask } from './nextTask.ts';

/**
 * A flag for a part of a component: true at once when `now`, else true `tasks` tasks after the component mounted.
 * Call it while the component initialises (it sets up an effect there).
 */
export function shownAfterTasks(now: boolean, tasks = 1): { readonly shown: boolean } {
  let shown = $state(now);
  $effect(() => {
    if (shown) return;
    let stopped = false;
    void (async () => {
      for (let task = 0; task < tasks && !stopped; task++) await nextTask();
      if (!stopped) shown = true;
    })();
    return () => {
      stopped = true;
    };
  });
  return {
    get shown() {
      return shown;
    },
  };
}
